"""/api/v1/needs/ and /api/v1/offers/: needs, offers of expertise and "who can help", with
the rules of the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.models import Theme
from tashbeek.search.api.views import MatchSerializer

from .. import selectors, services
from ..models import Need, Offer


class _ItemSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)


class NeedSerializer(_ItemSerializer):
    class Meta:
        model = Need
        fields = ["id", "organisation", "organisation_name", "title", "description"]
        fields += ["language", "themes", "urgency", "status", "visibility", "created_at"]
        read_only_fields = ["status", "created_at"]
        extra_kwargs = {"language": {"required": False}}


class OfferSerializer(_ItemSerializer):
    class Meta:
        model = Offer
        fields = ["id", "organisation", "organisation_name", "title", "description"]
        fields += ["language", "themes", "active", "created_at"]
        read_only_fields = ["active", "created_at"]
        extra_kwargs = {"language": {"required": False}}


class PeerSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()
    matches = MatchSerializer(many=True)


class HelpSerializer(serializers.Serializer):
    peers = PeerSerializer(many=True)
    experiences = MatchSerializer(many=True)
    documents = MatchSerializer(many=True)
    offers = MatchSerializer(many=True)
    cooperation = MatchSerializer(many=True, help_text="Joint projects and shared services.")


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Need.Status.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


def _save_hooks(save):
    class Hooks:
        def perform_create(self, serializer):
            serializer.instance = save(by=self.request.user, data=serializer.validated_data)

        def perform_update(self, serializer):
            serializer.instance = save(
                by=self.request.user, data=serializer.validated_data, item=serializer.instance
            )

    return Hooks


def _need_save(*, by, data, item=None):
    return services.need_save(by=by, data=data, need=item)


def _offer_save(*, by, data, item=None):
    return services.offer_save(by=by, data=data, offer=item)


@extend_schema_view(
    list=extend_schema(responses={200: NeedSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: NeedSerializer, **ERRORS}),
    create=extend_schema(responses={201: NeedSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: NeedSerializer, **ERRORS}),
)
class NeedViewSet(_save_hooks(_need_save), viewsets.ModelViewSet):
    serializer_class = NeedSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "help": None,
        "create": "needs.add_need",
        "partial_update": "needs.change_need",
        "status": "needs.change_need",
    }
    object_actions = ("status",)

    def get_queryset(self):
        status = self.request.query_params.get("status", "open")
        status = status if status in Need.Status.values else "open"
        if self.action != "list":
            status = ""
        return selectors.needs_page(user=self.request.user, status=status)

    @extend_schema(responses={200: HelpSerializer, **ERRORS})
    @action(detail=True, methods=["get"])
    def help(self, request, pk=None):
        """Who can help: matching experiences, documents, offers, joint projects and shared
        services, and the peers behind them."""
        found = selectors.who_can_help(user=request.user, need=self.get_object())
        return Response(HelpSerializer(found).data)

    @extend_schema(request=StatusSerializer, responses={200: NeedSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Mark the need solved or closed, or open it again."""
        need = self.get_object()
        data = request_body(StatusSerializer, request)
        need = services.need_set_status(by=request.user, need=need, **data)
        return Response(NeedSerializer(need).data)


@extend_schema_view(
    list=extend_schema(responses={200: OfferSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: OfferSerializer, **ERRORS}),
    create=extend_schema(responses={201: OfferSerializer, **ERRORS}),
    partial_update=extend_schema(responses={200: OfferSerializer, **ERRORS}),
    destroy=extend_schema(responses={204: None, **ERRORS}),
)
class OfferViewSet(_save_hooks(_offer_save), viewsets.ModelViewSet):
    serializer_class = OfferSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "needs.add_offer",
        "partial_update": "needs.change_offer",
        "destroy": "needs.change_offer",
    }

    def get_queryset(self):
        if self.action == "list":
            return selectors.offers_page(user=self.request.user)
        return Offer.objects.select_related("organisation").prefetch_related("themes")

    def perform_destroy(self, instance):
        """Withdrawing keeps the offer (and its history) but takes it out of lists and matches."""
        services.offer_withdraw(by=self.request.user, offer=instance)
