"""/api/v1/agenda-papers/: papers uploaded to agenda items, the ones the reader may open;
uploading one (checked by content) names its item; removing one gives the reason."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.files import private_download

from .. import selectors, services
from ..models import AgendaItem, Paper

MANAGE = "governance.manage_body"


class PaperSerializer(serializers.ModelSerializer):
    titles = serializers.JSONField()
    file = serializers.FileField(write_only=True)
    item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.exclude(meeting__event__status="draft")
    )

    class Meta:
        model = Paper
        fields = ["id", "item", "titles", "public", "file", "content_type", "original_name"]
        fields += ["size", "uploaded_at"]
        read_only_fields = ["content_type", "original_name", "size", "uploaded_at"]


class RemovalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("item", int, required=False)],
        responses={200: PaperSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(responses={200: PaperSerializer, **ERRORS}),
    create=extend_schema(
        request={"multipart/form-data": PaperSerializer},
        responses={201: PaperSerializer, **ERRORS},
    ),
)
class PaperViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Papers of agenda items: public ones for everyone, the others for the body's people."""

    serializer_class = PaperSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    permission_map = {
        "list": None,
        "retrieve": "governance.view_paper",
        # Who may add depends on the item named in the body: the service asks its body's rule.
        "create": "governance.run_bodies",
        "download": "governance.view_paper",
        "remove": MANAGE,
    }
    object_actions = ("download", "remove")

    def get_queryset(self):
        if self.action == "list":
            papers = selectors.papers_visible_to(self.request.user)
            item = self.request.query_params.get("item", "")
            if item.isdigit():
                papers = papers.filter(item_id=int(item))
            return papers.order_by("item_id", "uploaded_at", "id")
        # Details: found, then the rule says who may read it (403 rather than a hidden 404).
        return Paper.objects.select_related("item__meeting__body").exclude(
            item__meeting__event__status="draft"
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=data["item"].pk)
        serializer.instance = services.paper_upload(
            by=self.request.user,
            item=item,
            upload=data["file"],
            titles=data["titles"],
            public=data.get("public", False),
        )

    @extend_schema(responses={(200, "application/octet-stream"): bytes, **ERRORS})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The paper's file, for who may read it."""
        paper = self.get_object()
        return private_download(paper)

    @extend_schema(request=RemovalSerializer, responses={204: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        """Take the paper off the agenda, with the reason (refused once minutes are approved)."""
        paper = self.get_object()
        data = request_body(RemovalSerializer, request)
        services.paper_remove(by=request.user, paper=paper, reason=data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)
