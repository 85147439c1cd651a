"""The public directory page and its map data.

The page is the network's most visited one, so its repeated parts (a card per organisation, a
link per facet value) are prepared here as components that render themselves
(`components.py`): resolving labels, URLs and query strings inside the template cost more than
everything else on the page together (docs/PERFORMANCE.md).
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tashbeek.core.context_processors import nav_urls
from tashbeek.core.i18n import direction, pick, pick_language

from .. import selectors
from ..forms import DirectoryFilterForm
from ..models import Organisation
from .components import (
    Card,
    CardList,
    Facet,
    FacetList,
    FacetValue,
    country_name,
    hidden_inputs,
    integer,
    options,
)

STATUS_LABELS = {
    "active": gettext_lazy("Active members"),
    "suspended": gettext_lazy("Suspended members"),
    "ended": gettext_lazy("Former members"),
    "partner": gettext_lazy("Partners"),
}
BAND_LABELS = {
    "lt5k": gettext_lazy("Under 5,000"),
    "5k-20k": gettext_lazy("5,000 to 20,000"),
    "20k-100k": gettext_lazy("20,000 to 100,000"),
    "100k-500k": gettext_lazy("100,000 to 500,000"),
    "gte500k": gettext_lazy("500,000 and more"),
}
SORT_LABELS = {
    "name": gettext_lazy("Name"),
    "-population": gettext_lazy("Largest population"),
    "population": gettext_lazy("Smallest population"),
    "-member_since": gettext_lazy("Newest members"),
    "-updated": gettext_lazy("Recently updated"),
}
FACET_TITLES = {
    "status": gettext_lazy("Status"),
    "kind": gettext_lazy("Kind"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "theme": gettext_lazy("Theme"),
    "population": gettext_lazy("Population"),
}
PARTNER = gettext_lazy("Partner")
SHOW_ALL = gettext_lazy("Show all")
SHOW_FEWER = gettext_lazy("Show fewer")
FACET_LIMIT = 10  # values shown per facet before "Show all"


def _detail_url() -> str:
    """The profile URL with `{}` for the id: one reverse() for a page of cards or for the
    map's thousands of points."""
    return reverse("members:detail", kwargs={"pk": 0}).replace("/0/", "/{}/")


@dataclass(frozen=True)
class Labels:
    """The page's fixed labels in the page's language, translated once per page for its
    cards and its facets (about fifty lazy strings). Keeping them per process saved 6–11 %
    of the page, under the 15 % a speed-up must earn (PERFORMANCE.md)."""

    kind: dict[str, str]
    status: dict[str, str]  # membership statuses, on cards
    status_filter: dict[str, str]  # the status facet's values (partners included)
    band: dict[str, str]
    facet_title: dict[str, str]
    partner: str
    inhabitants: str
    show_all: str
    show_fewer: str


def _labels() -> Labels:
    """The labels in the active language."""
    text = lambda labels: {key: str(label) for key, label in labels}  # noqa: E731
    return Labels(
        kind=text(Organisation.Kind.choices),
        status=text(Organisation.Status.choices),
        status_filter=text(STATUS_LABELS.items()),
        band=text(BAND_LABELS.items()),
        facet_title=text(FACET_TITLES.items()),
        partner=str(PARTNER),
        inhabitants=_("%(n)s inhabitants"),
        show_all=str(SHOW_ALL),
        show_fewer=str(SHOW_FEWER),
    )


def _cards(rows: list[selectors.Listing], labels: Labels) -> list[Card]:
    """Cards from the directory's listings, labels in the active language."""
    detail_url = _detail_url()
    language = get_language()
    kinds, statuses = labels.kind, labels.status
    partner, inhabitants = labels.partner, labels.inhabitants
    cards = []
    for row in rows:
        lang = pick_language(row.names, language)
        name = row.names[lang] if lang else f"#{row.pk}"
        meta = [kinds.get(row.kind, row.kind), country_name(row.country, language)]
        if row.region is not None:
            meta.append(pick(row.region.names, language) or row.region.slug)
        member = row.relation == Organisation.Relation.MEMBER
        status = row.membership_status
        population = ""
        if row.population:
            population = inhabitants % {"n": integer(row.population, language)}
        cards.append(
            Card(
                url=detail_url.format(row.pk),
                name=name,
                lang=lang,
                dir=direction(lang),
                meta=" · ".join(meta),
                status=status if member else "partner",
                status_label=statuses.get(status, "") if member else partner,
                population=population,
            )
        )
    return cards


def _encoded(query: QueryDict) -> list[tuple[str, str]]:
    """Each parameter of the query string but the page, URL-encoded once for all links."""
    return [
        (key, urlencode([(key, values)], doseq=True))
        for key, values in query.lists()
        if key != "page" and values
    ]


def _linker(encoded: list[tuple[str, str]], key: str):
    """`link(value)`: the current query string with `key` set to `value` (removed when None)
    and the page reset, in the parameters' original order."""
    keys = [k for k, _part in encoded]
    at = keys.index(key) if key in keys else len(encoded)
    head = "&".join(part for _k, part in encoded[:at])
    tail = "&".join(part for _k, part in encoded[at + 1 :])

    def link(value: str | None) -> str:
        middle = f"{key}={quote_plus(value)}" if value is not None else ""
        return "?" + "&".join(part for part in (head, middle, tail) if part)

    return link


def _facet_rows(
    facets: selectors.Facets, active: dict, query: QueryDict, labels: Labels
) -> list[Facet]:
    """Facets in display order; each value with its label, count and link (or the link that
    clears it, when it is the active one). A long facet shows its FACET_LIMIT largest values
    and the active one, with a link that shows them all (`?more=<facet>`)."""
    language = get_language()
    label = {
        "status": lambda row: labels.status_filter[row.value],
        "population": lambda row: labels.band[row.value],
        "kind": lambda row: labels.kind[row.value],
        "country": lambda row: country_name(row.value, language),
        "region": lambda row: pick(row.names, language) or row.value,
        "theme": lambda row: pick(row.names, language) or row.value,
    }
    expanded, encoded = query.get("more"), _encoded(query)
    listed = []
    for key, title in labels.facet_title.items():
        link, current = _linker(encoded, key), active.get(key)
        rows = [row for row in getattr(facets, key) if row.n]
        more_href, more_label = "", ""
        if len(rows) > FACET_LIMIT:
            more = _linker(encoded, "more")
            if key == expanded:
                more_href, more_label = more(None), labels.show_fewer
            else:
                rows = [
                    row for i, row in enumerate(rows) if i < FACET_LIMIT or row.value == current
                ]
                more_href, more_label = more(key), labels.show_all
        values = [
            FacetValue(
                value=row.value,
                label=label[key](row),
                n=row.n,
                count=integer(row.n, language),
                href=link(None if row.value == current else row.value),
                current=row.value == current,
            )
            for row in rows
        ]
        listed.append(Facet(key, title, values, more_href, more_label))
    return listed


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The directory. Its content is the same for every reader (it is public); with
    DIRECTORY_FACET_CACHE_SECONDS set, the rendered body is cached per language, query string
    and data version, so any change to an organisation is seen at once; the header stays per
    person."""
    if request.htmx:
        return HttpResponse(_directory_body_cached(request, "members/_results.html"))
    if not settings.DIRECTORY_FACET_CACHE_SECONDS:  # one render: the body is included
        return render(request, "members/directory.html", _directory_context(request))
    body = _directory_body_cached(request, "members/_directory_body.html")
    return render(request, "members/directory.html", {"body": body})


def _directory_body_cached(request: HttpRequest, template: str) -> str:
    seconds = settings.DIRECTORY_FACET_CACHE_SECONDS
    if not seconds:
        return render_to_string(template, _directory_context(request), request=request)
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(f"{template}?{query}".encode()).hexdigest()[:32]
    key = f"directory:{get_language()}:{selectors.data_version()}:{digest}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(template, _directory_context(request), request=request)
        cache.set(key, body, seconds)
    return body


def _directory_context(request: HttpRequest) -> dict:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    results = selectors.directory_results(user=request.user, filters=filters)
    page = selectors.organisation_page(results=results, page=request.GET.get("page"))
    active = {k: v for k, v in vars(filters).items() if v and k != "sort"}
    language, query = get_language(), request.GET.urlencode()
    labels = _labels()
    count = page.paginator.count
    return {
        "filters": filters,
        "page": page,
        "cards": CardList(_cards(page.object_list, labels)),
        "facets": FacetList(_facet_rows(results.facets, active, request.GET, labels)),
        "active": active,
        "hidden_filters": hidden_inputs({k: v for k, v in active.items() if k != "q"}),
        "sort_options": options(SORT_LABELS, filters.sort),
        "result_count": ngettext("%(counter)s organisation", "%(counter)s organisations", count)
        % {"counter": integer(count, language)},
        "map_source": nav_urls()["members_map"] + (f"?{query}" if query else ""),
        "export_query": f"?{query}" if query else "",
    }


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON of the located organisations matching the directory's filters."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    detail_url = _detail_url()
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": pick(row["names"]),
                "lang": pick_language(row["names"]),
                "url": detail_url.format(row["pk"]),
                "status": row["membership_status"] or row["relation"],
            },
        }
        for row in selectors.map_points(user=request.user, filters=filters)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
