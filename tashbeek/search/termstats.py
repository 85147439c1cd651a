"""How common each term is in the index, estimated from a sample of entries, to keep long
queries fast.

Ranking (BM25 / ts_rank) scores every entry that contains any query term, so a query's
cost grows with the sum of its terms' document frequencies: a sentence of fifteen terms
over 100,000 experiences touches most of them. The most common terms weigh least in the
ranking anyway, so a long query keeps its rarest terms up to a budget of postings and
drops the rest (the idea of Lucene's CommonTermsQuery). Highlighting and the reasons of
matches still use every term. Small indexes are never pruned: the budget is absolute.

The frequencies come from a random sample of entries, read once per process and again
after REFRESH_SECONDS; a term missing from the sample counts as rare, which is what it is.
"""

import random
import threading
import time
from collections import Counter

from django.db.models import Count, Max, Min

from .models import SearchEntry

SAMPLE = 2000
REFRESH_SECONDS = 600
# Postings a query may touch, the same on both engines, so both prune a query alike.
# Measured at 100,000 experiences (PERFORMANCE.md): a match's ranking takes about 7 ms on
# PostgreSQL at 3,000 (12 ms at 6,000, 142 ms unpruned) and 4 ms on SQLite (20 ms at
# 30,000, its budget before), and each need's top 10 keeps 86 % of what ranking every
# posting gives, as at 6,000: the rarest terms carry the ranking. The development set
# is never pruned.
MAX_POSTINGS = 3_000
MIN_TERMS = 2


class TermStats:
    """Estimated document frequency of each term."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        self.loaded_at: float | None = None
        self.total = 0
        self.sampled = 0
        self.counts: Counter = Counter()

    def refresh(self) -> None:
        now = time.monotonic()
        if self.loaded_at is not None and now - self.loaded_at < REFRESH_SECONDS:
            return
        with self.lock:
            bounds = SearchEntry.objects.aggregate(low=Min("pk"), high=Max("pk"), n=Count("pk"))
            counts: Counter = Counter()
            rows = []
            if bounds["n"]:
                span = range(bounds["low"], bounds["high"] + 1)
                ids = random.sample(span, min(SAMPLE, len(span)))  # noqa: S311 - not security
                rows = SearchEntry.objects.filter(pk__in=ids).values_list(
                    "title_terms", "body_terms"
                )
                for title_terms, body_terms in rows:
                    counts.update(set(title_terms.split()) | set(body_terms.split()))
            self.counts, self.sampled, self.total = counts, len(rows), bounds["n"]
            self.loaded_at = now

    def documents(self, term: str) -> float:
        """Estimated number of entries that contain the term."""
        if not self.sampled:
            return 0.0
        return self.counts[term] * self.total / self.sampled


_stats = TermStats()


def selective(terms: list[str]) -> list[str]:
    """The terms worth sending to the engine, in their order: the rarest ones, as long as
    their estimated postings stay within the budget (and always the MIN_TERMS rarest)."""
    if len(terms) <= MIN_TERMS:
        return terms
    _stats.refresh()
    budget = MAX_POSTINGS
    if _stats.total <= budget // len(terms):
        return terms  # cannot exceed the budget whatever the terms
    rarest = sorted(range(len(terms)), key=lambda i: _stats.documents(terms[i]))
    kept, postings = [], 0.0
    for i in rarest:
        cost = _stats.documents(terms[i])
        if len(kept) >= MIN_TERMS and postings + cost > budget:
            break
        kept.append(i)
        postings += cost
    return [terms[i] for i in sorted(kept)]


def over_budget(terms: list[str]) -> bool:
    """Whether ranking every entry with any of these terms would cost more than the budget."""
    _stats.refresh()
    return sum(_stats.documents(term) for term in terms) > MAX_POSTINGS


def forget() -> None:
    """Drop the estimate (tests, after the table was emptied)."""
    _stats.forget()
