"""The directory index's columns without a database: facet counts by row and by bitset agree
with a plain count, and an order walked a stretch at a time gives every page as the whole
order would."""

import numpy as np
import pytest

from tashbeek.members.selectors import directory_columns
from tashbeek.members.selectors.directory_columns import (
    Column,
    OrderWalk,
    Selection,
    bitsets,
    count_in,
)

SIZE = 1_000  # not a multiple of 64: the last word of a bitset is padded


@pytest.fixture
def rng():
    return np.random.default_rng(7)


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 1.0])
@pytest.mark.parametrize("sparse", [1, 10**9])  # by rows, or by bitsets
def test_counts_by_rows_and_by_bitsets_agree_with_a_plain_count(rng, monkeypatch, share, sparse):
    monkeypatch.setattr(directory_columns, "SPARSE", sparse)
    raw = [None if v == 5 else f"v{v}" for v in rng.integers(0, 6, SIZE)]  # some empty
    column = Column.of(raw)
    mask = rng.random(SIZE) < share
    expected = [sum(1 for row in np.flatnonzero(mask) if raw[row] == v) for v in column.values]
    assert column.counts(Selection(mask)).tolist() == expected
    assert column.counts(None).tolist() == [raw.count(v) for v in column.values]


def test_a_row_in_several_sets_counts_in_each():
    rows = np.array([0, 0, 3, 999, 999], dtype=np.int32)  # rows 0 and 999 hold two values
    values = np.array([0, 2, 1, 0, 1], dtype=np.int32)
    sets = bitsets(rows, values, 3, SIZE)
    mask = np.zeros(SIZE, dtype=bool)
    mask[[0, 999]] = True
    assert count_in(sets, Selection(mask)).tolist() == [2, 1, 1]
    assert count_in(bitsets(rows[:0], values[:0], 0, SIZE), Selection(mask)).tolist() == []


@pytest.mark.parametrize("share", [0.0, 0.002, 0.1, 0.9])
def test_an_order_walked_a_stretch_at_a_time_gives_every_page(rng, monkeypatch, share):
    monkeypatch.setattr(OrderWalk, "FIRST", 16)  # many stretches over a thousand rows
    ids = rng.permutation(SIZE).astype(np.int64) + 10_000
    order = rng.permutation(SIZE)
    mask = rng.random(SIZE) < share
    whole = ids[order[mask[order]]]
    walk = OrderWalk(ids, order, Selection(mask))
    assert len(walk) == len(whole)
    # Pages in any order, past the end and again: each is the whole order's slice.
    for start, stop in ((0, 12), (24, 36), (12, 24), (len(whole) - 5, len(whole) + 20), (0, 12)):
        assert walk[max(start, 0) : stop].tolist() == whole[max(start, 0) : stop].tolist()
    assert walk[0 : len(whole)].tolist() == whole.tolist()


def test_the_first_page_reads_only_the_start_of_the_order(monkeypatch):
    monkeypatch.setattr(OrderWalk, "FIRST", 16)
    walk = OrderWalk(np.arange(SIZE), np.arange(SIZE), Selection(np.ones(SIZE, dtype=bool)))
    assert walk[0:12].tolist() == list(range(12))
    assert walk.read == 16  # one stretch was enough
