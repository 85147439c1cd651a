"""Who may do what in communities."""

import rules

from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import affiliations_of, is_network_member

from .models import CommunityMembership


def community_roles(user) -> dict[int, tuple[str, str]]:
    """{community id: (role, status)} for a user, memoised per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_tashbeek_communities", None)
    if cached is None:
        rows = CommunityMembership.objects.filter(user=user).values_list(
            "community_id", "role", "status"
        )
        cached = {pk: (role, status) for pk, role, status in rows}
        user._tashbeek_communities = cached
    return cached


@rules.predicate
def is_coordinator(user, community) -> bool:
    entry = community and community_roles(user).get(community.pk)
    return bool(entry) and entry == ("coordinator", "active")


@rules.predicate
def is_community_member(user, community) -> bool:
    entry = community_roles(user).get(community.pk) if community else None
    return entry is not None and entry[1] == "active"


@rules.predicate
def takes_part_somewhere(user) -> bool:
    return any(status == "active" for _role, status in community_roles(user).values())


rules.add_perm("communities.add_community", is_secretariat)


@rules.predicate
def works_for_partner(user) -> bool:
    return any(relation == "partner" for _role, relation, _s in affiliations_of(user).values())


# Staff of partners (ministries, NGOs, universities, donors) take part as invited guests: they
# may ask to join any community, and a coordinator decides (see services.community_join).
rules.add_perm("communities.join_community", is_network_member | works_for_partner)
# Like staff contacts in the directory: who takes part is for people of the network.
rules.add_perm("communities.view_members", is_network_member)
rules.add_perm("communities.manage_community", is_coordinator | is_secretariat)


@rules.predicate
def is_own_membership(user, membership) -> bool:
    return membership is not None and membership.user_id == user.pk


@rules.predicate
def manages_membership_community(user, membership) -> bool:
    return membership is not None and (
        is_coordinator(user, membership.community) or is_secretariat(user)
    )


# A membership is its person's (to read and to leave) and its community's coordinators' (to
# read, approve, decline or remove); the API lists exactly these.
holds_or_manages = is_own_membership | manages_membership_community
rules.add_perm("communities.view_membership", holds_or_manages)
rules.add_perm("communities.change_membership", holds_or_manages)
rules.add_perm("communities.approve_membership", manages_membership_community)
