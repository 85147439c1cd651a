"""Every model of ours has a factory, and each factory makes a row the model's own
validation accepts (issue 18.6)."""

import pytest
from django.apps import apps

from tashbeek.tests import (
    factories,
    factories_cooperation,
    factories_governance,
    factories_more,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    f._meta.model: f
    for module in (factories, factories_more, factories_governance, factories_cooperation)
    for f in vars(module).values()
    if isinstance(f, type)
    and issubclass(f, factories_more.Model)
    and f is not factories_more.Model
    and f._meta.model is not None
}
# Validation that a factory cannot satisfy without the object's service: left out by name.
EXCLUDE_FROM_CLEAN = {
    "accounts.User": ["password"],  # hashed by the factory, not a plain field value
}


def _ours():
    return sorted(
        (m for m in apps.get_models() if m.__module__.startswith("tashbeek.")),
        key=lambda m: m._meta.label,
    )


def test_every_model_has_a_factory():
    missing = [m._meta.label for m in _ours() if m not in FACTORIES]
    assert missing == []


@pytest.mark.parametrize("model", _ours(), ids=lambda m: m._meta.label)
def test_each_factory_makes_a_valid_row(model):
    row = FACTORIES[model]()
    assert row.pk is not None
    row.full_clean(exclude=EXCLUDE_FROM_CLEAN.get(model._meta.label, []), validate_unique=True)
    assert model.objects.filter(pk=row.pk).exists()
