"""Forms of the library."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community
from tashbeek.communities.rules import community_roles
from tashbeek.core.forms import TranslatedField, slug_filter
from tashbeek.core.models import Theme
from tashbeek.core.permissions import is_secretariat
from tashbeek.events.models import Event
from tashbeek.members.models import Organisation

from .models import Document
from .services import FIELDS

ACCEPT = ".pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png"


def recent_events():
    """Events of the last two years and those to come: what a document can be material of."""
    since = timezone.now() - datetime.timedelta(days=730)
    return Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=since).order_by(
        "-starts_at"
    )


def communities_for(user):
    """Where this person may file a document: their communities (the secretariat: all)."""
    if is_secretariat(user):
        return Community.objects.all()
    active = [pk for pk, (_r, status) in community_roles(user).items() if status == "active"]
    return Community.objects.filter(pk__in=active)


def organisations_for(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(affiliations__user=user)


class DocumentForm(forms.ModelForm):
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    summaries = TranslatedField(label=_("Summary"), required=False, multiline=True, max_length=4000)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, JPEG or PNG, without macros."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    note = forms.CharField(label=_("About this version"), required=False, max_length=255)

    class Meta:
        model = Document
        fields = FIELDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities_for(user)
        # The empty choice (the secretariat's own library) only for those who may use it:
        # offering it to others and then refusing it was a trap.
        network = is_secretariat(user)
        self.fields["community"].required = not network
        self.fields["community"].empty_label = _("The network's secretariat") if network else None
        self.fields["organisation"].queryset = organisations_for(user)
        self.fields["events"].queryset = recent_events()
        self.fields["events"].required = False
        if self.instance.pk:
            del self.fields["file"]
            del self.fields["note"]

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), widget=forms.FileInput(attrs={"accept": ACCEPT}))
    note = forms.CharField(label=_("What changed"), required=False, max_length=255)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("submit", _("Send to the community for review")),
            ("return", _("Return to draft")),
            ("adopt", _("Adopt")),
            ("publish", _("Publish")),
            ("unpublish", _("Withdraw from publication")),
        ]
    )
    reason = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea)
    expected_status = forms.CharField(required=False, widget=forms.HiddenInput)


class LibraryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + Document.Kind.choices
    )
    community = slug_filter(_("Community"), Community.objects.all())
    theme = slug_filter(_("Theme"), Theme.objects.select_related("parent"))
