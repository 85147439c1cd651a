"""Shared services: the catalogue, a service with its authorities, levels and indicators,
and each year's contributions split by its formula; managing it is the operator's."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import FORM, POST, view

from .. import selectors, services
from ..forms import (
    ComputeForm,
    IndicatorForm,
    JoinForm,
    MeasurementForm,
    PayForm,
    ServiceForm,
    UsageForm,
)
from ..models import Contribution, Participation, SharedService
from .common import form_view


def service_from(request, slug: str, **_kwargs) -> SharedService:
    cache = request.__dict__.setdefault("_cooperation", {})
    key = f"service:{slug}"
    if key not in cache:
        cache[key] = get_object_or_404(SharedService.objects.select_related("operator"), slug=slug)
    return cache[key]


def _year(request) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    context = {
        "services": selectors.service_list(),
        "can_add": request.user.has_perm("cooperation.add_service"),
    }
    return render(request, "cooperation/services.html", context)


@require_GET
def service(request: HttpRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    year = _year(request)
    user = request.user
    can_see = user.has_perm("cooperation.view_contributions", item)
    context = {
        "service": item,
        "year": year,
        "participants": services.participants_in(item, year),
        "history": item.participations.select_related("organisation").order_by("joined_on"),
        "indicators": selectors.service_indicators(item),
        "contributions": selectors.contributions(item, year) if can_see else None,
        "can_manage": user.has_perm("cooperation.manage_service", item),
        "today": timezone.localdate(),
    }
    return render(request, "cooperation/service.html", context)


@view("cooperation.add_service", methods=FORM)
def service_new(request: SignedInRequest) -> HttpResponse:
    form = ServiceForm(request.POST or None, user=request.user)

    return form_view(
        request,
        form,
        lambda data: services.service_save(
            by=request.user, operator=data["operator"], data=form.service_data()
        ),
        title=_("Add a shared service"),
        message=_("The service is in the catalogue."),
    )


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def service_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    form = ServiceForm(request.POST or None, instance=item, user=request.user)

    return form_view(
        request,
        form,
        lambda data: services.service_save(by=request.user, service=item, data=form.service_data()),
        title=_("Edit the service"),
        message=_("The service is updated."),
        back=item,
    )


def _service_form(request, item, form, run, title) -> HttpResponse:
    return form_view(
        request, form, lambda _data: run(form), title=title, message=_("Saved."), back=item, to=item
    )


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def join(request: SignedInRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    form = JoinForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    return _service_form(
        request,
        item,
        form,
        lambda f: services.participation_join(by=request.user, service=item, **f.service_kwargs()),
        _("An authority joins the service"),
    )


@view("cooperation.manage_service", fn=service_from, methods=POST)
def leave(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    item = service_from(request, slug)
    participation = get_object_or_404(Participation, pk=pk, service=item)
    try:
        left_on = datetime.date.fromisoformat(request.POST.get("left_on", ""))
        services.participation_leave(by=request.user, participation=participation, left_on=left_on)
    except ValueError:
        messages.error(request, _("Give the date it left."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(item)


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def usage(request: SignedInRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    form = UsageForm(request.POST or None, service=item, initial={"year": _year(request)})
    return _service_form(
        request,
        item,
        form,
        lambda f: services.usage_record(by=request.user, service=item, **f.cleaned_data),
        _("Record the use of the service"),
    )


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def compute(request: HttpRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    form = ComputeForm(request.POST or None, service=item, initial={"year": _year(request)})

    def run(f):
        data = f.cleaned_data
        services.contributions_compute(
            by=request.user,
            service=item,
            year=data["year"],
            total_minor=data["total_minor"],
            due_on=data["due_on"],
        )

    return _service_form(request, item, form, run, _("Share the year's cost"))


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def pay(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    item = service_from(request, slug)
    contribution = get_object_or_404(Contribution, pk=pk, service=item)
    form = PayForm(request.POST or None, contribution=contribution)
    return _service_form(
        request,
        item,
        form,
        lambda f: services.contribution_pay(
            by=request.user, contribution=contribution, amount_minor=f.cleaned_data["amount_minor"]
        ),
        _("Record a payment"),
    )


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def indicator_add(request: SignedInRequest, slug: str) -> HttpResponse:
    """The operator states a service level as an indicator (baseline, target, unit)."""
    item = service_from(request, slug)
    form = IndicatorForm(request.POST or None)
    return _service_form(
        request,
        item,
        form,
        lambda f: services.indicator_save(by=request.user, service=item, data=f.cleaned_data),
        _("Add an indicator"),
    )


@view("cooperation.manage_service", fn=service_from, methods=FORM)
def measurement_add(request: HttpRequest, slug: str) -> HttpResponse:
    item = service_from(request, slug)
    form = MeasurementForm(request.POST or None, owner=item)

    def run(f):
        data = dict(f.cleaned_data)
        services.measurement_record(by=request.user, indicator=data.pop("indicator"), data=data)

    return _service_form(request, item, form, run, _("Record an indicator value"))
