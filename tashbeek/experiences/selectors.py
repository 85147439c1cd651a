"""Reads for experiences, scoped to the reader (the query twin of rules.view_experience)."""

from django.db.models import Q, QuerySet

from tashbeek.accounts.web import Reader
from tashbeek.communities.models import Community
from tashbeek.communities.rules import community_roles
from tashbeek.core.models import Theme
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import affiliations_of

from .models import SECTIONS, Experience

LONG_SECTIONS = [name for name, _label in SECTIONS]


def experiences_visible_to(user: Reader) -> QuerySet[Experience]:
    experiences = Experience.objects.all()
    if is_secretariat(user):
        return experiences
    visible = Q(status=Experience.Status.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(created_by=user) | Q(organisation_id__in=list(affiliations_of(user)))
        coordinated = [
            pk for pk, entry in community_roles(user).items() if entry == ("coordinator", "active")
        ]
        if coordinated:
            linked = Experience.communities.through.objects.filter(
                community_id__in=coordinated
            ).values("experience_id")
            visible |= Q(status=Experience.Status.REVIEW, pk__in=linked)
    return experiences.filter(visible)


def experiences_page(
    *,
    user: Reader,
    theme: Theme | None = None,
    community: Community | None = None,
    transfer: str = "",
    country: str = "",
    status: str = "",
    mine: bool = False,
) -> QuerySet[Experience]:
    # The long sections are not shown in lists: not reading them keeps the rows small.
    experiences = experiences_visible_to(user).select_related("organisation").defer(*LONG_SECTIONS)
    if mine:
        experiences = experiences.filter(
            Q(created_by=user) | Q(organisation_id__in=list(affiliations_of(user)))
        )
    if theme is not None:
        experiences = experiences.filter(
            pk__in=Experience.themes.through.objects.filter(
                Q(theme=theme) | Q(theme__parent=theme)
            ).values("experience_id")
        )
    if community is not None:
        experiences = experiences.filter(
            pk__in=Experience.communities.through.objects.filter(community=community).values(
                "experience_id"
            )
        )
    if transfer:
        experiences = experiences.filter(transfer_status=transfer)
    if country:
        experiences = experiences.filter(organisation__country=country)
    if status:
        experiences = experiences.filter(status=status)
    return experiences


def review_queue(user: Reader) -> QuerySet[Experience]:
    """Experiences waiting for this reviewer (never their own organisation's)."""
    waiting = experiences_visible_to(user).filter(status=Experience.Status.REVIEW)
    waiting = waiting.select_related("organisation").prefetch_related("communities")
    if is_secretariat(user):
        return waiting
    return waiting.exclude(Q(created_by=user) | Q(organisation_id__in=list(affiliations_of(user))))


def experience_detail(*, user: Reader, pk: int) -> Experience | None:
    return (
        experiences_visible_to(user)
        .select_related("organisation", "organisation__region", "contact", "created_by")
        .prefetch_related("themes", "communities", "events", "files", "reviews__reviewer")
        .filter(pk=pk)
        .first()
    )


def for_community(community: Community, limit: int = 10) -> list[Experience]:
    return list(
        Experience.objects.filter(status=Experience.Status.PUBLISHED, communities=community)
        .select_related("organisation")
        .order_by("-published_at")[:limit]
    )
