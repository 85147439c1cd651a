"""What an organisation gives the search index."""

from tashbeek.core.i18n import pick
from tashbeek.search.sources import (
    SNIPPET_SOURCE,
    IndexDoc,
    multilingual,
    register,
    register_reader,
    theme_names,
    theme_slugs,
)

from .rules import is_network_member


def organisation(obj) -> IndexDoc | None:
    themes = list(obj.themes.all())
    parts = multilingual(obj.names, "title") + multilingual(obj.descriptions, "body")
    if obj.region_id:
        parts += multilingual(obj.region.names, "body")
    parts += theme_names(themes)
    return IndexDoc(
        kind="organisation",
        object_id=obj.pk,
        titles=dict(obj.names),
        parts=parts,
        url=obj.get_absolute_url(),
        text=pick(obj.descriptions)[:SNIPPET_SOURCE],
        languages=sorted(obj.names),
        country=str(obj.country or ""),
        themes=theme_slugs(themes),
        date=obj.created_at,
        organisation_id=obj.pk,
        organisation_name=obj.name,
    )


register("organisation", "members.Organisation", organisation, ["themes__parent", "region"])
register_reader(is_member=is_network_member)
