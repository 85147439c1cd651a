"""/api/v1/network-plan-items/: the network's annual work plan, its budget lines, adoption."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS

from .. import services
from ..models import PlanItem
from . import serializers as s
from .views import MANAGE, RUN, _schema


@_schema(s.NetworkPlanItemSerializer)
class NetworkPlanItemViewSet(viewsets.ModelViewSet):
    """The network's work plan; `?body=` and `?year=` narrow it."""

    serializer_class = s.NetworkPlanItemSerializer
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
        items = PlanItem.objects.select_related("body").prefetch_related(
            "budget", "sdgs", "activities", "events", "experiences"
        )
        params = self.request.query_params
        if params.get("body"):
            items = items.filter(body__slug=params["body"])
        if params.get("year", "").isdigit():
            items = items.filter(year=int(params["year"]))
        return items.order_by("year", "id")

    def _data(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        if "budget" in data:
            data["budget"] = [dict(line) for line in data["budget"]]
        return data

    def perform_create(self, serializer):
        data = self._data(serializer)
        body = data.pop("body")
        serializer.instance = services.plan_item_save(by=self.request.user, body=body, data=data)

    def perform_update(self, serializer):
        data = self._data(serializer)
        item = serializer.instance
        serializer.instance = services.plan_item_save(
            by=self.request.user, body=item.body, data=data, item=item
        )

    @extend_schema(
        request=s.PlanDecisionSerializer, responses={200: s.NetworkPlanItemSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Adopt the item (citing the register's decision) or leave it out of the plan."""
        item = self.get_object()
        data = request_body(s.PlanDecisionSerializer, request)
        item = services.plan_item_decide(by=request.user, item=item, **data)
        return Response(s.NetworkPlanItemSerializer(item).data)
