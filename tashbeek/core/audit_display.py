"""The audit log as its readers read it: actions by their labels, fields by their models'
verbose names, values through their choices, dates, amounts and names in the reader's
language, and related objects by name (one query per related model for a whole page)."""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .audit import EXTRA_FIELDS, action_label
from .i18n import pick
from .models import AuditEntry
from .money import format_money

EMPTY = "—"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class AuditRow:
    entry: AuditEntry
    action: str
    object_type: str
    changes: list[Change] = field(default_factory=list)


def model_of(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _field(model, key: str) -> models.Field | None:
    try:
        return model._meta.get_field(key) if model else None
    except FieldDoesNotExist:
        return None


def field_label(model, key: str) -> str:
    found = _field(model, key)
    if found is not None and hasattr(found, "verbose_name"):
        return str(found.verbose_name)
    return str(EXTRA_FIELDS.get(key, key.replace("_", " ")))


def _date(value: str) -> str:
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    is_date = len(value) <= 10
    return date_format(
        parsed.date() if is_date else parsed,
        "SHORT_DATE_FORMAT" if is_date else "SHORT_DATETIME_FORMAT",
    )


class _Related:
    """Names of related objects for a page of entries, fetched per model in one query."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.names: dict[tuple, str] = {}

    def want(self, model, pk) -> None:
        if pk not in (None, ""):
            for one in pk if isinstance(pk, list) else [pk]:
                self.wanted.setdefault(model, set()).add(one)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=list(pks))[:500]:
                self.names[(model, obj.pk)] = str(obj)

    def name(self, model, pk) -> str:
        return self.names.get((model, pk), f"#{pk}")


def _display(value, found, entry: AuditEntry, key: str, related: _Related) -> str:
    if value in (None, "", [], {}):
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if found is not None and found.is_relation and found.related_model is not None:
        values = value if isinstance(value, list) else [value]
        return ", ".join(related.name(found.related_model, v) for v in values)
    if found is not None and getattr(found, "choices", None):
        return str(dict(found.flatchoices).get(value, value))
    if key.endswith("_minor") and isinstance(value, int):
        currency = entry.after.get("currency") or entry.before.get("currency")
        return format_money(value, currency) if currency else str(value)
    if isinstance(value, dict):
        return pick(value) or EMPTY
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    dated = isinstance(found, models.DateField | models.DateTimeField)
    if isinstance(value, str) and (dated or ISO_DATE.fullmatch(value)):
        return _date(value)
    return str(value)


def audit_rows(entries) -> list[AuditRow]:
    """A page of entries ready to show."""
    entries = list(entries)
    related = _Related()
    plan = []
    for entry in entries:
        model = model_of(entry.object_type)
        keys = [(key, _field(model, key)) for key, _b, _a in entry.changes]
        for key, found in keys:
            if found is not None and found.is_relation and found.related_model is not None:
                related.want(found.related_model, entry.before.get(key))
                related.want(found.related_model, entry.after.get(key))
        plan.append((entry, model, keys))
    related.fetch()
    return [
        AuditRow(
            entry=entry,
            action=action_label(entry.action),
            object_type=object_type_label(entry.object_type),
            changes=[
                Change(
                    label=field_label(model, key),
                    before=_display(entry.before.get(key), found, entry, key, related),
                    after=_display(entry.after.get(key), found, entry, key, related),
                )
                for key, found in keys
            ],
        )
        for entry, model, keys in plan
    ]
