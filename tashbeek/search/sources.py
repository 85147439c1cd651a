"""What each kind of object gives the index, and who may see it there.

Each builder returns an `IndexDoc`, or None when the object must not be in the index
(a draft, an unpublished experience, a closed need). The audience is the coarse twin of the
object's own rules — public, signed-in members, or one community — and the visibility tests
hold every builder to its app's `visible_to` query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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


def theme_slugs(themes) -> list[str]:
    """The themes and their parents, so filtering by a parent finds children."""
    slugs: dict[str, None] = {}
    for theme in themes:
        slugs[theme.slug] = None
        if theme.parent_id:
            slugs[theme.parent.slug] = None
    return list(slugs)


def theme_names(themes) -> list[tuple[str, str | None, str]]:
    """Theme names in every language: a tag bridges languages that the words do not."""
    return [(name, language, "body") for theme in themes for language, name in theme.names.items()]


def multilingual(values: dict, kind: str) -> list[tuple[str, str | None, str]]:
    return [(text, language, kind) for language, text in (values or {}).items() if text]


# kind → (model label, builder, what to prefetch when many are built at once). Each app
# declares its kinds in its own `search.py` (discovered when the search app is ready), so
# search knows no app: NetBox's search registry, in small.
# A builder: the object's IndexDoc, or None to leave it out of the index.
Builder = Callable[[Any], IndexDoc | None]
BUILDERS: dict[str, tuple[str, Builder, list[str]]] = {}


# Who a reader is, as the index's audiences need it: whether they read what the network's
# members read, and the communities they are active in. members and communities register
# these in their search.py; until then a reader is the public.
READERS = {"is_member": lambda user: False, "communities": lambda user: []}


def register_reader(*, is_member=None, communities=None) -> None:
    if is_member is not None:
        READERS["is_member"] = is_member
    if communities is not None:
        READERS["communities"] = communities


def register(kind: str, model_label: str, builder: Builder, prefetch: list[str]) -> None:
    """Make a kind searchable: `builder(obj)` returns its IndexDoc, or None to leave it out."""
    BUILDERS[kind] = (model_label, builder, prefetch)


def kind_of(obj) -> str:
    label = obj._meta.label
    for kind, (model_label, _builder, _prefetch) in BUILDERS.items():
        if model_label == label:
            return kind
    raise LookupError(f"{label} is not searchable")
