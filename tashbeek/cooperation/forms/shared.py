"""Forms of shared services: the catalogue entry, joining, use, the year's cost, payments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.members.models import Organisation

from .. import services
from ..models import SharedService
from .common import CURRENCY_CHOICES, DATE, AmountMixin, amount_field, own_organisations


class ServiceForm(DigitFoldingMixin, forms.ModelForm):
    names = TranslatedField(label=_("Name"), required=True, max_length=200)
    texts = TranslatedField(label=_("Description"), required=False, multiline=True, max_length=5000)
    service_levels = TranslatedField(
        label=_("Service levels"), required=False, multiline=True, max_length=5000
    )
    operator = forms.ModelChoiceField(
        label=_("Operator"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)

    class Meta:
        model = SharedService
        fields = services.SERVICE_FIELDS
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = own_organisations(user)
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(scheme="sector")
        if self.instance.pk:
            del self.fields["operator"]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.SERVICE_FIELDS}


class JoinForm(DigitFoldingMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.order_by("sort_name"), widget=FastSelect
    )
    joined_on = forms.DateField(label=_("Joined"), widget=DATE)
    share = forms.DecimalField(
        label=_("Fixed share (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Only for services shared by fixed shares."),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        share = data.get("share")
        return {
            "organisation": data["organisation"],
            "joined_on": data["joined_on"],
            "share_bp": None if share is None else int(share * 100),
        }


class UsageForm(DigitFoldingMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    units = forms.DecimalField(label=_("Units used"), min_value=0, max_digits=14, decimal_places=2)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=service.participations.values("organisation_id")
        ).order_by("sort_name")


class ComputeForm(AmountMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    total = amount_field(_("The year's cost to share"))
    due_on = forms.DateField(label=_("Due date"), widget=DATE)
    amounts = ("total",)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = service.currency


class PayForm(AmountMixin, forms.Form):
    amount = amount_field(_("Amount paid"))
    amounts = ("amount",)

    def __init__(self, *args, contribution, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = contribution.currency
