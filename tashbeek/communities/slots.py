"""The community page's slot: other apps add their part of a community (its events,
library, experiences, work plan, discussions) from their hooks.py (core.slots)."""

from tashbeek.core.slots import Slot

# provider(*, community, user) -> dict of template context
COMMUNITY_PAGE = Slot("community page")
