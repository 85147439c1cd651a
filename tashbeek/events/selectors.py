"""Reads for events, scoped to the person asking (drafts only for their organisers)."""

from collections.abc import Iterable
from itertools import groupby

from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tashbeek.accounts.models import User
from tashbeek.accounts.web import Reader
from tashbeek.communities.models import Community
from tashbeek.communities.rules import community_roles
from tashbeek.core.i18n import pick
from tashbeek.core.permissions import is_secretariat

from .models import Event, Registration

FEED_SALT = "tashbeek.events.personal-feed"


def events_visible_to(user: Reader) -> QuerySet[Event]:
    events = Event.objects.select_related("community")
    if is_secretariat(user):
        return events
    coordinated = [
        pk for pk, entry in community_roles(user).items() if entry == ("coordinator", "active")
    ]
    return events.filter(~Q(status=Event.Status.DRAFT) | Q(community_id__in=coordinated))


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )


def events_page(
    *, user: Reader, past: bool = False, community: Community | None = None
) -> QuerySet[Event]:
    now = timezone.now()
    events = with_counts(events_visible_to(user))
    if community is not None:
        events = events.filter(community=community)
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at")
    return events.filter(ends_at__gte=now).order_by("starts_at")


def by_month(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    """Events grouped by the month they start in (the agenda view of the calendar)."""
    return [
        (month, list(items))
        for month, items in groupby(events, key=lambda e: e.local_start.strftime("%Y-%m"))
    ]


def upcoming_for_community(community: Community) -> QuerySet[Event]:
    return Event.objects.filter(
        community=community, status=Event.Status.PUBLISHED, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:10]


def event_detail(*, user: Reader, pk: int) -> Event | None:
    return with_counts(events_visible_to(user)).prefetch_related("agenda").filter(pk=pk).first()


def registration_of(user: Reader, event: Event) -> Registration | None:
    if not isinstance(user, User):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def attendance_by_organisation(event: Event) -> list[tuple[str, int]]:
    rows = (
        event.registrations.filter(attended=True)
        .values("organisation__names", "organisation_id")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [(pick(r["organisation__names"]) or "—", r["n"]) for r in rows]


def registrations_for_event(event: Event) -> QuerySet[Registration]:
    return event.registrations.exclude(status="cancelled").select_related("user", "organisation")


def registrations_of(user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status="cancelled")
        .select_related("event")
        .order_by("-event__starts_at")
    )


def _feed_signer() -> signing.Signer:
    return signing.Signer(salt=FEED_SALT, sep=".")


def feed_token(user: Reader) -> str:
    """A signed token for a person's own calendar feed (calendar programs cannot sign in); it
    reveals nothing but the events the person registered for."""
    return _feed_signer().sign(str(user.pk))


def user_from_feed_token(token: str) -> User | None:
    from django.contrib.auth import get_user_model

    try:
        pk = _feed_signer().unsign(token)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def feed_events_for(user: User) -> QuerySet[Event]:
    return Event.objects.filter(
        registrations__user=user, registrations__status__in=["confirmed", "waitlisted"]
    ).exclude(status=Event.Status.DRAFT)


def published_events() -> QuerySet[Event]:
    return Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])


def month_grid(*, user: Reader, year: int, month: int, first_weekday: int) -> list[list[dict]]:
    """The weeks of a month for the calendar view: each day with the events that start on
    it in their own time zone. Days of the neighbouring months fill the first and last week."""
    import calendar
    import datetime

    weeks = calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    # A day of margin each side: an event's local date can differ from its UTC date.
    start = datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time.min)
    end = datetime.datetime.combine(last + datetime.timedelta(days=2), datetime.time.min)
    events = events_visible_to(user).filter(
        starts_at__gte=timezone.make_aware(start, datetime.UTC),
        starts_at__lt=timezone.make_aware(end, datetime.UTC),
    )
    by_day: dict = {}
    for event in events.order_by("starts_at"):
        by_day.setdefault(event.local_start.date(), []).append(event)
    return [
        [
            {"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
            for day in week
        ]
        for week in weeks
    ]
