"""What cooperation gives the search index: public joint projects, signed agreements and
shared services, so a need is matched to a project or a service that already answers it,
not only to an experience."""

from tashbeek.core.i18n import pick
from tashbeek.search.sources import (
    SNIPPET_SOURCE,
    IndexDoc,
    multilingual,
    register,
    theme_names,
    theme_slugs,
)


def _lead(obj, organisation) -> dict:
    return {
        "organisation_id": organisation.pk,
        "organisation_name": organisation.name,
        "country": str(organisation.country),
    }


def project(obj) -> IndexDoc | None:
    """A public project; one kept to its partners stays out of the index."""
    if not obj.public:
        return None
    themes = list(obj.themes.all()) + list(obj.sdgs.all())
    parts = multilingual(obj.titles, "title") + multilingual(obj.summaries, "body")
    parts += multilingual(obj.stories, "body") + theme_names(themes)
    return IndexDoc(
        kind="project",
        object_id=obj.pk,
        titles=obj.titles,
        parts=parts,
        url=obj.get_absolute_url(),
        text=(pick(obj.summaries) or pick(obj.stories))[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        themes=theme_slugs(themes),
        date=obj.updated_at,
        **_lead(obj, obj.lead),
    )


def agreement(obj) -> IndexDoc | None:
    """A signed (or ended) agreement; a proposed one is its parties' until confirmed."""
    if obj.status == "proposed":
        return None
    themes = list(obj.themes.all())
    parties = [p.organisation for p in obj.parties.all()]
    parts = multilingual(obj.titles, "title") + multilingual(obj.texts, "body")
    parts += [(name, language, "body") for o in parties for language, name in o.names.items()]
    return IndexDoc(
        kind="agreement",
        object_id=obj.pk,
        titles=obj.titles,
        parts=parts + theme_names(themes),
        url=obj.get_absolute_url(),
        text=pick(obj.texts)[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        themes=theme_slugs(themes),
        date=obj.created_at,
        **_lead(obj, obj.declared_by),
    )


def service(obj) -> IndexDoc | None:
    themes = list(obj.themes.all())
    parts = multilingual(obj.names, "title") + multilingual(obj.texts, "body")
    parts += multilingual(obj.service_levels, "body") + theme_names(themes)
    return IndexDoc(
        kind="service",
        object_id=obj.pk,
        titles=obj.names,
        parts=parts,
        url=obj.get_absolute_url(),
        text=pick(obj.texts)[:SNIPPET_SOURCE],
        languages=sorted(obj.names),
        themes=theme_slugs(themes),
        date=obj.created_at,
        **_lead(obj, obj.operator),
    )


register("project", "cooperation.Project", project, ["themes__parent", "sdgs", "lead"])
register(
    "agreement",
    "cooperation.Agreement",
    agreement,
    ["themes__parent", "parties__organisation", "declared_by"],
)
register("service", "cooperation.SharedService", service, ["themes__parent", "operator"])
