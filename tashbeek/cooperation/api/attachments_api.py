"""/api/v1/cooperation-documents/: documents of projects and tenders, the ones the reader
may open; uploading one (checked by content) names its project or tender."""

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser

from tashbeek.api.errors import ERRORS
from tashbeek.core.files import private_download

from .. import selectors, services
from ..models import Attachment, Tender
from . import serializers as s


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("project", int, required=False),
            OpenApiParameter("tender", int, required=False),
        ],
        responses={200: s.AttachmentSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(responses={200: s.AttachmentSerializer, **ERRORS}),
    create=extend_schema(
        request={"multipart/form-data": s.AttachmentSerializer},
        parameters=[
            OpenApiParameter("project", int, required=False),
            OpenApiParameter("tender", int, required=False),
        ],
        responses={201: s.AttachmentSerializer, **ERRORS},
    ),
)
class AttachmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    permission_map = {
        "list": None,
        "retrieve": "cooperation.view_attachment",
        # Anyone who works for an organisation may add documents somewhere; the service
        # checks the named project's or tender's own rule.
        "create": "cooperation.add_documents",
        "download": "cooperation.view_attachment",
    }
    object_actions = ("download",)

    def _owner(self):
        params = self.request.query_params
        if params.get("project", "").isdigit():
            project = selectors.projects_visible_to(self.request.user).filter(
                pk=int(params["project"])
            )
            return {"project": project.first()} if project.exists() else None
        if params.get("tender", "").isdigit():
            return {"tender": Tender.objects.filter(pk=int(params["tender"])).first()}
        return None

    def get_queryset(self):
        owner = self._owner() if self.action == "list" else None
        if self.action == "list":
            if not owner or not any(owner.values()):
                return Attachment.objects.none()
            key, obj = next(iter(owner.items()))
            insider = self.request.user.has_perm(
                "cooperation.view_workspace" if key == "project" else "cooperation.declare_demand",
                obj,
            )
            return selectors.attachments_for(self.request.user, insider=insider, **owner)
        visible = selectors.projects_visible_to(self.request.user).values("pk")
        return Attachment.objects.filter(Q(project__isnull=True) | Q(project__in=visible))

    def perform_create(self, serializer):
        owner = self._owner()
        if not owner or not any(owner.values()):
            raise serializers.ValidationError({"project": "Name a visible project or a tender."})
        data = serializer.validated_data
        serializer.instance = services.attachment_add(
            by=self.request.user,
            organisation=data["organisation"],
            upload=data["file"],
            titles=data["titles"],
            public=data.get("public", False),
            **owner,
        )

    @extend_schema(responses={(200, "application/octet-stream"): bytes, **ERRORS})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The document's file, for who may read it."""
        attachment = self.get_object()
        if not attachment.file:
            raise Http404
        return private_download(attachment)
