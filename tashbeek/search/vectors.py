"""Nearest neighbours over the stored embeddings, in memory with numpy.

One index per kind holds that kind's [USE | E5] vectors as two matrices, loaded once and
then patched with what changed since. A query is scored by both encoders and the two
scores are fused after standardising each over the index (z-scores; on large indexes USE's
scale comes from a fixed sample of rows), so neither encoder's scale dominates. On large
indexes a first pass over E5's vectors projected on their principal axes picks the rows
that are scored in full: the whole matrix is read a third as much.

Sentence vectors carry a strong per-language component: documents in the query's language
look similar whatever they say. Measured on the development set, E5's mean vectors per
language differ far more than its vectors of one topic across languages, and removing each
language's mean (the query's language's mean from the query) took E5 alone from 0.62 to
0.80 nDCG@10. The means are those of the index itself, shrunk towards the overall mean
when a language has few documents (a lone Hebrew document minus its own mean would be
nothing). USE is used as it is: centring it did not help once fused.
"""

import threading

import numpy as np
from django.db.models import Max

from . import embeddings
from .analysis import LANGUAGES
from .models import SearchEntry

USE = slice(0, embeddings.USE_DIMENSIONS)
E5 = slice(embeddings.USE_DIMENSIONS, embeddings.DIMENSIONS)
# Tuned on the development set (0.5–1.0 stay within a point of each other).
USE_WEIGHT = 0.75
# A language's own mean counts as much as the overall mean at this many documents.
SHRINK = 10
OTHER = len(LANGUAGES)  # the row of entries in none of our languages
# Of our languages, those multilingual USE v3 was trained on (not Hebrew).
USE_LANGUAGES = ("ar", "fr", "en")
# E5's centred cosine on USE's scale: the linear map that sends the mean of all pairs and the
# mean of the "same problem solved" pairs of the development set to USE's (0.157, 0.362).
E5_ON_USE_SCALE = (0.157, 0.98)
# Above this many rows, only a shortlist of this many is scored in full: the rows E5 ranks
# best in LOW_DIMENSIONS (see scores()). USE's scale comes from a fixed SAMPLE of rows.
SHORTLIST = 2_000
SAMPLE = 2_000
# E5's vectors projected on their first principal axes: the shortlist's first pass reads
# a third of the matrix. Measured at 100,000 entries: the exact top 100 was always within
# the shortlist at 128 (at 96, 99.96 % of it), in 5 ms instead of 13 (PERFORMANCE.md).
LOW_DIMENSIONS = 128
# Rows the principal axes are estimated from.
BASIS_SAMPLE = 5_000


def language_code(languages: str) -> int:
    first = (languages or "").split()[:1]
    return LANGUAGES.index(first[0]) if first and first[0] in LANGUAGES else OTHER


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _on_use_scale(centred: np.ndarray) -> np.ndarray:
    return E5_ON_USE_SCALE[0] + E5_ON_USE_SCALE[1] * centred


class VectorIndex:
    """The embeddings of one kind, refreshed incrementally, centred per language."""

    def __init__(self, kind: str):
        self.kind = kind
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.use = np.zeros((0, embeddings.USE_DIMENSIONS), dtype=np.float32)
        self.e5 = np.zeros((0, embeddings.E5_DIMENSIONS), dtype=np.float32)
        self.languages = np.zeros(0, dtype=np.int8)
        self.position: dict[int, int] = {}
        self.version = None
        self.basis: np.ndarray | None = None  # E5 → LOW_DIMENSIONS, once the index is large
        self.low = np.zeros((0, LOW_DIMENSIONS), dtype=np.float32)
        self._centre()

    def refresh(self) -> None:
        entries = SearchEntry.objects.filter(kind=self.kind)
        latest = entries.aggregate(at=Max("embedded_at"))["at"]
        if latest is None or latest == self.version:
            return
        with self.lock:
            changed = entries.filter(embedded_at__isnull=False)
            if self.version is None or latest < self.version:
                self._reset()  # first load, or the table went back (a rollback)
            else:
                changed = changed.filter(embedded_at__gt=self.version)
            self._patch(list(changed.values_list("pk", "embedding", "languages")))
            self._centre()
            self.version = latest

    def _patch(self, rows) -> None:
        new_ids, new_vectors, new_languages = [], [], []
        for pk, blob, languages in rows:
            if blob is None or len(blob) != embeddings.STORED_BYTES:
                continue  # an older model's vector: embed_pending replaces it
            vector = np.frombuffer(bytes(blob), dtype=np.float32)
            code = language_code(languages)
            if pk in self.position:
                at = self.position[pk]
                self.use[at], self.e5[at], self.languages[at] = vector[USE], vector[E5], code
                if self.basis is not None:
                    self.low[at] = vector[E5] @ self.basis
            else:
                new_ids.append(pk)
                new_vectors.append(vector)
                new_languages.append(code)
        if new_ids:
            start = len(self.ids)
            stacked = np.vstack(new_vectors)
            self.ids = np.concatenate([self.ids, np.asarray(new_ids, dtype=np.int64)])
            self.use = np.vstack([self.use, stacked[:, USE]])
            self.e5 = np.vstack([self.e5, stacked[:, E5]])
            if self.basis is not None:
                self.low = np.vstack([self.low, stacked[:, E5] @ self.basis])
            self.languages = np.concatenate(
                [self.languages, np.asarray(new_languages, dtype=np.int8)]
            )
            self.position.update({pk: start + i for i, pk in enumerate(new_ids)})

    def _centre(self) -> None:
        """Each language's (shrunk) mean E5 vector, and each row's length once its
        language's mean is removed: ‖x − μ‖² = 1 − 2 x·μ + μ·μ for a unit x."""
        overall = self.e5.mean(axis=0) if len(self.e5) else np.zeros(embeddings.E5_DIMENSIONS)
        means = np.tile(overall.astype(np.float32), (OTHER + 1, 1))
        norms = np.ones(len(self.e5), dtype=np.float32)
        for code in np.unique(self.languages):
            rows = self.languages == code
            count = int(rows.sum())
            own = self.e5[rows].mean(axis=0)
            means[code] = overall + count / (count + SHRINK) * (own - overall)
            squared = 1 - 2 * (self.e5[rows] @ means[code]) + float(means[code] @ means[code])
            norms[rows] = np.sqrt(np.maximum(squared, 1e-12))
        self.means, self.norms = means, norms
        self.known = set(np.unique(self.languages).tolist())
        use_codes = [LANGUAGES.index(language) for language in USE_LANGUAGES]
        self.understood = np.isin(self.languages, use_codes)
        # A fixed sample of the rows USE reads gives its scale on large indexes.
        readable = np.flatnonzero(self.understood)
        chosen = np.random.default_rng(0).choice(readable, min(SAMPLE, len(readable)), False)
        self.sample = np.sort(chosen)
        self.use_sample = self.use[self.sample]  # copied once here, not on every query
        self.e5_sample = self.e5[self.sample]
        self._project()

    def _project(self) -> None:
        """Once the index outgrows SHORTLIST, E5's principal axes (from a sample of rows)
        and every row projected on them; kept current by _patch from then on. The axes are
        not re-estimated as rows come: they are a first pass, and every shortlisted row is
        scored in full."""
        if self.basis is not None or len(self.e5) <= SHORTLIST:
            return
        rows = np.random.default_rng(0).choice(len(self.e5), min(BASIS_SAMPLE, len(self.e5)), False)
        sample = self.e5[np.sort(rows)]
        _values, axes = np.linalg.eigh(sample.T @ sample)  # ascending: the last are the first
        self.basis = np.ascontiguousarray(axes[:, ::-1][:, :LOW_DIMENSIONS], dtype=np.float32)
        self.low = np.ascontiguousarray(self.e5 @ self.basis)

    def scores(self, vector: np.ndarray, language: str) -> tuple[np.ndarray, ...]:
        """(rows, fused score, closeness) of the rows worth ranking for a query vector in
        this language. Closeness is USE's cosine where USE reads both texts, else E5's
        centred cosine on USE's scale, so one threshold decides when "close in meaning" is
        shown. Above SHORTLIST rows, only the SHORTLIST rows that E5 ranks best in its low
        dimensions are scored in full, by both encoders; the scales (mean and spread) come
        from the low-dimensional scores of every row and, for USE, from a fixed sample of
        rows: reading the whole USE matrix was half the cost of a query at 100,000 entries,
        and E5's whole matrix most of the rest."""
        code = LANGUAGES.index(language) if language in LANGUAGES else OTHER
        mean = self.means[code] if code in self.known else self.means[OTHER]
        query = _unit(vector[E5] - mean)
        shifts = self.means @ query  # each language's mean's share of the score
        if self.basis is None:
            rows = np.arange(len(self.e5))
            centred = (self.e5 @ query - shifts[self.languages]) / self.norms
            average, spread = float(centred.mean()), float(centred.std()) or 1.0
        else:
            rows, centred, average, spread = self._shortlist(self.basis, query, shifts)
        meaning = (centred - average) / spread
        if language not in USE_LANGUAGES or not self.understood.any():
            # USE's vector of a Hebrew text is noise: E5 alone.
            return rows, meaning, _on_use_scale(centred)
        cosine = (self.use if self.basis is None else self.use[rows]) @ vector[USE]
        understood = self.understood[rows]
        if self.basis is None:
            scale = self._use_scale(cosine[understood], meaning[understood])
        else:
            at = self.sample
            sampled = (self.e5_sample @ query - shifts[self.languages[at]]) / self.norms[at]
            scale = self._use_scale(self.use_sample @ vector[USE], (sampled - average) / spread)
        closeness = np.where(understood, cosine, _on_use_scale(centred))
        use_mean, use_spread, fused_spread = scale
        both = meaning + USE_WEIGHT * (cosine - use_mean) / use_spread
        # Rows USE cannot read keep E5's score alone, at the spread of the fused ones.
        fused = np.where(understood, both, meaning * fused_spread)
        return rows, fused, closeness

    def _shortlist(
        self, basis: np.ndarray, query: np.ndarray, shifts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, float, float]:
        """(rows, their centred E5 scores, the mean and spread of every row's score): the
        SHORTLIST best rows in the low dimensions, then scored in full."""
        approximate = (self.low @ (basis.T @ query) - shifts[self.languages]) / self.norms
        rows = np.argpartition(-approximate, SHORTLIST - 1)[:SHORTLIST]
        exact = (self.e5[rows] @ query - shifts[self.languages[rows]]) / self.norms[rows]
        return rows, exact, float(approximate.mean()), float(approximate.std()) or 1.0

    @staticmethod
    def _use_scale(cosine: np.ndarray, meaning: np.ndarray) -> tuple[float, float, float]:
        """USE's mean and spread over these rows, and the spread of the fused score."""
        use_mean, use_spread = float(cosine.mean()), float(cosine.std()) or 1.0
        fused = meaning + USE_WEIGHT * (cosine - use_mean) / use_spread
        return use_mean, use_spread, float(fused.std()) or 1.0

    def scored(self, vector: np.ndarray, language: str, k: int) -> list[tuple[int, float, float]]:
        """(entry id, fused score, closeness) of the k best entries as of the last refresh();
        deleted entries may appear and are dropped by the caller's database filter. Reads no
        database, so any thread may run it."""
        # Under the lock: a refresh in another thread replaces the matrices and the means
        # together, and a query must not read half of each (rows and lengths would differ).
        with self.lock:
            if not len(self.ids):
                return []
            rows, fused, closeness = self.scores(vector, language)
            ids = self.ids[rows]
        k = min(k, len(fused))
        top = np.argpartition(-fused, k - 1)[:k]
        top = top[np.argsort(-fused[top])]
        return [(int(ids[i]), float(fused[i]), float(closeness[i])) for i in top]


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
