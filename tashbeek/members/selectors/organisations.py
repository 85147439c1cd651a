"""Reads for the directory, profiles and the map. Every list is scoped with `visible_to`."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from tashbeek.accounts.web import Reader
from tashbeek.core.models import Theme
from tashbeek.core.prepared import prepared_rows
from tashbeek.core.text import search_terms

from ..models import Affiliation, Organisation
from .version import version_subquery

PAGE_SIZE = 24
MAX_PAGES = 500  # bounded pagination: deeper than this, refine the filters instead

# (key, lower bound inclusive, upper bound exclusive)
POPULATION_BANDS = [
    ("lt5k", 0, 5_000),
    ("5k-20k", 5_000, 20_000),
    ("20k-100k", 20_000, 100_000),
    ("100k-500k", 100_000, 500_000),
    ("gte500k", 500_000, None),
]
# Empty populations and dates come last in either direction, on both databases (PostgreSQL
# and SQLite disagree by default); the directory index orders the same way.
SORTS = {
    "name": ("sort_name", "id"),
    "-population": (F("population").desc(nulls_last=True), "sort_name", "id"),
    "population": (F("population").asc(nulls_last=True), "sort_name", "id"),
    "-member_since": (F("member_since").desc(nulls_last=True), "sort_name", "id"),
    "-updated": ("-updated_at", "id"),
}
STATUS_FILTERS = {
    "active": Q(
        relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ACTIVE
    ),
    "suspended": Q(
        relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.SUSPENDED
    ),
    "ended": Q(relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ENDED),
    "partner": Q(relation=Organisation.Relation.PARTNER),
}


@dataclass(frozen=True)
class DirectoryFilters:
    """The directory's query, already validated (see forms.DirectoryFilterForm)."""

    q: str = ""
    country: str = ""
    region: str = ""
    kind: str = ""
    theme: str = ""
    status: str = ""
    population: str = ""
    sort: str = "name"


def visible_to(user: Reader) -> QuerySet[Organisation]:
    """Organisations a user may see. Every organisation's public profile is public; what is
    member-only (staff contacts) is filtered separately in `staff_visible_to`."""
    return Organisation.objects.all()


def _theme_ids(slug: str) -> list[int]:
    return list(
        Theme.objects.filter(Q(slug=slug) | Q(parent__slug=slug)).values_list("pk", flat=True)
    )


def _population_q(band: str) -> Q:
    for key, low, high in POPULATION_BANDS:
        if key == band:
            condition = Q(population__gte=low)
            return condition & Q(population__lt=high) if high is not None else condition
    return Q()


def _filter_conditions(filters: DirectoryFilters) -> dict[str, Q]:
    """One condition per facet, so each facet's counts can leave its own condition out."""
    conditions: dict[str, Q] = {}
    terms = search_terms(filters.q)
    if terms:
        query = Q()
        for term in terms:
            query &= Q(search_name__contains=term)
        conditions["q"] = query
    if filters.country:
        conditions["country"] = Q(country=filters.country)
    if filters.region:
        conditions["region"] = Q(region__slug=filters.region)
    if filters.kind:
        conditions["kind"] = Q(kind=filters.kind)
    if filters.status:
        conditions["status"] = STATUS_FILTERS[filters.status]
    if filters.population:
        conditions["population"] = _population_q(filters.population)
    if filters.theme:
        through = Organisation.themes.through.objects.filter(
            organisation_id=OuterRef("pk"), theme_id__in=_theme_ids(filters.theme)
        )
        conditions["theme"] = Q(Exists(through))
    return conditions


def _apply(queryset: QuerySet, conditions: dict[str, Q], leave_out: str = "") -> QuerySet:
    for key, condition in conditions.items():
        if key != leave_out:
            queryset = queryset.filter(condition)
    return queryset


def organisation_search(*, user: Reader, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """The filtered, sorted directory in SQL (the map's points; the pages use the directory
    index, and a test holds the two to the same results)."""
    queryset = _apply(visible_to(user), _filter_conditions(filters))
    return queryset.select_related("region").order_by(*SORTS.get(filters.sort, SORTS["name"]))


def map_points(
    *, user: Reader, filters: DirectoryFilters, limit: int = 5000
) -> list[Mapping[str, Any]]:
    """Located organisations matching the filters, as plain rows for GeoJSON."""
    queryset = (
        organisation_search(user=user, filters=filters)
        .exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
    )
    return list(
        queryset.values(
            "pk", "names", "kind", "relation", "membership_status", "latitude", "longitude"
        )[:limit]
    )


def organisation_detail(*, user: Reader, pk: int) -> Organisation:
    """One organisation with its region; raises DoesNotExist if not visible. Its themes,
    parent and constituents come from the directory index (`profile_lists`), whose version is
    read here with the row, so the two agree.

    The query is compiled once per process (`core.prepared`): compiling it took three times
    as long as running it, on the second most visited page. `visible_to` shows every
    organisation to everyone (a test holds that premise), so one query serves every reader.
    Its region comes from the index at the row's version rather than from a join."""
    from .directory import current  # the directory's selectors import this module

    found = list(prepared_rows(Organisation, "members.organisation_detail", _detail, [int(pk)]))
    if not found:
        raise Organisation.DoesNotExist(f"No organisation {pk}")
    organisation = found[0]
    if organisation.region_id is not None:
        # directory_version is the query's annotation (version_subquery).
        index = current(getattr(organisation, "directory_version", None) or 0)
        region = index.regions.get(organisation.region_id)
        if region is not None:  # else it is read when asked for
            organisation.region = region
    return organisation


def _detail(pk: int) -> QuerySet[Organisation]:
    return visible_to(AnonymousUser()).annotate(directory_version=version_subquery()).filter(pk=pk)


def staff_visible_to(*, user: Reader, organisation: Organisation) -> QuerySet[Affiliation]:
    """Staff of an organisation with contacts, for those allowed to see them; else none."""
    if not user.has_perm("members.view_staff_contacts", organisation):
        return Affiliation.objects.none()
    return organisation.affiliations.select_related("user").order_by("role", "user__full_name")


def network_counts() -> dict:
    return Organisation.objects.aggregate(
        members=Count("id", filter=Q(relation="member", membership_status="active")),
        partners=Count("id", filter=Q(relation="partner")),
        countries=Count("country", distinct=True),
    )
