"""The directory index's columns and orders (selectors/directory_index.py): each facet's
values as integer codes with their totals and the set of rows that hold each value, and each
sort order as row positions with each row's rank in it, all built once per index and shared,
read-only, by every request."""

import datetime
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .organisations import POPULATION_BANDS

NONE = -1  # the code of an empty value
# Below one row in SPARSE, a selection is read as row numbers; above, as a bitset.
SPARSE = 16


class Selection:
    """The rows a facet counts, as a mask, read in the form its size makes cheap: a few
    rows as row numbers (a count reads only those), many as a bitset (a count is one AND and
    a population count per value over 64 rows a word: at 250,000 rows, a tenth of the time
    of gathering the rows' values)."""

    def __init__(self, mask: np.ndarray):
        self.mask = mask

    @cached_property
    def count(self) -> int:
        return int(np.count_nonzero(self.mask))

    @cached_property
    def sparse(self) -> bool:
        return self.count * SPARSE < len(self.mask)

    @cached_property
    def rows(self) -> np.ndarray:
        return np.flatnonzero(self.mask)

    @cached_property
    def bits(self) -> np.ndarray:
        return packed(self.mask)


def packed(mask: np.ndarray) -> np.ndarray:
    """A boolean mask as bits in 64-bit words, the last padded with zeros."""
    bits = np.packbits(mask)
    return np.pad(bits, (0, -len(bits) % 8)).view(np.uint64)


def bitsets(rows: np.ndarray, values: np.ndarray, n: int, size: int) -> np.ndarray:
    """For each of `n` values, the rows that hold it (row `rows[i]` holds `values[i]`), as
    one bitset a value: an (n, words) array."""
    held = np.zeros((n, size), dtype=bool)
    held[values, rows] = True
    return shared(np.stack([packed(row) for row in held]) if n else np.zeros((0, 0), np.uint64))


def count_in(sets: np.ndarray, selection: Selection) -> np.ndarray:
    """How many selected rows each value's set holds."""
    if not len(sets):
        return np.zeros(0, dtype=np.int64)
    return np.bitwise_count(sets & selection.bits).sum(axis=1, dtype=np.int64)


@dataclass(frozen=True)
class Column:
    """One facet's values as codes: `codes[row]` indexes `values`, or is NONE."""

    codes: np.ndarray
    values: list
    bins: np.ndarray  # the codes with NONE as len(values), for bincount
    totals: np.ndarray  # rows per value over every row: an unfiltered page counts nothing
    sets: np.ndarray  # each value's rows as a bitset, for many selected rows

    @classmethod
    def of(cls, raw: list, values: list | None = None) -> "Column":
        values = values if values is not None else sorted({v for v in raw if v not in (None, "")})
        code = {value: i for i, value in enumerate(values)}
        codes = np.fromiter((code.get(v, NONE) for v in raw), dtype=np.int32, count=len(raw))
        bins = np.where(codes == NONE, len(values), codes)
        held = np.flatnonzero(codes != NONE)
        sets = bitsets(held, codes[held], len(values), len(raw))
        return cls(codes, values, bins, shared(_bincount(bins, len(values))), sets)

    def equal(self, value: object) -> np.ndarray:
        try:
            return self.codes == self.values.index(value)
        except ValueError:
            return np.zeros(len(self.codes), dtype=bool)

    def counts(self, selection: Selection | None) -> np.ndarray:
        """Rows per value among the selected rows (None: among all rows). Counted by row,
        empty values fall in an extra last bin, which is dropped."""
        if selection is None:
            return self.totals
        if selection.sparse:
            return _bincount(self.bins[selection.rows], len(self.values))
        return count_in(self.sets, selection)


def shared(array: np.ndarray) -> np.ndarray:
    """An array every request is handed as it is: read-only, so none can change it."""
    array.flags.writeable = False
    return array


def _bincount(bins: np.ndarray, values: int) -> np.ndarray:
    return np.bincount(bins, minlength=values + 1)[:values]


def band(population: int | None) -> str | None:
    if population is None:
        return None
    for key, low, high in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return key
    return None


def orders(
    sort_names: list[str],
    ids: list[int],
    population: list[int | None],
    member_since: list[datetime.date | None],
    updated_rank: list[int],
) -> dict[str, np.ndarray]:
    """Row positions in each sort order. Every order ends with name then id, so pages are
    stable; empty populations and dates come last whichever the direction. The order by
    last update comes ranked by the database (1 = the latest, ties by id)."""
    by_name = np.array(
        sorted(range(len(ids)), key=lambda row: (sort_names[row], ids[row])), dtype=np.int64
    )
    name_rank = np.empty(len(ids), dtype=np.int64)
    name_rank[by_name] = np.arange(len(ids))
    pop = np.array([-1 if n is None else n for n in population], dtype=np.int64)
    since = np.array([-1 if d is None else d.toordinal() for d in member_since], dtype=np.int64)
    # np.lexsort sorts by the last key first.
    return {
        "name": by_name,
        "-population": np.lexsort((name_rank, -pop, pop < 0)),
        "population": np.lexsort((name_rank, pop, pop < 0)),
        "-member_since": np.lexsort((name_rank, -since, since < 0)),
        "-updated": np.argsort(np.array(updated_rank, dtype=np.int64)),
    }


def rank(order: np.ndarray) -> np.ndarray:
    """Each row's position in `order`."""
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    return rank


class OrderWalk:
    """The ids of many selected rows in an order, found a stretch of the order at a time.
    A page reads the order only as far as its last row: the first page of a filter that
    keeps one row in ten reads a few thousand positions of the order, where gathering every
    selected id read all of them (250,000 at the largest size we measure). The length is the
    selection's count."""

    FIRST = 4096  # positions read first; each further stretch doubles

    def __init__(self, ids: np.ndarray, order: np.ndarray, selected: Selection):
        self.ids = ids
        self.order = order
        self.mask = selected.mask
        self.count = selected.count
        self.found: list[np.ndarray] = []  # the selected rows met so far, in order
        self.met = 0
        self.read = 0

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, key: slice) -> np.ndarray:
        stop = key.indices(self.count)[1]
        stretch = max(self.FIRST, self.read)
        while self.met < stop and self.read < len(self.order):
            positions = self.order[self.read : self.read + stretch]
            rows = positions[self.mask[positions]]
            self.found.append(rows)
            self.met += len(rows)
            self.read += len(positions)
            stretch *= 2
        rows = np.concatenate(self.found) if self.found else np.zeros(0, dtype=np.int64)
        return self.ids[rows[key]]
