"""Reads: the search page's results with facets and snippets. Matchmaking is in matching.py.

Ranking and visibility are done by the engine (backends.fulltext); the best CAP matches the
user may see come back with their facet columns in one query, so facets, counts and paging
are computed from those and never from anything the user may not see.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tashbeek.accounts.web import Reader

from . import matching
from .analysis import VERSION, detect_language, query_groups, term_of_each_word, terms_of
from .backends import Hit, fulltext, hits_of
from .models import SearchEntry
from .termstats import over_budget

CAP = 1000
PER_PAGE = 20
MAX_QUERY = 500
SNIPPET_WORDS = 36
EVERY_WORD_UP_TO = 4  # words; longer queries are descriptions, not keywords
FACETS = ("kind", "country", "language", "theme", "year")
# What a description is searched for by meaning too: the kinds that hold answers.
MEANING_KINDS = ("experience", "document", "project", "offer", "service")


@dataclass
class Filters:
    kind: str = ""
    country: str = ""
    language: str = ""
    theme: str = ""
    year: int | None = None

    def failures(self, hit: Hit) -> list[str]:
        """The facets whose filter this hit does not pass."""
        failed = []
        if self.kind and hit.kind != self.kind:
            failed.append("kind")
        if self.country and hit.country != self.country:
            failed.append("country")
        if self.language and f" {self.language} " not in hit.languages:
            failed.append("language")
        if self.theme and f" {self.theme} " not in hit.themes:
            failed.append("theme")
        if self.year and hit.year != self.year:
            failed.append("year")
        return failed

    def keeps(self, hit: Hit) -> bool:
        return not self.failures(hit)


@dataclass
class Result:
    entry: SearchEntry
    score: float
    title: SafeString
    snippet: SafeString
    similarity: float | None = None

    @property
    def meaning_note(self) -> str:
        """Why an entry without the query's words is there (in the reader's language)."""
        return matching.meaning_reason(self.similarity)


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


def search(
    *, user: Reader, q: str, filters: Filters | None = None, page: int = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """One page of ranked results for a query, with facet counts."""
    filters = filters or Filters()
    q = (q or "").strip()[:MAX_QUERY]
    groups = query_groups(q)
    terms = terms_of(groups)
    found = SearchResults(query=q, terms=terms)
    if not terms:
        return found
    # A description (more words than a keyword query) is also searched by meaning, started
    # first so that it runs while the words are ranked.
    described = len(groups) > EVERY_WORD_UP_TO
    language = detect_language(q) if described else ""
    similar = matching.meaning_soon(q, language, kinds=MEANING_KINDS) if described else None
    hits = _hits(terms, groups, user, enough=per_page)
    if similar:
        hits = _with_meaning(similar(), language, hits, user)
    found.capped = len(hits) == CAP
    found.facets = _facets(hits, filters)
    kept = [hit for hit in hits if filters.keeps(hit)]
    found.total = len(kept)
    found.pages = max(1, -(-len(kept) // per_page))
    found.page = min(max(1, page), found.pages)
    shown = kept[(found.page - 1) * per_page : found.page * per_page]
    found.results = _results(shown, terms)
    return found


def _hits(terms: list[str], groups: list[list[str]], user: Reader, *, enough: int) -> list[Hit]:
    """The best CAP matches. When a few common words would make the engine rank a large
    part of the index, the answer is the entries with every word, as people expect of a
    short query (and far cheaper); any word only when fewer than a page have them all."""
    if 1 < len(groups) <= EVERY_WORD_UP_TO and over_budget(terms):
        hits = fulltext(terms, user=user, limit=CAP, every_word=groups)
        if len(hits) >= enough:
            return hits
    return fulltext(terms, user=user, limit=CAP)


def _with_meaning(
    similarity: matching.Similarity, language: str, hits: list[Hit], user: Reader
) -> list[Hit]:
    """The keyword hits of a description and the entries nearest in meaning to it, in every
    language, as matchmaking does: both ranked by meaning and by the words in the query's
    own language. Keyword hits in other languages, which that ranking leaves out, keep their
    order after them."""
    if not similarity:
        return hits
    ranked = matching.fuse(similarity, hits, language)
    known = {hit.id: hit for hit in hits}
    known |= {hit.id: hit for hit in hits_of([pk for pk in ranked if pk not in known], user=user)}
    lead = sorted((pk for pk in ranked if pk in known), key=lambda pk: (-ranked[pk], pk))
    best = max((hit.score for hit in hits), default=0.0) or 1.0
    # The hits are this query's own objects: rescored in place (copying up to CAP of them
    # cost more than the ranking).
    led = []
    for pk in lead:
        hit = known[pk]
        hit.score, hit.closeness = ranked[pk], matching.closeness_of(similarity, pk)
        led.append(hit)
    # Below every entry ranked by meaning, in their keyword order, so scores stay in order.
    under = min((hit.score for hit in led), default=0.0) - 1.0
    rest = [hit for hit in hits if hit.id not in ranked]
    for hit in rest:
        hit.score = under + hit.score / best
    return (led + rest)[:CAP]


def _facets(hits: list[Hit], filters: Filters) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value, each facet counted with the other facets' filters applied:
    a hit that fails no filter counts in every facet, one that fails one filter counts only
    in that filter's facet (choosing another value there would bring it in)."""
    counted: dict[str, list[Hit]] = {name: [] for name in FACETS}
    for hit in hits:
        failed = filters.failures(hit)
        if not failed:
            for name in FACETS:
                counted[name].append(hit)
        elif len(failed) == 1:
            counted[failed[0]].append(hit)
    # Counter over generators counts in C: this runs over up to CAP hits per search.
    counts: dict[str, Counter] = {
        "kind": Counter(hit.kind for hit in counted["kind"]),
        "country": Counter(hit.country for hit in counted["country"] if hit.country),
        "language": Counter(c for hit in counted["language"] for c in hit.languages.split()),
        "theme": Counter(t for hit in counted["theme"] for t in hit.themes.split()),
        "year": Counter(hit.year for hit in counted["year"] if hit.year),
    }
    return {name: counts[name].most_common(30) for name in FACETS}


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
                similarity=None if hit.closeness is None else round(hit.closeness, 4),
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


def stale_kinds() -> list[str]:
    """The kinds that hold entries whose terms an older analyser made (after an upgrade
    that changed how text becomes terms): `manage.py reindex --stale` rebuilds them."""
    older = SearchEntry.objects.filter(analyser__lt=VERSION)
    return sorted(set(older.values_list("kind", flat=True)))
