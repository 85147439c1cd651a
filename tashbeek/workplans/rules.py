"""Work plans are public like the community page; its coordinators, the secretariat and the
steering committee (which prepares and approves the network's annual work plan) write them."""

import rules

from tashbeek.communities.rules import community_roles, is_coordinator
from tashbeek.core.permissions import is_committee_member, is_secretariat

# On a community (the web pages) ...
rules.add_perm("workplans.change_plan", is_coordinator | is_secretariat | is_committee_member)


@rules.predicate
def coordinates_somewhere(user) -> bool:
    return ("coordinator", "active") in community_roles(user).values()


@rules.predicate
def coordinates_item_community(user, item) -> bool:
    return item is not None and is_coordinator(user, item.community)


# ... and for the API: adding an item needs a community to write for (the service checks
# which), changing one is decided by the item's own community.
writes_network_plans = is_secretariat | is_committee_member
rules.add_perm("workplans.add_item", coordinates_somewhere | writes_network_plans)
rules.add_perm("workplans.change_item", coordinates_item_community | writes_network_plans)
