"""Forms of work plans."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tashbeek.core.forms import DigitFoldingMixin
from tashbeek.events.models import Event
from tashbeek.library.models import Document
from tashbeek.members.models import Organisation

from .models import WorkPlanItem
from .services import FIELDS


class PlanItemForm(DigitFoldingMixin, forms.ModelForm):
    class Meta:
        model = WorkPlanItem
        fields = FIELDS  # one list with the service and the API
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "objective": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
            "events": forms.CheckboxSelectMultiple,
            "outputs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        people = community.memberships.filter(status="active").values("user_id")
        self.fields["responsible_person"].queryset = get_user_model().objects.filter(pk__in=people)
        organisations = community.memberships.filter(status="active").values("organisation_id")
        self.fields["responsible_organisation"].queryset = Organisation.objects.filter(
            pk__in=organisations
        )
        self.fields["events"].queryset = Event.objects.filter(community=community)
        self.fields["outputs"].queryset = Document.objects.filter(community=community)
        self.fields["events"].help_text = _("Events of this community that carry the activity.")
        self.fields["outputs"].help_text = _("Library documents the activity produced.")
