"""Matchmaking and search quality guarded in the suite: floors on the development set and on
our own Hebrew and Arabic word-form sets (the figures themselves are in docs/PERFORMANCE.md,
from bench/search_quality.py), and the vector index's behaviour that the figures rest on."""

from pathlib import Path

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser

from tashbeek.experiences.importing import experiences_import
from tashbeek.search import embeddings, matching, selectors, vectors
from tashbeek.search.analysis import query_groups, terms_of
from tashbeek.search.evaluation import load, scores
from tashbeek.search.matching import CLOSE_MEANING, match
from tashbeek.search.models import SearchEntry
from tashbeek.search.selectors import Filters, search

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
    # Measured 0.867 overall, 0.835 cross-lingual, lowest language 0.855 (2026-12-06);
    # 0.862, 0.826 and 0.843 on 2026-12-07 with the same code (PERFORMANCE.md says why).
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


def _searched(queries, qrels) -> dict:
    runs = {}
    for query in queries:
        found = search(user=AnonymousUser(), q=query["text"], filters=Filters(kind="experience"))
        runs[query["id"]] = [r.entry.external_id for r in found.results[:10]]
    return scores(runs, queries, qrels)


def test_arabic_word_forms_meet_and_place_names_stay_whole(settings):
    """Our own Arabic word-form set: keyword queries written in other forms than the
    documents use (حافلة مدرسية for الحافلات المدرسية, عداد for عدادات, الموازنات for
    الموازنة) and four place names."""
    settings.SEARCH_EMBEDDINGS = False  # keyword queries are not searched by meaning
    corpus, queries, qrels = load(DATA / "search-ar-forms", DATA / "search-dev")
    experiences_import(rows=[(n, row, "") for n, row in enumerate(corpus, start=1)])
    result = _searched(queries, qrels)
    # Measured 0.806 with Light10 (2026-12-07); 0.625 without Arabic stemming, 0.765 with
    # the stemmer used before it (the article, then Snowball's Arabic stemmer).
    assert result["all"]["nDCG@10"] >= 0.78
    for query in queries[-4:]:  # كفرنجة, القيروان, وهران, بيت لحم: the place's own first
        (place,) = qrels[query["id"]]
        found = search(user=AnonymousUser(), q=query["text"], filters=Filters(kind="experience"))
        assert found.results[0].entry.external_id == place, query["text"]


def test_a_description_typed_into_search_is_searched_by_meaning_too():
    corpus, queries, qrels = load(DATA / "search-dev")
    experiences_import(rows=[(n, row, "") for n, row in enumerate(corpus, start=1)])
    result = _searched(queries, qrels)
    # Measured 0.862 overall and 0.826 cross-lingual (2026-12-07); keywords alone gave
    # 0.616 and 0.431, since words do not reach answers written in other languages.
    assert result["all"]["nDCG@10"] >= 0.80
    assert result["cross-lingual"]["nDCG@10"] >= 0.78


def test_a_keyword_query_is_not_searched_by_meaning(monkeypatch):
    corpus, _queries, _qrels = load(DATA / "search-dev")
    experiences_import(rows=[(n, row, "") for n, row in enumerate(corpus, start=1)])
    asked = []
    monkeypatch.setattr(
        matching, "meaning_soon", lambda *args, **kwargs: asked.append(args) or dict
    )
    found = search(user=AnonymousUser(), q="school transport")
    assert not asked
    search(user=AnonymousUser(), q="school transport for pupils from remote villages")
    assert asked  # a description is (so the recorder is where search asks)
    assert all(r.similarity is None for r in found.results)


def test_meaning_adds_other_languages_and_keeps_every_keyword_hit():
    corpus, _queries, _qrels = load(DATA / "search-dev")
    experiences_import(rows=[(n, row, "") for n, row in enumerate(corpus, start=1)])
    need = "How can a rural commune organise school transport for pupils from remote villages?"
    groups = query_groups(need)
    keyword = selectors._hits(terms_of(groups), groups, AnonymousUser(), enough=20)
    found = search(user=AnonymousUser(), q=need, per_page=1000)
    ids = [r.entry.pk for r in found.results]
    assert {hit.id for hit in keyword} <= set(ids)  # no keyword hit is lost
    assert len(ids) > len(keyword)
    scores_shown = [r.score for r in found.results]
    assert scores_shown == sorted(scores_shown, reverse=True)
    foreign = [r for r in found.results[:10] if "en" not in r.entry.language_codes]
    assert foreign, "answers in other languages lead too"
    assert foreign[0].similarity is not None
    assert "%" in foreign[0].meaning_note
    # The vector index knows nothing of audiences: an entry kept to members stays hidden.
    SearchEntry.objects.filter(pk=foreign[0].entry.pk).update(audience="members")
    again = search(user=AnonymousUser(), q=need, per_page=1000)
    assert foreign[0].entry.pk not in {r.entry.pk for r in again.results}
