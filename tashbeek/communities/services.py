"""Writes for communities: creation, joining (open or on request), approval, leaving."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Organisation
from tashbeek.members.rules import is_network_member
from tashbeek.notifications.services import notify

from .models import Community, CommunityMembership

FIELDS = ["slug", "names", "purposes", "kind", "join_policy", "parent", "region", "themes"]


@transaction.atomic
def community_create(*, by: User, data: dict, coordinators: Iterable[User] = ()) -> Community:
    """The secretariat opens a community and names its coordinators."""
    if not by.has_perm("communities.add_community"):
        raise PermissionDenied(_("Only the secretariat creates communities."))
    data = dict(data)
    themes = data.pop("themes", [])
    for key in ("names", "purposes"):
        data[key] = clean_translations(data.get(key))
    community = Community(**data)
    community.full_clean()
    community.save()
    community.themes.set(themes)
    for person in coordinators:
        CommunityMembership.objects.update_or_create(
            community=community,
            user=person,
            defaults={"role": CommunityMembership.Role.COORDINATOR, "status": "active"},
        )
    audit_record(
        actor=by,
        action="communities.community.created",
        obj=community,
        after={**snapshot(community, FIELDS), "coordinators": [p.pk for p in coordinators]},
    )
    return community


def coordinators_of(community: Community) -> list[User]:
    return [
        m.user
        for m in community.memberships.filter(role="coordinator", status="active").select_related(
            "user"
        )
    ]


@transaction.atomic
def community_join(
    *, community: Community, user: User, organisation: Organisation | None = None
) -> CommunityMembership:
    """Join an open community at once, or ask to join one "on request"."""
    if not user.has_perm("communities.join_community"):
        raise PermissionDenied(_("Communities are for people of the network's members."))
    existing = CommunityMembership.objects.filter(community=community, user=user).first()
    if existing:
        return existing
    guest = not is_network_member(user)  # a partner's staff member: always by request
    pending = guest or community.join_policy == Community.JoinPolicy.REQUEST
    membership = CommunityMembership.objects.create(
        community=community,
        user=user,
        organisation=organisation,
        status=CommunityMembership.Status.PENDING if pending else CommunityMembership.Status.ACTIVE,
    )
    audit_record(
        actor=user,
        action="communities.membership.requested" if pending else "communities.membership.joined",
        obj=community,
        after={"user": user.pk, "status": membership.status},
    )
    if pending:
        notify(
            users=coordinators_of(community),
            action="communities.membership.requested",
            message=gettext_noop("%(person)s asks to join %(community)s."),
            context={"person": user.full_name, "community": community.names},
            url=community.get_absolute_url(),
        )
    return membership


@transaction.atomic
def membership_approve(*, membership: CommunityMembership, by: User) -> CommunityMembership:
    community = membership.community
    if not by.has_perm("communities.manage_community", community):
        raise PermissionDenied(_("Only a coordinator approves requests."))
    membership = CommunityMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != CommunityMembership.Status.PENDING:
        raise ValidationError(_("This request has already been handled."))
    membership.status = CommunityMembership.Status.ACTIVE
    membership.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="communities.membership.approved",
        obj=community,
        after={"user": membership.user_id},
    )
    notify(
        users=[membership.user],
        action="communities.membership.approved",
        message=gettext_noop("You are now a member of %(community)s."),
        context={"community": community.names},
        url=community.get_absolute_url(),
    )
    return membership


@transaction.atomic
def membership_leave(*, membership: CommunityMembership, by: User) -> None:
    """Leave (or, for a coordinator or the secretariat, remove someone / decline a request)."""
    community = membership.community
    if by.pk != membership.user_id and not by.has_perm("communities.manage_community", community):
        raise PermissionDenied
    before = {"user": membership.user_id, "role": membership.role, "status": membership.status}
    membership.delete()
    audit_record(actor=by, action="communities.membership.ended", obj=community, before=before)
