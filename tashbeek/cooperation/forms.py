"""Forms of cooperation. Field lists come from the services (one declaration per object);
amounts are typed in major units and reach the services as integer minor units."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.files import LIBRARY_TYPES, validate_document_upload
from tashbeek.core.forms import DigitFoldingMixin, FastSelect, TranslatedField
from tashbeek.core.money import CURRENCIES, to_minor
from tashbeek.core.permissions import is_secretariat
from tashbeek.events.forms import LOCAL, in_own_zone
from tashbeek.members.models import Organisation
from tashbeek.members.rules import affiliations_of

from . import services
from .models import (
    Agreement,
    BudgetLine,
    Funding,
    Indicator,
    Item,
    Lot,
    Measurement,
    Milestone,
    Project,
    ProjectIssue,
    ProjectPartner,
    ProjectUpdate,
    SharedService,
    Tender,
)
from .services.agreements import PARTNER_KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CURRENCY_CHOICES = [(c, c) for c in CURRENCIES]


def own_organisations(user):
    """The organisations a person may act for; the secretariat may act for any."""
    if is_secretariat(user):
        return Organisation.objects.order_by("sort_name")
    return Organisation.objects.filter(pk__in=list(affiliations_of(user))).order_by("sort_name")


class AmountMixin(DigitFoldingMixin):
    """`<name>` typed in major units of the form's `currency` → `<name>_minor` in cleaned data."""

    amounts: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        currency = data.get("currency") or getattr(self, "currency", "")
        for name in self.amounts:
            if data.get(name) is not None and currency:
                data[f"{name}_minor"] = to_minor(data.pop(name), currency)
        return data


def _amount(label, required=True):
    return forms.DecimalField(
        label=label, required=required, min_value=0, max_digits=16, decimal_places=3
    )


class AgreementForm(DigitFoldingMixin, forms.ModelForm):
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    texts = TranslatedField(label=_("Purpose"), required=False, multiline=True, max_length=5000)
    declared_by = forms.ModelChoiceField(
        label=_("Declared by"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Other parties"),
        queryset=Organisation.objects.order_by("sort_name"),
        required=False,
        help_text=_("Members or partners of the directory; each confirms the agreement."),
    )
    new_partner_name = forms.CharField(
        label=_("A party not yet in the directory"),
        required=False,
        max_length=200,
        help_text=_("It joins the directory as a partner; the secretariat completes it."),
    )
    new_partner_kind = forms.ChoiceField(
        label=_("Its kind"),
        required=False,
        choices=[("", "—")] + [(k.value, k.label) for k in PARTNER_KINDS],
    )
    new_partner_country = CountryField(blank=True).formfield(label=_("Its country"))
    document = forms.FileField(label=_("Signed document"), required=False)

    class Meta:
        model = Agreement
        fields = services.AGREEMENT_FIELDS
        widgets = {
            "signed_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declared_by"].queryset = own_organisations(user)
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(scheme="sector")
        if self.instance.pk:
            for name in ("declared_by", "parties", "new_partner_name", "new_partner_kind"):
                del self.fields[name]
            del self.fields["new_partner_country"]

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validate_document_upload(upload, allowed=LIBRARY_TYPES)
        return upload

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        if data.get("new_partner_name") and not data.get("new_partner_kind"):
            self.add_error("new_partner_kind", _("Choose the kind of partner."))
        if not data.get("parties") and not data.get("new_partner_name"):
            self.add_error("parties", _("An agreement needs at least one other party."))
        return data

    def new_partners(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("new_partner_name"):
            return []
        return [
            {
                "names": {get_language()[:2]: data["new_partner_name"]},
                "kind": data["new_partner_kind"],
                "country": data.get("new_partner_country") or "",
            }
        ]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.AGREEMENT_FIELDS}


class EndForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    ended_on = forms.DateField(label=_("Ended on"), required=False, widget=DATE)


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
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Remove from the project"))]
        + [c for c in ProjectPartner.Role.choices if c[0] != ProjectPartner.Role.LEAD],
        required=False,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class BudgetLineForm(AmountMixin, forms.ModelForm):
    labels = TranslatedField(label=_("Budget line"), required=False, max_length=200)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    amount = _amount(_("Amount"))
    amounts = ("amount",)

    class Meta:
        model = BudgetLine
        fields = ["category", "labels", "currency"]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.LINE_FIELDS}


class FundingForm(AmountMixin, forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    pledged = _amount(_("Pledged"))
    received = _amount(_("Received so far"), required=False)
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
    amount = _amount(_("Amount"))
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

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = project.indicators.all()


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


class ServiceForm(DigitFoldingMixin, forms.ModelForm):
    names = TranslatedField(label=_("Name"), required=True, max_length=200)
    texts = TranslatedField(label=_("Description"), required=False, multiline=True, max_length=5000)
    service_levels = TranslatedField(
        label=_("Service levels"), required=False, multiline=True, max_length=5000
    )
    operator = forms.ModelChoiceField(
        label=_("Operator"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)

    class Meta:
        model = SharedService
        fields = services.SERVICE_FIELDS
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = own_organisations(user)
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(scheme="sector")
        if self.instance.pk:
            del self.fields["operator"]

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in services.SERVICE_FIELDS}


class JoinForm(DigitFoldingMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.order_by("sort_name"), widget=FastSelect
    )
    joined_on = forms.DateField(label=_("Joined"), widget=DATE)
    share = forms.DecimalField(
        label=_("Fixed share (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Only for services shared by fixed shares."),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        share = data.get("share")
        return {
            "organisation": data["organisation"],
            "joined_on": data["joined_on"],
            "share_bp": None if share is None else int(share * 100),
        }


class UsageForm(DigitFoldingMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.none()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    units = forms.DecimalField(label=_("Units used"), min_value=0, max_digits=14, decimal_places=2)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=service.participations.values("organisation_id")
        ).order_by("sort_name")


class ComputeForm(AmountMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    total = _amount(_("The year's cost to share"))
    due_on = forms.DateField(label=_("Due date"), widget=DATE)
    amounts = ("total",)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = service.currency


class PayForm(AmountMixin, forms.Form):
    amount = _amount(_("Amount paid"))
    amounts = ("amount",)

    def __init__(self, *args, contribution, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = contribution.currency


class TenderForm(DigitFoldingMixin, forms.Form):
    """A joint tender with its lots and items: one line per item, `lot | item | unit |
    estimated unit price` (the lot's name groups the items)."""

    lead = forms.ModelChoiceField(
        label=_("Lead authority"), queryset=Organisation.objects.none(), widget=FastSelect
    )
    titles = TranslatedField(label=_("Title"), required=True, max_length=255)
    texts = TranslatedField(label=_("Description"), required=False, multiline=True)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating authorities"),
        queryset=Organisation.objects.filter(relation=Organisation.Relation.MEMBER).order_by(
            "sort_name"
        ),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    demand_deadline = forms.DateTimeField(label=_("Quantities due by (local time)"), widget=LOCAL)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(t, t) for t in TIME_ZONES], widget=FastSelect
    )
    lines = forms.CharField(
        label=_("Lots and items"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("One item a line: lot | item | unit | estimated unit price (optional)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = own_organisations(user)

    def clean(self):
        data = super().clean()
        if data.get("time_zone"):
            in_own_zone(data, data["time_zone"], ("demand_deadline",))
        lots: dict[str, list] = {}
        language = get_language()[:2]
        for number, line in enumerate((data.get("lines") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3 or not all(parts[:3]):
                self.add_error("lines", _("Line %(n)s: write lot | item | unit.") % {"n": number})
                continue
            estimate = None
            if len(parts) > 3 and parts[3] and data.get("currency"):
                try:
                    estimate = to_minor(parts[3].replace(",", "."), data["currency"])
                except ValueError:
                    self.add_error(
                        "lines", _("Line %(n)s: the price is not a number.") % {"n": number}
                    )
                    continue
            lots.setdefault(parts[0], []).append(
                {"titles": {language: parts[1]}, "unit": parts[2], "unit_estimate_minor": estimate}
            )
        data["lots"] = [
            {"titles": {language: name}, "items": items} for name, items in lots.items()
        ]
        return data


class DemandForm(DigitFoldingMixin, forms.Form):
    """The quantity of each item, for one of the person's authorities."""

    organisation = forms.ModelChoiceField(
        label=_("Authority"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, tender, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = tender.participants.filter(
            pk__in=list(affiliations_of(user))
        )
        self.items = list(Item.objects.filter(lot__tender=tender).select_related("lot"))
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.lot.number}. {item.title} ({item.unit})",
                min_value=0,
                max_digits=14,
                decimal_places=2,
                required=False,
            )

    def quantities(self) -> dict:
        return {
            item: self.cleaned_data[f"item_{item.pk}"]
            for item in self.items
            if self.cleaned_data.get(f"item_{item.pk}") is not None
        }


class StageForm(forms.Form):
    """The lead moves the tender along; times are typed in the tender's own zone."""

    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[
            (s.value, s.label)
            for s in (Tender.Stage.PUBLISHED, Tender.Stage.EVALUATION, Tender.Stage.CANCELLED)
        ],
    )
    published_on = forms.DateField(label=_("Published"), required=False, widget=DATE)
    clarification_until = forms.DateField(label=_("Questions until"), required=False, widget=DATE)
    bids_due = forms.DateTimeField(label=_("Bids due (local time)"), required=False, widget=LOCAL)
    evaluation_until = forms.DateField(label=_("Evaluation until"), required=False, widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.tender = tender

    def clean(self):
        data = super().clean()
        in_own_zone(data, self.tender.time_zone, ("bids_due",))
        return data


class AwardForm(AmountMixin, forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=Lot.objects.none())
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=Organisation.objects.order_by("sort_name"), widget=FastSelect
    )
    amount = _amount(_("Amount"))
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE)
    amounts = ("amount",)

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = tender.currency
        self.fields["lot"].queryset = tender.lots.filter(award__isnull=True)


class AttachmentForm(forms.Form):
    titles = TranslatedField(label=_("Title"), required=True, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("In the name of"), queryset=Organisation.objects.none()
    )
    file = forms.FileField(label=_("File"))
    public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Otherwise only the partners read it.")
    )

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = own_organisations(user).filter(pk__in=organisations)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_document_upload(upload, allowed=LIBRARY_TYPES)
        return upload
