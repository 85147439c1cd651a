"""Forms of experiences."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community
from tashbeek.core.forms import DigitFoldingMixin, slug_filter
from tashbeek.core.models import Theme
from tashbeek.core.money import to_major, to_minor
from tashbeek.core.permissions import is_secretariat
from tashbeek.events.models import Event
from tashbeek.library.forms import ACCEPT, recent_events
from tashbeek.members.models import Organisation

from .models import Experience
from .services import FIELDS

# The cost is entered in major units (cost_amount) and stored in minor units (cost).
FORM_FIELDS = ["cost_amount" if f == "cost" else f for f in FIELDS]


class ExperienceForm(DigitFoldingMixin, forms.ModelForm):
    cost_amount = forms.DecimalField(
        label=_("Cost"), required=False, min_value=0, max_digits=15, decimal_places=3
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes and SDGs"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )
    communities = forms.ModelMultipleChoiceField(
        label=_("Communities"),
        required=False,
        queryset=Community.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A coordinator of one of them reviews the experience before publication."),
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Presented at"), required=False, queryset=Event.objects.none()
    )
    source_url = forms.URLField(label=_("Source"), required=False, assume_scheme="https")

    class Meta:
        model = Experience
        fields = [f for f in FORM_FIELDS if f != "cost_amount"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "problem",
                "context",
                "solution",
                "steps",
                "partners",
                "funding",
                "results",
                "lessons",
            )
        } | {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = is_secretariat(user)
        self.order_fields(FORM_FIELDS)
        organisations = (
            Organisation.objects.all()
            if everyone
            else Organisation.objects.filter(affiliations__user=user)
        )
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].required = not everyone
        people = get_user_model().objects.filter(affiliations__organisation__in=organisations)
        self.fields["contact"].queryset = people.distinct()
        self.fields["events"].queryset = recent_events()
        if self.instance.cost is not None:
            self.initial["cost_amount"] = to_major(self.instance.cost, self.instance.currency)
        if not self.instance.pk:
            self.initial.setdefault("contact", user.pk)

    def clean(self):
        data = super().clean()
        amount, currency = data.get("cost_amount"), data.get("currency")
        if amount is not None and not currency:
            self.add_error("currency", _("Give the currency of the cost."))
        return data

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "cost_amount"}
        amount = self.cleaned_data.get("cost_amount")
        data["cost"] = None if amount is None else to_minor(amount, data.get("currency") or "")
        return data


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or attachment"),
        help_text=_("JPEG or PNG photos; PDF, Word, Excel or PowerPoint attachments."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("return", _("Return to the authors"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return it."),
    )


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("Your question"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ExperienceFilterForm(forms.Form):
    theme = slug_filter(_("Theme"), Theme.objects.select_related("parent"))
    community = slug_filter(_("Community"), Community.objects.all())
    transfer = forms.ChoiceField(
        label=_("Transfer"),
        required=False,
        choices=[("", _("All"))] + Experience.Transfer.choices,
    )


IMPORT_MAX_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    """A CSV or JSONL file of experiences (the format of `manage.py import_experiences`)."""

    file = forms.FileField(
        label=_("CSV or JSONL file"),
        help_text=_(
            "One experience a line or row: external_id, language, title, summary, "
            "organisation, and optionally body, themes, country, source_url."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.jsonl,.json,text/csv,application/json"}),
    )
    publish = forms.BooleanField(
        label=_("Publish them at once (otherwise they are saved as drafts)"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".jsonl", ".json")):
            raise forms.ValidationError(_("Choose a .csv or .jsonl file."), code="type")
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="size")
        return upload
