"""What an event that is not a draft gives the search index."""

from tashbeek.core.i18n import pick
from tashbeek.search.sources import SNIPPET_SOURCE, IndexDoc, multilingual, register


def event(obj) -> IndexDoc | None:
    if obj.status == "draft":
        return None
    parts = multilingual(obj.titles, "title") + multilingual(obj.descriptions, "body")
    if obj.venue:
        parts.append((obj.venue, None, "body"))
    return IndexDoc(
        kind="event",
        object_id=obj.pk,
        titles=dict(obj.titles),
        parts=parts,
        url=obj.get_absolute_url(),
        text=pick(obj.descriptions)[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        date=obj.starts_at,
        community_id=obj.community_id,
    )


register("event", "events.Event", event, [])
