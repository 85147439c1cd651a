"""Writes to the search index. The apps' services call `index_refresh(obj)` inside their
own transaction after every change, so the index never disagrees with what was committed;
the sentence embedding follows in a background task once the transaction commits."""

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model, prefetch_related_objects

from . import embeddings
from .analysis import VERSION, analyse
from .models import SearchEntry
from .sources import BUILDERS, Builder, IndexDoc, kind_of

# What the index already holds of an object: (entry id, titles, text, has a vector).
Held = tuple[int, dict, str, bool]


def _terms(doc: IndexDoc, part: str) -> str:
    return " ".join(
        " ".join(analyse(text, language)) for text, language, kind in doc.parts if kind == part
    )


def entry_values(doc: IndexDoc) -> dict:
    """The columns of an entry for an IndexDoc (shared by one-by-one and bulk indexing)."""
    languages = doc.languages or [code for code in doc.titles if code]
    return {
        "languages": f" {' '.join(languages)} " if languages else "",
        "titles": doc.titles,
        "text": doc.text,
        "title_terms": _terms(doc, "title"),
        "body_terms": _terms(doc, "body"),
        "analyser": VERSION,
        "country": doc.country,
        "themes": f" {' '.join(doc.themes)} " if doc.themes else "",
        "date": doc.date,
        "audience": doc.audience,
        "community_id": doc.community_id,
        "organisation_id": doc.organisation_id,
        "organisation_name": doc.organisation_name[:255],
        "url": doc.url,
        "external_id": doc.external_id,
    }


def index_refresh(obj: Model) -> SearchEntry | None:
    """Bring the object's entry up to date (or remove it if the object left the index)."""
    kind = kind_of(obj)
    doc = BUILDERS[kind][1](obj)
    if doc is None:
        index_remove(kind=kind, object_id=obj.pk)
        return None
    values = entry_values(doc)
    # Only what the comparison below needs: not the 2 KB embedding.
    entry = (
        SearchEntry.objects.filter(kind=kind, object_id=obj.pk)
        .only("pk", "titles", "text", "embedded_at")
        .first()
    )
    if entry is None:
        entry = SearchEntry.objects.create(kind=kind, object_id=obj.pk, **values)
    else:
        changed = _embedding_input_changed(entry, values)
        SearchEntry.objects.filter(pk=entry.pk).update(**values)
        if not changed:
            return entry
    embeddings.schedule([entry.pk])
    return entry


def _embedding_input_changed(entry: SearchEntry, values: dict) -> bool:
    return entry.embedded_at is None or (entry.titles, entry.text) != (
        values["titles"],
        values["text"],
    )


def index_remove(*, kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def index_remove_object(obj: Model) -> None:
    index_remove(kind=kind_of(obj), object_id=obj.pk)


def reindex(
    kinds: Iterable[str] | None = None,
    *,
    batch: int = 500,
    progress: Callable[[str, int], Any] | None = None,
    embed: bool = True,
) -> int:
    """Rebuild the entries of these kinds (all by default) from the objects; returns how
    many entries exist afterwards. Entries of objects that no longer qualify go away.
    Existing embeddings are kept when their text did not change."""
    total = 0
    for kind in kinds or BUILDERS:
        label, builder, prefetch = BUILDERS[kind]
        model = apps.get_model(label)
        kept = _reindex_kind(kind, model, builder, prefetch, batch, progress, embed)
        total += kept
    return total


def _reindex_kind(
    kind: str,
    model: type[Model],
    builder: Builder,
    prefetch: list[str],
    batch: int,
    progress: Callable[[str, int], Any] | None,
    embed: bool,
) -> int:
    old = _existing(kind)
    seen: set[int] = set()
    queryset = model._default_manager.order_by("pk").prefetch_related(*prefetch)
    for start in range(0, queryset.count() + batch, batch):
        objects = list(queryset[start : start + batch])
        if not objects:
            break
        docs = [doc for doc in map(builder, objects) if doc is not None]
        seen.update(doc.object_id for doc in docs)
        with transaction.atomic():
            _write_batch(kind, docs, old, embed=embed)
        if progress:
            progress(kind, start + len(objects))
    stale = [object_id for object_id in old if object_id not in seen]
    for start in range(0, len(stale), 500):
        SearchEntry.objects.filter(kind=kind, object_id__in=stale[start : start + 500]).delete()
    return len(seen)


def index_many(objects: list[Any], *, embed: bool = True) -> None:
    """Index many objects of one kind at once (imports): one query per relation, and
    entries written in bulk."""
    if not objects:
        return
    kind = kind_of(objects[0])
    _label, builder, prefetch = BUILDERS[kind]
    prefetch_related_objects(objects, *prefetch)
    old = _existing(kind, [obj.pk for obj in objects])
    docs: list[IndexDoc] = []
    gone: list[int] = []
    for obj in objects:
        doc = builder(obj)
        if doc is None:
            gone.append(obj.pk)
        else:
            docs.append(doc)
    _write_batch(kind, docs, old, embed=embed)
    if gone:
        SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()


def _existing(kind: str, object_ids: list[int] | None = None) -> dict[int, Held]:
    """{object id: what the index holds of it} for this kind's entries (these objects')."""
    entries = SearchEntry.objects.filter(kind=kind)
    if object_ids is not None:
        entries = entries.filter(object_id__in=object_ids)
    rows = entries.values_list("pk", "object_id", "titles", "text", "embedded_at")
    return {
        object_id: (pk, titles, text, at is not None) for pk, object_id, titles, text, at in rows
    }


def _write_batch(
    kind: str, docs: list[IndexDoc], old: dict[int, Held], *, embed: bool = True
) -> None:
    fresh: list[SearchEntry] = []
    to_embed: list[int] = []
    for doc in docs:
        values = entry_values(doc)
        previous = old.get(doc.object_id)
        if previous is None:
            fresh.append(SearchEntry(kind=kind, object_id=doc.object_id, **values))
            continue
        pk, titles, text, has_vector = previous
        SearchEntry.objects.filter(pk=pk).update(**values)
        if not has_vector or (titles, text) != (values["titles"], values["text"]):
            to_embed.append(pk)
    created = SearchEntry.objects.bulk_create(fresh)
    # bulk_create returns primary keys on SQLite ≥ 3.35 and PostgreSQL.
    to_embed += [entry.pk for entry in created]
    if embed:
        embeddings.schedule(to_embed)
