"""/api/v1/ for governance: bodies, seats, meetings (with agenda, attendance and quorum),
agenda items, action items, the decisions register and ballots (voting, candidacies). The
permission map names the rule; object actions are checked against the object (its body);
services assert the rest."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.members.models import Organisation

from .. import selectors, services
from ..models import ActionItem, AgendaItem, Meeting, Seat
from ..models.bodies import current_seats_q
from . import serializers as s

MANAGE = "governance.manage_body"
RUN = "governance.run_bodies"


def _schema(serializer, *, writes=("create", "partial_update")):
    views = {
        "list": extend_schema(responses={200: serializer(many=True), **ERRORS}),
        "retrieve": extend_schema(responses={200: serializer, **ERRORS}),
    }
    views.update({name: extend_schema(responses={200: serializer, **ERRORS}) for name in writes})
    return extend_schema_view(**views)


@_schema(s.BodySerializer)
class BodyViewSet(viewsets.ModelViewSet):
    serializer_class = s.BodySerializer
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "governance.manage_bodies",
        "partial_update": "governance.manage_bodies",
    }

    def get_queryset(self):
        return selectors.bodies().order_by("kind", "slug")

    def perform_create(self, serializer):
        serializer.instance = services.body_save(
            by=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.body_save(
            by=self.request.user, data=serializer.validated_data, body=serializer.instance
        )


@_schema(s.SeatSerializer, writes=("create",))
class SeatViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Every term on every body; `?body=` and `?current=1` narrow it."""

    serializer_class = s.SeatSerializer
    permission_map = {"list": None, "retrieve": None, "create": RUN, "end": MANAGE}
    object_actions = ("end",)

    def get_queryset(self):
        seats = Seat.objects.select_related("body", "organisation").order_by(
            "body__slug", "starts_on", "id"
        )
        params = self.request.query_params
        if params.get("body"):
            seats = seats.filter(body__slug=params["body"])
        if params.get("current") == "1":
            seats = seats.filter(current_seats_q(timezone.localdate()))
        return seats

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        body = data.pop("body")
        serializer.instance = services.seat_assign(by=self.request.user, body=body, data=data)

    @extend_schema(request=s.SeatEndSerializer, responses={200: s.SeatSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End a term before its time, with the reason."""
        seat = self.get_object()  # the object's permission before the body's validity
        data = request_body(s.SeatEndSerializer, request)
        seat = services.seat_end(by=request.user, seat=seat, **data)
        return Response(s.SeatSerializer(seat).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("body", str, description="The body's slug.")],
        responses={200: s.MeetingSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(responses={200: s.MeetingDetailSerializer, **ERRORS}),
    create=extend_schema(
        request=s.ConveneSerializer, responses={201: s.MeetingSerializer, **ERRORS}
    ),
)
class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": RUN,
        "attendance": MANAGE,
        "minutes": MANAGE,
    }
    object_actions = ("attendance", "minutes")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.MeetingDetailSerializer
        return s.ConveneSerializer if self.action == "create" else s.MeetingSerializer

    def get_queryset(self):
        meetings = (
            Meeting.objects.select_related("body", "event")
            .exclude(event__status="draft")
            .prefetch_related("items__decision", "items__papers")
            .order_by("-event__starts_at", "-id")
        )
        if self.request.query_params.get("body"):
            meetings = meetings.filter(body__slug=self.request.query_params["body"])
        return meetings

    def create(self, request, *args, **kwargs):
        data = request_body(s.ConveneSerializer, request)
        meeting = services.meeting_convene(by=request.user, body=data.pop("body"), data=data)
        return created(s.MeetingSerializer, meeting, request)

    @extend_schema(
        request=s.SeatAttendanceSerializer, responses={200: s.QuorumSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record attendance per seat; answers the quorum it gives."""
        meeting = self.get_object()
        data = request_body(s.SeatAttendanceSerializer, request)
        statuses = {}
        for key, value in data["attendance"].items():
            if not str(key).isdigit():
                raise ValidationError({"attendance": _("Seat ids are numbers.")})
            statuses[int(key)] = value
        quorum = services.attendance_record(by=request.user, meeting=meeting, statuses=statuses)
        return Response(s.QuorumSerializer(quorum).data)

    @extend_schema(request=s.MinutesStepSerializer, responses={200: s.MeetingSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        """Move the minutes on: circulate, approve (at a later meeting or in writing), publish."""
        meeting = self.get_object()
        data = request_body(s.MinutesStepSerializer, request)
        step = data["step"]
        if step == "circulate":
            meeting = services.minutes_circulate(by=request.user, meeting=meeting)
        elif step == "approve":
            at = data.get("at_meeting")
            meeting = services.minutes_approve(by=request.user, meeting=meeting, at_meeting=at)
        else:
            meeting = services.minutes_publish(by=request.user, meeting=meeting)
        return Response(s.MeetingSerializer(meeting).data)


def _meeting_rows(save, name: str):
    """Writes of rows that belong to a meeting (agenda items, action items): the service
    takes the meeting, the cleaned data and, on change, the row as `name`."""

    class Writes:
        def perform_create(self, serializer):
            data = dict(serializer.validated_data)
            meeting = data.pop("meeting")
            serializer.instance = save(by=self.request.user, meeting=meeting, data=data)

        def perform_update(self, serializer):
            row = serializer.instance
            serializer.instance = save(
                by=self.request.user,
                meeting=row.meeting,
                data=serializer.validated_data,
                **{name: row},
            )

    return Writes


@_schema(s.AgendaItemSerializer)
class AgendaItemViewSet(_meeting_rows(services.agenda_item_save, "item"), viewsets.ModelViewSet):
    serializer_class = s.AgendaItemSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": RUN,
        "partial_update": MANAGE,
        "decide": MANAGE,
    }
    object_actions = ("decide",)

    def get_queryset(self):
        items = AgendaItem.objects.select_related("meeting__body", "decision").prefetch_related(
            "papers"
        )
        if self.request.query_params.get("meeting", "").isdigit():
            items = items.filter(meeting_id=int(self.request.query_params["meeting"]))
        return items.exclude(meeting__event__status="draft").order_by("meeting_id", "number")

    @extend_schema(
        request=s.ResolutionSerializer, responses={201: s.RegisterEntrySerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the item's resolution in the register (only with the quorum present)."""
        item = self.get_object()
        data = request_body(s.ResolutionSerializer, request)
        decision = services.item_decide(by=request.user, item=item, data=data)
        return created(s.RegisterEntrySerializer, decision, request)


@_schema(s.ActionItemSerializer)
class ActionItemViewSet(_meeting_rows(services.action_item_save, "action"), viewsets.ModelViewSet):
    """Action items; `?organisation=` lists what one organisation promised."""

    serializer_class = s.ActionItemSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": RUN,
        "partial_update": "governance.update_action",
    }

    def get_queryset(self):
        actions = ActionItem.objects.select_related("meeting__body").order_by("due_on", "id")
        if self.request.query_params.get("organisation", "").isdigit():
            actions = actions.filter(
                owner_organisation_id=int(self.request.query_params["organisation"])
            )
        return actions


@_schema(s.RegisterEntrySerializer, writes=("create",))
class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The register, filtered like its page: `?year=`, `?body=`, `?source=`, `?q=`."""

    serializer_class = s.RegisterEntrySerializer
    permission_map = {"list": None, "retrieve": None, "create": RUN}

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("year", "")
        return selectors.register(
            user=self.request.user,
            year=int(year) if year.isdigit() else None,
            body=params.get("body", ""),
            source=params.get("source", "")
            if params.get("source") in ("resolution", "ballot", "membership")
            else "",
            q=params.get("q", ""),
        )

    def perform_create(self, serializer):
        serializer.instance = services.decision_create(
            by=self.request.user, data=serializer.validated_data
        )


@_schema(s.BallotSerializer, writes=("create",))
class BallotViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.BallotSerializer
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": RUN,
        "nominations": MANAGE,
        "open": MANAGE,
        "close": MANAGE,
        "cancel": MANAGE,
        # For which organisation one votes or stands is the service's check.
        "vote": "governance.cast_votes",
        "candidacy": "governance.stand_for_a_member",
    }
    object_actions = ("nominations", "open", "close", "cancel")

    def get_queryset(self):
        return selectors.ballots_visible_to(self.request.user).prefetch_related(
            "options__organisation"
        )

    def perform_create(self, serializer):
        serializer.instance = services.ballot_create(
            by=self.request.user, data=serializer.validated_data
        )

    def _step(self, service, ballot=None, **kwargs):
        ballot = service(by=self.request.user, ballot=ballot or self.get_object(), **kwargs)
        return Response(s.BallotSerializer(ballot).data)

    @extend_schema(request=None, responses={200: s.BallotSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def nominations(self, request, pk=None):
        """Open an election for candidacies."""
        return self._step(services.nominations_open)

    @extend_schema(request=None, responses={200: s.BallotSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open the vote; the electorate's size is fixed for the quorum."""
        return self._step(services.ballot_open)

    @extend_schema(request=None, responses={200: s.BallotSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Count a ballot whose time is over; the outcome goes into the register."""
        return self._step(services.ballot_close)

    @extend_schema(request=s.BallotCancelSerializer, responses={200: s.BallotSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a ballot that is not over, with the reason."""
        ballot = self.get_object()
        data = request_body(s.BallotCancelSerializer, request)
        return self._step(services.ballot_cancel, ballot, reason=data["reason"])

    @extend_schema(request=s.VoteSerializer, responses={200: s.ReceiptSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        """Cast (or change, where allowed) an organisation's one vote; answers its receipt."""
        data = request_body(s.VoteSerializer, request)
        organisation = get_object_or_404(Organisation, pk=data["organisation"])
        receipt = services.vote_cast(
            by=request.user,
            ballot=self.get_object(),
            organisation=organisation,
            option_ids=data["options"],
        )
        return Response({"receipt": receipt})

    @extend_schema(request=s.CandidacySerializer, responses={201: s.OptionSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def candidacy(self, request, pk=None):
        """Put a member forward in an election open for candidacies (its focal person)."""
        data = request_body(s.CandidacySerializer, request)
        organisation = get_object_or_404(Organisation, pk=data["organisation"])
        option = services.candidacy_submit(
            by=request.user,
            ballot=self.get_object(),
            organisation=organisation,
            statements=data["statements"],
        )
        return created(s.OptionSerializer, option, request)
