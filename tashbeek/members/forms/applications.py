"""Forms of the application wizard, the committee's queue and its decisions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tashbeek.core.files import validate_document_upload
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.core.models import Theme

from ..models import Application, MembershipDecision, Organisation, Region
from ..selectors import AGES, QueueFilters
from ..services import FOCAL_FIELDS, MOTIVATION_FIELDS, ORGANISATION_FIELDS
from ..slots import DECISION_MEETINGS
from .places import PlaceChecks

AUTHORITY_KINDS = [(k.value, k.label) for k in Organisation.LOCAL_AUTHORITY_KINDS]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceDataMixin:
    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class ApplicationOrganisationForm(ServiceDataMixin, DigitFoldingMixin, PlaceChecks):
    """Step 1: the authority as the directory will show it."""

    names = TranslatedField(label=_("Name of the authority"), required=True, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *AUTHORITY_KINDS])
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Application
        fields = ORGANISATION_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].required = True
        self.fields["country"].widget = FastSelect(choices=self.fields["country"].choices)
        self.fields["region"].queryset = Region.objects.order_by("country", "slug")


class ApplicationFocalForm(ServiceDataMixin, forms.ModelForm):
    """Step 2: the focal person (the applicant's own account, plus title and phone)."""

    class Meta:
        model = Application
        fields = FOCAL_FIELDS
        labels = {"focal_title": _("Your job title"), "focal_phone": _("Your phone")}


class ApplicationMotivationForm(ServiceDataMixin, forms.ModelForm):
    """Step 3: why the authority joins and what it wants to work on."""

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes of interest"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = MOTIVATION_FIELDS
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}


class DocumentForm(forms.Form):
    """Step 4: the council resolution (PDF, JPEG or PNG, checked by its content)."""

    file = forms.FileField(
        label=_("Council resolution"),
        help_text=_("The council's decision to join: PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document_upload(upload)
        return upload


class SubmitForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "I declare that the information is true, that the council decided to join the "
            "network, and that the authority accepts its charter."
        ),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TakenAtMixin(forms.Form):
    """Where a committee decision was taken: one of the meetings already held that higher apps
    offer (DECISION_MEETINGS: governance's bodies), or a free-text reference for a meeting held
    outside the platform or a written procedure."""

    meeting = forms.TypedChoiceField(
        label=_("Taken at the meeting"), required=False, coerce=int, empty_value=None
    )
    meeting_reference = forms.CharField(
        label=_("Meeting or decision reference"),
        required=False,
        max_length=200,
        help_text=_("For a meeting not listed above, or a decision by written procedure."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered even when empty, so a meeting posted that is no longer held (cancelled since
        # the page was shown) is refused rather than silently dropped.
        meetings = DECISION_MEETINGS.collect().get("meetings") or []
        self.fields["meeting"].choices = [("", _("Not listed")), *meetings]

    def taken_at(self) -> dict:
        """The service's keyword arguments for where the decision was taken."""
        data = self.cleaned_data
        return {
            "meeting": data.get("meeting"),
            "meeting_reference": data.get("meeting_reference", ""),
        }


class DecisionForm(TakenAtMixin, DigitFoldingMixin, forms.Form):
    """Accept or reject, always with written reasons."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (MembershipDecision.Kind.ACCEPTED, _("Accept")),
            (MembershipDecision.Kind.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    effective_on = forms.DateField(label=_("Effective date"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["decision", "reasons", "effective_on", "meeting", "meeting_reference"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = timezone.localdate


class MembershipDecisionForm(TakenAtMixin, DigitFoldingMixin, forms.Form):
    """Suspend, reinstate or end a membership; the choices follow the current status."""

    kind = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    effective_on = forms.DateField(label=_("Effective date"), widget=DATE)
    until = forms.DateField(label=_("Suspended until (optional)"), required=False, widget=DATE)
    expected_status = forms.CharField(widget=forms.HiddenInput)

    field_order = ["kind", "reasons", "effective_on", "until", "meeting", "meeting_reference"]

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            MembershipDecision.Kind.SUSPENDED: _("Suspend"),
            MembershipDecision.Kind.REINSTATED: _("Reinstate"),
            MembershipDecision.Kind.ENDED: _("Cancel the membership"),
            MembershipDecision.Kind.WITHDRAWN: _("Withdraw from the network"),
        }
        self.fields["kind"].choices = [(k, labels[k]) for k in kinds]
        self.fields["effective_on"].initial = timezone.localdate
        if MembershipDecision.Kind.SUSPENDED not in kinds:
            del self.fields["until"]
        if kinds == [MembershipDecision.Kind.WITHDRAWN]:  # the member's own act
            self.fields.pop("meeting", None)
            del self.fields["meeting_reference"]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AUTHORITY_KINDS]
    )
    age = forms.ChoiceField(
        label=_("Waiting"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("week", _("More than a week")),
            ("month", _("More than a month")),
            ("quarter", _("More than three months")),
        ],
    )
    duplicates = forms.BooleanField(label=_("Possible duplicates only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["status"].choices = [
            ("", _("Open (submitted or waiting for an answer)")),
            *[(s, label) for s, label in Application.Status.choices if s != "draft"],
        ]

    def filters(self) -> QueueFilters:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
        if data.get("age") not in AGES:
            data.pop("age", None)
        return QueueFilters(**data)
