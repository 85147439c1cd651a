"""Matchmaking: a need (free text) → ranked experiences, documents, offers, with reasons.

Two rankings are fused by their scores: the sentence embeddings' (meaning, across
languages; two encoders, see vectors.py) and full text over the analyser's terms (precise,
but only within a language). Full text counts only for entries written in the need's
language: its best hits are almost all in that language, and rank fusion, which we used
before, pushed the right foreign-language answer down below same-language word matches.
Reasons shown to people: shared themes, the words that matched, and how close the meaning is.
"""

import string
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme

from . import embeddings, vectors
from .analysis import detect_language, query_terms
from .backends import Hit, fulltext, hits_of
from .models import SearchEntry

CANDIDATES = 100
MAX_TEXT = 10_000
# Full text's score, as a share of the query's best full-text score, is worth this many
# standard deviations of the semantic score (tuned on the development set).
LEXICAL_WEIGHT = 0.5
# Below this closeness, meaning alone is not shown as a reason (USE v3's cosine scale).
CLOSE_MEANING = 0.35
# {entry id: (semantic score, closeness)}
Similarity = dict[int, tuple[float, float]]


@dataclass
class Match:
    entry: SearchEntry
    score: float
    similarity: float | None = None
    matched_terms: list[str] = field(default_factory=list)
    shared_themes: list[str] = field(default_factory=list)
    # The shared themes' names in every language ({"ar": …}), shown in the reader's.
    theme_names: list[dict] = field(default_factory=list)

    @property
    def is_explained(self) -> bool:
        """Whether there is a reason to show it to a person at all."""
        return bool(self.reasons)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.shared_themes:
            names = [pick(n) for n in self.theme_names] or self.shared_themes
            reasons.append(_("Shared themes: %s") % ", ".join(names))
        if self.matched_terms:
            reasons.append(_("Matched terms: %s") % ", ".join(self.matched_terms))
        if note := meaning_reason(self.similarity):
            reasons.append(note)
        return reasons


def meaning_reason(similarity: float | None) -> str:
    """The reason "Close in meaning (NN %)", for an entry close enough to give it."""
    if similarity is None or similarity < CLOSE_MEANING:
        return ""
    return _("Close in meaning (%d%%)") % round(similarity * 100)


def match(
    *,
    user,
    text: str,
    kinds=("experience",),
    limit: int = 10,
    themes: list[str] | None = None,
    exclude: tuple[str, int] | None = None,
) -> list[Match]:
    """The entries of these kinds that best answer the text, best first."""
    text = (text or "")[:MAX_TEXT]
    language = detect_language(text)
    similar = meaning_soon(text, language, kinds=kinds)
    lexical = fulltext(query_terms(text), user=user, kinds=kinds, limit=CANDIDATES)
    similarity = similar()
    ranked = fuse(similarity, lexical, language)
    # The vector index knows nothing of audiences: the candidates the user may see.
    visible = [hit.id for hit in hits_of(list(ranked), user=user)]
    # One more than shown when an entry is left out (the page's own), known once read.
    best = sorted(visible, key=lambda pk: (-ranked[pk], pk))[: limit + bool(exclude)]
    # Only the shown entries are read in full (text and terms, for the reasons).
    entries = SearchEntry.objects.defer("embedding").in_bulk(best)
    best = [pk for pk in best if pk in entries and _key(entries[pk]) != exclude][:limit]
    wanted = _words_of_terms(text)
    themes = set(themes or [])
    found = [
        _explain(entries[pk], ranked[pk], closeness_of(similarity, pk), wanted, themes)
        for pk in best
    ]
    _name_themes(found)
    return found


def _key(entry: SearchEntry) -> tuple[str, int]:
    return entry.kind, entry.object_id


def _name_themes(found: list[Match]) -> None:
    """Theme names for the reasons, for all matches in one query."""
    slugs = {slug for m in found for slug in m.shared_themes}
    if not slugs:
        return
    names = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "names"))
    for m in found:
        m.theme_names = [names.get(slug) or {"en": slug} for slug in m.shared_themes]


# Punctuation around a word as people type it (Latin, Arabic and typographic).
WORD_EDGES = string.punctuation + "،؛؟«»…“”‘’–—·"


def _words_of_terms(text: str) -> dict[str, str]:
    """{term: the word as the person typed it}, so reasons show their words, not stems nor
    the folded spelling the index uses ("جماعة", not "جماعه")."""
    found: dict[str, str] = {}
    for token in text.split():
        word = token.strip(WORD_EDGES)
        for term in query_terms(word) if word else ():
            found.setdefault(term, word)
    return found


def fuse(similarity: Similarity, lexical: list[Hit], language: str) -> dict[int, float]:
    """One ranking of meaning and words, {entry id: score}: the semantic score, plus the
    full-text score (as a share of the best) for entries in the text's own language. With
    no semantic scores (no models), full text alone, in every language."""
    ranked = {pk: score for pk, (score, _closeness) in similarity.items()}
    floor = min(ranked.values(), default=0.0)
    best_lexical = max((hit.score for hit in lexical), default=0.0) or 1.0
    for hit in lexical:
        if similarity and language not in hit.languages.split():
            continue
        ranked[hit.id] = ranked.get(hit.id, floor) + LEXICAL_WEIGHT * hit.score / best_lexical
    return ranked


# Scoring by meaning runs on these threads while the request's own thread ranks by words:
# numpy and the database drivers both release the GIL, so a query takes the longer of the
# two instead of their sum (PERFORMANCE.md). Two, for the two requests a process may serve.
_scoring = ThreadPoolExecutor(max_workers=2, thread_name_prefix="tashbeek-meaning")


def meaning_soon(text: str, language: str, *, kinds) -> Callable[[], Similarity]:
    """Starts finding the entries nearest in meaning on a scoring thread; returns the
    function that waits for them: {entry id: (semantic score, closeness)}, best first
    (empty without the models). The indexes are refreshed first, here: only the request's
    thread reads the database (it may be inside a transaction another connection would not
    see)."""
    if not text.strip() or not embeddings.enabled():
        return dict
    indexes = [vectors.vector_index(kind) for kind in kinds]
    for index in indexes:
        index.refresh()
    return _scoring.submit(_nearest, text, language, indexes).result


def _nearest(text: str, language: str, indexes: list[vectors.VectorIndex]) -> Similarity:
    vector = embeddings.encode_query(text)
    nearest: list[tuple[int, float, float]] = []
    for index in indexes:
        nearest += index.scored(vector, language, CANDIDATES)
    nearest.sort(key=lambda item: -item[1])
    return {pk: (score, close) for pk, score, close in nearest[:CANDIDATES]}


def closeness_of(similarity: dict, pk: int) -> float | None:
    """How close in meaning an entry is, when meaning found it."""
    return similarity[pk][1] if pk in similarity else None


def _explain(entry, score, similarity, wanted: dict[str, str], themes: set[str]) -> Match:
    terms = set(entry.title_terms.split()) | set(entry.body_terms.split())
    matched = sorted({wanted[term] for term in wanted.keys() & terms})
    return Match(
        entry=entry,
        score=round(score, 6),
        similarity=None if similarity is None else round(similarity, 4),
        matched_terms=matched[:10],
        shared_themes=sorted(themes & set(entry.theme_slugs)),
    )
