"""Serializers of the governance API; field lists come from the services, as for the forms."""

from rest_framework import serializers

from tashbeek.api.serializers import SetOnCreate
from tashbeek.communities.models import Community

from .. import selectors, services
from ..models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Ballot,
    BallotOption,
    Body,
    BudgetLine,
    Decision,
    Meeting,
    PlanItem,
    Seat,
)


class BodySerializer(serializers.ModelSerializer):
    community = serializers.SlugRelatedField(
        slug_field="slug", queryset=Community.objects.all(), required=False, allow_null=True
    )
    held = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Body
        fields = ["id", *services.BODY_FIELDS, "held"]


class SeatSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", queryset=Body.objects.all())

    class Meta:
        model = Seat
        fields = ["id", "body", *services.SEAT_FIELDS, "left_on", "left_reason"]
        read_only_fields = ["left_on", "left_reason"]


class SeatEndSerializer(serializers.Serializer):
    left_on = serializers.DateField()
    reason = serializers.CharField(max_length=2000)


class AgendaItemSerializer(SetOnCreate, serializers.ModelSerializer):
    decision = serializers.CharField(source="decision.reference", read_only=True, default=None)
    minutes = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "number", *services.ITEM_FIELDS, "minutes", "decision"]
        read_only_fields = ["number"]
        extra_kwargs = {"papers": {"required": False}}
        set_on_create = ("meeting",)

    def get_minutes(self, item) -> str | None:
        visible = self.context.get("minutes")
        return None if visible is None else visible.get(item.pk)


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting with the time and place of its event, in UTC and with its zone."""

    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    titles = serializers.JSONField(source="event.titles", read_only=True)
    starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="event.ends_at", read_only=True)
    time_zone = serializers.CharField(source="event.time_zone", read_only=True)
    mode = serializers.CharField(source="event.mode", read_only=True)
    venue = serializers.CharField(source="event.venue", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "number", "event", "titles", "starts_at", "ends_at"]
        fields += ["time_zone", "mode", "venue", "minutes_status", "minutes_version"]
        fields += ["minutes_approved_on"]
        read_only_fields = fields


class QuorumSerializer(serializers.Serializer):
    seats = serializers.IntegerField()
    needed = serializers.IntegerField()
    present = serializers.IntegerField()
    met = serializers.BooleanField()


class MeetingDetailSerializer(MeetingSerializer):
    items = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()
    quorum = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "items", "attendance", "quorum"]
        read_only_fields = fields

    def get_items(self, meeting) -> list[dict]:
        context = {
            **self.context,
            "minutes": selectors.minutes_visible(meeting, self.context["request"].user),
        }
        return AgendaItemSerializer(meeting.items.all(), many=True, context=context).data

    def get_attendance(self, meeting) -> dict[str, str]:
        return {str(k): v for k, v in selectors.attendance_of(meeting).items()}

    def get_quorum(self, meeting) -> dict:
        return QuorumSerializer(selectors.quorum(meeting)).data


class ConveneSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", queryset=Body.objects.all())
    titles = serializers.JSONField(required=False)

    class Meta:
        model = Meeting.event.field.related_model
        fields = ["body", *services.MEETING_FIELDS]


class SeatAttendanceSerializer(serializers.Serializer):
    attendance = serializers.DictField(
        child=serializers.ChoiceField(choices=Attendance.Status.choices),
        help_text="{seat id: present | substitute | excused | absent}",
    )


class MinutesStepSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=["circulate", "approve", "publish"])
    at_meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True
    )


class ResolutionSerializer(serializers.Serializer):
    titles = serializers.JSONField()
    texts = serializers.JSONField(required=False)
    visibility = serializers.ChoiceField(choices=Decision.Visibility.choices)
    tally = serializers.JSONField(required=False)


class ActionItemSerializer(SetOnCreate, serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["id", "meeting", *services.ACTION_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]
        set_on_create = ("meeting",)


class RegisterEntrySerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), required=False, allow_null=True
    )
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "reference", "year", "number", "source", *services.DECISION_FIELDS]
        fields += ["tally", "agenda_item", "ballot", "membership_decision", "meeting"]
        fields += ["created_at"]
        read_only_fields = ["year", "number", "source", "tally", "agenda_item", "ballot"]
        read_only_fields += ["membership_decision", "meeting", "created_at"]
        extra_kwargs = {"titles": {"required": True}}


class OptionSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = BallotOption
        fields = ["id", "position", "meaning", "label", "labels", "organisation", "statements"]
        read_only_fields = fields


class BallotSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), required=False, allow_null=True
    )
    seat_body = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), required=False, allow_null=True
    )
    options = OptionSerializer(many=True, read_only=True)
    result = serializers.SerializerMethodField()
    turnout = serializers.SerializerMethodField()

    class Meta:
        model = Ballot
        fields = ["id", *services.BALLOT_FIELDS, "status", "electorate_size", "turnout"]
        fields += ["options", "result", "closed_at"]
        read_only_fields = ["status", "electorate_size", "closed_at"]

    def get_result(self, ballot) -> dict | None:
        """Published once the ballot is closed, never before."""
        return ballot.result if ballot.status == Ballot.Status.CLOSED else None

    def get_turnout(self, ballot) -> int:
        return ballot.participations.count()


class VoteSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    options = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=50)


class ReceiptSerializer(serializers.Serializer):
    receipt = serializers.CharField()


class CandidacySerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    statements = serializers.JSONField()


class BallotCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["labels", "source", "funder", "amount_minor", "currency"]


class NetworkPlanItemSerializer(SetOnCreate, serializers.ModelSerializer):
    """A network plan item; `budget` replaces its lines when given; `progress` (percent of
    its community activities done) is read only."""

    body = serializers.SlugRelatedField(slug_field="slug", queryset=Body.objects.all())
    budget = BudgetLineSerializer(many=True, required=False)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = PlanItem
        fields = ["id", "body", *services.PLAN_FIELDS, "status", "decision", "budget", "progress"]
        read_only_fields = ["status", "decision"]
        extra_kwargs = {
            key: {"required": False} for key in ("sdgs", "activities", "events", "experiences")
        }
        set_on_create = ("body",)

    def get_progress(self, item) -> int | None:
        return selectors.plan_progress(item)


class PlanDecisionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanItem.Status.choices)
    decision = serializers.PrimaryKeyRelatedField(
        queryset=Decision.objects.all(), required=False, allow_null=True
    )
