"""Forms of joint tenders: opening one with its lots and items, declaring one's own
quantities, the timeline (in the tender's zone) and awarding a lot."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.core.money import to_minor
from tashbeek.events.forms import LOCAL, in_own_zone
from tashbeek.members.models import Organisation
from tashbeek.members.rules import affiliations_of

from ..models import Item, Lot, Tender
from .common import CURRENCY_CHOICES, DATE, AmountMixin, amount_field, own_organisations


class TenderForm(DigitFoldingMixin, forms.Form):
    """A joint tender with its lots and items: one line per item, `lot | item | unit |
    estimated unit price` (the lot's name groups the items)."""

    lead = forms.ModelChoiceField(
        label=_("Lead authority"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    texts = TranslatedField(label=_("Description"), required=False, multiline=True)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating authorities"),
        queryset=Organisation.objects.filter(relation=Organisation.Relation.MEMBER).order_by(
            "sort_name"
        ),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    demand_deadline = forms.DateTimeField(label=_("Quantities due by (local time)"), widget=LOCAL)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(t, t) for t in TIME_ZONES], widget=FastSelect
    )
    lines = forms.CharField(
        label=_("Lots and items"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("One item a line: lot | item | unit | estimated unit price (optional)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = own_organisations(user)

    def clean(self):
        data = super().clean()
        if data.get("time_zone"):
            in_own_zone(data, data["time_zone"], ("demand_deadline",))
        lots: dict[str, list] = {}
        language = get_language()[:2]
        for number, line in enumerate((data.get("lines") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3 or not all(parts[:3]):
                self.add_error("lines", _("Line %(n)s: write lot | item | unit.") % {"n": number})
                continue
            estimate = None
            if len(parts) > 3 and parts[3] and data.get("currency"):
                try:
                    estimate = to_minor(parts[3].replace(",", "."), data["currency"])
                except ValueError:
                    self.add_error(
                        "lines", _("Line %(n)s: the price is not a number.") % {"n": number}
                    )
                    continue
            lots.setdefault(parts[0], []).append(
                {"titles": {language: parts[1]}, "unit": parts[2], "unit_estimate_minor": estimate}
            )
        data["lots"] = [
            {"titles": {language: name}, "items": items} for name, items in lots.items()
        ]
        return data


class DemandForm(DigitFoldingMixin, forms.Form):
    """The quantity of each item, for one of the person's authorities."""

    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, tender, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = tender.participants.filter(
            pk__in=list(affiliations_of(user))
        )
        self.items = list(Item.objects.filter(lot__tender=tender).select_related("lot"))
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.lot.number}. {item.title} ({item.unit})",
                min_value=0,
                max_digits=14,
                decimal_places=2,
                required=False,
            )

    def quantities(self) -> dict:
        return {
            item: self.cleaned_data[f"item_{item.pk}"]
            for item in self.items
            if self.cleaned_data.get(f"item_{item.pk}") is not None
        }


class StageForm(forms.Form):
    """The lead moves the tender along; times are typed in the tender's own zone."""

    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[
            (s.value, s.label)
            for s in (Tender.Stage.PUBLISHED, Tender.Stage.EVALUATION, Tender.Stage.CANCELLED)
        ],
    )
    published_on = forms.DateField(label=_("Published"), required=False, widget=DATE)
    clarification_until = forms.DateField(label=_("Questions until"), required=False, widget=DATE)
    bids_due = forms.DateTimeField(label=_("Bids due (local time)"), required=False, widget=LOCAL)
    evaluation_until = forms.DateField(label=_("Evaluation until"), required=False, widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.tender = tender

    def clean(self):
        data = super().clean()
        in_own_zone(data, self.tender.time_zone, ("bids_due",))
        return data


class AwardForm(AmountMixin, forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=Lot.objects.none())
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=Organisation.objects.order_by("sort_name"), widget=FastSelect
    )
    amount = amount_field(_("Amount"))
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE)
    amounts = ("amount",)

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = tender.currency
        self.fields["lot"].queryset = tender.lots.filter(award__isnull=True)
