"""Reads: the search page's results with facets and snippets. Matchmaking is in matching.py.

Ranking and visibility are done by the engine (backends.fulltext); the best CAP matches the
user may see come back with their facet columns in one query, so facets, counts and paging
are computed from those and never from anything the user may not see.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import query_terms, term_of_each_word
from .backends import Hit, fulltext
from .models import SearchEntry

CAP = 1000
PER_PAGE = 20
MAX_QUERY = 500
SNIPPET_WORDS = 36
FACETS = ("kind", "country", "language", "theme", "year")


@dataclass
class Filters:
    kind: str = ""
    country: str = ""
    language: str = ""
    theme: str = ""
    year: int | None = None

    def keeps(self, hit: Hit, *, leave_out: str = "") -> bool:
        checks = {
            "kind": not self.kind or hit.kind == self.kind,
            "country": not self.country or hit.country == self.country,
            "language": not self.language or f" {self.language} " in hit.languages,
            "theme": not self.theme or f" {self.theme} " in hit.themes,
            "year": not self.year or (hit.date is not None and hit.date.year == self.year),
        }
        return all(ok for name, ok in checks.items() if name != leave_out)


@dataclass
class Result:
    entry: SearchEntry
    score: float
    title: SafeString
    snippet: SafeString


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    results: list[Result] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: int = 1
    pages: int = 0


def search(*, user, q: str, filters: Filters | None = None, page: int = 1, per_page=PER_PAGE):
    """One page of ranked results for a query, with facet counts."""
    filters = filters or Filters()
    q = (q or "").strip()[:MAX_QUERY]
    terms = query_terms(q)
    found = SearchResults(query=q, terms=terms)
    if not terms:
        return found
    hits = fulltext(terms, user=user, limit=CAP)
    found.capped = len(hits) == CAP
    found.facets = _facets(hits, filters)
    kept = [hit for hit in hits if filters.keeps(hit)]
    found.total = len(kept)
    found.pages = max(1, -(-len(kept) // per_page))
    found.page = min(max(1, page), found.pages)
    shown = kept[(found.page - 1) * per_page : found.page * per_page]
    found.results = _results(shown, terms)
    return found


def _facets(hits: list[Hit], filters: Filters) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value, each facet counted with the other facets' filters applied."""
    facets = {}
    for name in FACETS:
        counts: Counter = Counter()
        for hit in hits:
            if filters.keeps(hit, leave_out=name):
                counts.update(_values(hit, name))
        facets[name] = counts.most_common(30)
    return facets


def _values(hit: Hit, name: str) -> list:
    if name == "kind":
        return [hit.kind]
    if name == "country":
        return [hit.country] if hit.country else []
    if name == "language":
        return hit.languages.split()
    if name == "theme":
        return hit.themes.split()
    return [hit.date.year] if hit.date else []


def _results(hits: list[Hit], terms: list[str]) -> list[Result]:
    entries = SearchEntry.objects.defer("embedding", "title_terms", "body_terms").in_bulk(
        [hit.id for hit in hits]
    )
    wanted = set(terms)
    results = []
    for hit in hits:
        entry = entries.get(hit.id)
        if entry is None:
            continue
        language = (entry.language_codes or ["en"])[0]
        results.append(
            Result(
                entry=entry,
                score=hit.score,
                title=highlight(entry.title, wanted, language, whole=True),
                snippet=highlight(entry.text, wanted, language),
            )
        )
    return results


def highlight(text: str, terms: set[str], language: str, *, whole: bool = False) -> SafeString:
    """The text (or, for a snippet, the window of words with most matches) with matched
    words in <mark>; everything escaped, so the text can never carry markup."""
    words = term_of_each_word(text, language)
    if not words:
        return mark_safe("")  # noqa: S308 - empty
    hits = [term in terms for _word, term in words]
    start, end = 0, len(words)
    if not whole and len(words) > SNIPPET_WORDS:
        start = _best_window(hits, SNIPPET_WORDS)
        end = start + SNIPPET_WORDS
    pieces = [
        f"<mark>{escape(word)}</mark>" if hit else escape(word)
        for (word, _term), hit in zip(words[start:end], hits[start:end], strict=True)
    ]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(words) else ""
    return mark_safe(prefix + " ".join(pieces) + suffix)  # noqa: S308 - escaped above


def _best_window(hits: list[bool], size: int) -> int:
    best, best_start, current = -1, 0, sum(hits[:size])
    for start in range(0, len(hits) - size + 1):
        if start:
            current += hits[start + size - 1] - hits[start - 1]
        if current > best:
            best, best_start = current, start
    # Start a little before the first match so it is read in context.
    return max(0, best_start - 4) if best > 0 else 0
