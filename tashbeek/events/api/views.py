"""/api/v1/events/: events, registering and cancelling, with the same rules as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from tashbeek.api.errors import ERRORS

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
        fields = [
            "id",
            "title",
            "titles",
            "descriptions",
            "kind",
            "community",
            "status",
            "starts_at",
            "ends_at",
            "time_zone",
            "mode",
            "venue",
            "latitude",
            "longitude",
            "online_url",
            "capacity",
            "confirmed",
            "waitlisted",
            "registration_deadline",
        ]

    def get_online_url(self, event) -> str:
        """Only for organisers and people with a confirmed seat."""
        user = self.context["request"].user
        if user.has_perm("events.change_event", event):
            return event.online_url
        registration = selectors.registration_of(user, event)
        confirmed = registration is not None and registration.status == "confirmed"
        return event.online_url if confirmed else ""


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
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    permission_map = {
        "list": None,
        "retrieve": None,
        "register": "events.register_event",
        "cancel": "events.register_event",
    }

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
        serializer = RegistrationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = serializer.validated_data.get("organisation")
        if (
            organisation
            and not request.user.affiliations.filter(organisation=organisation).exists()
        ):
            organisation = None
        experience = serializer.validated_data.get("experience")
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
            contribution=serializer.validated_data.get("contribution", ""),
            experience=experience,
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

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
