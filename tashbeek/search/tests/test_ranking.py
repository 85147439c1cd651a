"""Matchmaking quality guarded in the suite: floors on the development set and on our own
Hebrew set (the figures themselves are in docs/PERFORMANCE.md, from bench/search_quality.py),
and the vector index's behaviour that the figures rest on."""

from pathlib import Path

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser

from tashbeek.experiences.importing import experiences_import
from tashbeek.search import embeddings, vectors
from tashbeek.search.evaluation import load, scores
from tashbeek.search.matching import CLOSE_MEANING, match
from tashbeek.search.models import SearchEntry

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _embeddings_on(settings):
    settings.SEARCH_EMBEDDINGS = True


def _evaluate(corpus, queries, qrels) -> dict:
    experiences_import(rows=[(n, row, "") for n, row in enumerate(corpus, start=1)])
    return _ranked(queries, qrels)


def _ranked(queries, qrels) -> dict:
    runs = {
        query["id"]: [m.entry.external_id for m in match(user=AnonymousUser(), text=query["text"])]
        for query in queries
    }
    return scores(runs, queries, qrels)


def test_matchmaking_floor_on_the_development_set(monkeypatch):
    corpus, queries, qrels = load(DATA / "search-dev")
    result = _evaluate(corpus, queries, qrels)
    # Measured 0.867 overall, 0.835 cross-lingual, lowest language 0.855 (2026-12-06).
    assert result["all"]["nDCG@10"] >= 0.83
    assert result["cross-lingual"]["nDCG@10"] >= 0.80
    assert min(result[language]["nDCG@10"] for language in ("ar", "fr", "en")) >= 0.78
    # The large-index path (USE reads E5's shortlist only, on a sample's scale), forced on
    # these 95 entries, keeps the ranking within noise.
    monkeypatch.setattr(vectors, "SHORTLIST", 40)
    monkeypatch.setattr(vectors, "SAMPLE", 30)
    vectors.forget_indexes()
    shortlisted = _ranked(queries, qrels)
    assert shortlisted["all"]["nDCG@10"] >= result["all"]["nDCG@10"] - 0.02
    assert len(vectors.vector_index("experience").sample) == 30


def test_matchmaking_floor_with_hebrew():
    result = _evaluate(*load(DATA / "search-he", DATA / "search-dev"))
    # Measured 0.825 overall and 0.812 for the six Hebrew needs (2026-12-06); with USE
    # alone reading Hebrew as noise they were 0.61 and 0.54.
    assert result["all"]["nDCG@10"] >= 0.78
    assert result["he"]["nDCG@10"] >= 0.75


def test_a_lone_hebrew_document_is_found_from_arabic_and_english():
    corpus, _queries, _qrels = load(DATA / "search-he", DATA / "search-dev")
    lone = [doc for doc in corpus if doc["language"] != "he" or doc["external_id"] == "he-006"]
    experiences_import(rows=[(n, row, "") for n, row in enumerate(lone, start=1)])
    for need in ("איך מאתרים דליפות במדי המים של העיר?", "كيف نكشف تسربات المياه في الشبكة؟"):
        found = {m.entry.external_id: m for m in match(user=AnonymousUser(), text=need)}
        assert "he-006" in found, need
        # USE cannot read Hebrew: the closeness shown comes from E5, and is shown.
        assert found["he-006"].similarity >= CLOSE_MEANING, need
        assert any("%" in reason for reason in found["he-006"].reasons), need


def test_embeddings_of_an_older_model_are_replaced_and_never_read(settings):
    experiences_import(rows=[(1, load(DATA / "search-he")[0][0], "")])
    entry = SearchEntry.objects.get(kind="experience")
    SearchEntry.objects.filter(pk=entry.pk).update(
        embedding=np.ones(512, dtype=np.float32).tobytes()
    )
    index = vectors.VectorIndex("experience")
    index.refresh()
    assert len(index.ids) == 0  # a 512-float vector is not one of ours
    assert embeddings.pending_ids(10) == [entry.pk]
    assert embeddings.embed_pending() == 1 and embeddings.pending_ids(10) == []
    entry.refresh_from_db()
    assert len(entry.embedding) == embeddings.STORED_BYTES


def test_an_edited_experience_is_embedded_once(monkeypatch, experience, focal_aourir):
    from tashbeek.experiences import services

    calls = []
    real = embeddings.encode_passages

    def counted(texts):
        calls.append(texts)
        return real(texts)

    monkeypatch.setattr(embeddings, "encode_passages", counted)
    services.experience_save(by=focal_aourir, experience=experience, data={"title": "قوارب"})
    assert len(calls) == 1 and len(calls[0]) == 1
    entry = SearchEntry.objects.get(kind="experience", object_id=experience.pk)
    assert len(entry.embedding) == embeddings.STORED_BYTES
