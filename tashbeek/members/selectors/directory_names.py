"""The directory index's name search (selectors/directory_index.py): which organisations'
folded names hold every term of a query, as `search_name__contains` would answer, without
reading every name.

Trigram postings (the rows whose name holds each three-letter string) give the candidates of
terms of three letters or more; the terms are then compared with the candidates' names. A
shorter term, the one or two letters a search-as-you-type sends first, has no trigram of its
own, but a name of three letters or more holds it exactly when one of the name's trigrams
does: the union of those trigrams' postings is its answer, exact, with no comparison. Only
the few names shorter than a trigram are compared with it.
"""

from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property

import numpy as np

GRAM = 3  # letters per n-gram of the name postings
NARROW = 3  # postings intersected before names are compared


class Names:
    """The folded names, one per row of the index. Immutable once built; the postings are
    built on the first search of this version and then shared by every search."""

    def __init__(self, folded: list[str]):
        self.size = len(folded)
        # One fixed-width array of UTF-8: a search compares candidates with it in C, over
        # contiguous memory, instead of visiting a thousand string objects. (A UTF-8 term can
        # only match a UTF-8 name at a character boundary.)
        encoded = [name.encode() for name in folded]
        self.array = np.array(encoded, dtype=f"S{max([1, *map(len, encoded)])}")

    @classmethod
    def of(cls, folded: list[str], previous: "Names | None") -> "Names":
        """The names of a new index; `previous` (the same rows' names in the index it
        replaces) when they are the same, with the postings it built: they cost seconds at
        250,000 organisations (docs/PERFORMANCE.md) and a write that renames nothing leaves
        them as they were."""
        names = cls(folded)
        if previous is not None and np.array_equal(previous.array, names.array):
            return previous
        return names

    def containing(self, terms: list[str]) -> np.ndarray:
        """A mask of the names that hold every term (at least one). A query of short terms
        only is answered term by term from the postings (see the module). Otherwise the
        long terms give the candidates, and each term, longest first, is compared with the
        names still in, in C over one slice of the name array, so a later term reads only
        the names the earlier ones kept."""
        terms = sorted(set(terms), key=len, reverse=True)
        if len(terms[0]) < GRAM:
            mask = self._holding_short(terms[0])
            for term in terms[1:]:
                mask &= self._holding_short(term)
            return mask
        rows = self._candidates([term for term in terms if len(term) >= GRAM])
        names = self.array[rows]
        for later, term in enumerate(terms, start=1 - len(terms)):
            if not len(rows):
                break
            keep = np.strings.find(names, term.encode()) >= 0
            rows = rows[keep]
            if later:  # the names only a later term reads: the last copy is 3 MB at 250,000
                names = names[keep]
        mask = np.zeros(self.size, dtype=bool)
        mask[rows] = True
        return mask

    def _candidates(self, terms: list[str]) -> np.ndarray:
        """Rows holding the rarest trigram of each term and the NARROW rarest of all. A name
        without one of the terms' trigrams cannot match, so an unknown trigram means no
        result. Each term's rarest counts, because the rarest of all may come from one term
        only, and a name must hold every term; more trigrams narrow little, and the
        comparison that follows is exact anyway."""
        each = [{term[i : i + GRAM] for i in range(len(term) - GRAM + 1)} for term in terms]
        grams = set().union(*each)
        if not grams <= self.grams.keys():
            return np.zeros(0, dtype=np.int64)
        rarest = {min(term, key=lambda gram: len(self.grams[gram])) for term in each}
        rarest |= set(sorted(grams, key=lambda gram: len(self.grams[gram]))[:NARROW])
        postings = sorted((self.grams[gram] for gram in rarest), key=len)
        candidates = postings[0]
        for rows in postings[1:]:  # intersect through a mask: no sorting
            seen = np.zeros(self.size, dtype=bool)
            seen[rows] = True
            candidates = candidates[seen[candidates]]
        return candidates.astype(np.int64)

    def _holding_short(self, term: str) -> np.ndarray:
        """A mask of the names that hold a term shorter than a trigram, exactly (see the
        module): the union of the postings of the trigrams that hold it, and the names
        shorter than a trigram that hold it."""
        seen = np.zeros(self.size, dtype=bool)
        postings = [self.grams[gram] for gram in self.within.get(term, ())]
        if postings:
            seen[np.concatenate(postings)] = True
        short = self.short_rows
        seen[short[np.strings.find(self.array[short], term.encode()) >= 0]] = True
        return seen

    @cached_property
    def grams(self) -> dict[str, np.ndarray]:
        """Trigram postings of the folded names (about 0.1 s for 10,000 names)."""
        postings: dict[str, list[int]] = defaultdict(list)
        for row, name in enumerate(self._decoded()):
            for gram in {name[i : i + GRAM] for i in range(len(name) - GRAM + 1)}:
                postings[gram].append(row)
        return {gram: np.array(rows, dtype=np.int32) for gram, rows in postings.items()}

    @cached_property
    def within(self) -> dict[str, list[str]]:
        """For each string shorter than a trigram, the trigrams that hold it."""
        holding: dict[str, list[str]] = defaultdict(list)
        for gram in self.grams:
            parts = {gram[i : i + n] for n in range(1, GRAM) for i in range(GRAM - n + 1)}
            for part in parts:
                holding[part].append(gram)
        return dict(holding)

    @cached_property
    def short_rows(self) -> np.ndarray:
        """The rows whose name is shorter than a trigram: no trigram holds their letters."""
        short = [row for row, name in enumerate(self._decoded()) if len(name) < GRAM]
        return np.array(short, dtype=np.int64)

    def _decoded(self) -> Iterator[str]:
        return (name.decode() for name in self.array.tolist())
