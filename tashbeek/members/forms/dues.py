"""Forms of dues: the yearly schedule (with its bands and reductions), payments, waivers.
People type amounts in major units (12.50); the services keep integer minor units."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tashbeek.core.forms import DigitFoldingMixin, FastSelect
from tashbeek.core.money import CURRENCIES, exponent, to_major, to_minor

from ..models import Due, FeeSchedule, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _amount(label, required=True):
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_digits=14, decimal_places=3
    )


class FeeScheduleForm(DigitFoldingMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCIES])
    method = forms.ChoiceField(
        label=_("Method"), choices=FeeSchedule.Method.choices, widget=forms.RadioSelect
    )
    rate = forms.DecimalField(
        label=_("Rate per inhabitant"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=6,
        help_text=_("In the currency's main unit, e.g. 0.05 for five cents per inhabitant."),
    )
    floor = _amount(_("Floor (minimum fee)"), required=False)
    cap = _amount(_("Cap (maximum fee, optional)"), required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_from(cls, schedule: FeeSchedule) -> dict:
        currency = schedule.currency
        return {
            "year": schedule.year,
            "currency": currency,
            "method": schedule.method,
            "rate": schedule.rate_per_inhabitant / 10 ** exponent(currency),
            "floor": to_major(schedule.floor_minor, currency),
            "cap": None if schedule.cap_minor is None else to_major(schedule.cap_minor, currency),
            "due_on": schedule.due_on,
            "notes": schedule.notes,
        }

    def clean(self):
        data = super().clean()
        floor, cap = data.get("floor") or Decimal(0), data.get("cap")
        if cap is not None and cap < floor:
            self.add_error("cap", _("The cap cannot be below the floor."))
        if data.get("method") == FeeSchedule.Method.PER_INHABITANT and not data.get("rate"):
            self.add_error("rate", _("Give the rate per inhabitant."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        currency = data["currency"]
        return {
            "year": data["year"],
            "currency": currency,
            "method": data["method"],
            "rate_per_inhabitant": (data.get("rate") or Decimal(0)) * 10 ** exponent(currency),
            "floor_minor": to_minor(data.get("floor") or 0, currency),
            "cap_minor": None if data.get("cap") is None else to_minor(data["cap"], currency),
            "due_on": data["due_on"],
            "notes": data.get("notes", ""),
        }


class BandForm(DigitFoldingMixin, forms.Form):
    min_population = forms.IntegerField(label=_("From (inhabitants)"), min_value=0)
    max_population = forms.IntegerField(
        label=_("To (inhabitants; empty for no limit)"), min_value=0, required=False
    )
    amount = _amount(_("Fee"))


class ReductionForm(DigitFoldingMixin, forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Organisation.Kind.choices]
    )
    factor = forms.DecimalField(
        label=_("Pays this share of the fee"),
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=3,
        help_text=_("0.5 means half the fee."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]

    def clean(self):
        data = super().clean()
        if not data.get("country") and not data.get("kind"):
            raise forms.ValidationError(_("Choose a country, a kind, or both."))
        return data


BandFormSet = forms.formset_factory(BandForm, extra=3)
ReductionFormSet = forms.formset_factory(ReductionForm, extra=2)


def filled(formset) -> list[dict]:
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class PaymentForm(DigitFoldingMixin, forms.Form):
    amount = _amount(_("Amount"))
    paid_on = forms.DateField(label=_("Payment date"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)

    def __init__(self, *args, due: Due, **kwargs):
        super().__init__(*args, **kwargs)
        self.due = due
        self.fields["paid_on"].initial = timezone.localdate
        self.fields["amount"].initial = to_major(due.balance_minor, due.currency)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be positive."))
        return to_minor(amount, self.due.currency)


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the waiver"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DuesFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Due.Status.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]

    def values(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
