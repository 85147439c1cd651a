"""What a published experience gives the search index."""

from tashbeek.search.sources import SNIPPET_SOURCE, IndexDoc, register, theme_names, theme_slugs


def experience(obj) -> IndexDoc | None:
    if obj.status != "published":
        return None
    themes = list(obj.themes.all())
    organisation = obj.organisation
    sections = [obj.summary, obj.problem, obj.context, obj.solution, obj.steps, obj.partners]
    sections += [obj.funding, obj.results, obj.lessons, " ".join(obj.keywords or [])]
    parts = [(obj.title, obj.language, "title")]
    parts += [(text, obj.language, "body") for text in sections if text]
    parts += [(obj.author_name, None, "body")] + theme_names(themes)
    return IndexDoc(
        kind="experience",
        object_id=obj.pk,
        titles={obj.language: obj.title},
        parts=parts,
        url=obj.get_absolute_url(),
        text=obj.summary[:SNIPPET_SOURCE],
        languages=[obj.language],
        country=str(organisation.country) if organisation else str(obj.country or ""),
        themes=theme_slugs(themes) + list(obj.keywords or []),
        date=obj.published_at,
        organisation_id=obj.organisation_id,
        organisation_name=obj.author_name,
        external_id=obj.external_id or "",
    )


register("experience", "experiences.Experience", experience, ["themes__parent", "organisation"])
