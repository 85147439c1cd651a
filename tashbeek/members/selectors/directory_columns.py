"""The directory index's columns and orders (selectors/directory_index.py): each facet's
values as integer codes with their totals, and each sort order as row positions with each row's
rank in it, all built once per index and shared, read-only, by every request."""

import datetime
from dataclasses import dataclass

import numpy as np

from .organisations import POPULATION_BANDS

NONE = -1  # the code of an empty value


@dataclass(frozen=True)
class Column:
    """One facet's values as codes: `codes[row]` indexes `values`, or is NONE."""

    codes: np.ndarray
    values: list
    bins: np.ndarray  # the codes with NONE as len(values), for bincount
    totals: np.ndarray  # rows per value over every row: an unfiltered page counts nothing

    @classmethod
    def of(cls, raw: list, values: list | None = None) -> "Column":
        values = values if values is not None else sorted({v for v in raw if v not in (None, "")})
        code = {value: i for i, value in enumerate(values)}
        codes = np.fromiter((code.get(v, NONE) for v in raw), dtype=np.int32, count=len(raw))
        bins = np.where(codes == NONE, len(values), codes)
        return cls(codes, values, bins, shared(_bincount(bins, len(values))))

    def equal(self, value: object) -> np.ndarray:
        try:
            return self.codes == self.values.index(value)
        except ValueError:
            return np.zeros(len(self.codes), dtype=bool)

    def counts(self, rows: np.ndarray | None) -> np.ndarray:
        """Rows per value, of these rows (row numbers or a mask; None: of all rows). Empty
        values are counted in an extra last bin, which is dropped."""
        if rows is None:
            return self.totals
        return _bincount(self.bins[rows], len(self.values))


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
    updated_at: list[datetime.datetime],
) -> dict[str, np.ndarray]:
    """Row positions in each sort order. Every order ends with name then id, so pages are
    stable; empty populations and dates come last whichever the direction."""
    by_name = np.array(
        sorted(range(len(ids)), key=lambda row: (sort_names[row], ids[row])), dtype=np.int64
    )
    name_rank = np.empty(len(ids), dtype=np.int64)
    name_rank[by_name] = np.arange(len(ids))
    pop = np.array([-1 if n is None else n for n in population], dtype=np.int64)
    since = np.array([-1 if d is None else d.toordinal() for d in member_since], dtype=np.int64)
    updated = np.array([d.timestamp() for d in updated_at], dtype=np.float64)
    id_array = np.array(ids, dtype=np.int64)
    # np.lexsort sorts by the last key first.
    return {
        "name": by_name,
        "-population": np.lexsort((name_rank, -pop, pop < 0)),
        "population": np.lexsort((name_rank, pop, pop < 0)),
        "-member_since": np.lexsort((name_rank, -since, since < 0)),
        "-updated": np.lexsort((id_array, -updated)),
    }


def rank(order: np.ndarray) -> np.ndarray:
    """Each row's position in `order`."""
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    return rank
