"""/api/v1/shared-services/: the catalogue, who takes part, use, the year's contributions
split by the formula, and payments. Managing a service is its operator's and the
secretariat's; the contributions are read by the network's members."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS

from .. import selectors, services
from ..models import Contribution, Participation
from . import serializers as s
from .views import _schema

MANAGE = "cooperation.manage_service"


@_schema(s.SharedServiceSerializer)
class SharedServiceViewSet(viewsets.ModelViewSet):
    serializer_class = s.SharedServiceSerializer
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "cooperation.add_service",
        "partial_update": MANAGE,
        "participants": MANAGE,
        "leave": MANAGE,
        "usage": MANAGE,
        "compute": MANAGE,
        "contributions": "cooperation.view_contributions",
        "pay": MANAGE,
        "indicators": MANAGE,
        "measurements": MANAGE,
    }
    object_actions = (
        "participants",
        "leave",
        "usage",
        "compute",
        "contributions",
        "pay",
        "indicators",
        "measurements",
    )

    def get_queryset(self):
        return selectors.service_list().prefetch_related("participations", "themes")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        operator = data.pop("operator")
        serializer.instance = services.service_save(
            by=self.request.user, operator=operator, data=data
        )

    def perform_update(self, serializer):
        serializer.instance = services.service_save(
            by=self.request.user, service=serializer.instance, data=serializer.validated_data
        )

    @extend_schema(
        request=s.ParticipationSerializer, responses={201: s.ParticipationSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def participants(self, request, slug=None):
        """An authority joins the service (with its fixed share, for fixed shares)."""
        service = self.get_object()
        data = request_body(s.ParticipationSerializer, request)
        row = services.participation_join(
            by=request.user,
            service=service,
            organisation=data["organisation"],
            joined_on=data["joined_on"],
            share_bp=data.get("share_bp"),
        )
        return created(s.ParticipationSerializer, row, request)

    @extend_schema(request=s.LeaveSerializer, responses={200: s.ParticipationSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def leave(self, request, slug=None):
        """Record that an authority left the service."""
        service = self.get_object()
        data = request_body(s.LeaveSerializer, request)
        row = get_object_or_404(Participation, pk=data["participation"], service=service)
        row = services.participation_leave(
            by=request.user, participation=row, left_on=data["left_on"]
        )
        return Response(s.ParticipationSerializer(row).data)

    @extend_schema(request=s.UsageSerializer, responses={200: s.UsageSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def usage(self, request, slug=None):
        """Record how much of the service an authority used in a year."""
        service = self.get_object()
        body = s.UsageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.usage_record(by=request.user, service=service, **body.validated_data)
        return Response(body.data)

    @extend_schema(
        request=s.ComputeSerializer, responses={201: s.ContributionSerializer(many=True), **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def compute(self, request, slug=None):
        """Split the year's cost by the service's formula; the shares sum to the total."""
        service = self.get_object()
        data = request_body(s.ComputeSerializer, request)
        rows = services.contributions_compute(by=request.user, service=service, **data)
        return Response(
            s.ContributionSerializer(rows, many=True).data, status=http.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True)],
        responses={200: s.ContributionSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"])
    def contributions(self, request, slug=None):
        """The year's contributions: what each authority owes and paid."""
        service = self.get_object()
        text = request.query_params.get("year", "")
        year = int(text) if text.isdigit() else 0
        rows = selectors.contributions(service, year)["rows"]
        return Response(s.ContributionSerializer(rows, many=True).data)

    @extend_schema(
        request=s.PaySerializer,
        responses={200: s.ContributionSerializer, **ERRORS},
        parameters=[OpenApiParameter("contribution", int, location="path")],
    )
    @action(detail=True, methods=["post"], url_path=r"contributions/(?P<contribution>\d+)/pay")
    def pay(self, request, slug=None, contribution=None):
        """Record a payment against an authority's contribution."""
        service = self.get_object()
        row = get_object_or_404(Contribution, pk=contribution, service=service)
        data = request_body(s.PaySerializer, request)
        row = services.contribution_pay(
            by=request.user, contribution=row, amount_minor=data["amount_minor"]
        )
        return Response(s.ContributionSerializer(row).data)

    @extend_schema(request=s.IndicatorSerializer, responses={201: s.IndicatorSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def indicators(self, request, slug=None):
        """The operator states a service level as an indicator."""
        service = self.get_object()
        data = request_body(s.IndicatorSerializer, request)
        row = services.indicator_save(by=request.user, service=service, data=data)
        return created(s.IndicatorSerializer, row, request)

    @extend_schema(
        request=s.MeasurementSerializer, responses={201: s.MeasurementSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def measurements(self, request, slug=None):
        """A dated value of one of the service's indicators, with its evidence."""
        service = self.get_object()
        data = request_body(s.MeasurementSerializer, request)
        indicator = data.pop("indicator")
        if indicator.service_id != service.pk:
            raise Http404
        row = services.measurement_record(by=request.user, indicator=indicator, data=data)
        return created(s.MeasurementSerializer, row, request)
