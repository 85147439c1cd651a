"""A community's work plan and its progress, and writing it."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.communities.selectors import community_detail
from tashbeek.core.web import FORM, POST, done, form_page, object_from, or_404, view

from . import selectors, services
from .forms import PlanItemForm
from .models import WorkPlanItem


def _community(slug):
    return or_404(community_detail(slug))


community_from = object_from(
    "workplans.community", lambda request, slug: _community(slug), ("slug",)
)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_http_methods(["GET", "HEAD"])
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    year = _year(request)
    years = sorted(set(selectors.years_of(community)) | {year}, reverse=True)
    context = {
        "community": community,
        "year": year,
        "years": years,
        "items": selectors.plan_for(community, year, user=request.user),
        "progress": selectors.progress(community, year),
        "can_change": request.user.has_perm("workplans.change_plan", community),
        "today": datetime.date.today(),
    }
    return render(request, "workplans/plan.html", context)


def _plan_url(community, year) -> str:
    return f"{reverse('workplans:plan', kwargs={'slug': community.slug})}?year={year}"


@view("workplans.change_plan", fn=community_from, methods=FORM)
def item_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    community = community_from(request, slug=slug)
    item = get_object_or_404(WorkPlanItem, pk=pk, community=community) if pk else None
    initial = {} if item else {"year": _year(request)}
    form = PlanItemForm(request.POST or None, instance=item, community=community, initial=initial)

    def save():
        saved = services.plan_item_save(
            by=request.user, community=community, item=item, data=form.cleaned_data
        )
        return done(request, _("The work plan is updated."), _plan_url(community, saved.year))

    context = {"community": community, "item": item}
    return form_page(request, form, save, "workplans/edit.html", context)


@view("workplans.change_plan", fn=community_from, methods=POST)
def item_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    community = community_from(request, slug=slug)
    item = get_object_or_404(WorkPlanItem, pk=pk, community=community)
    year = item.year
    services.plan_item_delete(by=request.user, item=item)
    return done(request, _("The activity is removed from the plan."), _plan_url(community, year))
