"""Forms of agreements: declaring one (with a party new to the directory) and ending it."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tashbeek.core.files import LIBRARY_TYPES, validate_document_upload
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.members.models import Organisation

from .. import services
from ..models import Agreement
from ..services.agreements import PARTNER_KINDS
from .common import DATE, own_organisations


class AgreementForm(DigitFoldingMixin, forms.ModelForm):
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    texts = TranslatedField(label=_("Purpose"), required=False, multiline=True, max_length=5000)
    declared_by = forms.ModelChoiceField(
        label=_("Declared by"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Other parties"),
        queryset=Organisation.objects.order_by("sort_name"),
        required=False,
        help_text=_("Members or partners of the directory; each confirms the agreement."),
    )
    new_partner_name = forms.CharField(
        label=_("A party not yet in the directory"),
        required=False,
        max_length=200,
        help_text=_("It joins the directory as a partner; the secretariat completes it."),
    )
    new_partner_kind = forms.ChoiceField(
        label=_("Its kind"),
        required=False,
        choices=[("", "—")] + [(k.value, k.label) for k in PARTNER_KINDS],
    )
    new_partner_country = CountryField(blank=True).formfield(label=_("Its country"))
    document = forms.FileField(label=_("Signed document"), required=False)

    class Meta:
        model = Agreement
        fields = services.AGREEMENT_FIELDS
        widgets = {
            "signed_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declared_by"].queryset = own_organisations(user)
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(scheme="sector")
        if self.instance.pk:
            for name in ("declared_by", "parties", "new_partner_name", "new_partner_kind"):
                del self.fields[name]
            del self.fields["new_partner_country"]

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validate_document_upload(upload, allowed=LIBRARY_TYPES)
        return upload

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        if data.get("new_partner_name") and not data.get("new_partner_kind"):
            self.add_error("new_partner_kind", _("Choose the kind of partner."))
        if not data.get("parties") and not data.get("new_partner_name"):
            self.add_error("parties", _("An agreement needs at least one other party."))
        return data

    def new_partners(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("new_partner_name"):
            return []
        return [
            {
                "names": {get_language()[:2]: data["new_partner_name"]},
                "kind": data["new_partner_kind"],
                "country": data.get("new_partner_country") or "",
            }
        ]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.AGREEMENT_FIELDS}


class EndForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    ended_on = forms.DateField(label=_("Ended on"), required=False, widget=DATE)
