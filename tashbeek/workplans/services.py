"""Writes for work plans."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.communities.models import Community
from tashbeek.core.audit import audit_record, audited_save, snapshot

from .models import WorkPlanItem

FIELDS = [
    "year",
    "activity",
    "objective",
    "responsible_person",
    "responsible_organisation",
    "starts_on",
    "ends_on",
    "status",
    "progress_note",
    "events",
    "outputs",
]
RELATED = ("events", "outputs")


@transaction.atomic
def plan_item_save(
    *, by: User, community: Community, data: dict, item: WorkPlanItem | None = None
) -> WorkPlanItem:
    """Add an item to the community's plan, or change one (status, progress, links)."""
    if not by.has_perm("workplans.change_plan", community):
        raise PermissionDenied(_("Only the community's coordinators write its work plan."))
    data = dict(data)
    related = {key: data.pop(key) for key in RELATED if key in data}
    if item is None:
        item = WorkPlanItem(community=community)
        before = {}
    else:
        if item.community_id != community.pk:
            raise PermissionDenied
        item = WorkPlanItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(item, FIELDS)
    for key, value in data.items():
        setattr(item, key, value)
    _check(item, related)
    return audited_save(
        item,
        by=by,
        fields=FIELDS,
        before=before,
        actions=("workplans.item.created", "workplans.item.updated"),
        related=related,
    )


def _check(item: WorkPlanItem, related: dict) -> None:
    if item.starts_on and item.ends_on and item.ends_on < item.starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    foreign = [e for e in related.get("events", []) if e.community_id != item.community_id]
    if foreign:
        raise ValidationError({"events": _("Link only events of this community.")})
    foreign = [d for d in related.get("outputs", []) if d.community_id != item.community_id]
    if foreign:
        raise ValidationError({"outputs": _("Link only documents of this community.")})


@transaction.atomic
def plan_item_delete(*, by: User, item: WorkPlanItem) -> None:
    if not by.has_perm("workplans.change_plan", item.community):
        raise PermissionDenied
    before = snapshot(item, FIELDS)
    audit_record(actor=by, action="workplans.item.deleted", obj=item, before=before)
    item.delete()
