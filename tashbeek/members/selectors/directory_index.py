"""The directory's in-memory column index: filters, facet counts, order and listings.

Why: each facet counts its values under all the *other* filters. In SQL that is one scan of the
filtered set per facet, six per page, and it was most of a directory page's time at 10,000
organisations (docs/PERFORMANCE.md). Here each server process holds the few columns the
directory filters, counts and sorts on (tens of bytes per organisation) as integer codes, and
each value's rows as a bitset; a request builds one boolean mask per active filter and counts
values by row (`bincount`) or by bitset (directory_columns.py). Nothing is keyed by the query:
every request computes its own counts, order and page.

Freshness: triggers give the `members.directory` change counter a new (random, never reused)
value in the same transaction as any write to organisations, their themes, regions or themes
(migration members 0006). Each request reads that value (one row by its unique key) and
`selectors/directory.py` rebuilds its process's index when it changed. The version is read
*before* the rows, so an index can only be newer than its version, never older.

The index holds what `visible_to` shows everyone: the directory is public. If visibility ever
depends on the reader, the index needs an audience column (a test checks the premise).
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from django.db.models import QuerySet, TextField, Window
from django.db.models.functions import Cast, RowNumber
from django.urls import reverse

from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme
from tashbeek.core.text import search_terms

from ..models import Organisation, Region
from .directory_columns import (
    Column,
    OrderWalk,
    Selection,
    band,
    bitsets,
    count_in,
    orders,
    rank,
    shared,
)
from .directory_names import Names
from .organisations import POPULATION_BANDS, SORTS, STATUS_FILTERS, DirectoryFilters

COLUMNS = (
    "id",
    "parent_id",
    "names_text",
    "latitude",
    "longitude",
    "country",
    "region_id",
    "kind",
    "relation",
    "membership_status",
    "population",
    "member_since",
    "updated_rank",
    "search_name",
    "sort_name",
)


class Listing(NamedTuple):
    """What a list of organisations shows of each one (the directory's cards, the API list),
    held by the index so that a page of results needs no query."""

    id: int
    names: dict
    kind: str
    relation: str
    membership_status: str
    country: str
    region: Region | None
    population: int | None
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def pk(self) -> int:
        return self.id

    @property
    def name(self) -> str:
        return pick(self.names) or f"#{self.id}"

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"pk": self.id})


class FacetCount(NamedTuple):
    """How many organisations have a value; regions and themes carry their names."""

    value: str
    n: int
    names: dict | None = None


@dataclass(frozen=True)
class Facets:
    """Counts per value of each facet under all the other active filters, largest first,
    values with no organisation left out (status and population: every value, in order)."""

    country: list[FacetCount]
    region: list[FacetCount]
    kind: list[FacetCount]
    theme: list[FacetCount]
    status: list[FacetCount]
    population: list[FacetCount]


def _rows() -> QuerySet:
    """The organisations with two columns in the form the index wants, for speed at 250,000
    rows (docs/PERFORMANCE.md): the names as JSON text, decoded by `json.loads` at half
    `JSONField`'s cost, and the rank by last update, counted by the database in the same
    query, instead of 250,000 datetimes through Django's time-zone loader, which runs in
    Python per value."""
    by_update = Window(RowNumber(), order_by=list(SORTS["-updated"]))  # the SQL path's order
    return Organisation.objects.order_by().annotate(
        names_text=Cast("names", TextField()), updated_rank=by_update
    )


class DirectoryIndex:
    """A snapshot of the directory at one data version. Immutable once built."""

    def __init__(self, version: int, previous: "DirectoryIndex | None" = None):
        """`previous`, the index this one replaces: its name postings are kept when the
        rows are the same organisations with the same names (most writes rename nothing)."""
        self.version = version
        # Rows by id, so the same organisations give the same rows whatever order the
        # database returns them in (PostgreSQL moves a row it updates).
        rows = sorted(_rows().values_list(*COLUMNS), key=itemgetter(0))
        self.size = len(rows)
        column = dict(zip(COLUMNS, zip(*rows, strict=True), strict=True)) if rows else {}
        get = lambda name: list(column.get(name, ()))  # noqa: E731
        self.ids = np.array(get("id"), dtype=np.int64)
        self.row_of = {pk: row for row, pk in enumerate(get("id"))}
        self.country = Column.of(get("country"))
        self.kind = Column.of(get("kind"))
        self.status = Column.of(
            [
                "partner" if relation == Organisation.Relation.PARTNER else status
                for relation, status in zip(get("relation"), get("membership_status"), strict=True)
            ],
            list(STATUS_FILTERS),
        )
        population = get("population")
        self.band = Column.of([band(n) for n in population], [k for k, _l, _h in POPULATION_BANDS])
        self.region = Column.of(get("region_id"))
        self.regions = Region.objects.in_bulk(self.region.values)
        self.region_meta = [
            (self.regions[pk].slug, self.regions[pk].names) for pk in self.region.values
        ]
        self._themes()
        kept: Names | None = None
        if previous is not None and np.array_equal(previous.ids, self.ids):
            kept = previous.names
        self.names: Names = Names.of(get("search_name"), kept)
        names = [json.loads(text) for text in get("names_text")]
        fields = ("kind", "relation", "membership_status", "country")
        listed = zip(
            get("id"),
            names,
            *(get(name) for name in fields),
            (self.regions.get(pk) for pk in get("region_id")),
            population,
            get("latitude"),
            get("longitude"),
            strict=True,
        )
        self.listings = {row[0]: Listing(*row) for row in listed}
        self.parent = np.array([pk or 0 for pk in get("parent_id")], dtype=np.int64)
        self.orders = orders(
            get("sort_name"), get("id"), population, get("member_since"), get("updated_rank")
        )
        # The unfiltered directory in each order (its first page is the most visited), so a
        # request slices it instead of gathering every id again.
        self.ids_in = {sort: shared(self.ids[order]) for sort, order in self.orders.items()}
        self.ranks = {sort: rank(order) for sort, order in self.orders.items()}
        self.theme_totals = shared(np.bincount(self.link_theme, minlength=len(self.theme_ids)))

    def listings_of(self, ids: list[int]) -> dict[int, Listing]:
        return {pk: self.listings[pk] for pk in ids}

    def themes_of(self, pk: int) -> list[Theme]:
        """An organisation's themes in the taxonomy's order (parents loaded)."""
        row = self.row_of.get(pk)
        if row is None:
            return []
        codes = self.link_theme[self.link_start[row] : self.link_start[row + 1]]
        themes = [self.themes[self.theme_ids[code]] for code in codes]
        return sorted(themes, key=lambda theme: (theme.scheme, theme.position, theme.slug))

    def constituents_of(self, pk: int) -> list[Listing]:
        """The members of a cluster or union, by name: the few rows found, then sorted by
        their rank (walking the whole order cost 0.5 ms a profile at 250,000)."""
        rows = np.flatnonzero(self.parent == pk)
        rows = rows[np.argsort(self.ranks["name"][rows], kind="stable")]
        return [self.listings[int(pk)] for pk in self.ids[rows]]

    def _themes(self) -> None:
        """The organisation-theme links as two parallel arrays, row and theme code, sorted by
        row: a row's links are link_start[row]:link_start[row + 1]."""
        links = list(
            Organisation.themes.through.objects.order_by().values_list(
                "organisation_id", "theme_id"
            )
        )
        self.themes = {theme.pk: theme for theme in Theme.objects.select_related("parent")}
        theme_ids = sorted(self.themes)
        code = {pk: i for i, pk in enumerate(theme_ids)}
        known = sorted(
            (self.row_of[o], code[t]) for o, t in links if o in self.row_of and t in code
        )
        self.theme_ids = theme_ids
        self.theme_meta = [(self.themes[pk].slug, self.themes[pk].names) for pk in theme_ids]
        self.link_row = np.array([row for row, _t in known], dtype=np.int32)
        self.link_theme = np.array([t for _r, t in known], dtype=np.int32)
        self.link_start = np.searchsorted(self.link_row, np.arange(self.size + 1))
        self.theme_sets = bitsets(self.link_row, self.link_theme, len(theme_ids), self.size)

    # --- filters -------------------------------------------------------------------------

    def masks(self, filters: DirectoryFilters) -> dict[str, np.ndarray]:
        """One boolean mask per active filter, so a facet's counts can leave its own out."""
        masks: dict[str, np.ndarray] = {}
        terms = search_terms(filters.q)
        if terms:
            masks["q"] = self.names.containing(terms)
        if filters.country:
            masks["country"] = self.country.equal(filters.country)
        if filters.region:
            wanted = [pk for pk, region in self.regions.items() if region.slug == filters.region]
            masks["region"] = np.isin(
                self.region.codes, [self.region.values.index(pk) for pk in wanted]
            )
        if filters.kind:
            masks["kind"] = self.kind.equal(filters.kind)
        if filters.status:
            masks["status"] = self.status.equal(filters.status)
        if filters.population:
            masks["population"] = self.band.equal(filters.population)
        if filters.theme:
            masks["theme"] = self._with_theme(filters.theme)
        return masks

    def _with_theme(self, slug: str) -> np.ndarray:
        """Organisations with the theme or one of its sub-themes."""
        wanted = [
            code
            for code, pk in enumerate(self.theme_ids)
            if self.themes[pk].slug == slug
            or ((parent := self.themes[pk].parent) is not None and parent.slug == slug)
        ]
        mask = np.zeros(self.size, dtype=bool)
        mask[self.link_row[np.isin(self.link_theme, wanted)]] = True
        return mask

    def _all(self, masks: dict[str, np.ndarray], leave_out: str = "") -> np.ndarray | None:
        """The rows that pass every filter but `leave_out`; None when that is every row."""
        applied = [mask for key, mask in masks.items() if key != leave_out]
        if not applied:
            return None
        result = applied[0].copy()
        for mask in applied[1:]:
            result &= mask
        return result

    # --- results -------------------------------------------------------------------------

    def ids_in_order(self, masks: dict[str, np.ndarray], sort: str) -> np.ndarray | OrderWalk:
        """The ids of the matching organisations in the requested order."""
        sort = sort if sort in self.orders else "name"
        selected = self._selection(masks)
        if selected is None:
            return self.ids_in[sort]
        if selected.sparse:
            # Few rows: sort them by their rank (k log k) instead of walking the whole order.
            rows = selected.rows
            return self.ids[rows[np.argsort(self.ranks[sort][rows], kind="stable")]]
        return OrderWalk(self.ids, self.orders[sort], selected)

    def facets(self, masks: dict[str, np.ndarray]) -> Facets:
        everything = self._selection(masks)  # what a facet without a filter of its own counts

        def counted(column: Column, facet: str) -> np.ndarray:
            if facet not in masks:
                return column.counts(everything)
            return column.counts(self._selection(masks, leave_out=facet))

        selected = self._selection(masks, leave_out="theme") if "theme" in masks else everything
        theme_counts = self._theme_counts(selected)
        return Facets(
            country=_largest_first(self.country.values, counted(self.country, "country")),
            region=_largest_first(self.region_meta, counted(self.region, "region")),
            kind=_largest_first(self.kind.values, counted(self.kind, "kind")),
            theme=_largest_first(self.theme_meta, theme_counts),
            status=_in_order(self.status.values, counted(self.status, "status")),
            population=_in_order(self.band.values, counted(self.band, "population")),
        )

    def _selection(self, masks: dict[str, np.ndarray], leave_out: str = "") -> Selection | None:
        selected = self._all(masks, leave_out)
        return None if selected is None else Selection(selected)

    def _theme_counts(self, selected: Selection | None) -> np.ndarray:
        """Organisations per theme among the selected rows."""
        if selected is None:
            return self.theme_totals
        if not selected.sparse:
            return count_in(self.theme_sets, selected)
        # Read only the selected rows' links: each start, repeated over its length, + 0, 1…
        rows = selected.rows
        starts = self.link_start[rows]
        lengths = self.link_start[rows + 1] - starts
        firsts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        links = self.link_theme[np.repeat(starts, lengths) + np.arange(lengths.sum()) - firsts]
        return np.bincount(links, minlength=len(self.theme_ids))


def _largest_first(values: list, counts: np.ndarray) -> list["FacetCount"]:
    """Values with at least one organisation, largest count first (ties in value order).
    A value is plain, or a (slug, names) pair for regions and themes."""
    order = np.argsort(-counts, kind="stable")
    order = order[counts[order] > 0]
    return _counts([values[i] for i in order.tolist()], counts[order].tolist())


def _in_order(values: list, counts: np.ndarray) -> list["FacetCount"]:
    return _counts(values, counts.tolist())


def _counts(values: list, ns: list[int]) -> list["FacetCount"]:
    if values and isinstance(values[0], tuple):
        slugs, names = zip(*values, strict=True)
        return list(map(FacetCount, slugs, ns, names))
    return list(map(FacetCount, values, ns))
