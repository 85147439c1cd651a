"""Dues pages: the secretariat's ledger, schedules, generation, payments, waivers and
exports; the committee's view of arrears; each member's statement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.exports import Column, export_response
from tashbeek.core.money import exponent, to_major, to_minor
from tashbeek.core.web import FORM, POST, add_service_errors, done, form_page, view

from .. import selectors, services
from ..forms import (
    BandFormSet,
    DuesFilterForm,
    FeeScheduleForm,
    PaymentForm,
    ReductionFormSet,
    WaiveForm,
    filled,
)
from ..models import Due, FeeSchedule
from .organisations import organisation_from


@view("members.view_all_dues")
def dues(request: HttpRequest) -> HttpResponse:
    filter_form = DuesFilterForm(request.GET or None)
    values = filter_form.values() if request.GET else {}
    schedules = list(selectors.schedules())
    year = values.get("year") or (schedules[0].year if schedules else None)
    ledger = selectors.dues_ledger(
        year=year, status=values.get("status", ""), country=values.get("country", "")
    )
    context = {
        "filter_form": filter_form,
        "schedules": schedules,
        "year": year,
        "schedule": next((s for s in schedules if s.year == year), None),
        "page": Paginator(ledger, 50).get_page(request.GET.get("page")),
        "totals": selectors.ledger_totals(ledger),
        "arrears": selectors.arrears()[:20],
        "can_manage": request.user.has_perm("members.manage_dues"),
        "query": request.GET.urlencode(),
    }
    return render(request, "members/dues/ledger.html", context)


def _bands_and_reductions(band_set, reduction_set, currency: str):
    bands = [
        (row["min_population"], row.get("max_population"), to_minor(row["amount"], currency))
        for row in filled(band_set)
    ]
    reductions = [
        (row.get("country", ""), row.get("kind", ""), row["factor"])
        for row in filled(reduction_set)
    ]
    return bands, reductions


@view("members.manage_dues", methods=FORM)
def schedule_edit(request: SignedInRequest, year: int | None = None) -> HttpResponse:
    """Create a year's schedule, or change it (dues already generated keep their amount)."""
    schedule = get_object_or_404(FeeSchedule, year=year) if year else None
    initial, band_initial, reduction_initial = {}, [], []
    if schedule:
        initial = FeeScheduleForm.initial_from(schedule)
        band_initial = [
            {
                "min_population": b.min_population,
                "max_population": b.max_population,
                "amount": to_major(b.amount_minor, schedule.currency),
            }
            for b in schedule.bands.all()
        ]
        reduction_initial = [
            {"country": r.country.code, "kind": r.kind, "factor": r.factor}
            for r in schedule.reductions.all()
        ]
    data = request.POST if request.method == "POST" else None
    form = FeeScheduleForm(data, initial=initial)
    band_set = BandFormSet(data, prefix="bands", initial=band_initial)
    reduction_set = ReductionFormSet(data, prefix="reductions", initial=reduction_initial)
    context = {"schedule": schedule, "band_set": band_set, "reduction_set": reduction_set}
    if data is not None and form.is_valid() and band_set.is_valid() and reduction_set.is_valid():
        bands, reductions = _bands_and_reductions(
            band_set, reduction_set, form.cleaned_data["currency"]
        )
        try:
            saved = services.schedule_save(
                by=request.user,
                data=form.service_data(),
                bands=bands,
                reductions=reductions,
                schedule=schedule,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return done(
                request, _("The fee schedule is saved."), f"{_ledger_url()}?year={saved.year}"
            )
    invalid = data is not None
    return render(
        request,
        "members/dues/schedule.html",
        {"form": form, **context},
        status=400 if invalid else 200,
    )


def _ledger_url() -> str:
    return reverse("members:dues")


@view("members.manage_dues", methods=POST)
def dues_generate(request: SignedInRequest, year: int) -> HttpResponse:
    schedule = get_object_or_404(FeeSchedule, year=year)
    created = services.dues_generate(schedule=schedule, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)s due created for %(year)s.", "%(n)s dues created for %(year)s.", len(created)
        )
        % {"n": len(created), "year": year},
    )
    return redirect(f"{_ledger_url()}?year={year}")


def _money(field: str) -> Column:
    return Column(
        DUE_LABELS[field],
        lambda d: to_major(getattr(d, f"{field}_minor"), d.currency),
        "money",
        places=lambda d: exponent(d.currency),
    )


DUE_LABELS = {
    "amount": gettext_lazy("Amount"),
    "paid": gettext_lazy("Paid"),
    "balance": gettext_lazy("Balance"),
}
EXPORT_COLUMNS = [
    Column(gettext_lazy("Member"), lambda d: d.organisation.name),
    Column(gettext_lazy("Country"), lambda d: d.organisation.country.name),
    Column(gettext_lazy("Year"), lambda d: d.schedule.year, "year"),
    Column(gettext_lazy("Population used"), lambda d: d.population_used, "integer"),
    Column(gettext_lazy("Factor"), lambda d: d.factor_used, "decimal"),
    Column(gettext_lazy("Currency"), lambda d: d.currency),
    _money("amount"),
    _money("paid"),
    _money("balance"),
    Column(gettext_lazy("Status"), lambda d: d.get_status_display()),
    Column(gettext_lazy("Due on"), lambda d: d.due_on, "date"),
]


@view("members.view_all_dues")
def dues_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The ledger (with the page's filters) as CSV or XLSX, amounts in major units."""
    form = DuesFilterForm(request.GET or None)
    values = form.values() if request.GET else {}
    ledger = selectors.dues_ledger(
        year=values.get("year"), status=values.get("status", ""), country=values.get("country", "")
    )
    return export_response(
        fmt=fmt,
        columns=EXPORT_COLUMNS,
        rows=ledger.iterator(chunk_size=500),
        name="dues",
        title=_("Dues"),
    )


def _due(pk) -> Due:
    return get_object_or_404(Due.objects.select_related("organisation", "schedule"), pk=pk)


@view("members.manage_dues", methods=FORM)
def payment(request: HttpRequest, pk: int) -> HttpResponse:
    due = _due(pk)
    form = PaymentForm(request.POST or None, due=due)

    def save():
        data = form.cleaned_data
        services.payment_record(
            due=due,
            by=request.user,
            amount_minor=data["amount"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        )
        return done(
            request, _("The payment is recorded."), "members:statement", pk=due.organisation_id
        )

    context = {"due": due, "waive_form": WaiveForm()}
    return form_page(request, form, save, "members/dues/payment.html", context)


@view("members.manage_dues", methods=POST)
def waive(request: HttpRequest, pk: int) -> HttpResponse:
    due = _due(pk)
    form = WaiveForm(request.POST)

    def save():
        services.due_waive(due=due, by=request.user, reason=form.cleaned_data["reason"])
        return done(request, _("The due is waived."), "members:statement", pk=due.organisation_id)

    context = {"due": due, "waive_form": form, "form": PaymentForm(due=due)}
    response = form_page(request, form, save, "members/dues/payment.html", context)
    return response


@view("members.view_dues", fn=organisation_from)
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from(request, pk=pk)
    context = {
        "organisation": organisation,
        "dues": selectors.statement(organisation),
        "can_manage": request.user.has_perm("members.manage_dues"),
    }
    return render(request, "members/dues/statement.html", context)
