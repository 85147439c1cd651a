"""The one audit mechanism (ARCHITECTURE §3): every state-changing service calls
`audit_record` inside its transaction, so the entry and the change commit together."""

import contextvars
import datetime
import decimal
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditEntry

M = TypeVar("M", bound=models.Model)

# What each dotted action means, in words the secretariat reads in its own language. Every
# app declares its actions in its own `audit_actions.py` (imported when the apps are ready), so
# core knows no app; `audit_record` refuses an unregistered action under AUDIT_STRICT (tests).
ACTIONS: dict[str, object] = {}
# Labels for snapshot keys that are not model fields ("created": how many dues were made).
EXTRA_FIELDS: dict[str, object] = {}


def register_actions(actions: dict, *, fields: dict | None = None) -> None:
    """Declare audit actions with their (lazy) labels, and labels of non-field keys."""
    ACTIONS.update(actions)
    EXTRA_FIELDS.update(fields or {})


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


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
    if action not in ACTIONS and getattr(settings, "AUDIT_STRICT", False):
        raise ImproperlyConfigured(f"audit action {action!r} is not in any audit_actions.py")
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


def audited_save(
    obj: M,
    *,
    by,
    fields: list[str],
    before: dict,
    actions: tuple[str, str],
    related: dict | None = None,
    exclude: list[str] | None = None,
    reason: str = "",
    skip_unchanged: bool = False,
) -> M:
    """The end of every create-or-change service: validate (but `exclude`), save, set the
    many-to-many `related` ({field: objects}), and write one audit entry with the fields
    before and after. `actions` is (on create, on change); an empty `before` means a create.
    With `skip_unchanged`, a change that changed nothing writes no entry (a wizard saving
    each step, a profile saved as it was)."""
    obj.full_clean(exclude=exclude)
    obj.save()
    for name, values in (related or {}).items():
        getattr(obj, name).set(values)
    after = snapshot(obj, fields)
    if skip_unchanged and before and after == before:
        return obj
    audit_record(
        actor=by,
        action=actions[1] if before else actions[0],
        obj=obj,
        before=before,
        after=after,
        reason=reason,
    )
    return obj
