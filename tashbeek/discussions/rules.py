"""Who takes part in discussions: the community's members read and write, its coordinators
(and the secretariat) hide posts; anyone who can read a post can report it."""

import rules

from tashbeek.communities.rules import is_community_member, is_coordinator
from tashbeek.core.permissions import is_secretariat

rules.add_perm("discussions.view_discussions", is_community_member | is_secretariat)
rules.add_perm("discussions.post", is_community_member | is_secretariat)
rules.add_perm("discussions.moderate", is_coordinator | is_secretariat)
