"""/api/v1/experiences/: experiences, their review and "ask the authors", with the rules of
the pages. Contact people are named, never their e-mail address."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
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
from ..models import Experience, ExperienceFile, ExperienceReview


class FileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ExperienceFile
        fields = ["id", "content_type", "filename", "caption", "size", "url"]

    def get_url(self, attached) -> str:
        return reverse(
            "experience-file",
            kwargs={"pk": attached.experience_id, "file_pk": attached.pk},
            request=self.context.get("request"),
        )


class ExperienceSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="author_name", read_only=True)
    contact_name = serializers.SerializerMethodField()
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    communities = serializers.SlugRelatedField(
        slug_field="slug", queryset=Community.objects.all(), many=True, required=False
    )
    files = FileSerializer(many=True, read_only=True)

    class Meta:
        model = Experience
        # The service's fields (what people write), with what the API adds around them.
        fields = [
            "id",
            "external_id",
            "organisation_name",
            "contact_name",
            *services.FIELDS,
            "status",
            "files",
            "published_at",
            "updated_at",
        ]
        read_only_fields = ["external_id", "status", "published_at", "updated_at"]
        extra_kwargs = {
            "contact": {"write_only": True, "required": False},
            "events": {"required": False},
            "cost": {"help_text": "In minor units of `currency` (cents, millimes…)."},
        }

    def get_contact_name(self, experience) -> str:
        """Like staff contacts in the directory: named to signed-in people only."""
        request = self.context.get("request")
        signed_in = request is not None and request.user.is_authenticated
        return experience.contact.full_name if signed_in and experience.contact else ""


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ExperienceReview.Decision.choices)
    comments = serializers.CharField(required=False, allow_blank=True)


class QuestionSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000)


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    caption = serializers.CharField(required=False, allow_blank=True, max_length=255)


@extend_schema_view(
    list=extend_schema(responses={200: ExperienceSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: ExperienceSerializer, **ERRORS}),
    create=extend_schema(responses={201: ExperienceSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: ExperienceSerializer, **ERRORS}),
)
class ExperienceViewSet(
    viewsets.mixins.CreateModelMixin,
    viewsets.mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ExperienceSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_map = {
        "list": None,
        "retrieve": None,
        "file": None,
        "create": "experiences.add_experience",
        "partial_update": "experiences.change_experience",
        "submit": "experiences.author_experience",
        "review": "experiences.judge_experience",
        "ask": "experiences.ask_authors",
        "files": "experiences.change_experience",
    }
    object_actions = ("submit", "review", "ask", "files")

    def get_queryset(self):
        experiences = selectors.experiences_visible_to(self.request.user)
        if self.action == "list":
            status_filter = self.request.query_params.get("status", "")
            experiences = experiences.filter(status=status_filter) if status_filter else experiences
        return experiences.select_related("organisation", "contact").prefetch_related(
            "themes", "communities", "events", "files"
        )

    def perform_create(self, serializer):
        serializer.instance = services.experience_save(
            by=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.experience_save(
            by=self.request.user,
            experience=serializer.instance,
            data=dict(serializer.validated_data),
        )

    def _answer(self, experience, code=status.HTTP_200_OK):
        experience = self.get_queryset().get(pk=experience.pk)
        return Response(self.get_serializer(experience).data, status=code)

    @extend_schema(request=None, responses={200: ExperienceSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The authors send the draft for review."""
        experience = services.experience_submit(by=request.user, experience=self.get_object())
        return self._answer(experience)

    @extend_schema(request=ReviewSerializer, responses={200: ExperienceSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Publish, or return to the authors with comments."""
        experience = self.get_object()
        data = request_body(ReviewSerializer, request)
        review = services.experience_review(by=request.user, experience=experience, **data)
        return self._answer(review.experience)

    @extend_schema(request=QuestionSerializer, responses={202: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def ask(self, request, pk=None):
        """Ask the authors: the contact person gets the question; their address stays hidden."""
        experience = self.get_object()
        data = request_body(QuestionSerializer, request)
        services.ask_authors(by=request.user, experience=experience, **data)
        return Response(status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: FileSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def files(self, request, pk=None):
        """Add a photo or an attachment (checked by content)."""
        experience = self.get_object()
        data = request_body(UploadSerializer, request)
        attached = services.file_add(
            by=request.user,
            experience=experience,
            upload=data["file"],
            caption=data.get("caption", ""),
        )
        return created(FileSerializer, attached, request)

    @extend_schema(responses={(200, "application/octet-stream"): bytes, **ERRORS})
    @action(detail=True, methods=["get"], url_path=r"files/(?P<file_pk>[0-9]+)")
    def file(self, request, pk=None, file_pk=None):
        """A photo or attachment, as a download."""
        attached = get_object_or_404(self.get_object().files, pk=file_pk)
        return private_file_response(
            attached.file, content_type=attached.content_type, filename=attached.filename
        )
