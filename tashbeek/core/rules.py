"""Permissions of the core pages: the audit log is the secretariat's."""

import rules

from .permissions import is_secretariat

rules.add_perm("core.view_auditentry", is_secretariat)
