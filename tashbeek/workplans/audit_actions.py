"""The audit actions of work plans, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "workplans.item.created": _("Work-plan activity added"),
        "workplans.item.updated": _("Work-plan activity changed"),
        "workplans.item.deleted": _("Work-plan activity removed"),
    }
)
