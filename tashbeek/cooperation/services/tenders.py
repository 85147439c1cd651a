"""Writes for joint tenders: opening one with its lots and items, each authority declaring
its own quantities before the deadline (the tender row is locked, so simultaneous
declarations are all kept and none lands after the deadline), the timeline, and the award
of each lot with every authority's contract for its part."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.i18n import clean_translations
from tashbeek.core.money import CURRENCIES, split
from tashbeek.members.models import Organisation
from tashbeek.members.rules import is_staff_of

from ..models import Award, Contract, Demand, Item, Lot, Tender

STAGES: dict[str, tuple[str, ...]] = {
    # stage: the stages it may follow
    Tender.Stage.PUBLISHED: (Tender.Stage.DEMAND,),
    Tender.Stage.EVALUATION: (Tender.Stage.PUBLISHED,),
    Tender.Stage.CANCELLED: (Tender.Stage.DEMAND, Tender.Stage.PUBLISHED, Tender.Stage.EVALUATION),
}
TIMELINE_FIELDS = ("published_on", "clarification_until", "bids_due", "evaluation_until")


@transaction.atomic
def tender_open(
    *, by: User, lead: Organisation, participants: list, data: dict, lots: list[dict]
) -> Tender:
    """`lots`: [{"titles": {…}, "items": [{"titles": {…}, "unit": "…",
    "unit_estimate_minor": 123}]}]; the lead takes part too."""
    if not by.has_perm("cooperation.open_tender", lead):
        raise PermissionDenied(_("You may open tenders only for your own authority."))
    titles = clean_translations(data.get("titles"))
    if not titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if data.get("currency") not in CURRENCIES:
        raise ValidationError({"currency": _("Choose a currency from the list.")})
    deadline = data.get("demand_deadline")
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"demand_deadline": _("The deadline is in the future.")})
    if data.get("time_zone") and data["time_zone"] not in TIME_ZONES:
        raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
    if not lots or not all(lot.get("items") for lot in lots):
        raise ValidationError({"lots": _("Each lot needs at least one item.")})
    tender = Tender.objects.create(
        lead=lead,
        titles=titles,
        texts=clean_translations(data.get("texts")),
        currency=data["currency"],
        demand_deadline=deadline,
        time_zone=data.get("time_zone") or settings.TIME_ZONE,
        created_by=by,
    )
    tender.participants.set({lead, *participants})
    for number, spec in enumerate(lots, start=1):
        lot = Lot.objects.create(
            tender=tender, number=number, titles=clean_translations(spec.get("titles"))
        )
        for item in spec["items"]:
            row = Item(
                lot=lot,
                titles=clean_translations(item.get("titles")),
                unit=item.get("unit", ""),
                unit_estimate_minor=item.get("unit_estimate_minor"),
            )
            row.full_clean()
            row.save()
    audit_record(
        actor=by,
        action="cooperation.tender.opened",
        obj=tender,
        after={"lots": len(lots), "participants": tender.participants.count()},
    )
    return tender


@transaction.atomic
def demand_declare(
    *, by: User, tender: Tender, organisation: Organisation, quantities: dict
) -> int:
    """An authority's own quantities, {item: quantity}; its earlier ones are replaced.
    Refused after the deadline, outside the demand stage, or for another authority."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if not is_staff_of(by, organisation):
        raise PermissionDenied(_("Each authority declares only its own quantities."))
    if not tender.participants.filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("This authority does not take part in the tender."))
    if tender.stage != Tender.Stage.DEMAND or timezone.now() >= tender.demand_deadline:
        raise ValidationError(_("The deadline for quantities has passed."))
    items = {i.pk: i for i in Item.objects.filter(lot__tender=tender)}
    changed = 0
    for item, quantity in quantities.items():
        key = getattr(item, "pk", item)
        if key not in items:
            raise ValidationError({"quantities": _("An item is not part of this tender.")})
        if quantity is None or Decimal(quantity) < 0:
            raise ValidationError({"quantities": _("Quantities are zero or more.")})
        Demand.objects.update_or_create(
            item=items[key],
            organisation=organisation,
            defaults={"quantity": quantity, "declared_by": by},
        )
        changed += 1
    audit_record(
        actor=by,
        action="cooperation.tender.demand",
        obj=tender,
        after={
            "organisation": organisation.pk,
            "quantities": {str(getattr(k, "pk", k)): str(v) for k, v in quantities.items()},
        },
    )
    return changed


@transaction.atomic
def tender_stage(
    *, by: User, tender: Tender, stage: str, reason: str = "", **dates: datetime.date | None
) -> Tender:
    """Move the tender along its timeline (published with its dates, evaluation) or cancel
    it with a reason. Publishing closes the collection of quantities."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if not by.has_perm("cooperation.manage_tender", tender):
        raise PermissionDenied(_("Only the lead authority and the secretariat run the tender."))
    if stage not in STAGES or tender.stage not in STAGES[stage]:
        raise ValidationError({"stage": _("The tender cannot move to that stage now.")})
    if stage == Tender.Stage.CANCELLED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if (
        stage == Tender.Stage.PUBLISHED
        and not Demand.objects.filter(item__lot__tender=tender, quantity__gt=0).exists()
    ):
        raise ValidationError({"stage": _("No authority has declared a quantity yet.")})
    before = {"stage": tender.stage}
    tender.stage, tender.stage_reason = stage, reason.strip()
    for key in TIMELINE_FIELDS:
        if dates.get(key) is not None:
            setattr(tender, key, dates[key])
    if stage == Tender.Stage.PUBLISHED and tender.published_on is None:
        tender.published_on = timezone.localdate()
    tender.save()
    audit_record(
        actor=by,
        action=f"cooperation.tender.{stage}",
        obj=tender,
        before=before,
        after={"stage": stage},
        reason=tender.stage_reason,
    )
    return tender


def contract_parts(lot: Lot, amount_minor: int) -> dict[int, int]:
    """{organisation id: minor units}: the award split by each authority's estimated value
    of what it declared in the lot; the parts sum exactly to the amount."""
    weights: dict[int, Decimal] = defaultdict(Decimal)
    for demand in Demand.objects.filter(item__lot=lot, quantity__gt=0).select_related("item"):
        price = demand.item.unit_estimate_minor or 1
        weights[demand.organisation_id] += demand.quantity * price
    return split(amount_minor, dict(sorted(weights.items())))


@transaction.atomic
def award_record(
    *, by: User, lot: Lot, supplier: Organisation, amount_minor: int, awarded_on: datetime.date
) -> Award:
    """Award a lot; every authority that declared in it gets its contract. The tender is
    awarded when its last lot is."""
    tender = Tender.objects.select_for_update().get(pk=lot.tender_id)
    if not by.has_perm("cooperation.manage_tender", tender):
        raise PermissionDenied(_("Only the lead authority and the secretariat run the tender."))
    if tender.stage not in (Tender.Stage.PUBLISHED, Tender.Stage.EVALUATION):
        raise ValidationError(_("Only a published tender is awarded."))
    if Award.objects.filter(lot=lot).exists():
        raise ValidationError(_("This lot is already awarded."))
    if not amount_minor or amount_minor <= 0:
        raise ValidationError({"amount_minor": _("Give an amount above zero.")})
    parts = contract_parts(lot, amount_minor)
    if not parts:
        raise ValidationError(_("No authority declared a quantity in this lot."))
    award = Award.objects.create(
        lot=lot, supplier=supplier, amount_minor=amount_minor, awarded_on=awarded_on
    )
    Contract.objects.bulk_create(
        Contract(award=award, organisation_id=org, amount_minor=part) for org, part in parts.items()
    )
    if not Lot.objects.filter(tender=tender, award__isnull=True).exists():
        tender.stage, tender.awarded_on = Tender.Stage.AWARDED, awarded_on
        tender.save(update_fields=["stage", "awarded_on", "updated_at"])
    audit_record(
        actor=by,
        action="cooperation.tender.awarded",
        obj=tender,
        after={"lot": lot.number, "supplier": supplier.pk, "amount_minor": amount_minor},
    )
    return award
