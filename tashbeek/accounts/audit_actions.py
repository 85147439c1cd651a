"""The audit actions of accounts, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "accounts.user.registered": _("Person signed up"),
        "accounts.user.verified": _("E-mail address verified"),
        "accounts.user.updated": _("Profile changed"),
    }
)
