"""Writes for shared services: the catalogue entry, who takes part (joining, leaving), the
use each authority made in a year, the year's contributions split by the service's formula
(largest remainder, so they sum exactly to the cost) and the payments against them."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.core.money import CURRENCIES, split
from tashbeek.members.models import Organisation
from tashbeek.members.rules import acts_for
from tashbeek.search.services import index_refresh

from ..models import Contribution, Participation, SharedService, Usage
from .common import must

# An authority's weight in the split of a year's cost: a head, a population, units used
# or a share in basis points, by the service's formula.
Weight = int | Decimal

SERVICE_FIELDS = [
    "slug",
    "names",
    "texts",
    "service_levels",
    "themes",
    "formula",
    "use_unit",
    "currency",
]


def _must(by: User, service: SharedService) -> None:
    message = _("Only the service's operator and the secretariat manage it.")
    must(by, "cooperation.manage_service", service, message)


@transaction.atomic
def service_save(
    *,
    by: User,
    data: dict,
    operator: Organisation | None = None,
    service: SharedService | None = None,
) -> SharedService:
    """Add a service to the catalogue (for an operator one acts for), or change one."""
    data = dict(data)
    themes = {"themes": data.pop("themes")} if "themes" in data else {}
    for key in ("names", "texts", "service_levels"):
        if key in data:
            data[key] = clean_translations(data[key])
    if service is None:
        if operator is None or not acts_for(by, operator):
            raise PermissionDenied(_("You may add services only for your own organisation."))
        service, before = SharedService(operator=operator, created_by=by), {}
    else:
        _must(by, service)
        before = snapshot(service, SERVICE_FIELDS)
    for key, value in data.items():
        setattr(service, key, value)
    if not service.names:
        raise ValidationError({"names": _("Give the name in at least one language.")})
    if service.currency not in CURRENCIES:
        raise ValidationError({"currency": _("Choose a currency from the list.")})
    service = audited_save(
        service,
        by=by,
        fields=SERVICE_FIELDS,
        before=before,
        actions=("cooperation.service.created", "cooperation.service.updated"),
        related=themes,
    )
    index_refresh(service)
    return service


@transaction.atomic
def participation_join(
    *,
    by: User,
    service: SharedService,
    organisation: Organisation,
    joined_on: datetime.date,
    share_bp: int | None = None,
) -> Participation:
    _must(by, service)
    if Participation.objects.filter(
        service=service, organisation=organisation, left_on__isnull=True
    ).exists():
        raise ValidationError({"organisation": _("This authority already takes part.")})
    participation = Participation(
        service=service, organisation=organisation, joined_on=joined_on, share_bp=share_bp
    )
    return audited_save(
        participation,
        by=by,
        fields=["organisation", "joined_on", "share_bp"],
        before={},
        actions=("cooperation.service.joined", ""),
    )


@transaction.atomic
def participation_leave(
    *, by: User, participation: Participation, left_on: datetime.date
) -> Participation:
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    _must(by, participation.service)
    if participation.left_on:
        raise ValidationError(_("This authority has already left."))
    before = {"left_on": None}
    participation.left_on = left_on
    participation.full_clean()
    participation.save(update_fields=["left_on"])
    audit_record(
        actor=by,
        action="cooperation.service.left",
        obj=participation,
        before=before,
        after={"left_on": str(left_on)},
    )
    return participation


@transaction.atomic
def usage_record(
    *,
    by: User,
    service: SharedService,
    organisation: Organisation,
    year: int,
    units: Decimal | int | None,
) -> Usage:
    _must(by, service)
    if units is None or units < 0:
        raise ValidationError({"units": _("Give the units used, zero or more.")})
    usage, _created = Usage.objects.update_or_create(
        service=service, organisation=organisation, year=year, defaults={"units": units}
    )
    audit_record(
        actor=by,
        action="cooperation.service.usage",
        obj=service,
        after={"organisation": organisation.pk, "year": year, "units": str(units)},
    )
    return usage


def participants_in(service: SharedService, year: int) -> list[Participation]:
    """Who took part at some time in the year (one row per authority)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = (
        service.participations.filter(joined_on__lte=end)
        .exclude(left_on__lt=start)
        .select_related("organisation")
        .order_by("organisation__sort_name", "organisation_id", "-joined_on")
    )
    seen, result = set(), []
    for row in rows:
        if row.organisation_id not in seen:
            seen.add(row.organisation_id)
            result.append(row)
    return result


def _weights(
    service: SharedService, year: int, rows: list[Participation]
) -> dict[Organisation, Weight]:
    """{organisation: weight} by the service's formula; a missing figure is refused."""
    formula = service.formula
    weights: dict[Organisation, Weight | None]
    if formula == SharedService.Formula.EQUAL:
        return {row.organisation: 1 for row in rows}
    if formula == SharedService.Formula.POPULATION:
        weights = {row.organisation: row.organisation.population for row in rows}
        missing = [o.name for o, w in weights.items() if not w]
        message = _("The population of %(names)s is not known.")
    elif formula == SharedService.Formula.USE:
        used = dict(
            Usage.objects.filter(service=service, year=year).values_list("organisation_id", "units")
        )
        weights = {row.organisation: used.get(row.organisation_id) for row in rows}
        missing = [o.name for o, w in weights.items() if w is None]
        message = _("The use of %(names)s in that year is not recorded.")
    else:
        weights = {row.organisation: row.share_bp for row in rows}
        missing = [o.name for o, w in weights.items() if w is None]
        message = _("The fixed share of %(names)s is not set.")
        if not missing and sum(w or 0 for w in weights.values()) != 10_000:
            raise ValidationError({"formula": _("The fixed shares must add up to 100%.")})
    if missing:
        raise ValidationError({"total": message % {"names": ", ".join(missing)}})
    return {organisation: weight or 0 for organisation, weight in weights.items()}


@transaction.atomic
def contributions_compute(
    *, by: User, service: SharedService, year: int, total_minor: int, due_on: datetime.date
) -> list[Contribution]:
    """Split the year's cost between the authorities that took part; shares sum exactly to
    the total. Recomputing replaces the year's shares until a payment is recorded."""
    service = SharedService.objects.select_for_update().get(pk=service.pk)
    _must(by, service)
    if total_minor is None or total_minor <= 0:
        raise ValidationError({"total": _("Give an amount above zero.")})
    existing = Contribution.objects.filter(service=service, year=year)
    if existing.filter(paid_minor__gt=0).exists():
        raise ValidationError(_("Payments are recorded for that year: its shares are final."))
    rows = participants_in(service, year)
    if not rows:
        raise ValidationError(_("No authority took part in that year."))
    weights = _weights(service, year, rows)
    shares = split(total_minor, weights)
    existing.delete()
    created = Contribution.objects.bulk_create(
        Contribution(
            service=service,
            organisation=organisation,
            year=year,
            currency=service.currency,
            amount_minor=amount,
            due_on=due_on,
            # The weight only: the page names the formula in the reader's language.
            basis=str(weights[organisation]),
        )
        for organisation, amount in shares.items()
    )
    audit_record(
        actor=by,
        action="cooperation.service.contributions",
        obj=service,
        after={"year": year, "total_minor": total_minor, "shares": len(created)},
    )
    return created


@transaction.atomic
def contribution_pay(*, by: User, contribution: Contribution, amount_minor: int) -> Contribution:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    _must(by, contribution.service)
    if not amount_minor or amount_minor <= 0:
        raise ValidationError({"amount": _("Give an amount above zero.")})
    if amount_minor > contribution.balance_minor:
        raise ValidationError({"amount": _("More cannot be paid than is owed.")})
    before = {"paid_minor": contribution.paid_minor}
    contribution.paid_minor += amount_minor
    contribution.save(update_fields=["paid_minor"])
    audit_record(
        actor=by,
        action="cooperation.contribution.paid",
        obj=contribution,
        before=before,
        after={"paid_minor": contribution.paid_minor},
    )
    return contribution
