"""/api/v1/documents/: the library, with the same visibility and workflow as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.communities.models import Community
from tashbeek.core.files import private_file_response
from tashbeek.core.models import Theme

from .. import selectors, services
from ..models import Document, DocumentVersion


class VersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "content_type", "size", "filename", "note", "created_at", "download"]

    def get_download(self, version) -> str:
        return reverse(
            "document-file",
            kwargs={"pk": version.document_id, "number": version.number},
            request=self.context.get("request"),
        )


class LibraryDocumentSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    community = serializers.SlugRelatedField(
        slug_field="slug", queryset=Community.objects.all(), required=False, allow_null=True
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "titles",
            "summaries",
            "kind",
            "community",
            "organisation",
            "themes",
            "events",
            "status",
            "visibility",
            "versions",
            "created_at",
            "published_at",
        ]
        read_only_fields = ["status", "created_at", "published_at"]
        extra_kwargs = {"events": {"required": False}}


class LibraryDocumentCreateSerializer(LibraryDocumentSerializer):
    titles = serializers.JSONField(binary=True)
    summaries = serializers.JSONField(binary=True, required=False)
    file = serializers.FileField(write_only=True)
    note = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta(LibraryDocumentSerializer.Meta):
        fields = [*LibraryDocumentSerializer.Meta.fields, "file", "note"]


class NewVersionSerializer(serializers.Serializer):
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=255)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.TRANSITIONS))
    reason = serializers.CharField(required=False, allow_blank=True)
    expected_status = serializers.ChoiceField(
        choices=Document.Status.choices, required=False, allow_blank=True
    )


@extend_schema_view(
    list=extend_schema(responses={200: LibraryDocumentSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: LibraryDocumentSerializer, **ERRORS}),
    create=extend_schema(
        request={"multipart/form-data": LibraryDocumentCreateSerializer},
        responses={201: LibraryDocumentSerializer, **ERRORS},
    ),
    partial_update=extend_schema(responses={200: LibraryDocumentSerializer, **ERRORS}),
)
class DocumentViewSet(
    viewsets.mixins.CreateModelMixin,
    viewsets.mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_map = {
        "list": None,
        "retrieve": None,
        "file": None,
        "create": "library.add_document",
        "partial_update": "library.change_document",
        "versions": "library.change_document",
        # The gate of every step; the service then checks the step's own permission
        # (returning and adopting are for the community's coordinators).
        "transition": "library.change_document",
    }
    object_actions = ("versions", "transition")

    def get_serializer_class(self):
        return (
            LibraryDocumentCreateSerializer
            if self.action == "create"
            else LibraryDocumentSerializer
        )

    def get_queryset(self):
        if self.action == "list":
            return selectors.documents_page(user=self.request.user).prefetch_related(
                "themes", "events", "versions"
            )
        return (
            selectors.documents_visible_to(self.request.user)
            .select_related("community")
            .prefetch_related("themes", "events", "versions")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        upload, note = data.pop("file"), data.pop("note", "")
        serializer.instance = services.document_create(
            by=self.request.user, data=data, upload=upload, note=note
        )

    def perform_update(self, serializer):
        serializer.instance = services.document_update(
            by=self.request.user, document=serializer.instance, data=serializer.validated_data
        )

    @extend_schema(
        request={"multipart/form-data": NewVersionSerializer},
        responses={201: VersionSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        """Upload a new version of the file (earlier versions stay)."""
        document = self.get_object()
        data = request_body(NewVersionSerializer, request)
        version = services.version_add(
            by=request.user,
            document=document,
            upload=data["file"],
            note=data.get("note", ""),
        )
        return created(VersionSerializer, version, request)

    @extend_schema(
        request=TransitionSerializer, responses={200: LibraryDocumentSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """submit, return, adopt, publish or unpublish (return and unpublish need a reason)."""
        document = self.get_object()
        data = request_body(TransitionSerializer, request)
        document = services.document_transition(by=request.user, document=document, **data)
        return Response(LibraryDocumentSerializer(document, context={"request": request}).data)

    @extend_schema(responses={(200, "application/octet-stream"): bytes, **ERRORS})
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]+)")
    def file(self, request, pk=None, number=None):
        """The file of one version, as a download."""
        version = get_object_or_404(self.get_object().versions, number=number)
        return private_file_response(
            version.file, content_type=version.content_type, filename=version.download_name
        )
