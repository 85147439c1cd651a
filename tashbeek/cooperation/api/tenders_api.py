"""/api/v1/tenders/: joint tenders with their lots and items, each authority's declared
quantities, the lead's timeline and awards, and the OCDS release package."""

from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS

from .. import ocds, services
from ..models import Item, Lot, Tender
from . import serializers as s
from .views import _schema

MANAGE = "cooperation.manage_tender"


@_schema(s.TenderSerializer, writes=("create",))
class TenderViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Joint tenders are public: who buys what together, and at what price."""

    serializer_class = s.TenderSerializer
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "cooperation.open_tenders",
        "quantities": "cooperation.declare_demand",
        "stage": MANAGE,
        "award": MANAGE,
        "ocds": None,
    }
    object_actions = ("quantities", "stage", "award")

    def get_queryset(self):
        items = Item.objects.annotate(total=Sum("demands__quantity")).order_by("id")
        lots = Lot.objects.prefetch_related(Prefetch("items", queryset=items))
        return (
            Tender.objects.select_related("lead")
            .prefetch_related("participants", Prefetch("lots", queryset=lots))
            .order_by("-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lots = [
            {**dict(lot), "items": [dict(item) for item in lot["items"]]} for lot in data["lots"]
        ]
        serializer.instance = services.tender_open(
            by=self.request.user,
            lead=data["lead"],
            participants=data["participants"],
            data=data,
            lots=lots,
        )

    def _fresh(self, tender):
        return Response(s.TenderSerializer(self.get_queryset().get(pk=tender.pk)).data)

    @extend_schema(request=s.DeclareSerializer, responses={200: s.TenderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def quantities(self, request, pk=None):
        """An authority's own quantities per item, before the deadline."""
        tender = self.get_object()
        data = request_body(s.DeclareSerializer, request)
        services.demand_declare(
            by=request.user,
            tender=tender,
            organisation=data["organisation"],
            quantities={row["item"]: row["quantity"] for row in data["quantities"]},
        )
        return self._fresh(tender)

    @extend_schema(request=s.StageSerializer, responses={200: s.TenderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Move the tender along its timeline, or cancel it with the reason."""
        tender = self.get_object()
        data = request_body(s.StageSerializer, request)
        services.tender_stage(by=request.user, tender=tender, **data)
        return self._fresh(tender)

    @extend_schema(request=s.AwardSerializer, responses={200: s.TenderSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        """Award a lot; each authority's contract is its part of the amount."""
        tender = self.get_object()
        data = request_body(s.AwardSerializer, request)
        lot = get_object_or_404(Lot, tender=tender, pk=data.pop("lot"))
        services.award_record(by=request.user, lot=lot, **data)
        return self._fresh(tender)

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS})
    @action(detail=True, methods=["get"])
    def ocds(self, request, pk=None):
        """The tender as an OCDS 1.1 release package."""
        tender = self.get_object()
        return Response(ocds.release_package(tender, uri=request.build_absolute_uri()))
