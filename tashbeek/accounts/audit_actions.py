"""The audit actions of accounts, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "accounts.user.registered": _("Person signed up"),
        "accounts.user.verified": _("E-mail address verified"),
        "accounts.user.updated": _("Profile changed"),
        "accounts.user.mfa_enabled": _("Second factor set up"),
        "accounts.user.mfa_recovery_used": _("Recovery code used"),
        "accounts.user.password_changed": _("Password changed"),
        "accounts.token.created": _("API token created"),
        "accounts.token.revoked": _("API token revoked"),
    }
)
