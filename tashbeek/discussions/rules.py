"""Who takes part in discussions: the community's members read and write, its coordinators
(and the secretariat) hide posts; anyone who can read a post can report it.

The first three take a community; the others a thread or a post, decided by its community,
so the API checks them against the object it acts on."""

import rules

from tashbeek.communities.rules import is_community_member, is_coordinator, takes_part_somewhere
from tashbeek.core.permissions import is_secretariat

from .models import Post

rules.add_perm("discussions.view_discussions", is_community_member | is_secretariat)
rules.add_perm("discussions.post", is_community_member | is_secretariat)
rules.add_perm("discussions.moderate", is_coordinator | is_secretariat)


def _community(obj):
    """The community of a thread or of a post."""
    return obj.thread.community if isinstance(obj, Post) else obj.community


@rules.predicate
def takes_part_in(user, obj) -> bool:
    return obj is not None and is_community_member(user, _community(obj))


@rules.predicate
def moderates(user, obj) -> bool:
    return obj is not None and is_coordinator(user, _community(obj))


# Starting a thread needs a community to start it in (the service checks which).
rules.add_perm("discussions.start_thread", takes_part_somewhere | is_secretariat)
rules.add_perm("discussions.take_part", takes_part_in | is_secretariat)
rules.add_perm("discussions.hide_post", moderates | is_secretariat)
