"""Forms of communities."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tashbeek.core.forms import TranslatedField
from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation

from .models import Community


class CommunityForm(forms.ModelForm):
    names = TranslatedField(label=_("Name"), required=True, max_length=200)
    purposes = TranslatedField(label=_("Purpose"), required=False, multiline=True, max_length=5000)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )
    coordinators = forms.CharField(
        label=_("Coordinators' e-mail addresses"),
        required=False,
        help_text=_("Separated by commas; each must already have an account."),
    )

    class Meta:
        model = Community
        fields = ["slug", "names", "purposes", "kind", "join_policy", "parent", "region", "themes"]

    def clean_coordinators(self):
        emails = [
            e.strip().lower() for e in self.cleaned_data["coordinators"].split(",") if e.strip()
        ]
        people = list(get_user_model().objects.filter(email__in=emails))
        unknown = sorted(set(emails) - {p.email.lower() for p in people})
        if unknown:
            raise forms.ValidationError(
                _("No account for: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return people

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "coordinators"}


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=_("Myself")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(affiliations__user=user)
            if user and user.is_authenticated
            else Organisation.objects.none()
        )
