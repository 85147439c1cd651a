"""What search needs to know of communities: the ones a reader is active in."""

from tashbeek.search.sources import register_reader

from .rules import community_roles


def active_communities(user) -> list[int]:
    return [pk for pk, (_role, status) in community_roles(user).items() if status == "active"]


register_reader(communities=active_communities)
