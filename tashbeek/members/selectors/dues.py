"""Reads for dues: a year's ledger with statuses computed in the database, a member's
statement, arrears for the committee."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.db.models import BooleanField, Case, CharField, F, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from ..models import Due, FeeSchedule, Organisation

if TYPE_CHECKING:  # django-stubs-ext is a development dependency
    from django_stubs_ext import WithAnnotations

    class DueStatus(TypedDict):
        status_value: str
        in_arrears: bool

    # A due with the computed columns that lists filter on.
    AnnotatedDue = WithAnnotations[Due, DueStatus]


def with_status(
    queryset: QuerySet[Due], today: datetime.date | None = None
) -> QuerySet[AnnotatedDue]:
    """Annotate `status_value` exactly as Due.status_on computes it, so lists can filter."""
    today = today or timezone.localdate()
    return queryset.annotate(
        status_value=Case(
            When(waived=True, then=Value(Due.Status.WAIVED)),
            When(paid_minor__gte=F("amount_minor"), then=Value(Due.Status.PAID)),
            When(due_on__lt=today, then=Value(Due.Status.OVERDUE)),
            When(paid_minor__gt=0, then=Value(Due.Status.PARTLY_PAID)),
            default=Value(Due.Status.DUE),
            output_field=CharField(),
        ),
        in_arrears=Case(
            When(Q(waived=False, paid_minor__lt=F("amount_minor"), due_on__lt=today), then=True),
            default=False,
            output_field=BooleanField(),
        ),
    )


def dues_ledger(
    *, year: int | None = None, status: str = "", country: str = ""
) -> QuerySet[AnnotatedDue]:
    queryset = with_status(Due.objects.select_related("organisation", "schedule"))
    if year:
        queryset = queryset.filter(schedule__year=year)
    if status:
        queryset = queryset.filter(status_value=status)
    if country:
        queryset = queryset.filter(organisation__country=country)
    return queryset.order_by("organisation__sort_name", "organisation_id")


def ledger_totals(queryset: QuerySet[AnnotatedDue]) -> dict:
    totals = queryset.aggregate(amount=Sum("amount_minor"), paid=Sum("paid_minor"))
    return {"amount": totals["amount"] or 0, "paid": totals["paid"] or 0}


def arrears() -> QuerySet[AnnotatedDue]:
    """Overdue balances across all years, largest first."""
    return (
        with_status(Due.objects.select_related("organisation", "schedule"))
        .filter(in_arrears=True)
        .annotate(balance=F("amount_minor") - F("paid_minor"))
        .order_by("-balance", "organisation__sort_name")
    )


def arrears_by_organisation(organisations: Iterable[Organisation]) -> dict[int, list[Due]]:
    """{organisation id: overdue dues} for a page of organisations, in one query."""
    result: dict[int, list[Due]] = {}
    for due in arrears().filter(organisation__in=organisations):
        result.setdefault(due.organisation_id, []).append(due)
    return result


def statement(organisation: Organisation) -> QuerySet[AnnotatedDue]:
    return with_status(
        organisation.dues.select_related("schedule").prefetch_related("payments")
    ).order_by("-schedule__year")


def schedules() -> QuerySet[FeeSchedule]:
    return FeeSchedule.objects.prefetch_related("bands", "reductions").order_by("-year")
