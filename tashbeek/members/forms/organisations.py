"""Forms of the directory: the filter bar, the profile editor and the staff invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tashbeek.core.forms import (
    DigitFoldingMixin,
    FastSelect,
    TranslatedField,
    cleaned_image,
)
from tashbeek.core.models import Theme

from ..models import WORKING_LANGUAGES, Affiliation, Organisation, Region
from ..selectors import POPULATION_BANDS, SORTS, STATUS_FILTERS, DirectoryFilters
from ..services import PROFILE_FIELDS
from .places import PlaceChecks


class Shared:
    """A field that every form of its class shares instead of copying. A form deep-copies
    its fields (with their widgets and validators) when it is made; the directory makes one
    per request to read its query string and never changes a field, so that copying was a
    tenth of the page's time."""

    def __deepcopy__(self, memo):
        return self


class SharedCharField(Shared, forms.CharField):
    pass


class SharedSlugField(Shared, forms.SlugField):
    pass


class OneOf(Shared, forms.CharField):
    """A value from a fixed set, or nothing. The directory parses its filter bar on every
    request: a ChoiceField copies its choices with every form, this keeps one frozen set."""

    def __init__(self, values, **kwargs):
        self.values = frozenset(values)
        super().__init__(required=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.values:
            raise forms.ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


class DirectoryFilterForm(forms.Form):
    """Validates the directory's query string; unknown values are ignored, not errors."""

    q = SharedCharField(label=_("Name"), required=False, max_length=200)
    country = OneOf(dict(countries), label=_("Country"))
    region = SharedSlugField(label=_("Region"), required=False)
    kind = OneOf(Organisation.Kind.values, label=_("Kind"))
    theme = SharedSlugField(label=_("Theme"), required=False)
    status = OneOf(STATUS_FILTERS, label=_("Status"))
    population = OneOf([k for k, _l, _h in POPULATION_BANDS], label=_("Population"))
    sort = OneOf(SORTS, label=_("Sort by"))

    def filters(self) -> DirectoryFilters:
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return DirectoryFilters(**{k: v or "" for k, v in data.items() if v})


class OrganisationForm(DigitFoldingMixin, PlaceChecks):
    names = TranslatedField(label=_("Name"), required=True, max_length=200)
    descriptions = TranslatedField(
        label=_("Description"), required=False, multiline=True, max_length=5000
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        required=False,
        choices=WORKING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    member_since = forms.DateField(
        label=_("Member since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, can_manage: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("country", "slug")
        self.fields["country"].widget = FastSelect(choices=self.fields["country"].choices)
        self.fields["parent"].queryset = Organisation.objects.filter(kind=Organisation.Kind.UNION)
        if not can_manage:
            for name in ("kind", "relation", "membership_status", "member_since", "parent"):
                del self.fields[name]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return cleaned_image(logo)
        return logo

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    title = forms.CharField(label=_("Job title"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Affiliation.Role.choices, initial="staff")

    def __init__(self, *args, can_invite_focal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_invite_focal:
            self.fields["role"].choices = [(Affiliation.Role.STAFF, Affiliation.Role.STAFF.label)]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
