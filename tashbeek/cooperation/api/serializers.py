"""Serializers of the cooperation API; field lists come from the services, as for the forms."""

from rest_framework import serializers

from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation

from .. import selectors, services
from ..models import (
    Agreement,
    AgreementParty,
    BudgetLine,
    Expense,
    Funding,
    Indicator,
    Measurement,
    Milestone,
    Project,
    ProjectIssue,
    ProjectPartner,
    ProjectUpdate,
)


def _themes():
    return serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementParty
        fields = ["organisation", "confirmed_at"]


class AgreementSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    texts = serializers.JSONField(required=False)
    themes = _themes()
    declared_by = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    other_parties = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, write_only=True, required=False
    )
    parties = PartySerializer(many=True, read_only=True)
    phase = serializers.ChoiceField(choices=Agreement.Phase.choices, read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "declared_by",
            "other_parties",
            *services.AGREEMENT_FIELDS,
            "status",
            "phase",
            "parties",
            "end_reason",
            "ended_on",
            "has_document",
        ]
        read_only_fields = ["status", "end_reason", "ended_on"]

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


class ProjectSerializer(serializers.ModelSerializer):
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
