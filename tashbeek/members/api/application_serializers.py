"""Applications, membership decisions, dues and fee schedules as JSON."""

from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from tashbeek.core.models import Theme

from ..models import (
    Application,
    ApplicationDocument,
    ApplicationMessage,
    Due,
    FeeSchedule,
    MembershipDecision,
    Organisation,
    Payment,
    Region,
)
from ..services import FOCAL_FIELDS, MOTIVATION_FIELDS, ORGANISATION_FIELDS
from ..services.dues import SCHEDULE_FIELDS
from .serializers import TranslationsField

# Named choice sets, so the OpenAPI document gets one readable enum for each.
AUTHORITY_KINDS = [(k.value, k.label) for k in Organisation.LOCAL_AUTHORITY_KINDS]
VERDICTS = [MembershipDecision.Kind.ACCEPTED, MembershipDecision.Kind.REJECTED]
MEMBERSHIP_CHANGES = [
    MembershipDecision.Kind.SUSPENDED,
    MembershipDecision.Kind.REINSTATED,
    MembershipDecision.Kind.ENDED,
    MembershipDecision.Kind.WITHDRAWN,
]


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationDocument
        fields = ["id", "kind", "original_name", "content_type", "size", "uploaded_at", "download"]

    def get_download(self, document) -> str:
        """The authorised page that streams the file (there is no public URL)."""
        from django.urls import reverse

        return reverse(
            "members:application_document",
            kwargs={"pk": document.application_id, "document_pk": document.pk},
        )


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", default="", read_only=True)

    class Meta:
        model = ApplicationMessage
        fields = ["id", "kind", "author", "body", "created_at"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MembershipDecision
        fields = [
            "id",
            "kind",
            "application",
            "organisation",
            "reasons",
            "effective_on",
            "until",
            "meeting_reference",
            "created_at",
        ]


class ApplicationSerializer(serializers.ModelSerializer):
    """The whole file as its reader may see it (internal comments only for reviewers)."""

    name = serializers.CharField(read_only=True)
    names = TranslationsField(required=False)
    country = CountryField(required=False, allow_blank=True)
    region = serializers.SlugRelatedField(
        slug_field="slug", queryset=Region.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=AUTHORITY_KINDS, required=False, allow_blank=True)
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )
    documents = DocumentSerializer(many=True, read_only=True)
    messages = MessageSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "status",
            "version",
            "name",
            *ORGANISATION_FIELDS,  # the wizard's fields, declared once with the service
            *FOCAL_FIELDS,
            *MOTIVATION_FIELDS,
            "possible_duplicate",
            "organisation",
            "created_at",
            "submitted_at",
            "decided_at",
            "documents",
            "messages",
            "decisions",
        ]
        read_only_fields = [
            "reference",
            "status",
            "version",
            "possible_duplicate",
            "organisation",
            "created_at",
            "submitted_at",
            "decided_at",
        ]


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(
        choices=ApplicationDocument.Kind.choices, default=ApplicationDocument.Kind.RESOLUTION
    )


class SubmitSerializer(serializers.Serializer):
    declaration = serializers.BooleanField()


class MessageCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicationMessage.Kind.choices)
    body = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(required=False)


class TakenAtSerializer(serializers.Serializer):
    """Where a committee decision was taken (as `members.forms.TakenAtMixin`)."""

    meeting = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=2**31 - 1,  # an id; a larger number would reach the database and fail there
        help_text="The meeting it was taken at: id of a governance meeting already held "
        "(400 if unknown, not yet held, or without quorum).",
    )
    meeting_reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ApplicationDecisionSerializer(TakenAtSerializer):
    decision = serializers.ChoiceField(choices=VERDICTS)
    reasons = serializers.CharField(max_length=5000)
    effective_on = serializers.DateField()
    version = serializers.IntegerField(help_text="The version the decider saw; 409 if stale.")


class MembershipDecisionCreateSerializer(TakenAtSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    kind = serializers.ChoiceField(choices=MEMBERSHIP_CHANGES)
    reasons = serializers.CharField(max_length=5000)
    effective_on = serializers.DateField()
    until = serializers.DateField(required=False, allow_null=True, default=None)
    expected_status = serializers.ChoiceField(
        choices=Organisation.Status.choices,
        required=False,
        help_text="The status the decider saw; 409 if it has changed.",
    )


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "amount_minor", "paid_on", "reference", "created_at"]
        read_only_fields = ["id", "created_at"]


class DueSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="schedule.year", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    status = serializers.CharField(read_only=True)
    balance_minor = serializers.IntegerField(read_only=True)
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Due
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "year",
            "currency",
            "amount_minor",
            "paid_minor",
            "balance_minor",
            "status",
            "due_on",
            "population_used",
            "factor_used",
            "waived",
            "waived_reason",
            "payments",
        ]


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class BandSerializer(serializers.Serializer):
    min_population = serializers.IntegerField(min_value=0)
    max_population = serializers.IntegerField(min_value=0, allow_null=True, required=False)
    amount_minor = serializers.IntegerField(min_value=0)


class ReductionSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(
        choices=Organisation.Kind.choices, required=False, allow_blank=True, default=""
    )
    factor = serializers.DecimalField(max_digits=4, decimal_places=3, min_value=0, max_value=1)


class FeeScheduleSerializer(serializers.ModelSerializer):
    bands = BandSerializer(many=True, required=False)
    reductions = ReductionSerializer(many=True, required=False)

    class Meta:
        model = FeeSchedule
        fields = [*SCHEDULE_FIELDS, "bands", "reductions"]
