"""/api/v1/plan-items/: communities' work plans (public to read, coordinators write)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from tashbeek.api.errors import ERRORS
from tashbeek.api.serializers import SetOnCreate
from tashbeek.communities.models import Community

from .. import services
from ..models import WorkPlanItem


class PlanItemSerializer(SetOnCreate, serializers.ModelSerializer):
    community = serializers.SlugRelatedField(slug_field="slug", queryset=Community.objects.all())

    class Meta:
        model = WorkPlanItem
        fields = ["id", "community", *services.FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"events": {"required": False}, "outputs": {"required": False}}
        set_on_create = ("community",)


FILTERS = [
    OpenApiParameter("community", str, description="The community's slug."),
    OpenApiParameter("year", int),
]


@extend_schema_view(
    list=extend_schema(
        parameters=FILTERS, responses={200: PlanItemSerializer(many=True), **ERRORS}
    ),
    retrieve=extend_schema(responses={200: PlanItemSerializer, **ERRORS}),
    create=extend_schema(responses={201: PlanItemSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: PlanItemSerializer, **ERRORS}),
    destroy=extend_schema(responses={204: None, **ERRORS}),
)
class PlanItemViewSet(viewsets.ModelViewSet):
    serializer_class = PlanItemSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "workplans.add_item",
        "partial_update": "workplans.change_item",
        "destroy": "workplans.change_item",
    }

    def get_queryset(self):
        items = WorkPlanItem.objects.select_related("community").prefetch_related(
            "events", "outputs"
        )
        params = self.request.query_params
        if params.get("community"):
            items = items.filter(community__slug=params["community"])
        if params.get("year", "").isdigit():
            items = items.filter(year=int(params["year"]))
        return items.order_by("community__slug", "year", "starts_on", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        community = data.pop("community")
        serializer.instance = services.plan_item_save(
            by=self.request.user, community=community, data=data
        )

    def perform_update(self, serializer):
        serializer.instance = services.plan_item_save(
            by=self.request.user,
            community=serializer.instance.community,
            item=serializer.instance,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance):
        services.plan_item_delete(by=self.request.user, item=instance)
