"""Reads of the core app."""

import datetime

from django.db.models import Q, QuerySet

from .models import AuditEntry


def audit_entries(
    *,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    reason: str = "",
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action__startswith=action[:100])
    if actor:
        entries = entries.filter(
            Q(actor_label__icontains=actor[:100]) | Q(actor__email__iexact=actor[:254])
        )
    if object_type:
        entries = entries.filter(object_type=object_type[:100])
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    if reason:
        entries = entries.filter(reason__icontains=reason[:200])
    return entries


def audit_object_types() -> list[str]:
    return list(AuditEntry.objects.values_list("object_type", flat=True).distinct().order_by())
