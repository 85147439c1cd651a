"""Serializers of the cooperation API; field lists come from the services, as for the forms."""

from decimal import Decimal
from typing import Any

from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from tashbeek.api.serializers import SetOnCreate
from tashbeek.core.dates import TIME_ZONES
from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation

from .. import selectors, services
from ..models import (
    Agreement,
    AgreementParty,
    Attachment,
    BudgetLine,
    Contribution,
    Expense,
    Funding,
    Indicator,
    Item,
    Lot,
    Measurement,
    Milestone,
    Participation,
    Project,
    ProjectIssue,
    ProjectPartner,
    ProjectUpdate,
    SharedService,
    Tender,
)
from ..services.agreements import PARTNER_KINDS


def _themes():
    return serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "confirmed_at"]


class NewPartnerSerializer(serializers.Serializer):
    """A party not yet in the directory: it joins it as a partner."""

    names = serializers.JSONField()
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in PARTNER_KINDS])
    country = CountryField(required=False, allow_blank=True)


class AgreementSerializer(SetOnCreate, serializers.ModelSerializer):
    titles = serializers.JSONField()
    texts = serializers.JSONField(required=False)
    themes = _themes()
    declared_by = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    other_parties = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, write_only=True, required=False
    )
    new_partners = NewPartnerSerializer(many=True, write_only=True, required=False)
    parties = PartySerializer(many=True, read_only=True)
    phase = serializers.ChoiceField(choices=Agreement.Phase.choices, read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "declared_by",
            "other_parties",
            "new_partners",
            *services.AGREEMENT_FIELDS,
            "status",
            "phase",
            "parties",
            "end_reason",
            "ended_on",
            "has_document",
        ]
        read_only_fields = ["status", "end_reason", "ended_on"]
        set_on_create = ("declared_by", "other_parties", "new_partners")

    def current(self, agreement: Any, name: str) -> Any:
        if name == "other_parties":
            others = agreement.parties.exclude(organisation=agreement.declared_by_id)
            return [party.organisation_id for party in others]
        if name == "new_partners":
            return []
        return super().current(agreement, name)

    def get_has_document(self, agreement) -> bool:
        return bool(agreement.document)


class ConfirmSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())


class EndSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
    ended_on = serializers.DateField(required=False)


class ProjectPartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]


class IndicatorSerializer(serializers.ModelSerializer):
    names = serializers.JSONField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", *services.INDICATOR_FIELDS, "progress"]

    def get_progress(self, indicator) -> float | None:
        share = selectors.indicator_progress(indicator)
        return None if share is None else float(share)


class ProjectSerializer(SetOnCreate, serializers.ModelSerializer):
    titles = serializers.JSONField()
    summaries = serializers.JSONField(required=False)
    stories = serializers.JSONField(required=False)
    themes = _themes()
    sdgs = _themes()
    lead = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "lead",
            *services.PROJECT_FIELDS,
            "status",
            "status_reason",
            "partners",
            "progress",
        ]
        read_only_fields = ["status", "status_reason"]
        set_on_create = ("lead",)
        extra_kwargs = {
            "places": {"required": False},
            "experiences": {"required": False},
        }

    def get_progress(self, project) -> int | None:
        return selectors.project_progress(project)


class PartnerSetSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    # The whole choice set (one enum in the schema); the service refuses a second lead.
    role = serializers.ChoiceField(choices=ProjectPartner.Role.choices, allow_null=True)


class ProjectStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Project.Status.choices)
    reason = serializers.CharField(max_length=5000)


class ProjectBudgetLineSerializer(serializers.ModelSerializer):
    labels = serializers.JSONField(required=False)

    class Meta:
        model = BudgetLine
        fields = ["id", *services.LINE_FIELDS]


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Funding
        fields = ["id", *services.FUNDING_FIELDS]


class ExpenseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Expense
        fields = ["id", *services.EXPENSE_FIELDS]


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "indicator", *services.MEASUREMENT_FIELDS]


class MilestoneSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()

    class Meta:
        model = Milestone
        fields = ["id", *services.MILESTONE_FIELDS]


class IssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectIssue
        fields = ["id", *services.ISSUE_FIELDS, "status", "resolution"]
        read_only_fields = ["status", "resolution"]


class UpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectUpdate
        fields = ["id", *services.UPDATE_FIELDS, "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"language": {"required": False}}


class CurrencyTableSerializer(serializers.Serializer):
    """One currency's money of a project, in minor units; the totals are sums of the rows."""

    currency = serializers.CharField()
    budget = serializers.IntegerField()
    pledged = serializers.IntegerField()
    received = serializers.IntegerField()
    in_kind = serializers.IntegerField()
    spent = serializers.IntegerField()
    gap = serializers.IntegerField()
    funders = serializers.SerializerMethodField()
    lines = serializers.SerializerMethodField()

    def get_funders(self, table) -> list[dict]:
        return [FundingSerializer(row["funding"]).data for row in table.funders]

    def get_lines(self, table) -> list[dict]:
        return [
            {**ProjectBudgetLineSerializer(row["line"]).data, "spent": row["spent"]}
            for row in table.lines
        ]


class ResolveSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=5000)


class ParticipationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "organisation", "joined_on", "left_on", "share_bp"]
        read_only_fields = ["left_on"]


class SharedServiceSerializer(SetOnCreate, serializers.ModelSerializer):
    names = serializers.JSONField()
    texts = serializers.JSONField(required=False)
    service_levels = serializers.JSONField(required=False)
    themes = _themes()
    operator = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = SharedService
        fields = ["id", "operator", *services.SERVICE_FIELDS, "participations"]
        set_on_create = ("operator",)


class LeaveSerializer(serializers.Serializer):
    participation = serializers.IntegerField()
    left_on = serializers.DateField()


class UsageSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    units = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ComputeSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    total_minor = serializers.IntegerField(min_value=1)
    due_on = serializers.DateField()


class ContributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = [
            "id",
            "organisation",
            "year",
            "currency",
            "amount_minor",
            "paid_minor",
            "due_on",
            "basis",
        ]


class PaySerializer(serializers.Serializer):
    amount_minor = serializers.IntegerField(min_value=1)


class TenderItemSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    total = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, default=Decimal(0)
    )

    class Meta:
        model = Item
        fields = ["id", "titles", "unit", "unit_estimate_minor", "total"]


class LotSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    items = TenderItemSerializer(many=True)

    class Meta:
        model = Lot
        fields = ["id", "number", "titles", "items"]
        read_only_fields = ["number"]


class TenderSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    texts = serializers.JSONField(required=False)
    lead = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    participants = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True
    )
    lots = LotSerializer(many=True)
    time_zone = serializers.ChoiceField(choices=TIME_ZONES, required=False)

    class Meta:
        model = Tender
        fields = [
            "id",
            "lead",
            "titles",
            "texts",
            "participants",
            "currency",
            "stage",
            "demand_deadline",
            "time_zone",
            "published_on",
            "clarification_until",
            "bids_due",
            "evaluation_until",
            "awarded_on",
            "stage_reason",
            "lots",
        ]
        read_only_fields = [
            "stage",
            "published_on",
            "clarification_until",
            "bids_due",
            "evaluation_until",
            "awarded_on",
            "stage_reason",
        ]


class QuantitySerializer(serializers.Serializer):
    item = serializers.IntegerField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class DeclareSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    quantities = QuantitySerializer(many=True, allow_empty=False)


class StageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=["published", "evaluation", "cancelled"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    published_on = serializers.DateField(required=False)
    clarification_until = serializers.DateField(required=False)
    bids_due = serializers.DateTimeField(required=False)
    evaluation_until = serializers.DateField(required=False)


class AwardSerializer(serializers.Serializer):
    lot = serializers.IntegerField()
    supplier = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    amount_minor = serializers.IntegerField(min_value=1)
    awarded_on = serializers.DateField()


class AttachmentSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    file = serializers.FileField(write_only=True)

    class Meta:
        model = Attachment
        fields = [
            "id",
            "project",
            "tender",
            "titles",
            "organisation",
            "public",
            "file",
            "content_type",
            "original_name",
            "size",
            "uploaded_at",
        ]
        read_only_fields = [
            "project",
            "tender",
            "content_type",
            "original_name",
            "size",
            "uploaded_at",
        ]
