"""What an open need and an active offer give the search index."""

from tashbeek.search.sources import (
    PUBLIC,
    SNIPPET_SOURCE,
    IndexDoc,
    register,
    theme_names,
    theme_slugs,
)


def need(obj) -> IndexDoc | None:
    if obj.status != "open":
        return None
    themes = list(obj.themes.all())
    return _need_or_offer(obj, "need", themes, audience=obj.visibility)


def offer(obj) -> IndexDoc | None:
    if not obj.active:
        return None
    themes = list(obj.themes.all())
    return _need_or_offer(obj, "offer", themes, audience=PUBLIC)


def _need_or_offer(obj, kind: str, themes, *, audience: str) -> IndexDoc:
    organisation = obj.organisation
    return IndexDoc(
        kind=kind,
        object_id=obj.pk,
        titles={obj.language: obj.title},
        parts=[(obj.title, obj.language, "title"), (obj.description, obj.language, "body")]
        + theme_names(themes),
        url=obj.get_absolute_url(),
        audience=audience,
        text=obj.description[:SNIPPET_SOURCE],
        languages=[obj.language],
        country=str(organisation.country),
        themes=theme_slugs(themes),
        date=obj.created_at,
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
    )


register("need", "needs.Need", need, ["themes__parent", "organisation"])
register("offer", "needs.Offer", offer, ["themes__parent", "organisation"])
