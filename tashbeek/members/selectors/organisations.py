"""Reads for the directory, profiles and the map. Every list is scoped with `visible_to`."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from tashbeek.core.counters import counter_value
from tashbeek.core.models import Theme
from tashbeek.core.text import search_terms

from ..models import Affiliation, Organisation, Region
from ..signals import ORGANISATION_DELETIONS

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
SORTS = {
    "name": ("sort_name", "id"),
    "-population": ("-population", "sort_name", "id"),
    "population": ("population", "sort_name", "id"),
    "-member_since": ("-member_since", "sort_name", "id"),
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


def visible_to(user) -> QuerySet[Organisation]:
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


def organisation_search(*, user, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """The filtered, sorted directory; rows carry what a card shows without further queries."""
    queryset = _apply(visible_to(user), _filter_conditions(filters))
    return queryset.select_related("region").order_by(*SORTS.get(filters.sort, SORTS["name"]))


def organisation_page(*, user, filters: DirectoryFilters, page: int | str | None) -> Page:
    paginator = Paginator(organisation_search(user=user, filters=filters), PAGE_SIZE)
    try:
        number = min(max(int(page or 1), 1), MAX_PAGES)
    except (TypeError, ValueError):
        number = 1
    return paginator.get_page(number)


def data_version() -> str:
    """Changes whenever an organisation is added, edited or removed: the newest `updated_at`
    (an index lookup; creations and edits, including services' `.update()`s, set it) and the
    deletion counter. Read from the database rather than the cache, so every server process
    agrees without a shared cache; no COUNT, which costs a full scan on PostgreSQL."""
    latest = Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]
    deleted = counter_value(ORGANISATION_DELETIONS)
    return f"{latest.timestamp() if latest else 0}:{deleted}"


def directory_facets(*, user, filters: DirectoryFilters) -> dict[str, list[dict]]:
    """Counts per value of each facet, under all the other active filters.

    Constant query count: one grouped query per facet, grouping on plain columns or foreign-key
    ids (not on the JSON names, and without DISTINCT), then one lookup each for region and theme
    labels."""
    conditions = _filter_conditions(filters)
    base = visible_to(user)

    def grouped(facet: str, column: str) -> list[tuple]:
        rows = (
            _apply(base, conditions, leave_out=facet)
            .order_by()
            .values_list(column)
            .annotate(n=Count("id"))
        )
        return sorted(((value, n) for value, n in rows if value), key=lambda row: -row[1])

    def grouped_themes() -> list[tuple]:
        through = Organisation.themes.through.objects.order_by()
        if set(conditions) - {"theme"}:
            ids = _apply(base, conditions, leave_out="theme").order_by().values("pk")
            through = through.filter(organisation_id__in=ids)
        rows = through.values_list("theme_id").annotate(n=Count("organisation_id"))
        return sorted(rows, key=lambda row: -row[1])

    region_rows, theme_rows = grouped("region", "region_id"), grouped_themes()
    regions = Region.objects.in_bulk([pk for pk, _n in region_rows])
    themes = Theme.objects.in_bulk([pk for pk, _n in theme_rows])
    status_counts = _apply(base, conditions, leave_out="status").aggregate(
        **{key: Count("id", filter=condition) for key, condition in STATUS_FILTERS.items()}
    )
    band_counts = _apply(base, conditions, leave_out="population").aggregate(
        **{
            _band_alias(key): Count("id", filter=_population_q(key))
            for key, _l, _h in POPULATION_BANDS
        }
    )
    return {
        "country": [{"value": value, "n": n} for value, n in grouped("country", "country")],
        "region": [
            {"value": regions[pk].slug, "names": regions[pk].names, "n": n} for pk, n in region_rows
        ],
        "kind": [{"value": value, "n": n} for value, n in grouped("kind", "kind")],
        "theme": [
            {"value": themes[pk].slug, "names": themes[pk].names, "n": n} for pk, n in theme_rows
        ],
        "status": [{"value": key, "n": n} for key, n in status_counts.items()],
        "population": [
            {"value": key, "n": band_counts[_band_alias(key)]} for key, _l, _h in POPULATION_BANDS
        ],
    }


def _band_alias(key: str) -> str:
    return "band_" + key.replace("-", "_")


def map_points(*, user, filters: DirectoryFilters, limit: int = 5000) -> list[dict]:
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


def organisation_detail(*, user, pk: int) -> Organisation:
    """One organisation with everything its profile shows; raises DoesNotExist if not visible."""
    return (
        visible_to(user)
        .select_related("region", "parent")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.select_related("parent")),
            Prefetch("constituents", queryset=Organisation.objects.order_by("sort_name")),
        )
        .get(pk=pk)
    )


def staff_visible_to(*, user, organisation: Organisation) -> QuerySet[Affiliation]:
    """Staff of an organisation with contacts, for those allowed to see them; else none."""
    if not user.has_perm("members.view_staff_contacts", organisation):
        return Affiliation.objects.none()
    return organisation.affiliations.select_related("user").order_by("role", "user__full_name")
