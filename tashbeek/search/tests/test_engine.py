"""The full-text engine's shortcuts for large indexes: long queries keep their rarest terms,
and ranking before filtering never hides what a user may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tashbeek.experiences.importing import experiences_import
from tashbeek.needs import services as needs
from tashbeek.search import selectors, termstats
from tashbeek.search.analysis import analyse, query_groups, query_terms
from tashbeek.search.backends import fulltext
from tashbeek.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _import(count: int):
    rows = [
        {
            "external_id": f"e-{i}",
            "language": "en",
            "title": f"Waste collection report {i}",
            "summary": "Waste collection by the municipality. "
            + ("Composting with schools. " if i % 10 == 0 else "")
            + ("Biogas from market waste." if i == 7 else ""),
            "organisation": "Hebron Municipality",
        }
        for i in range(count)
    ]
    experiences_import(rows=[(n, row, "") for n, row in enumerate(rows, start=1)])


def test_long_queries_keep_their_rarest_terms_within_the_budget(monkeypatch):
    _import(40)
    terms = query_terms("waste collection municipality composting biogas")
    assert termstats.selective(terms) == terms  # 40 entries: far below the budget
    monkeypatch.setattr(termstats, "MAX_POSTINGS", 10)
    termstats.forget()
    kept = termstats.selective(terms)
    # biogas (1 entry) and compost (4) fit in 10 postings; the words of every entry do not.
    # (Stems no entry has, like the French stem of an English word, cost nothing and stay.)
    assert set(query_terms("composting biogas")) <= set(kept)
    assert not set(kept) & set(analyse("waste collection municipality", "en"))
    hits = fulltext(terms, user=AnonymousUser(), limit=20)
    assert len(hits) == 5  # the entries about composting (4) or biogas (1), not all 40


def test_short_queries_are_never_pruned(monkeypatch):
    _import(12)
    monkeypatch.setattr(termstats, "MAX_POSTINGS", 1)
    terms = query_terms("waste")
    assert termstats.selective(terms) == terms
    assert len(fulltext(terms, user=AnonymousUser(), limit=50)) == 12


def test_ranking_first_then_filtering_still_finds_what_the_user_may_see(aourir, staff_aourir):
    """Members-only needs rank above the one public need; a visitor asking for one result
    gets the public one (the engine falls back to filtering before ranking)."""
    for i in range(5):
        needs.need_save(
            by=staff_aourir,
            data={
                "organisation": aourir,
                "title": f"Irrigation irrigation irrigation {i}",
                "description": "Irrigation of the communal gardens, irrigation schedule.",
                "visibility": "members",
            },
        )
    public = needs.need_save(
        by=staff_aourir,
        data={
            "organisation": aourir,
            "title": "Gardens",
            "description": "A long description of the communal gardens and their irrigation, "
            "with the water rights of each family and the old canals of the valley.",
            "visibility": "public",
        },
    )
    terms = query_terms("irrigation")
    hits = fulltext(terms, user=AnonymousUser(), limit=1)
    assert [hit.id for hit in hits] == [
        SearchEntry.objects.get(kind="need", object_id=public.pk).pk
    ]
    assert len(fulltext(terms, user=staff_aourir, limit=10)) == 6


def test_every_word_ranks_only_entries_with_all_the_words(monkeypatch):
    _import(40)
    words = "composting waste"
    groups, terms = query_groups(words), query_terms(words)
    assert len(groups) == 2 and len(terms) >= 2  # Latin words bring their fr and en stems
    visitor = AnonymousUser()
    assert len(fulltext(terms, user=visitor, limit=100)) == 40
    assert len(fulltext(terms, user=visitor, limit=100, every_word=groups)) == 4
    # The search page takes that path when the words are common, and keeps it when at
    # least a page of entries has every word.
    monkeypatch.setattr(termstats, "MAX_POSTINGS", 10)
    found = selectors.search(user=visitor, q=words, per_page=3)
    assert found.total == 4 and found.pages == 2
    assert all("Composting" in result.entry.text for result in found.results)
    # Fewer than a page with every word: any word, within the budget (the rarest here).
    assert selectors.search(user=visitor, q=words, per_page=20).total == 4
    monkeypatch.setattr(termstats, "MAX_POSTINGS", 3_000)
    assert selectors.search(user=visitor, q=words).total == 40
