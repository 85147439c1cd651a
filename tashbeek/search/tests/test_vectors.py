"""The vector index's large-index path: the low-dimensional first pass picks the rows that
are then scored in full, and must not change what comes first. And matching's scoring on
its own thread, beside the full-text ranking."""

import threading

import numpy as np
import pytest

from tashbeek.search import embeddings, matching, vectors

LANGUAGE_OF_ROW = ["ar", "fr", "en"]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def _rows(count: int, rng: np.random.Generator) -> tuple[np.ndarray, list[str]]:
    """[USE | E5] unit vectors in 60 topics, each language with its own offset, varying
    within a topic along a few dozen directions more than along the others (sentence
    vectors are far from isotropic)."""
    structure = np.random.default_rng(0)  # the same topics and directions for every call
    topics = structure.normal(size=(60, embeddings.DIMENSIONS))
    offsets = structure.normal(size=(3, embeddings.DIMENSIONS)) * 0.6
    directions = structure.normal(size=(40, embeddings.DIMENSIONS))
    topic = rng.integers(0, 60, count)
    language = rng.integers(0, 3, count)
    variation = rng.normal(size=(count, 40)) @ directions * 0.3
    noise = rng.normal(size=(count, embeddings.DIMENSIONS)) * 0.1
    raw = topics[topic] + offsets[language] + variation + noise
    use = _unit_rows(raw[:, vectors.USE])
    e5 = _unit_rows(raw[:, vectors.E5])
    return np.hstack([use, e5]), [LANGUAGE_OF_ROW[i] for i in language]


def _index(matrix: np.ndarray, languages: list[str]) -> vectors.VectorIndex:
    index = vectors.VectorIndex("experience")
    rows = [
        (pk, m.tobytes(), f" {lang} ")
        for pk, (m, lang) in enumerate(zip(matrix, languages, strict=True))
    ]
    index._patch(rows)
    index._centre()
    return index


def _top(index: vectors.VectorIndex, vector: np.ndarray, language: str, k: int = 10) -> list:
    rows, fused, _closeness = index.scores(vector, language)
    order = np.argsort(-fused)[:k]
    return index.ids[rows[order]].tolist()


def test_the_low_dimensional_first_pass_keeps_the_best_rows(monkeypatch):
    monkeypatch.setattr(vectors, "SHORTLIST", 300)
    rng = np.random.default_rng(1)
    matrix, languages = _rows(6_000, rng)
    index = _index(matrix, languages)
    assert index.basis is not None and index.low.shape == (6_000, vectors.LOW_DIMENSIONS)
    queries, query_languages = _rows(20, np.random.default_rng(2))
    overlap = []
    for vector, language in zip(queries, query_languages, strict=True):
        shortlisted = _top(index, vector, language)
        basis, index.basis = index.basis, None  # the exact path: every row in full
        exact = _top(index, vector, language)
        index.basis = basis
        overlap.append(len(set(shortlisted) & set(exact)) / 10)
        assert shortlisted[0] == exact[0]
    assert np.mean(overlap) >= 0.95


def test_a_small_index_is_scored_in_full():
    matrix, languages = _rows(500, np.random.default_rng(3))
    index = _index(matrix, languages)
    assert index.basis is None
    rows, _fused, _closeness = index.scores(matrix[7], "fr")
    assert len(rows) == 500


def test_rows_added_after_the_projection_are_projected_too(monkeypatch):
    monkeypatch.setattr(vectors, "SHORTLIST", 300)
    matrix, languages = _rows(3_000, np.random.default_rng(4))
    index = _index(matrix, languages)
    assert index.basis is not None
    newcomer, _language = _rows(1, np.random.default_rng(5))
    index._patch([(99_999, newcomer[0].tobytes(), " ar ")])
    index._centre()
    assert len(index.low) == len(index.e5) == 3_001
    # Asked with its own vector, the new row comes first in every language.
    for language in ("ar", "fr", "en", "he"):
        assert _top(index, newcomer[0], language, k=1) == [99_999]


def _prepared(monkeypatch, matrix, languages) -> None:
    """A vector index that matching uses as if loaded from the database."""
    index = _index(matrix, languages)
    monkeypatch.setattr(embeddings, "enabled", lambda: True)
    monkeypatch.setattr(embeddings, "encode_query", lambda text: matrix[0])
    monkeypatch.setattr(vectors, "vector_index", lambda kind: index)
    monkeypatch.setattr(index, "refresh", lambda: None)


def test_meaning_is_scored_on_another_thread_with_the_same_result(monkeypatch):
    """match() and search start scoring by meaning and rank by words meanwhile: the scoring
    runs on a thread of its own, gives what scoring in the caller's thread gives, and an
    error there reaches the caller."""
    matrix, languages = _rows(300, np.random.default_rng(3))
    _prepared(monkeypatch, matrix, languages)
    index = vectors.vector_index("experience")
    threads = []
    scored = index.scored

    def watched(*args):
        threads.append(threading.current_thread().name)
        return scored(*args)

    monkeypatch.setattr(index, "scored", watched)
    waiting = matching.meaning_soon("need", "ar", kinds=("experience",))
    found = waiting()
    assert threads and threads[0].startswith("tashbeek-meaning")
    expected = index.scored(matrix[0], "ar", matching.CANDIDATES)
    assert list(found) == [pk for pk, _score, _close in expected]
    assert threads[-1] == threading.current_thread().name  # scored() ran here

    def broken(*args):
        raise RuntimeError("scoring failed")

    monkeypatch.setattr(index, "scored", broken)
    waiting = matching.meaning_soon("need", "ar", kinds=("experience",))
    with pytest.raises(RuntimeError, match="scoring failed"):
        waiting()
