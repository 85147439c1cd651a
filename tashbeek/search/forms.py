from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import SearchEntry
from .selectors import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All"))] + SearchEntry.Kind.choices
    )
    country = forms.CharField(label=_("Country"), max_length=2, required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All"))] + list(settings.LANGUAGES)
    )
    theme = forms.SlugField(label=_("Theme"), max_length=80, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
