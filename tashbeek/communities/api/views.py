"""/api/v1/communities/: communities and joining, with the same rules as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.errors import ERRORS

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
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Community
        fields = ["slug", "name", "names", "purpose", "purposes", "kind", "join_policy", "parent"]


class JoinSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False, allow_null=True)


@extend_schema_view(
    list=extend_schema(responses={200: CommunitySerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: CommunitySerializer, **ERRORS}),
)
class CommunityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommunitySerializer
    lookup_field = "slug"
    permission_map = {
        "list": None,
        "retrieve": None,
        "members": "communities.view_members",
        "join": "communities.join_community",
    }

    def get_queryset(self):
        return Community.objects.select_related("parent").order_by("slug")

    @extend_schema(responses={200: MembershipSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def members(self, request, slug=None):
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
        serializer = JoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = request.user.affiliations.filter(
            organisation_id=serializer.validated_data.get("organisation")
        ).first()
        membership = services.community_join(
            community=community,
            user=request.user,
            organisation=organisation.organisation if organisation else None,
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)
