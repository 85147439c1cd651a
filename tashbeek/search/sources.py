"""What each kind of object gives the index, and who may see it there.

Each builder returns an `IndexDoc`, or None when the object must not be in the index
(a draft, an unpublished experience, a closed need). The audience is the coarse twin of the
object's own rules — public, signed-in members, or one community — and the visibility tests
hold every builder to its app's `visible_to` query.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.html import strip_tags

from tashbeek.core.i18n import pick

from .analysis import detect_language

PUBLIC, MEMBERS, COMMUNITY = "public", "members", "community"
SNIPPET_SOURCE = 4000


@dataclass
class IndexDoc:
    kind: str
    object_id: int
    titles: dict[str, str]
    # (text, language or None to detect, "title" | "body")
    parts: list[tuple[str, str | None, str]]
    url: str
    audience: str = PUBLIC
    text: str = ""
    languages: list[str] = field(default_factory=list)
    country: str = ""
    themes: list = field(default_factory=list)
    date: datetime | None = None
    community_id: int | None = None
    organisation_id: int | None = None
    organisation_name: str = ""
    external_id: str = ""


def _theme_slugs(themes) -> list[str]:
    """The themes and their parents, so filtering by a parent finds children."""
    slugs: dict[str, None] = {}
    for theme in themes:
        slugs[theme.slug] = None
        if theme.parent_id:
            slugs[theme.parent.slug] = None
    return list(slugs)


def _theme_names(themes) -> list[tuple[str, str | None, str]]:
    """Theme names in every language: a tag bridges languages that the words do not."""
    return [(name, language, "body") for theme in themes for language, name in theme.names.items()]


def _multilingual(values: dict, kind: str) -> list[tuple[str, str | None, str]]:
    return [(text, language, kind) for language, text in (values or {}).items() if text]


def experience(obj) -> IndexDoc | None:
    if obj.status != "published":
        return None
    themes = list(obj.themes.all())
    organisation = obj.organisation
    sections = [obj.summary, obj.problem, obj.context, obj.solution, obj.steps, obj.partners]
    sections += [obj.funding, obj.results, obj.lessons, " ".join(obj.keywords or [])]
    parts = [(obj.title, obj.language, "title")]
    parts += [(text, obj.language, "body") for text in sections if text]
    parts += [(obj.author_name, None, "body")] + _theme_names(themes)
    return IndexDoc(
        kind="experience",
        object_id=obj.pk,
        titles={obj.language: obj.title},
        parts=parts,
        url=obj.get_absolute_url(),
        text=obj.summary[:SNIPPET_SOURCE],
        languages=[obj.language],
        country=str(organisation.country) if organisation else str(obj.country or ""),
        themes=_theme_slugs(themes) + list(obj.keywords or []),
        date=obj.published_at,
        organisation_id=obj.organisation_id,
        organisation_name=obj.author_name,
        external_id=obj.external_id or "",
    )


def document(obj) -> IndexDoc | None:
    from tashbeek.library.rules import SHARED_WITH_COMMUNITY

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
    parts = _multilingual(obj.titles, "title") + _multilingual(obj.summaries, "body")
    if latest is not None and latest.text:
        parts.append((latest.text, None, "body"))
    parts += _theme_names(themes)
    return IndexDoc(
        kind="document",
        object_id=obj.pk,
        titles=dict(obj.titles),
        parts=parts,
        url=obj.get_absolute_url(),
        audience=audience,
        text=(pick(obj.summaries) or (latest.text if latest else ""))[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        themes=_theme_slugs(themes),
        date=obj.published_at or obj.updated_at,
        community_id=obj.community_id,
        organisation_id=obj.organisation_id,
        organisation_name=obj.organisation.name if obj.organisation_id else "",
    )


def organisation(obj) -> IndexDoc | None:
    themes = list(obj.themes.all())
    parts = _multilingual(obj.names, "title") + _multilingual(obj.descriptions, "body")
    if obj.region_id:
        parts += _multilingual(obj.region.names, "body")
    parts += _theme_names(themes)
    return IndexDoc(
        kind="organisation",
        object_id=obj.pk,
        titles=dict(obj.names),
        parts=parts,
        url=obj.get_absolute_url(),
        text=pick(obj.descriptions)[:SNIPPET_SOURCE],
        languages=sorted(obj.names),
        country=str(obj.country or ""),
        themes=_theme_slugs(themes),
        date=obj.created_at,
        organisation_id=obj.pk,
        organisation_name=obj.name,
    )


def event(obj) -> IndexDoc | None:
    if obj.status == "draft":
        return None
    parts = _multilingual(obj.titles, "title") + _multilingual(obj.descriptions, "body")
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


def thread(obj) -> IndexDoc | None:
    # Hidden posts keep their text for moderators only: they never reach the index.
    posts = [strip_tags(p.body) for p in obj.posts.all() if p.hidden_at is None]
    return IndexDoc(
        kind="thread",
        object_id=obj.pk,
        titles={detect_language(obj.title): obj.title},
        parts=[(obj.title, None, "title")] + [(text, None, "body") for text in posts],
        url=obj.get_absolute_url(),
        audience=COMMUNITY,
        text=(posts[0] if posts else "")[:SNIPPET_SOURCE],
        date=obj.last_post_at,
        community_id=obj.community_id,
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
        + _theme_names(themes),
        url=obj.get_absolute_url(),
        audience=audience,
        text=obj.description[:SNIPPET_SOURCE],
        languages=[obj.language],
        country=str(organisation.country),
        themes=_theme_slugs(themes),
        date=obj.created_at,
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
    )


# kind → (model label, builder, what to prefetch when many are built at once)
BUILDERS = {
    "experience": ("experiences.Experience", experience, ["themes__parent", "organisation"]),
    "document": ("library.Document", document, ["themes__parent", "versions", "organisation"]),
    "organisation": ("members.Organisation", organisation, ["themes__parent", "region"]),
    "event": ("events.Event", event, []),
    "thread": ("discussions.Thread", thread, ["posts", "community"]),
    "need": ("needs.Need", need, ["themes__parent", "organisation"]),
    "offer": ("needs.Offer", offer, ["themes__parent", "organisation"]),
}


def kind_of(obj) -> str:
    label = obj._meta.label
    for kind, (model_label, _builder, _prefetch) in BUILDERS.items():
        if model_label == label:
            return kind
    raise LookupError(f"{label} is not searchable")
