"""The decisions register: every decision of the network, numbered per year, filterable,
exported as CSV or XLSX; and one decision's page."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tashbeek.core.exports import Column, export_response

from .. import selectors
from ..models import Body, Decision

COLUMNS = [
    Column(gettext_lazy("Reference"), lambda d: d.reference),
    Column(gettext_lazy("Decided on"), lambda d: d.decided_on, "date"),
    Column(gettext_lazy("Body"), lambda d: d.body.name if d.body else ""),
    Column(gettext_lazy("Source"), lambda d: d.get_source_display()),
    Column(gettext_lazy("Decision"), lambda d: d.title),
    Column(gettext_lazy("For"), lambda d: d.tally.get("for"), "integer"),
    Column(gettext_lazy("Against"), lambda d: d.tally.get("against"), "integer"),
    Column(gettext_lazy("Abstain"), lambda d: d.tally.get("abstain"), "integer"),
    Column(gettext_lazy("Visibility"), lambda d: d.get_visibility_display()),
]


def _filters(request: HttpRequest) -> dict:
    year = request.GET.get("year", "")
    return {
        "year": int(year) if year.isdigit() else None,
        "body": request.GET.get("body", "")[:80],
        "source": request.GET.get("source", "")
        if request.GET.get("source") in Decision.Source.values
        else "",
        "q": request.GET.get("q", "")[:200],
    }


@require_http_methods(["GET", "HEAD"])
def register(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    decisions = selectors.register(user=request.user, **filters)
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "years": selectors.register_years(),
        "bodies": Body.objects.all(),
        "sources": Decision.Source.choices,
        "query": request.GET.urlencode(),
    }
    return render(request, "governance/register.html", context)


@require_GET
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    decisions = selectors.register(user=request.user, **_filters(request))
    return export_response(
        fmt=fmt,
        columns=COLUMNS,
        rows=decisions.iterator(chunk_size=2000),
        name="decisions",
        title=gettext_lazy("Decisions register"),
    )


@require_http_methods(["GET", "HEAD"])
def decision(request: HttpRequest, year: int, number: int) -> HttpResponse:
    found = (
        selectors.decisions_visible_to(request.user)
        .select_related(
            "agenda_item__meeting__event",
            "meeting__event",
            "ballot",
            "membership_decision__organisation",
        )
        .filter(year=year, number=number)
        .first()
    )
    if found is None:
        raise Http404
    return render(request, "governance/decision.html", {"decision": found})
