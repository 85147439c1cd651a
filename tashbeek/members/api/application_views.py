"""/api/v1/applications/, /membership-decisions/, /dues/ and /fee-schedules/: the same
services and rules as the pages, so a script cannot do what a person could not."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.permissions import is_committee_member, is_secretariat

from .. import selectors, services
from ..models import ApplicationMessage, Due, MembershipDecision
from ..rules import affiliations_of
from .application_serializers import (
    ApplicationDecisionSerializer,
    ApplicationSerializer,
    DecisionSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    DueSerializer,
    FeeScheduleSerializer,
    MembershipDecisionCreateSerializer,
    MessageCreateSerializer,
    MessageSerializer,
    PaymentSerializer,
    SubmitSerializer,
    WaiveSerializer,
)


def _reviewer(user) -> bool:
    return is_committee_member(user) or is_secretariat(user)


@extend_schema_view(
    list=extend_schema(responses={200: ApplicationSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: ApplicationSerializer, **ERRORS}),
    create=extend_schema(responses={201: ApplicationSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: ApplicationSerializer, **ERRORS}),
)
class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Submit and follow an application (the applicant); review and decide (the committee)."""

    serializer_class = ApplicationSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_map = {
        "list": "members.apply",
        "retrieve": "members.apply",
        "create": "members.apply",
        "partial_update": "members.change_application",
        "documents": "members.change_application",
        "submit": "members.change_application",
        "messages": "members.apply",
        "decision": "members.decide_application",
        "withdraw": "members.apply",
    }
    object_actions = ("documents", "submit")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        messages = ApplicationMessage.objects.select_related("author")
        if not _reviewer(user):
            messages = messages.exclude(kind=ApplicationMessage.Kind.COMMENT)
        return (
            selectors.application_visible_to(user)
            .select_related("region")
            .prefetch_related(
                "themes", "documents", "decisions", Prefetch("messages", queryset=messages)
            )
            .order_by("-created_at")
        )

    def _fresh(self, application):
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data)

    def perform_create(self, serializer):
        user = self.request.user
        application = services.application_start(applicant=user)
        serializer.instance = services.application_save(
            application=application, by=user, data=dict(serializer.validated_data)
        )

    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        serializer = self.get_serializer(application, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.application_save(
            application=application, by=request.user, data=dict(serializer.validated_data)
        )
        return self._fresh(application)

    @extend_schema(request=DocumentUploadSerializer, responses={201: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        """Upload the council resolution (PDF, JPEG or PNG, checked by content)."""
        application = self.get_object()
        data = request_body(DocumentUploadSerializer, request)
        document = services.application_document_add(
            application=application,
            by=request.user,
            upload=data["file"],
            kind=data["kind"],
        )
        return created(DocumentSerializer, document, request)

    @extend_schema(request=SubmitSerializer, responses={200: ApplicationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit or resubmit; the answer carries the reference number."""
        application = self.get_object()
        data = request_body(SubmitSerializer, request)
        services.application_submit(
            application=application,
            by=request.user,
            declaration=data["declaration"],
        )
        return self._fresh(application)

    @extend_schema(request=MessageCreateSerializer, responses={201: MessageSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def messages(self, request, pk=None):
        """A committee question (sets "needs information"), an answer, or an internal comment."""
        application = self.get_object()
        data, user = request_body(MessageCreateSerializer, request), request.user
        if data["kind"] == ApplicationMessage.Kind.QUESTION:
            if not user.has_perm("members.decide_application"):
                raise PermissionDenied
            message = services.application_request_information(
                application=application, by=user, question=data["body"], version=data.get("version")
            )
        elif data["kind"] == ApplicationMessage.Kind.ANSWER:
            message = services.application_answer(
                application=application, by=user, answer=data["body"]
            )
        else:
            message = services.application_comment(
                application=application, by=user, body=data["body"]
            )
        return created(MessageSerializer, message, request)

    @extend_schema(
        request=ApplicationDecisionSerializer, responses={201: DecisionSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """Accept or reject with written reasons; 409 when the version is stale."""
        application = self.get_object()
        data = request_body(ApplicationDecisionSerializer, request)
        decide = (
            services.application_accept
            if data.pop("decision") == MembershipDecision.Kind.ACCEPTED
            else services.application_reject
        )
        decision = decide(application=application, by=request.user, **data)
        return created(DecisionSerializer, decision, request)

    @extend_schema(request=None, responses={200: ApplicationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The focal person withdraws the application before the committee decides."""
        application = self.get_object()
        services.application_withdraw(application=application, by=request.user)
        return self._fresh(application)


@extend_schema_view(
    list=extend_schema(responses={200: DecisionSerializer(many=True), **ERRORS}),
    create=extend_schema(
        request=MembershipDecisionCreateSerializer, responses={201: DecisionSerializer, **ERRORS}
    ),
)
class MembershipDecisionViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Membership decisions: reviewers see all, staff those about their organisation.
    POST suspends, reinstates or ends (the committee) or withdraws (the focal person)."""

    serializer_class = DecisionSerializer
    permission_map = {"list": "members.apply", "create": "members.apply"}

    def get_queryset(self):
        user = self.request.user
        decisions = MembershipDecision.objects.order_by("-created_at", "-id")
        if _reviewer(user):
            return decisions
        return decisions.filter(organisation_id__in=list(affiliations_of(user)))

    def create(self, request, *args, **kwargs):
        data = request_body(MembershipDecisionCreateSerializer, request)
        decision = services.membership_decide(by=request.user, **data)
        return created(DecisionSerializer, decision, request)


@extend_schema_view(
    list=extend_schema(responses={200: DueSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: DueSerializer, **ERRORS}),
)
class DueViewSet(viewsets.ReadOnlyModelViewSet):
    """Dues and payments: a member sees its own, the committee and secretariat all."""

    serializer_class = DueSerializer
    permission_map = {
        "list": "members.apply",
        "retrieve": "members.apply",
        "payments": "members.manage_dues",
        "waive": "members.manage_dues",
    }

    def get_queryset(self):
        user = self.request.user
        dues = Due.objects.select_related("organisation", "schedule").prefetch_related("payments")
        if not user.has_perm("members.view_all_dues"):
            dues = dues.filter(organisation_id__in=list(affiliations_of(user)))
        year = self.request.query_params.get("year", "")
        if year.isdigit():
            dues = dues.filter(schedule__year=int(year))
        return dues.order_by("-schedule__year", "organisation__sort_name", "pk")

    @extend_schema(request=PaymentSerializer, responses={201: PaymentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def payments(self, request, pk=None):
        """Record a payment (partial payments too); the due's status follows."""
        due = self.get_object()
        data = request_body(PaymentSerializer, request)
        payment = services.payment_record(
            due=due,
            by=request.user,
            amount_minor=data["amount_minor"],
            paid_on=data["paid_on"],
            reference=data.get("reference", ""),
        )
        return created(PaymentSerializer, payment, request)

    @extend_schema(request=WaiveSerializer, responses={200: DueSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        """Waive the due, with the reason."""
        due = self.get_object()
        data = request_body(WaiveSerializer, request)
        services.due_waive(due=due, by=request.user, reason=data["reason"])
        return Response(DueSerializer(self.get_queryset().get(pk=due.pk)).data)


@extend_schema_view(
    list=extend_schema(responses={200: FeeScheduleSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: FeeScheduleSerializer, **ERRORS}),
    create=extend_schema(responses={201: FeeScheduleSerializer, **ERRORS}),
)
class FeeScheduleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The yearly fee schedules; POST …/generate/ creates the year's dues (idempotent)."""

    serializer_class = FeeScheduleSerializer
    lookup_field = "year"
    permission_map = {
        "list": "members.view_all_dues",
        "retrieve": "members.view_all_dues",
        "create": "members.manage_dues",
        "generate": "members.manage_dues",
    }

    def get_queryset(self):
        return selectors.schedules()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        bands = [
            (b["min_population"], b.get("max_population"), b["amount_minor"])
            for b in data.pop("bands", [])
        ]
        reductions = [(r["country"], r["kind"], r["factor"]) for r in data.pop("reductions", [])]
        serializer.instance = services.schedule_save(
            by=self.request.user, data=data, bands=bands, reductions=reductions
        )

    @extend_schema(request=None, responses={200: DueSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["post"])
    def generate(self, request, year=None):
        """Create the year's dues for active members that have none yet; returns those."""
        created = services.dues_generate(schedule=self.get_object(), by=request.user)
        return Response(DueSerializer(created, many=True).data)
