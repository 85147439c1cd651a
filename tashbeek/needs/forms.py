"""Forms for needs and offers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tashbeek.core.models import Theme
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.models import Organisation

from .models import Need, Offer


class _ItemForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.all()
            if is_secretariat(user)
            else Organisation.objects.filter(affiliations__user=user).distinct()
        )
        self.fields["language"].required = False
        self.fields["language"].help_text = _("Left empty, it is recognised from the text.")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NeedForm(_ItemForm):
    class Meta:
        model = Need
        fields = ["organisation", "title", "description", "language", "themes", "urgency"]
        fields += ["visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class OfferForm(_ItemForm):
    class Meta:
        model = Offer
        fields = ["organisation", "title", "description", "language", "themes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Need.Status.choices)
    reason = forms.CharField(label=_("Note"), required=False, max_length=500)
