"""The audit actions of core, with the labels the audit log shows."""

from django.utils.translation import gettext_lazy as _

from .audit import register_actions

register_actions({"core.outbox.retried": _("E-mail sent again")})
