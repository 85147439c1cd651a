"""What work plans add to other apps' pages (core.slots)."""

from django.utils import timezone

from tashbeek.communities.slots import COMMUNITY_PAGE

from .selectors import progress


@COMMUNITY_PAGE.register
def community_plan(*, community, user) -> dict:
    year = timezone.localdate().year
    return {"year": year, "plan": progress(community, year)}
