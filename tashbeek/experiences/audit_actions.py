"""The audit actions of experiences, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "experiences.experience.created": _("Experience drafted"),
        "experiences.experience.updated": _("Experience changed"),
        "experiences.experience.imported": _("Experience imported"),
        "experiences.experience.submitted": _("Experience sent for review"),
        "experiences.experience.published": _("Experience published"),
        "experiences.experience.returned": _("Experience returned to its authors"),
        "experiences.experience.unpublished": _("Experience unpublished"),
        "experiences.experience.file_added": _("File added to an experience"),
        "experiences.experience.file_removed": _("File removed from an experience"),
        "experiences.experience.question_sent": _("Question sent to the authors"),
    }
)
