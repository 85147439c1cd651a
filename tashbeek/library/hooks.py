"""What the library adds to other apps' pages (core.slots)."""

from tashbeek.communities.slots import COMMUNITY_PAGE
from tashbeek.events.slots import EVENT_PAGE

from .selectors import documents_visible_to, for_community


@COMMUNITY_PAGE.register
def community_documents(*, community, user) -> dict:
    return {"documents": for_community(user=user, community=community, limit=8)}


@EVENT_PAGE.register
def event_materials(*, event, user) -> dict:
    """Library documents attached to the event that this reader may open."""
    materials = documents_visible_to(user).filter(events=event).order_by("kind", "id")
    return {"materials": list(materials)}
