"""/api/v1/search/ (ranked results with facets) and /api/v1/match/ (a need's free text →
ranked experiences with scores and reasons). Both answer as the signed-in user sees."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tashbeek.api.errors import ERRORS

from .. import matching
from ..models import SearchEntry
from ..selectors import MAX_QUERY, Filters, search

MAX_MATCH_TEXT = matching.MAX_TEXT


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY,
        trim_whitespace=True,
        error_messages={"blank": _("Type something to search for.")},
    )
    type = serializers.ChoiceField(choices=SearchEntry.Kind.choices, required=False)
    country = serializers.CharField(max_length=2, required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    theme = serializers.SlugField(max_length=80, required=False)
    year = serializers.IntegerField(min_value=1900, max_value=2200, required=False)
    page = serializers.IntegerField(min_value=1, max_value=1000, required=False, default=1)


class EntrySerializer(serializers.Serializer):
    type = serializers.CharField(source="entry.kind")
    id = serializers.IntegerField(source="entry.object_id")
    title = serializers.CharField(source="entry.title")
    url = serializers.CharField(source="entry.url")
    external_id = serializers.CharField(source="entry.external_id")
    organisation = serializers.CharField(source="entry.organisation_name")
    country = serializers.CharField(source="entry.country")
    languages = serializers.ListField(source="entry.language_codes", child=serializers.CharField())
    themes = serializers.ListField(source="entry.theme_slugs", child=serializers.CharField())
    score = serializers.FloatField()


class SearchResultSerializer(EntrySerializer):
    title_highlighted = serializers.CharField(source="title")
    snippet = serializers.CharField(help_text="HTML: escaped text with <mark> around matches.")
    similarity = serializers.FloatField(
        allow_null=True,
        help_text="How close in meaning, for a description also searched by meaning.",
    )


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SearchPageSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    capped = serializers.BooleanField(help_text="True when only the best matches were counted.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    facets = serializers.DictField(child=FacetSerializer(many=True))
    results = SearchResultSerializer(many=True)


class MatchQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_MATCH_TEXT, error_messages={"blank": _("Describe the need to match.")}
    )
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)
    themes = serializers.ListField(
        child=serializers.SlugField(max_length=80), required=False, max_length=30
    )


class MatchSerializer(EntrySerializer):
    similarity = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    matched_terms = serializers.ListField(child=serializers.CharField())
    shared_themes = serializers.ListField(child=serializers.CharField())


class MatchResponseSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)


class SearchView(APIView):
    """Full-text search over everything the user may see."""

    # Open to everyone; what each person gets is scoped by the audience condition.
    permission_map = {"get": None}

    @extend_schema(
        parameters=[SearchQuerySerializer], responses={200: SearchPageSerializer, **ERRORS}
    )
    def get(self, request):
        """Search everything you may see, with facets and highlights."""
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = Filters(
            kind=data.get("type", ""),
            country=data.get("country", "").upper(),
            language=data.get("language", ""),
            theme=data.get("theme", ""),
            year=data.get("year"),
        )
        found = search(user=request.user, q=data["q"], filters=filters, page=data["page"])
        facets = {
            name: [{"value": str(value), "count": count} for value, count in values]
            for name, values in found.facets.items()
        }
        body = {
            "query": found.query,
            "total": found.total,
            "capped": found.capped,
            "page": found.page,
            "pages": found.pages,
            "facets": facets,
            "results": SearchResultSerializer(found.results, many=True).data,
        }
        return Response(body)


class MatchView(APIView):
    """Experiences that answer a need, best first, with score and reasons. GET for short
    texts (`?text=…&limit=…`), POST a JSON body for long ones."""

    permission_map = {"get": None, "post": None}

    @extend_schema(
        parameters=[MatchQuerySerializer], responses={200: MatchResponseSerializer, **ERRORS}
    )
    def get(self, request):
        """Experiences that answer a short need text, best first."""
        return self._match(request, request.query_params)

    @extend_schema(request=MatchQuerySerializer, responses={200: MatchResponseSerializer, **ERRORS})
    def post(self, request):
        """Experiences that answer a long need text (a JSON body), best first."""
        return self._match(request, request.data)

    def _match(self, request, data):
        query = MatchQuerySerializer(data=data)
        query.is_valid(raise_exception=True)
        found = matching.match(
            user=request.user,
            text=query.validated_data["text"],
            limit=query.validated_data["limit"],
            themes=query.validated_data.get("themes"),
        )
        return Response({"results": MatchSerializer(found, many=True).data})
