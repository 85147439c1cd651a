"""What events add to other apps' pages (core.slots)."""

from tashbeek.communities.slots import COMMUNITY_PAGE

from .selectors import upcoming_for_community


@COMMUNITY_PAGE.register
def community_events(*, community, user) -> dict:
    return {"events": upcoming_for_community(community)}
