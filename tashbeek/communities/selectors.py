"""Reads for communities. Communities and their membership are public within the platform."""

from itertools import groupby

from django.db.models import Count, Q, QuerySet

from .models import Community, CommunityMembership


def communities_list() -> QuerySet[Community]:
    return (
        Community.objects.filter(parent__isnull=True)
        .annotate(member_count=Count("memberships", filter=Q(memberships__status="active")))
        .prefetch_related("subgroups")
        .order_by("kind", "slug")
    )


def community_detail(slug: str) -> Community | None:
    return (
        Community.objects.select_related("parent", "region")
        .prefetch_related("themes", "subgroups")
        .filter(slug=slug)
        .first()
    )


def members_by_organisation(community: Community) -> list[tuple[str, list[CommunityMembership]]]:
    """Active members grouped by the organisation they represent (coordinators first)."""
    rows = (
        community.memberships.filter(status="active")
        .select_related("user", "organisation")
        .order_by("organisation__sort_name", "role", "user__full_name")
    )
    return [
        (organisation.name if organisation else "—", list(members))
        for organisation, members in groupby(rows, key=lambda m: m.organisation)
    ]


def pending_requests(community: Community) -> QuerySet[CommunityMembership]:
    return community.memberships.filter(status="pending").select_related("user", "organisation")
