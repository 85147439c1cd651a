"""The audit actions of discussions, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "discussions.thread.started": _("Discussion started"),
        "discussions.post.created": _("Post written"),
        "discussions.post.reply": _("Reply written"),
        "discussions.post.hidden": _("Post hidden"),
        "discussions.post.shown": _("Post shown again"),
        "discussions.post.reported": _("Post reported"),
    }
)
