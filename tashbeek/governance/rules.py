"""Who may do what in governance. The secretariat and a body's chairs convene and record; the
people of a body's seats read its internal papers; an organisation's designated voter votes
(its focal person, or the person the focal person delegates); members read what is for
members; everyone reads what is public."""

import rules
from django.db.models import Q
from django.utils import timezone

from tashbeek.core.permissions import is_committee_member, is_secretariat
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.rules import affiliations_of, is_focal_person_of, is_network_member

from .models import Body, Seat, VoterDelegation
from .models.bodies import current_seats_q


def bodies_of(user) -> frozenset[int]:
    """Ids of the bodies where the user holds a seat today, in person, as the representative
    or substitute, or through an organisation they work for (memoised per request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_tashbeek_bodies", None)
    if cached is None:
        holder = Q(person=user) | Q(substitute=user) | Q(organisation__in=affiliations_of(user))
        seats = Seat.objects.filter(current_seats_q(timezone.localdate()), holder)
        cached = frozenset(seats.values_list("body_id", flat=True))
        user._tashbeek_bodies = cached
    return cached


def body_of(obj) -> Body | None:
    """The body a governance object belongs to (a body, a meeting, an agenda item or its
    paper, a ballot, an action)."""
    if obj is None or isinstance(obj, Body):
        return obj
    if hasattr(obj, "item"):  # a paper of an agenda item
        obj = obj.item
    if hasattr(obj, "meeting"):
        obj = obj.meeting
    return getattr(obj, "body", None)


@rules.predicate
def chairs(user, obj) -> bool:
    body = body_of(obj)
    return body is not None and body.chairs.filter(pk=user.pk).exists()


@rules.predicate
def chairs_a_body(user) -> bool:
    return Body.objects.filter(chairs=user).exists()


@rules.predicate
def sits_on(user, obj) -> bool:
    body = body_of(obj)
    return body is not None and body.pk in bodies_of(user)


@rules.predicate
def is_designated_voter(user, organisation) -> bool:
    """The delegate when the focal person named one; otherwise the focal person."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    delegate = (
        VoterDelegation.objects.filter(organisation=organisation)
        .values_list("person_id", flat=True)
        .first()
    )
    if delegate is not None:
        return delegate == user.pk
    return is_focal_person_of(user, organisation)


@rules.predicate
def works_for_an_organisation(user) -> bool:
    return bool(affiliations_of(user))


@rules.predicate
def speaks_for_an_active_member(user) -> bool:
    """The focal person of a member in good standing: who may put it forward for a seat."""
    return any(
        role == Affiliation.Role.FOCAL
        and relation == Organisation.Relation.MEMBER
        and status == Organisation.Status.ACTIVE
        for role, relation, status in affiliations_of(user).values()
    )


@rules.predicate
def is_public_paper(user, paper) -> bool:
    return bool(getattr(paper, "public", False))


@rules.predicate
def owns_action(user, action) -> bool:
    return action is not None and (
        action.owner_person_id == user.pk or action.owner_organisation_id in affiliations_of(user)
    )


# Chairs run their own body's meetings and ballots; the secretariat runs every body's.
runs_body = is_secretariat | (rules.is_authenticated & chairs)

rules.add_perm("governance.manage_bodies", is_secretariat)
# May prepare something for a body (a meeting, a ballot); which body is checked by the service.
rules.add_perm("governance.run_bodies", is_secretariat | (rules.is_authenticated & chairs_a_body))
rules.add_perm("governance.manage_body", runs_body)
reads_body_papers = runs_body | sits_on | is_committee_member
rules.add_perm("governance.view_body_papers", reads_body_papers)
rules.add_perm("governance.view_paper", is_public_paper | reads_body_papers)
rules.add_perm("governance.view_members_only", is_network_member)
rules.add_perm("governance.vote", is_designated_voter)
# The API's gate before the service asks "for which organisation": people of one.
rules.add_perm("governance.cast_votes", works_for_an_organisation)
rules.add_perm("governance.delegate_vote", is_focal_person_of | is_secretariat)
rules.add_perm("governance.stand_for_election", is_focal_person_of)
rules.add_perm("governance.stand_for_a_member", speaks_for_an_active_member)
rules.add_perm("governance.update_action", owns_action | runs_body)
