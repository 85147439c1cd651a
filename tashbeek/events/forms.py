"""Forms of events."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community
from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.members.models import Organisation

from .models import Event
from .services import EVENT_FIELDS
from .slots import CONTRIBUTION_CHOICES

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def in_own_zone(data: dict, zone_name: str, keys) -> None:
    """Times typed as wall-clock time in `zone_name` become aware datetimes (stored in UTC)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    for key in keys:
        value = data.get(key)
        if value is not None:
            data[key] = timezone.make_aware(value.replace(tzinfo=None), zone)


class EventForm(DigitFoldingMixin, forms.ModelForm):
    """Times are typed in the event's own time zone and stored in UTC."""

    titles = TranslatedField(label=_("Title"), required=True, max_length=200)
    descriptions = TranslatedField(
        label=_("Description"), required=False, multiline=True, max_length=10000
    )
    starts_at = forms.DateTimeField(label=_("Starts (local time)"), widget=LOCAL)
    ends_at = forms.DateTimeField(label=_("Ends (local time)"), widget=LOCAL)
    registration_deadline = forms.DateTimeField(
        label=_("Registration deadline (local time)"), required=False, widget=LOCAL
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(t, t) for t in TIME_ZONES], widget=FastSelect
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item a line: time | item | speakers, e.g. 09:30 | Opening | The mayor"),
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {"report": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        managed = Community.objects.all()
        if user is not None and not user.has_perm("communities.add_community"):
            managed = managed.filter(
                memberships__user=user,
                memberships__role="coordinator",
                memberships__status="active",
            )
        network = user is None or user.has_perm("events.add_network_event")
        # The network's own events (no community) are for the secretariat and committee;
        # nobody else is offered the empty choice.
        self.fields["community"].required = not network
        self.fields["community"].queryset = managed
        self.fields["community"].empty_label = _("The secretariat") if network else None
        if self.instance.pk:
            zone = self.instance.zone
            for name in ("starts_at", "ends_at", "registration_deadline"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
            self.initial["agenda"] = "\n".join(
                " | ".join(
                    [item.time.strftime("%H:%M") if item.time else "", item.title, item.speakers]
                )
                for item in self.instance.agenda.all()
            )

    def clean(self):
        data = super().clean()
        name = data.get("time_zone")
        if not name:
            return data
        in_own_zone(data, name, ("starts_at", "ends_at", "registration_deadline"))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        if data.get("mode") == Event.Mode.ONLINE and not data.get("online_url"):
            self.add_error("online_url", _("Give the link of the online event."))
        data["agenda_items"] = self._agenda(data.get("agenda", ""))
        return data

    def _agenda(self, text: str) -> list[dict]:
        items = []
        for line in text.splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            time_text, title, speakers = parts[0], parts[1], parts[2]
            try:
                time = forms.TimeField().clean(time_text) if time_text else None
            except forms.ValidationError:
                self.add_error("agenda", _("Not a time: %(value)s") % {"value": time_text})
                continue
            items.append(
                {"time": time, "title": (title or time_text)[:255], "speakers": speakers[:255]}
            )
        return items

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=_("Myself")
    )
    contribution = forms.CharField(
        label=_("An experience or a challenge you bring (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    experience = forms.ModelChoiceField(
        label=_("One of your organisation's experiences (optional)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, user=None, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(affiliations__user=user)
            if user is not None and user.is_authenticated
            else Organisation.objects.none()
        )
        choices = CONTRIBUTION_CHOICES.collect(user=user).get("experience")
        if (event is not None and not event.ask_contribution) or choices is None:
            del self.fields["contribution"]
            del self.fields["experience"]
        else:
            self.fields["experience"].queryset = choices  # experiences.hooks
