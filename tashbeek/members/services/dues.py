"""Dues: fee computation (pure, property-tested), schedules, yearly generation, payments and
waivers. Every write is one transaction with an audit entry."""

import datetime
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.money import format_money
from tashbeek.notifications.models import money_param
from tashbeek.notifications.services import notify

from ..models import Affiliation, Due, FeeBand, FeeReduction, FeeSchedule, Organisation, Payment

SCHEDULE_FIELDS = [
    "year",
    "currency",
    "method",
    "rate_per_inhabitant",
    "floor_minor",
    "cap_minor",
    "due_on",
    "notes",
]
Band = tuple[int, int | None, int]  # (from, to or None for "and more", amount in minor units)


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def bands_errors(bands: Sequence[Band]) -> list[str]:
    """Why a set of bands is not usable: they must start at 0, follow each other without gap
    or overlap, end open-ended, and never charge a larger authority less."""
    if not bands:
        return [_("Give at least one population band.")]
    ordered = sorted(bands, key=lambda band: band[0])
    errors = []
    if ordered[0][0] != 0:
        errors.append(_("The first band must start at 0 inhabitants."))
    for (low, high, amount), (next_low, _next_high, next_amount) in zip(
        ordered, ordered[1:], strict=False
    ):
        if high is None or high < low or next_low != high + 1:
            errors.append(
                _("The band starting at %(n)s must begin right after the previous one.")
                % {"n": next_low}
            )
        if next_amount < amount:
            errors.append(_("A band for more inhabitants cannot cost less than the one before."))
    if ordered[-1][1] is not None:
        errors.append(_("The last band must have no upper limit."))
    return errors


def compute_fee(
    *,
    method: str,
    population: int | None,
    rate: Decimal = Decimal(0),
    bands: Sequence[Band] = (),
    floor: int = 0,
    cap: int | None = None,
    factor: Decimal = Decimal(1),
) -> int:
    """The fee in minor units: the base (rate × population, or the population's band), times
    the reduction factor, then kept between the floor and the cap."""
    population = population or 0
    if method == FeeSchedule.Method.BANDS:
        base = next(
            (amount for low, high, amount in bands if low <= population <= (high or population)),
            0,
        )
        fee = _round(Decimal(base) * factor)
    else:
        fee = _round(Decimal(rate) * population * factor)
    fee = max(fee, floor)
    return min(fee, cap) if cap is not None else fee


def reduction_for(schedule: FeeSchedule, organisation: Organisation) -> Decimal:
    """The most favourable reduction that applies (reductions do not stack)."""
    factors = [
        r.factor
        for r in schedule.reductions.all()
        if (not r.country or r.country == organisation.country)
        and (not r.kind or r.kind == organisation.kind)
        and (r.country or r.kind)
    ]
    return min(factors, default=Decimal(1))


def fee_for(schedule: FeeSchedule, organisation: Organisation) -> tuple[int, Decimal]:
    factor = reduction_for(schedule, organisation)
    bands = [(b.min_population, b.max_population, b.amount_minor) for b in schedule.bands.all()]
    amount = compute_fee(
        method=schedule.method,
        population=organisation.population,
        rate=schedule.rate_per_inhabitant,
        bands=bands,
        floor=schedule.floor_minor,
        cap=schedule.cap_minor,
        factor=factor,
    )
    return amount, factor


@transaction.atomic
def schedule_save(
    *,
    by: User,
    data: dict,
    bands: Sequence[Band],
    reductions: Sequence[tuple[str, str, Decimal]],
    schedule: FeeSchedule | None = None,
) -> FeeSchedule:
    """Create or replace a year's schedule with its bands and reductions. Dues already
    generated keep the amount they were generated with."""
    schedule = schedule or FeeSchedule()
    before = snapshot(schedule, SCHEDULE_FIELDS) if schedule.pk else {}
    for key, value in data.items():
        setattr(schedule, key, value)
    schedule.currency = (schedule.currency or "").upper()
    if schedule.method == FeeSchedule.Method.BANDS and bands_errors(bands):
        raise ValidationError(bands_errors(bands))
    schedule.full_clean()
    schedule.save()
    schedule.bands.all().delete()
    schedule.reductions.all().delete()
    FeeBand.objects.bulk_create(
        FeeBand(schedule=schedule, min_population=low, max_population=high, amount_minor=amount)
        for low, high, amount in (bands if schedule.method == FeeSchedule.Method.BANDS else [])
    )
    FeeReduction.objects.bulk_create(
        FeeReduction(schedule=schedule, country=country, kind=kind, factor=factor)
        for country, kind, factor in reductions
    )
    after = snapshot(schedule, SCHEDULE_FIELDS)
    after["bands"] = [list(band) for band in bands]
    after["reductions"] = [[c, k, str(f)] for c, k, f in reductions]
    audit_record(
        actor=by,
        action="members.fee_schedule.updated" if before else "members.fee_schedule.created",
        obj=schedule,
        before=before,
        after=after,
    )
    return schedule


@transaction.atomic
def dues_generate(*, schedule: FeeSchedule, by: User) -> list[Due]:
    """A due for every active member that has none for the year yet (so running it again
    creates nothing new); each member's focal person is told."""
    schedule = FeeSchedule.objects.select_for_update().get(pk=schedule.pk)
    members = Organisation.objects.filter(
        relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ACTIVE
    ).exclude(dues__schedule=schedule)
    created = []
    for organisation in members:
        amount, factor = fee_for(schedule, organisation)
        created.append(
            Due(
                organisation=organisation,
                schedule=schedule,
                amount_minor=amount,
                currency=schedule.currency,
                population_used=organisation.population,
                factor_used=factor,
                due_on=schedule.due_on,
            )
        )
    # The schedule row is locked, so no concurrent run can insert the same dues; the unique
    # constraint stays as the backstop (and bulk_create then returns the new ids).
    Due.objects.bulk_create(created)
    audit_record(
        actor=by,
        action="members.dues.generated",
        obj=schedule,
        after={"created": len(created), "year": schedule.year},
    )
    _tell_focal_persons(created, schedule)
    return created


def _tell_focal_persons(dues: list[Due], schedule: FeeSchedule) -> None:
    focal = Affiliation.objects.filter(
        organisation__in=[d.organisation for d in dues], role=Affiliation.Role.FOCAL
    ).select_related("user", "organisation")
    amounts = {d.organisation.pk: d.amount_minor for d in dues}
    for affiliation in focal:
        notify(
            users=[affiliation.user],
            action="members.dues.generated",
            message=gettext_noop("Dues of %(name)s for %(year)s: %(amount)s."),
            context={
                "name": affiliation.organisation.names,
                "year": schedule.year,
                "amount": money_param(amounts[affiliation.organisation.pk], schedule.currency),
            },
            url=reverse("members:statement", kwargs={"pk": affiliation.organisation.pk}),
        )


@transaction.atomic
def payment_record(
    *, due: Due, by: User, amount_minor: int, paid_on: datetime.date, reference: str = ""
) -> Payment:
    """Record a (possibly partial) payment; more than the balance is refused."""
    due = Due.objects.select_for_update().get(pk=due.pk)
    if due.waived:
        raise ValidationError(_("This due was waived; no payment can be recorded."))
    if amount_minor <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    if amount_minor > due.balance_minor:
        raise ValidationError(
            {
                "amount": _("This is more than the balance of %(balance)s.")
                % {"balance": format_money(due.balance_minor, due.currency)}
            }
        )
    payment = Payment.objects.create(
        due=due, amount_minor=amount_minor, paid_on=paid_on, reference=reference, recorded_by=by
    )
    Due.objects.filter(pk=due.pk).update(paid_minor=F("paid_minor") + amount_minor)
    audit_record(
        actor=by,
        action="members.payment.recorded",
        obj=due,
        before={"paid_minor": due.paid_minor, "currency": due.currency},
        after={
            "paid_minor": due.paid_minor + amount_minor,
            "payment_minor": amount_minor,
            "currency": due.currency,
            "paid_on": paid_on.isoformat(),
            "reference": reference,
        },
    )
    return payment


@transaction.atomic
def due_waive(*, due: Due, by: User, reason: str) -> Due:
    """Waive what remains of a due (for means, or a decision of the committee)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the waiver.")})
    due = Due.objects.select_for_update().get(pk=due.pk)
    if due.waived:
        raise ValidationError(_("This due is already waived."))
    due.waived = True
    due.waived_reason = reason
    due.save(update_fields=["waived", "waived_reason"])
    audit_record(
        actor=by,
        action="members.due.waived",
        obj=due,
        before={"waived": False},
        after={"waived": True},
        reason=reason,
    )
    return due
