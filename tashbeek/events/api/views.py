"""/api/v1/events/: events, registering and cancelling, with the same rules as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.communities.models import Community

from .. import selectors, services
from ..models import Event, Registration


class EventSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    community = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    confirmed = serializers.IntegerField(read_only=True)
    waitlisted = serializers.IntegerField(read_only=True)
    online_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        # The service's editable fields, with what the API adds around them.
        fields = ["id", "title", *services.EVENT_FIELDS, "confirmed", "waitlisted"]

    def get_online_url(self, event) -> str:
        """Only for organisers and people with a confirmed seat."""
        user = self.context["request"].user
        if user.has_perm("events.change_event", event):
            return event.online_url
        registration = selectors.registration_of(user, event)
        confirmed = registration is not None and registration.status == "confirmed"
        return event.online_url if confirmed else ""


class EventWriteSerializer(serializers.ModelSerializer):
    """An event as its organiser writes it: times with their offset (ISO 8601), stored in
    UTC and shown in `time_zone`; titles and descriptions per language."""

    community = serializers.SlugRelatedField(
        slug_field="slug", queryset=Community.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Event
        fields = services.EVENT_FIELDS


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=10000, allow_empty=True
    )


class ParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "name", "email", "organisation", "status", "queued_at", "attended"]


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "organisation",
            "contribution",
            "experience",
            "queued_at",
        ]
        read_only_fields = ["id", "event", "status", "queued_at"]


@extend_schema_view(
    list=extend_schema(responses={200: EventSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: EventSerializer, **ERRORS}),
    create=extend_schema(
        summary="Organise an event",
        request=EventWriteSerializer,
        responses={201: EventSerializer, **ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change an event",
        request=EventWriteSerializer,
        responses={200: EventSerializer, **ERRORS},
    ),
)
class EventViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    object_actions = {"participants", "attendance"}
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "events.add_event",
        "partial_update": "events.change_event",
        "register": "events.register_event",
        "cancel": "events.register_event",
        "participants": "events.change_event",
        "attendance": "events.change_event",
    }

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return EventWriteSerializer
        return EventSerializer

    def create(self, request, *args, **kwargs):
        data = request_body(EventWriteSerializer, request)
        event = services.event_save(by=request.user, data=data)
        return Response(self._read(event), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        event = self.get_object()
        writer = EventWriteSerializer(event, data=request.data, partial=True)
        writer.is_valid(raise_exception=True)
        event = services.event_save(by=request.user, event=event, data=dict(writer.validated_data))
        return Response(self._read(event))

    def _read(self, event: Event) -> dict:
        event = selectors.with_counts(Event.objects.filter(pk=event.pk)).get()
        return EventSerializer(event, context={"request": self.request}).data

    @extend_schema(responses={200: ParticipantSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def participants(self, request, pk=None):
        """The event's registrations (not cancelled), for its organisers."""
        event = self.get_object()
        rows = selectors.registrations_for_event(event)
        return Response(ParticipantSerializer(rows, many=True).data)

    @extend_schema(request=AttendanceSerializer, responses={200: AttendanceSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record who attended: the confirmed registrations listed are present, others not."""
        event = self.get_object()
        data = request_body(AttendanceSerializer, request)
        confirmed = set(
            event.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
                "pk", flat=True
            )
        )
        unknown = sorted(set(data["present"]) - confirmed)
        if unknown:
            raise serializers.ValidationError(
                {"present": [_("Not a confirmed registration of this event: %s") % unknown]}
            )
        services.attendance_record(event=event, by=request.user, present_ids=set(data["present"]))
        return Response({"present": sorted(data["present"])})

    def get_queryset(self):
        past = self.request.query_params.get("when") == "past"
        if self.action == "list":
            return selectors.events_page(user=self.request.user, past=past)
        return selectors.with_counts(selectors.events_visible_to(self.request.user))

    @extend_schema(
        request=RegistrationSerializer, responses={201: RegistrationSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """A confirmed seat while there are seats, the waitlist after."""
        event = self.get_object()
        data = request_body(RegistrationSerializer, request)
        organisation = data.get("organisation")
        if (
            organisation
            and not request.user.affiliations.filter(organisation=organisation).exists()
        ):
            organisation = None
        experience = data.get("experience")
        if (
            experience
            and not request.user.affiliations.filter(
                organisation_id=experience.organisation_id
            ).exists()
        ):
            raise serializers.ValidationError(
                {"experience": [_("Bring an experience of your own organisation.")]}
            )
        registration = services.registration_create(
            event=event,
            user=request.user,
            organisation=organisation,
            contribution=data.get("contribution", ""),
            experience=experience,
        )
        return created(RegistrationSerializer, registration, request)

    @extend_schema(request=None, responses={200: RegistrationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel my registration; the first person on the waitlist gets the seat."""
        event = self.get_object()
        registration = selectors.registration_of(request.user, event)
        if registration is None:
            raise NotFound
        services.registration_cancel(registration=registration, by=request.user)
        registration.refresh_from_db()
        return Response(RegistrationSerializer(registration).data)
