"""Helpers the cooperation forms share: dates, currencies, the organisations a person acts
for, and amounts typed in major units that reach the services in minor units."""

from django import forms

from tashbeek.core.forms import DigitFoldingMixin
from tashbeek.core.money import CURRENCIES, to_minor
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.models import Organisation
from tashbeek.members.rules import affiliations_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


CURRENCY_CHOICES = [(c, c) for c in CURRENCIES]


def own_organisations(user):
    """The organisations a person may act for; the secretariat may act for any."""
    if is_secretariat(user):
        return Organisation.objects.order_by("sort_name")
    return Organisation.objects.filter(pk__in=list(affiliations_of(user))).order_by("sort_name")


class AmountMixin(DigitFoldingMixin):
    """`<name>` typed in major units of the form's `currency` → `<name>_minor` in cleaned data."""

    amounts: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        currency = data.get("currency") or getattr(self, "currency", "")
        for name in self.amounts:
            if data.get(name) is not None and currency:
                data[f"{name}_minor"] = to_minor(data.pop(name), currency)
        return data


def amount_field(label, required=True):
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_digits=16, decimal_places=3
    )
