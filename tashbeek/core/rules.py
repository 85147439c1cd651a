"""Permissions of the core pages: the audit log and the e-mail outbox are the secretariat's."""

import rules

from .permissions import is_secretariat

rules.add_perm("core.view_auditentry", is_secretariat)
rules.add_perm("core.manage_outbox", is_secretariat)
# API actions on one object check "signed in" first; the service then checks the precise rule
# against the object (so a visitor gets 401, a signed-in person without the right 403).
rules.add_perm("core.signed_in", rules.is_authenticated)
