"""/api/v1/communities/: communities and joining, with the same rules as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.permissions import is_secretariat

from .. import selectors, services
from ..models import Community, CommunityMembership


class MembershipSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = CommunityMembership
        fields = ["id", "person", "organisation", "role", "status", "created_at"]


class CommunitySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Community
        fields = ["slug", "name", "names", "purpose", "purposes", "kind", "join_policy", "parent"]


class JoinSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False, allow_null=True)


@extend_schema_view(
    list=extend_schema(responses={200: CommunitySerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: CommunitySerializer, **ERRORS}),
    create=extend_schema(responses={201: CommunitySerializer, **ERRORS}),
)
class CommunityViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CommunitySerializer
    lookup_field = "slug"
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "communities.add_community",
        "members": "communities.view_members",
        "join": "communities.join_community",
    }

    def get_queryset(self):
        return Community.objects.select_related("parent").order_by("slug")

    def get_serializer_class(self):
        return CommunityCreateSerializer if self.action == "create" else CommunitySerializer

    def perform_create(self, serializer):
        from django.contrib.auth import get_user_model

        data = dict(serializer.validated_data)
        emails = [e.lower() for e in data.pop("coordinators", [])]
        people = list(get_user_model().objects.filter(email__in=emails))
        unknown = sorted(set(emails) - {p.email.lower() for p in people})
        if unknown:
            raise serializers.ValidationError({"coordinators": [", ".join(unknown)]})
        serializer.instance = services.community_create(
            by=self.request.user, data=data, coordinators=people
        )

    @extend_schema(responses={200: MembershipSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def members(self, request, slug=None):
        """The community's members, grouped by organisation."""
        community = self.get_object()
        rows = [
            m for _org, members in selectors.members_by_organisation(community) for m in members
        ]
        return Response(MembershipSerializer(rows, many=True).data)

    @extend_schema(request=JoinSerializer, responses={201: MembershipSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def join(self, request, slug=None):
        """Join (open communities) or ask to join (communities on request)."""
        community = self.get_object()
        data = request_body(JoinSerializer, request)
        organisation = request.user.affiliations.filter(
            organisation_id=data.get("organisation")
        ).first()
        membership = services.community_join(
            community=community,
            user=request.user,
            organisation=organisation.organisation if organisation else None,
        )
        return created(MembershipSerializer, membership, request)


class CommunityCreateSerializer(CommunitySerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Community.objects.all(), required=False, allow_null=True
    )
    coordinators = serializers.ListField(
        child=serializers.EmailField(), required=False, write_only=True
    )

    class Meta(CommunitySerializer.Meta):
        fields = [*CommunitySerializer.Meta.fields, "region", "coordinators"]


class CommunityMembershipSerializer(MembershipSerializer):
    community = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(MembershipSerializer.Meta):
        fields = ["id", "community", *MembershipSerializer.Meta.fields[1:]]


@extend_schema_view(
    list=extend_schema(responses={200: CommunityMembershipSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: CommunityMembershipSerializer, **ERRORS}),
    destroy=extend_schema(responses={204: None, **ERRORS}),
)
class CommunityMembershipViewSet(viewsets.mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """My memberships and requests, and those of the communities I coordinate: approve a
    request, or end a membership (leave, remove, decline)."""

    serializer_class = CommunityMembershipSerializer
    # Listing one's own memberships needs only a signed-in person; each membership is then
    # decided against its rules.
    permission_map = {
        "list": "core.signed_in",
        "retrieve": "communities.view_membership",
        "destroy": "communities.change_membership",
        "approve": "communities.approve_membership",
    }
    object_actions = ("approve",)

    def get_queryset(self):
        from django.db.models import Q

        from ..rules import community_roles

        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return CommunityMembership.objects.none()
        user = self.request.user
        memberships = CommunityMembership.objects.select_related("community", "user")
        if is_secretariat(user):
            return memberships.order_by("id")
        managed = [
            pk for pk, entry in community_roles(user).items() if entry == ("coordinator", "active")
        ]
        return memberships.filter(Q(user=user) | Q(community_id__in=managed)).order_by("id")

    def perform_destroy(self, instance):
        services.membership_leave(membership=instance, by=self.request.user)

    @extend_schema(request=None, responses={200: CommunityMembershipSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """A coordinator approves a request to join."""
        membership = services.membership_approve(membership=self.get_object(), by=request.user)
        return Response(self.get_serializer(membership).data)
