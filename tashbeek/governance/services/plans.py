"""Writes for the network's annual work plan: items proposed, prepared and adopted by the
steering committee (a decision of the register), with their budget lines."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations

from ..models import Body, BudgetLine, Decision, PlanItem

PLAN_FIELDS = [
    "year",
    "titles",
    "texts",
    "proposed_by",
    "proposed_by_body",
    "community",
    "sdgs",
    "activities",
    "events",
    "experiences",
]
RELATED = ("sdgs", "activities", "events", "experiences")


@transaction.atomic
def plan_item_save(*, by: User, body: Body, data: dict, item: PlanItem | None = None) -> PlanItem:
    """Propose an item for the body's plan (or change one); `budget` replaces its budget
    lines: [{"labels": {…}, "source": …, "funder": …, "amount_minor": …, "currency": …}]."""
    if not by.has_perm("governance.manage_body", body):
        raise PermissionDenied(_("Only the secretariat and the body's chairs prepare its plan."))
    data = dict(data)
    budget = data.pop("budget", None)
    related = {key: data.pop(key) for key in RELATED if key in data}
    for key in ("titles", "texts"):
        if key in data:
            data[key] = clean_translations(data[key])
    before = snapshot(item, PLAN_FIELDS) if item else {}
    if item is None:
        item = PlanItem(body=body)
    elif item.body_id != body.pk:
        raise PermissionDenied
    for key, value in data.items():
        setattr(item, key, value)
    if not item.titles:
        raise ValidationError({"titles": _("Give the topic in at least one language.")})
    foreign = [a for a in related.get("activities", []) if a.year != item.year]
    if foreign:
        raise ValidationError({"activities": _("Link activities of the same year.")})
    unpublished = [e for e in related.get("experiences", []) if e.status != "published"]
    if unpublished:
        raise ValidationError({"experiences": _("Link published experiences only.")})
    if any(e.status in ("draft", "cancelled") for e in related.get("events", [])):
        raise ValidationError({"events": _("Link events that are published and not cancelled.")})
    item = audited_save(
        item,
        by=by,
        fields=PLAN_FIELDS,
        before=before,
        actions=("governance.plan_item.proposed", "governance.plan_item.updated"),
        related=related,
    )
    if budget is not None:
        _budget(item, budget)
    return item


def _budget(item: PlanItem, lines: list[dict]) -> None:
    item.budget.all().delete()
    rows = []
    for line in lines:
        row = BudgetLine(plan_item=item, **line)
        row.labels = clean_translations(row.labels)
        row.currency = (row.currency or "").upper()
        row.full_clean(exclude=["plan_item"])
        rows.append(row)
    BudgetLine.objects.bulk_create(rows)


@transaction.atomic
def plan_item_decide(
    *, by: User, item: PlanItem, status: str, decision: Decision | None
) -> PlanItem:
    """Adopt an item (citing the decision of the register that adopted it) or not retain it."""
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if not by.has_perm("governance.manage_body", item.body):
        raise PermissionDenied(_("Only the secretariat and the body's chairs prepare its plan."))
    if status == PlanItem.Status.ADOPTED and decision is None:
        raise ValidationError({"decision": _("Cite the decision that adopted it.")})
    if status not in PlanItem.Status.values:
        raise ValidationError({"status": _("Choose adopted or not retained.")})
    before = {"status": item.status, "decision": item.decision_id}
    item.status, item.decision = status, decision if status == PlanItem.Status.ADOPTED else None
    item.save(update_fields=["status", "decision"])
    audit_record(
        actor=by,
        action=f"governance.plan_item.{status}",
        obj=item,
        before=before,
        after={"status": status, "decision": item.decision_id},
    )
    return item
