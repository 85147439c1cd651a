"""Reads for work plans: a community's items for a year and their progress."""

from django.db.models import Count, Prefetch, Q, QuerySet

from tashbeek.accounts.web import Reader
from tashbeek.communities.models import Community
from tashbeek.events.models import Event
from tashbeek.library.models import Document
from tashbeek.library.selectors import documents_visible_to

from .models import WorkPlanItem


def plan_for(community: Community, year: int, *, user: Reader) -> QuerySet[WorkPlanItem]:
    """A community's plan for a year; outputs only those this reader may see."""
    return (
        WorkPlanItem.objects.filter(community=community, year=year)
        .select_related("responsible_person", "responsible_organisation")
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.exclude(status=Event.Status.DRAFT)),
            Prefetch(
                "outputs",
                queryset=documents_visible_to(user).only("id", "titles", "kind", "status"),
            ),
        )
    )


def years_of(community: Community) -> list[int]:
    return list(
        WorkPlanItem.objects.filter(community=community)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def progress(community: Community, year: int) -> dict:
    """Counts by status and the share done, cancelled items left out of the share."""
    S = WorkPlanItem.Status
    counts = WorkPlanItem.objects.filter(community=community, year=year).aggregate(
        total=Count("id"),
        **{status: Count("id", filter=Q(status=status)) for status in S.values},
    )
    counted = counts["total"] - counts[S.CANCELLED]
    counts["percent_done"] = round(100 * counts[S.DONE] / counted) if counted else 0
    counts["by_status"] = [(label, counts[value], value) for value, label in S.choices]
    return counts


def documents_choice(community: Community) -> QuerySet[Document]:
    return Document.objects.filter(community=community)
