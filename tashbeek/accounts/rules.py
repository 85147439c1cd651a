"""Accounts: everyone signed in manages their own profile."""

import rules

from tashbeek.core.permissions import is_privileged

rules.add_perm("accounts.view_profile", rules.is_authenticated)
rules.add_perm("accounts.use_mfa", is_privileged)
