"""The audit actions of communities, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "communities.community.created": _("Community created"),
        "communities.membership.joined": _("Joined a community"),
        "communities.membership.requested": _("Asked to join a community"),
        "communities.membership.approved": _("Community membership approved"),
        "communities.membership.ended": _("Left the community"),
    }
)
