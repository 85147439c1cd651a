"""Reads for applications and membership decisions, scoped to the person asking."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tashbeek.accounts.models import User
from tashbeek.accounts.web import Reader
from tashbeek.core.permissions import is_committee_member, is_secretariat

from ..models import Application, ApplicationMessage, MembershipDecision, Organisation
from ..rules import affiliations_of

AGES = {"week": 7, "month": 30, "quarter": 91}


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    country: str = ""
    kind: str = ""
    age: str = ""  # older than: week, month, quarter
    duplicates: bool = False


def application_visible_to(user: Reader) -> QuerySet[Application]:
    """Reviewers see every submitted application; others only their own and those of the
    organisations they work for. Drafts stay private to their applicant."""
    queryset = Application.objects.all()
    if not isinstance(user, User):
        return queryset.none()
    if is_committee_member(user) or is_secretariat(user):
        return queryset.exclude(status=Application.Status.DRAFT) | queryset.filter(applicant=user)
    own = queryset.filter(applicant=user)
    return own | queryset.filter(organisation_id__in=list(affiliations_of(user)))


def application_queue(*, user: Reader, filters: QueueFilters) -> QuerySet[Application]:
    queryset = (
        application_visible_to(user)
        .exclude(status=Application.Status.DRAFT)
        .select_related("applicant", "region")
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    else:
        queryset = queryset.filter(status__in=Application.OPEN)
    if filters.country:
        queryset = queryset.filter(country=filters.country)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.age in AGES:
        cutoff = timezone.now() - datetime.timedelta(days=AGES[filters.age])
        queryset = queryset.filter(submitted_at__lte=cutoff)
    if filters.duplicates:
        queryset = queryset.filter(possible_duplicate=True)
    return queryset.order_by("submitted_at", "pk")


def application_detail(*, user: Reader, pk: int) -> Application | None:
    """One application with what its page shows; internal comments only for reviewers."""
    reviewer = is_committee_member(user) or is_secretariat(user)
    messages = ApplicationMessage.objects.select_related("author")
    if not reviewer:
        messages = messages.exclude(kind=ApplicationMessage.Kind.COMMENT)
    return (
        application_visible_to(user)
        .select_related("applicant", "region", "organisation")
        .prefetch_related(
            "themes",
            "documents",
            Prefetch("messages", queryset=messages),
            Prefetch("decisions", queryset=MembershipDecision.objects.select_related("decided_by")),
        )
        .filter(pk=pk)
        .first()
    )


def applications_of(user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).order_by("-created_at")


def membership_history(organisation: Organisation) -> QuerySet[MembershipDecision]:
    """Every decision about an organisation, newest first, including its accepted application."""
    return MembershipDecision.objects.filter(organisation=organisation).select_related(
        "decided_by", "application"
    )
