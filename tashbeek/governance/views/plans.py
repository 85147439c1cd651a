"""The network's annual work plan on a body's page: items with their progress rolled up
from the community activities, budget lines and totals per currency and source."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import FORM, POST, done, form_page, view

from .. import selectors, services
from ..forms import PlanItemForm
from ..models import Decision, PlanItem
from .common import body_from


def _year(request) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year + 1
    return year if 2000 <= year <= 2100 else timezone.localdate().year + 1


def _plan_url(body, year: int) -> str:
    return f"{reverse('governance:plan', kwargs={'slug': body.slug})}?year={year}"


@require_http_methods(["GET", "HEAD"])
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, body_from(request, slug=slug), _year(request))


def _page(request: HttpRequest, body, year: int, status: int = 200) -> HttpResponse:
    items = selectors.network_plan(body, year, user=request.user)
    context = {
        "body": body,
        "year": year,
        "years": sorted(set(selectors.plan_years(body)) | {year}, reverse=True),
        "items": items,
        "totals": selectors.budget_totals(items),
        "can_manage": request.user.has_perm("governance.manage_body", body),
        "decisions": Decision.objects.filter(body=body).order_by("-year", "-number")[:30],
    }
    return render(request, "governance/plan.html", context, status=status)


@view("governance.manage_body", fn=body_from, methods=FORM)
def plan_item(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    body = body_from(request, slug=slug)
    item = get_object_or_404(PlanItem, pk=pk, body=body) if pk else None
    year = item.year if item else _year(request)
    form = PlanItemForm(request.POST or None, instance=item, year=year, initial={"year": year})

    def save():
        saved = services.plan_item_save(
            by=request.user, body=body, item=item, data=form.cleaned_data
        )
        return done(request, _("The work plan is updated."), _plan_url(body, saved.year))

    context = {
        "body": body,
        "title": _("A topic for the network's plan"),
        "back": _plan_url(body, year),
    }
    return form_page(request, form, save, "governance/body_form.html", context)


@view("governance.manage_body", fn=body_from, methods=POST)
def plan_item_decide(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    body = body_from(request, slug=slug)
    item = get_object_or_404(PlanItem, pk=pk, body=body)
    decision_pk = request.POST.get("decision", "")
    decision = (
        Decision.objects.filter(pk=int(decision_pk), body=body).first()
        if decision_pk.isdigit()
        else None
    )
    try:
        services.plan_item_decide(
            by=request.user, item=item, status=request.POST.get("status", ""), decision=decision
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, body, item.year, status=400)  # the page again, with the reason
    return done(request, _("The work plan is updated."), _plan_url(body, item.year))
