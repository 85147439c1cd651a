"""/api/v1/organisations/: the directory for scripts, with the page's filters as parameters."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from tashbeek.api.errors import ErrorEnvelopeSerializer

from .. import selectors, services
from ..forms import DirectoryFilterForm
from .serializers import OrganisationListSerializer, OrganisationSerializer

FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Name in any language and script (spelling-tolerant)."),
    OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code."),
    OpenApiParameter("region", str, description="Region identifier."),
    OpenApiParameter("kind", str),
    OpenApiParameter("theme", str, description="Theme identifier; includes its sub-themes."),
    OpenApiParameter("status", str, enum=list(selectors.STATUS_FILTERS)),
    OpenApiParameter("population", str, enum=[k for k, _l, _h in selectors.POPULATION_BANDS]),
    OpenApiParameter("sort", str, enum=list(selectors.SORTS)),
]
ERRORS = {400: ErrorEnvelopeSerializer, 403: ErrorEnvelopeSerializer, 404: ErrorEnvelopeSerializer}


@extend_schema_view(
    list=extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={200: OrganisationListSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(responses={200: OrganisationSerializer, **ERRORS}),
    create=extend_schema(responses={201: OrganisationSerializer, **ERRORS}),
    update=extend_schema(responses={200: OrganisationSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: OrganisationSerializer, **ERRORS}),
)
class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "members.add_organisation",
        "update": "members.change_organisation",
        "partial_update": "members.change_organisation",
    }

    def get_serializer_class(self):
        return OrganisationListSerializer if self.action == "list" else OrganisationSerializer

    def get_queryset(self):
        if self.action == "list":
            form = DirectoryFilterForm(self.request.query_params)
            if not form.is_valid():
                raise ValidationError(form.errors)
            return selectors.directory_results(
                user=self.request.user, filters=form.filters(), facets=False
            ).rows
        return (
            selectors.visible_to(self.request.user)
            .select_related("region")
            .prefetch_related("themes")
        )

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(
            by=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            organisation=serializer.instance,
            by=self.request.user,
            data=dict(serializer.validated_data),
        )
