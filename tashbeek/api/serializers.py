"""Serializer behaviour shared by the apps' APIs."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

FIXED = _("This is set when it is created and cannot be changed.")


def _comparable(value: Any) -> Any:
    """A value as it can be compared with what the object holds: objects by their key,
    lists without their order."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return frozenset(_comparable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    return value


class SetOnCreate(serializers.Serializer):
    """An object whose fields in `Meta.set_on_create` say where it belongs (its community,
    its lead, its operator, its parties): they are given when it is created and never
    change after. A change that repeats what the object holds is accepted, so a client may
    send back what it read; one that names something else is a 400 on that field, where
    the API had answered 200 and dropped the change without a word. An update's validated
    data never holds these fields, so its service need not know them."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in self._set_on_create():
            fields[name].help_text = fields[name].help_text or FIXED  # said in the OpenAPI document
        return fields

    def _set_on_create(self) -> tuple[str, ...]:
        return getattr(getattr(self, "Meta", None), "set_on_create", ())

    def current(self, instance: Any, name: str) -> Any:
        """What `instance` holds for the field `name`: its attribute, unless the serializer
        says otherwise (a field that is written but not stored under its name)."""
        return getattr(instance, name)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        instance = self.instance
        if instance is None:
            return attrs
        errors = {}
        for name in self._set_on_create():
            if name not in attrs:
                continue
            given = attrs.pop(name)
            if _comparable(given) != _comparable(self.current(instance, name)):
                errors[name] = [FIXED]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
