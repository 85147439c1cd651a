"""The one audit mechanism (ARCHITECTURE §3): every state-changing service calls
`audit_record` inside its transaction, so the entry and the change commit together."""

import contextvars
import datetime
import decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditEntry

# Set by RequestContextMiddleware so services need not pass the request around just to
# record the address a change came from; commands and tests leave it empty.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_ip", default=None)


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return sorted(_plain(item) for item in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is not None and not isinstance(value, str | int | float | bool | dict):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """JSON-safe values of `fields` (foreign keys as ids, many-to-many as sorted id lists)."""
    data = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            data[name] = sorted(obj.pk and getattr(obj, name).values_list("pk", flat=True) or [])
        elif field.is_relation:
            data[name] = getattr(obj, field.attname)
        else:
            data[name] = _plain(getattr(obj, name))
    return data


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Write one audit entry; `action` is dotted: `members.organisation.updated`."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if authenticated else None,
        actor_label=str(actor) if authenticated else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        before=before or {},
        after=after or {},
        reason=reason,
        ip_address=current_ip.get(),
    )
