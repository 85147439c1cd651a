"""Work plans are public like the community page; its coordinators, the secretariat and the
steering committee (which prepares and approves the network's annual work plan) write them."""

import rules

from tashbeek.communities.rules import is_coordinator
from tashbeek.core.permissions import is_committee_member, is_secretariat

rules.add_perm("workplans.change_plan", is_coordinator | is_secretariat | is_committee_member)
