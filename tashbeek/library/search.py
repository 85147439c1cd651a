"""What a library document (once shared beyond its draft) gives the search index."""

from tashbeek.core.i18n import pick
from tashbeek.search.sources import (
    COMMUNITY,
    MEMBERS,
    PUBLIC,
    SNIPPET_SOURCE,
    IndexDoc,
    multilingual,
    register,
    theme_names,
    theme_slugs,
)

from .rules import SHARED_WITH_COMMUNITY


def document(obj) -> IndexDoc | None:
    if obj.status not in SHARED_WITH_COMMUNITY:
        return None
    published = obj.status == "published"
    if published and obj.visibility == "public":
        audience = PUBLIC
    elif published and (obj.visibility == "members" or obj.community_id is None):
        audience = MEMBERS
    elif obj.community_id is not None:
        audience = COMMUNITY
    else:
        return None
    themes = list(obj.themes.all())
    latest = max(obj.versions.all(), key=lambda version: version.number, default=None)
    parts = multilingual(obj.titles, "title") + multilingual(obj.summaries, "body")
    if latest is not None and latest.text:
        parts.append((latest.text, None, "body"))
    parts += theme_names(themes)
    return IndexDoc(
        kind="document",
        object_id=obj.pk,
        titles=dict(obj.titles),
        parts=parts,
        url=obj.get_absolute_url(),
        audience=audience,
        text=(pick(obj.summaries) or (latest.text if latest else ""))[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        themes=theme_slugs(themes),
        date=obj.published_at or obj.updated_at,
        community_id=obj.community_id,
        organisation_id=obj.organisation_id,
        organisation_name=obj.organisation.name if obj.organisation_id else "",
    )


register("document", "library.Document", document, ["themes__parent", "versions", "organisation"])
