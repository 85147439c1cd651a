"""Forms of joint projects: the project, its partners and status, money, indicators,
milestones, risks, updates and documents. Field lists come from the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tashbeek.core.forms import DigitFoldingMixin, FastSelect, PrivateUploadForm, TranslatedField
from tashbeek.members.models import Organisation

from .. import services
from ..models import (
    BudgetLine,
    Funding,
    Indicator,
    Measurement,
    Milestone,
    Project,
    ProjectIssue,
    ProjectPartner,
    ProjectUpdate,
)
from .common import CURRENCY_CHOICES, DATE, AmountMixin, amount_field, own_organisations


class ProjectForm(DigitFoldingMixin, forms.ModelForm):
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    summaries = TranslatedField(
        label=_("Objective"), required=False, multiline=True, max_length=5000
    )
    stories = TranslatedField(
        label=_("The story for residents"), required=False, multiline=True, max_length=20000
    )
    lead = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), widget=FastSelect
    )

    class Meta:
        model = Project
        fields = services.PROJECT_FIELDS
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = own_organisations(user)
        self.fields["places"].queryset = Organisation.objects.filter(
            relation=Organisation.Relation.MEMBER
        ).order_by("sort_name")
        self.fields["experiences"].queryset = self.fields["experiences"].queryset.filter(
            status="published"
        )
        if self.instance.pk:
            del self.fields["lead"]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.PROJECT_FIELDS}


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("sort_name"),
        widget=FastSelect,
    )
    # Adding or changing a role comes first; removing is the last, deliberate choice.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[c for c in ProjectPartner.Role.choices if c[0] != ProjectPartner.Role.LEAD]
        + [("", _("Remove from the project"))],
        required=False,
        initial=ProjectPartner.Role.PARTNER,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class BudgetLineForm(AmountMixin, forms.ModelForm):
    labels = TranslatedField(label=_("Budget line"), required=False, max_length=200)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    amount = amount_field(_("Amount"))
    amounts = ("amount",)

    class Meta:
        model = BudgetLine
        fields = ["category", "labels", "currency"]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.LINE_FIELDS}


class FundingForm(AmountMixin, forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    pledged = amount_field(_("Pledged"))
    received = amount_field(_("Received so far"), required=False)
    amounts = ("pledged", "received")

    class Meta:
        model = Funding
        fields = ["funder", "source", "in_kind", "currency", "notes"]
        widgets = {"funder": FastSelect}

    def clean(self):
        data = super().clean()
        data.setdefault("received_minor", 0)
        return data

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.FUNDING_FIELDS}


class ExpenseForm(AmountMixin, forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    amount = amount_field(_("Amount"))
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("What for"), max_length=255)
    amounts = ("amount",)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = project.budget_lines.all()

    def clean(self):
        line = self.cleaned_data.get("line")
        self.currency = line.currency if line else ""
        return super().clean()

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.EXPENSE_FIELDS}


class IndicatorForm(DigitFoldingMixin, forms.ModelForm):
    names = TranslatedField(label=_("Indicator"), required=True, max_length=200)

    class Meta:
        model = Indicator
        fields = services.INDICATOR_FIELDS


class MeasurementForm(DigitFoldingMixin, forms.ModelForm):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())

    class Meta:
        model = Measurement
        fields = ["indicator", *services.MEASUREMENT_FIELDS]
        widgets = {"measured_on": DATE}

    def __init__(self, *args, owner, **kwargs):
        """`owner`: the project or the shared service whose indicator is measured."""
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = owner.indicators.all()


class MilestoneForm(forms.ModelForm):
    titles = TranslatedField(label=_("Milestone"), required=True, max_length=200)

    class Meta:
        model = Milestone
        fields = services.MILESTONE_FIELDS
        widgets = {"due_on": DATE, "done_on": DATE}


class IssueForm(forms.ModelForm):
    class Meta:
        model = ProjectIssue
        fields = services.ISSUE_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(
            pk__in=project.partners.values("organisation_id")
        )
        self.fields["owner_person"].queryset = (
            get_user_model()
            .objects.filter(
                affiliations__organisation__in=project.partners.values("organisation_id")
            )
            .distinct()
        )


class UpdateForm(forms.ModelForm):
    class Meta:
        model = ProjectUpdate
        fields = ["organisation", "text", "public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, project, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own_organisations(user).filter(
            pk__in=project.partners.values("organisation_id")
        )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(PrivateUploadForm):
    public_help = _("Otherwise only the partners read it.")

    organisation = forms.ModelChoiceField(
        label=_("In the name of"), queryset=Organisation.objects.none()
    )
    field_order = ["titles", "organisation", "file", "public"]

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own_organisations(user).filter(pk__in=organisations)
