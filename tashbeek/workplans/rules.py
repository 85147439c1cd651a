"""Work plans are public like the community page; its coordinators and the secretariat
write them."""

import rules

from tashbeek.communities.rules import is_coordinator
from tashbeek.core.permissions import is_secretariat

rules.add_perm("workplans.view_plan", rules.always_allow)
rules.add_perm("workplans.change_plan", is_coordinator | is_secretariat)
