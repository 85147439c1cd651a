"""The directory as each server process reads it: the current index (rebuilt when the data
version moves), the results of a query a page at a time, and what a profile takes from it."""

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.paginator import Page, Paginator

from tashbeek.accounts.web import Reader
from tashbeek.core.models import Theme

from ..models import Organisation
from .directory_columns import OrderWalk
from .directory_index import DirectoryIndex, Facets, Listing
from .organisations import MAX_PAGES, PAGE_SIZE, DirectoryFilters
from .version import data_version

_current: DirectoryIndex | None = None
_lock = threading.Lock()


def current(version: int | None = None) -> DirectoryIndex:
    """The index at the database's current version (read now, unless the caller read it
    with its own rows), rebuilt if anything changed."""
    global _current
    if version is None:
        version = data_version()
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = DirectoryIndex(version, previous=_current)
        return _current


def forget() -> None:
    """Drop this process's index (tests empty the tables between them)."""
    global _current
    _current = None


class IndexedRows(Sequence):
    """Ids in order, their rows read a slice at a time: what Django's Paginator and DRF's
    pagination need (a length and slices), without a COUNT or an OFFSET scan. `load` reads the
    rows of a list of ids, as a mapping from id to row."""

    def __init__(self, ids: np.ndarray | OrderWalk, load: Callable[[list[int]], Mapping[int, Any]]):
        self.ids = ids
        self.load = load

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key: int | slice) -> Any:
        if not isinstance(key, slice):
            key = range(len(self))[key]  # IndexError as a list would
            return self[key : key + 1][0]
        wanted = [int(pk) for pk in self.ids[key]]
        found = self.load(wanted)
        # A row `load` no longer finds (deleted since the index was built) is left out.
        return [found[pk] for pk in wanted if pk in found]


@dataclass(frozen=True)
class DirectoryResults:
    """The directory for one query: the matching organisations in order, and the facets."""

    rows: IndexedRows
    facets: Facets | None


def directory_results(
    *, user: Reader, filters: DirectoryFilters, facets: bool = True, load: Callable | None = None
) -> DirectoryResults:
    """Filter, count and order with the index. Rows are read a page at a time by `load`,
    by default the index's own listings (no query). Every reader gets the same directory, as
    `visible_to` shows everyone every organisation (a test holds that premise); `user` is
    here for the day it does not."""
    index = current()
    if load is None:
        load = index.listings_of
    masks = index.masks(filters)
    rows = IndexedRows(index.ids_in_order(masks, filters.sort), load)
    return DirectoryResults(rows, index.facets(masks) if facets else None)


def organisation_page(*, results: DirectoryResults, page: int | str | None) -> Page:
    """One page of the results, bounded to MAX_PAGES (deeper, refine the filters)."""
    try:
        number = min(max(int(page or 1), 1), MAX_PAGES)
    except (TypeError, ValueError):
        number = 1
    return Paginator(results.rows, PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class ProfileLists:
    """What a profile shows of other rows: its themes, its cluster or union, and (for a
    cluster or union) its members."""

    themes: list[Theme]
    parent: Listing | None
    constituents: list[Listing]


def profile_lists(*, organisation: Organisation) -> ProfileLists:
    """A profile's themes, parent and members from the index instead of a join and two
    prefetch queries on every profile view. `organisation_detail` reads the version."""
    if hasattr(organisation, "directory_version"):
        index = current(organisation.directory_version or 0)
    else:
        index = current()
    return ProfileLists(
        themes=index.themes_of(organisation.pk),
        parent=index.listings.get(organisation.parent_id),
        constituents=index.constituents_of(organisation.pk),
    )
