"""Joint tenders: the list, one tender with the quantities each authority declared and the
totals, declaring one's own quantities, the lead's timeline and awards, and the OCDS
release package."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import FORM, view

from .. import ocds, selectors, services
from ..forms import AwardForm, DemandForm, StageForm, TenderForm
from ..models import Demand, Item, Tender
from .common import form_view


def tender_from(request, pk: int, **_kwargs) -> Tender:
    cache = request.__dict__.setdefault("_cooperation", {})
    key = f"tender:{pk}"
    if key not in cache:
        cache[key] = get_object_or_404(Tender.objects.select_related("lead"), pk=pk)
    return cache[key]


def _zone(request) -> str:
    return getattr(request.user, "time_zone", "") or settings.TIME_ZONE


@require_GET
def tenders(request: HttpRequest) -> HttpResponse:
    rows = Tender.objects.select_related("lead").prefetch_related("participants")
    context = {
        "tenders": rows[:100],
        "can_open": request.user.has_perm("cooperation.open_tenders"),
    }
    return render(request, "cooperation/tenders.html", context)


def demand_table(tender: Tender) -> dict:
    """Each item's quantity per authority and in total, authorities as columns."""
    items = list(Item.objects.filter(lot__tender=tender).select_related("lot"))
    participants = list(tender.participants.order_by("sort_name", "pk"))
    cells = {
        (d.item_id, d.organisation_id): d.quantity
        for d in Demand.objects.filter(item__lot__tender=tender)
    }
    rows = []
    for item in items:
        row = [cells.get((item.pk, org.pk)) for org in participants]
        rows.append({"item": item, "cells": row, "total": sum(q for q in row if q is not None)})
    declared = {org for _item, org in cells}
    return {"participants": participants, "rows": rows, "declared": declared}


@require_GET
def tender(request: HttpRequest, pk: int) -> HttpResponse:
    item = tender_from(request, pk)
    user = request.user
    context = {
        "tender": item,
        "table": demand_table(item),
        "awards": list(item.lots.prefetch_related("award__contracts__organisation")),
        "can_manage": user.has_perm("cooperation.manage_tender", item),
        "can_declare": item.stage == Tender.Stage.DEMAND
        and user.has_perm("cooperation.declare_demand", item),
        "attachments": selectors.attachments_for(
            user, tender=item, insider=user.has_perm("cooperation.declare_demand", item)
        ),
        "add_url": reverse("cooperation:tender_document_add", kwargs={"pk": item.pk})
        if user.has_perm("cooperation.declare_demand", item)
        else "",
    }
    return render(request, "cooperation/tender.html", context)


@view("cooperation.open_tenders", methods=FORM)
def tender_new(request: SignedInRequest) -> HttpResponse:
    form = TenderForm(
        request.POST or None, user=request.user, initial={"time_zone": _zone(request)}
    )

    def open_tender(data):
        return services.tender_open(
            by=request.user,
            lead=data["lead"],
            participants=list(data["participants"]),
            data=data,
            lots=data["lots"],
        )

    return form_view(
        request,
        form,
        open_tender,
        title=_("Open a joint tender"),
        message=_("The tender is open for quantities."),
    )


@view("cooperation.declare_demand", fn=tender_from, methods=FORM)
def declare(request: SignedInRequest, pk: int) -> HttpResponse:
    item = tender_from(request, pk)
    form = DemandForm(request.POST or None, tender=item, user=request.user)

    def declare(data):
        services.demand_declare(
            by=request.user,
            tender=item,
            organisation=data["organisation"],
            quantities=form.quantities(),
        )

    return form_view(
        request,
        form,
        declare,
        title=_("Declare your quantities"),
        message=_("Your quantities are recorded."),
        back=item,
        to=item,
    )


@view("cooperation.manage_tender", fn=tender_from, methods=FORM)
def stage(request: SignedInRequest, pk: int) -> HttpResponse:
    item = tender_from(request, pk)
    form = StageForm(request.POST or None, tender=item)

    return form_view(
        request,
        form,
        lambda data: services.tender_stage(by=request.user, tender=item, **data),
        title=_("The tender's timeline"),
        message=_("The tender is updated."),
        back=item,
        to=item,
    )


@view("cooperation.manage_tender", fn=tender_from, methods=FORM)
def award(request: SignedInRequest, pk: int) -> HttpResponse:
    item = tender_from(request, pk)
    form = AwardForm(request.POST or None, tender=item)

    return form_view(
        request,
        form,
        lambda data: services.award_record(
            by=request.user,
            lot=data["lot"],
            supplier=data["supplier"],
            amount_minor=data["amount_minor"],
            awarded_on=data["awarded_on"],
        ),
        title=_("Award a lot"),
        message=_("The lot is awarded."),
        back=item,
        to=item,
    )


@require_GET
def tender_ocds(request: HttpRequest, pk: int) -> HttpResponse:
    item = tender_from(request, pk)
    package = ocds.release_package(item, uri=request.build_absolute_uri())
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="tender-{item.pk}-ocds.json"'
    return response
