"""Forms of governance. Field lists come from the services (one declaration per object)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, PrivateUploadForm, TranslatedField
from tashbeek.core.money import to_major, to_minor
from tashbeek.events.forms import LOCAL, in_own_zone
from tashbeek.events.models import Event
from tashbeek.experiences.models import Experience
from tashbeek.library.selectors import documents_visible_to
from tashbeek.members.models import Organisation
from tashbeek.workplans.models import WorkPlanItem

from . import selectors, services
from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Ballot,
    BudgetLine,
    Decision,
    PlanItem,
    Seat,
    VotingRules,
)

DATE = forms.DateInput(attrs={"type": "date"})
# A plan item's form offers this many recent experiences to link (the catalogue may hold
# thousands: the API links any published one).
EXPERIENCES_OFFERED = 60


class ConveneForm(DigitFoldingMixin, forms.ModelForm):
    """Times are typed in the meeting's own zone, as for every event."""

    titles = TranslatedField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Empty: “Meeting N of the body” in every language."),
    )
    starts_at = forms.DateTimeField(label=_("Starts (local time)"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=_("Ends (local time)"), widget=LOCAL)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(t, t) for t in TIME_ZONES], widget=FastSelect
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = services.MEETING_FIELDS

    def clean(self):
        data = super().clean()
        if data.get("time_zone"):
            in_own_zone(data, data["time_zone"], ("starts_at", "ends_at"))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data


class AgendaItemForm(forms.ModelForm):
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)

    class Meta:
        model = AgendaItem
        fields = services.ITEM_FIELDS
        widgets = {"papers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = [p.pk for p in selectors.body_people(meeting.body)]
        self.fields["rapporteur"].queryset = get_user_model().objects.filter(
            pk__in=people + [user.pk]
        )
        documents = documents_visible_to(user).order_by("-pk")
        if meeting.body.community_id:
            documents = documents.filter(community_id=meeting.body.community_id)
        self.fields["papers"].queryset = documents.filter(
            pk__in=list(documents.values_list("pk", flat=True)[:50])
        )
        self.fields["papers"].help_text = _("Library documents the body reads for this item.")


class AttendanceForm(forms.Form):
    """One choice per seat running on the meeting's day."""

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        current = selectors.attendance_of(meeting)
        self.seats = list(selectors.meeting_seats(meeting))
        for seat in self.seats:
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                label=seat.holder_name,
                choices=Attendance.Status.choices,
                initial=current.get(seat.pk, Attendance.Status.ABSENT),
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict[int, str]:
        return {seat.pk: self.cleaned_data[f"seat_{seat.pk}"] for seat in self.seats}


class DecideForm(DigitFoldingMixin, forms.Form):
    titles = TranslatedField(label=_("Resolution"), required=True, max_length=255)
    texts = TranslatedField(label=_("Text"), required=False, multiline=True, max_length=20000)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Decision.Visibility.choices)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, required=False)
    against = forms.IntegerField(label=_("Against"), min_value=0, required=False)
    abstain = forms.IntegerField(label=_("Abstain"), min_value=0, required=False)

    def service_data(self) -> dict:
        data = self.cleaned_data
        tally = {
            key: data[name]
            for key, name in (("for", "votes_for"), ("against", "against"), ("abstain", "abstain"))
            if data.get(name) is not None
        }
        return {
            "titles": data["titles"],
            "texts": data["texts"],
            "visibility": data["visibility"],
            "tally": tally,
        }


class MinutesForm(forms.Form):
    """The minutes of each item, and whether they are published to the public."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(meeting.items.all())
        for item in self.items:
            self.fields[f"minutes_{item.pk}"] = forms.CharField(
                label=str(item),
                required=False,
                initial=item.minutes,
                max_length=50000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"public_{item.pk}"] = forms.BooleanField(
                label=_("Publish to the public"), required=False, initial=item.minutes_public
            )
        if not meeting.minutes_frozen:
            del self.fields["reason"]

    def minutes(self) -> dict[int, tuple[str, bool]]:
        data = self.cleaned_data
        return {i.pk: (data[f"minutes_{i.pk}"], data[f"public_{i.pk}"]) for i in self.items}


class ActionItemForm(forms.ModelForm):
    texts = TranslatedField(label=_("Action"), required=True, max_length=1000)

    class Meta:
        model = ActionItem
        fields = services.ACTION_FIELDS
        widgets = {"due_on": DATE}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.items.all()
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            relation=Organisation.Relation.MEMBER
        )
        self.fields["owner_organisation"].widget = FastSelect(
            choices=self.fields["owner_organisation"].choices
        )
        self.fields["owner_person"].queryset = selectors.people_choices()
        self.fields["owner_person"].widget = FastSelect(choices=self.fields["owner_person"].choices)


class BallotForm(DigitFoldingMixin, forms.ModelForm):
    titles = TranslatedField(label=_("Question"), required=True, max_length=500)
    texts = TranslatedField(
        label=_("Explanation"), required=False, multiline=True, max_length=20000
    )
    opens_at = forms.DateTimeField(label=_("Voting opens (local time)"), widget=LOCAL)
    closes_at = forms.DateTimeField(label=_("Voting closes (local time)"), widget=LOCAL)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(t, t) for t in TIME_ZONES], widget=FastSelect
    )

    class Meta:
        model = Ballot
        fields = services.BALLOT_FIELDS

    def clean(self):
        data = super().clean()
        if data.get("time_zone"):
            in_own_zone(data, data["time_zone"], ("opens_at", "closes_at"))
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Voting must close after it opens."))
        return data


class VoteForm(forms.Form):
    def __init__(self, *args, ballot, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        options = [(o.pk, o.label) for o in ballot.options.all()]
        if ballot.kind == Ballot.Kind.MOTION:
            self.fields["options"] = forms.TypedChoiceField(
                label=_("Your vote"), choices=options, coerce=int, widget=forms.RadioSelect
            )
        else:
            self.fields["options"] = forms.TypedMultipleChoiceField(
                label=_("Your choice (up to %(seats)s)") % {"seats": ballot.seats},
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
            )
        self.fields["organisation"] = forms.TypedChoiceField(
            label=_("On behalf of"),
            choices=[(o.pk, o.name) for o in organisations],
            coerce=int,
        )
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk

    def option_ids(self) -> list[int]:
        value = self.cleaned_data["options"]
        return value if isinstance(value, list) else [value]


class CandidacyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Candidate"), queryset=Organisation.objects.none()
    )
    statements = TranslatedField(
        label=_("Statement"), required=True, multiline=True, max_length=5000
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = services.SEAT_FIELDS
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ACTIVE
        )
        for name in ("organisation", "person", "substitute", "decision"):
            self.fields[name].widget = FastSelect(choices=self.fields[name].choices)
        self.fields["ends_on"].help_text = _("Empty: the body's term length from the start.")


class DelegationForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Who votes for the organisation"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Its focal person"),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(affiliations__organisation=organisation)
            .order_by("full_name")
        )


class VotingRulesForm(DigitFoldingMixin, forms.ModelForm):
    class Meta:
        model = VotingRules
        fields = ["arrears_years"]


class PlanItemForm(DigitFoldingMixin, forms.ModelForm):
    """A plan item; its budget as lines "source | amount | currency | label", e.g.
    "ministry | 25000 | EUR | الدراسة التقنية"."""

    titles = TranslatedField(label=_("Topic"), required=True, max_length=255)
    texts = TranslatedField(label=_("Objective"), required=False, multiline=True, max_length=5000)
    budget = forms.CharField(
        label=_("Budget lines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_(
            "One line each: source | amount | currency | label. Sources: members, network, "
            "ministry, donor, other. Example: ministry | 25000 | EUR | Technical study"
        ),
    )

    class Meta:
        model = PlanItem
        fields = services.PLAN_FIELDS
        widgets = dict.fromkeys(
            ("sdgs", "activities", "events", "experiences"), forms.CheckboxSelectMultiple
        )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = WorkPlanItem.objects.filter(year=year).select_related(
            "community"
        )
        self._offer_events_and_experiences(year)
        self.fields["proposed_by"].widget = FastSelect(choices=self.fields["proposed_by"].choices)
        if self.instance.pk:
            self.initial["budget"] = "\n".join(
                f"{b.source} | {to_major(b.amount_minor, b.currency)} | {b.currency} | {b.label}"
                for b in self.instance.budget.all()
            )

    def _offer_events_and_experiences(self, year: int) -> None:
        """The year's events (meetings have their own page) and the published experiences of
        the carrying community, or the latest ones; what is linked already stays offered."""
        item = self.instance
        linked_events = item.events.values("pk") if item.pk else Event.objects.none().values("pk")
        self.fields["events"].queryset = (
            Event.objects.filter(
                Q(starts_at__year=year, status=Event.Status.PUBLISHED) & ~Q(kind=Event.Kind.MEETING)
                | Q(pk__in=linked_events)
            )
            .select_related("community")
            .order_by("starts_at")
        )
        self.fields["events"].help_text = _("The network's events of the year that carry it.")
        published = Experience.objects.filter(status=Experience.Status.PUBLISHED)
        if item.community_id:
            published = published.filter(communities=item.community_id)
        latest = published.order_by("-published_at").values("pk")[:EXPERIENCES_OFFERED]
        linked = (
            item.experiences.values("pk") if item.pk else Experience.objects.none().values("pk")
        )
        self.fields["experiences"].queryset = Experience.objects.filter(
            Q(pk__in=latest) | Q(pk__in=linked)
        ).select_related("organisation")
        self.fields["experiences"].help_text = _(
            "Published experiences it documented or transferred (those of the carrying "
            "community when it has one)."
        )

    def clean_budget(self) -> list[dict]:
        lines = []
        for number, line in enumerate(self.cleaned_data["budget"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
            source, amount, currency, label = parts[:4]
            currency = currency.upper() or "EUR"
            try:
                if source not in BudgetLine.Source.values or not (
                    len(currency) == 3 and currency.isalpha()
                ):
                    raise ValueError
                minor = to_minor(amount, currency)
                if minor < 0:
                    raise ValueError
            except (ValueError, ArithmeticError):
                raise forms.ValidationError(
                    _("Line %(n)s: write source | amount | currency | label.") % {"n": number}
                ) from None
            labels = {get_language()[:2]: label} if label else {}
            lines.append(
                {"source": source, "amount_minor": minor, "currency": currency, "labels": labels}
            )
        return lines


class PaperForm(PrivateUploadForm):
    """A paper uploaded to an agenda item."""

    public_help = _("Otherwise only the body's people read it.")
