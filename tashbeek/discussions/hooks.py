"""What discussions add to other apps' pages (core.slots)."""

from tashbeek.communities.slots import COMMUNITY_PAGE

from .selectors import threads_of


@COMMUNITY_PAGE.register
def community_threads(*, community, user) -> dict:
    can_discuss = user.has_perm("discussions.view_discussions", community)
    return {"can_discuss": can_discuss, "threads": threads_of(community)[:5] if can_discuss else []}
