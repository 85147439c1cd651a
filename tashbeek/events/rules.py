"""Who may do what with events: coordinators organise their community's events; the
secretariat any; the steering committee the network's own (no community: its meetings,
assemblies and conferences); any signed-in person registers."""

import rules

from tashbeek.communities.rules import community_roles, is_coordinator
from tashbeek.core.permissions import is_committee_member, is_secretariat


@rules.predicate
def coordinates_something(user) -> bool:
    return any(entry == ("coordinator", "active") for entry in community_roles(user).values())


@rules.predicate
def organises(user, event) -> bool:
    return (
        event is not None and event.community is not None and is_coordinator(user, event.community)
    )


@rules.predicate
def is_network_event(user, event) -> bool:
    return event is not None and event.community_id is None


organises_network_events = is_secretariat | is_committee_member

rules.add_perm("events.add_event", coordinates_something | organises_network_events)
# Events with no community are the network's own: the secretariat and the committee run them.
rules.add_perm("events.add_network_event", organises_network_events)
rules.add_perm(
    "events.change_event", organises | is_secretariat | (is_committee_member & is_network_event)
)
rules.add_perm("events.register_event", rules.is_authenticated)
