"""Reads for governance: bodies with their seats, meetings with the quorum, the register,
ballots with their electorate, and what each organisation promised."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tashbeek.accounts.models import User
from tashbeek.accounts.web import Reader
from tashbeek.core.permissions import is_committee_member, is_secretariat
from tashbeek.events.selectors import events_visible_to
from tashbeek.experiences.selectors import experiences_visible_to
from tashbeek.library.selectors import documents_visible_to
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.selectors.dues import arrears

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Ballot,
    BallotOption,
    Body,
    Decision,
    Meeting,
    Paper,
    PlanItem,
    Seat,
    SecretCount,
    VotingRules,
)
from .models.bodies import current_seats_q
from .rules import bodies_of

SEAT_RELATED = ("organisation", "person", "substitute", "decision")


def bodies() -> QuerySet[Body]:
    today = timezone.localdate()
    return Body.objects.select_related("community").annotate(
        held=Count("terms", filter=current_seats_q(today, "terms__"))
    )


def current_seats(body: Body, on: datetime.date | None = None) -> QuerySet[Seat]:
    on = on or timezone.localdate()
    return (
        body.terms.filter(current_seats_q(on))
        .select_related(*SEAT_RELATED)
        .order_by("starts_on", "id")
    )


def past_seats(body: Body, on: datetime.date | None = None) -> QuerySet[Seat]:
    on = on or timezone.localdate()
    return (
        body.terms.exclude(current_seats_q(on))
        .filter(starts_on__lte=on)
        .select_related(*SEAT_RELATED)
        .order_by("-starts_on", "-id")
    )


def body_people(body: Body, on: datetime.date | None = None) -> list:
    """Everyone a body's notice goes to: representatives, substitutes, and the focal persons
    of the organisations holding a seat."""
    seats = current_seats(body, on)
    people = {s.person for s in seats if s.person} | {s.substitute for s in seats if s.substitute}
    focal = Affiliation.objects.filter(
        organisation__in=[s.organisation_id for s in seats if s.organisation_id],
        role=Affiliation.Role.FOCAL,
    ).select_related("user")
    people |= {a.user for a in focal}
    return sorted(people, key=lambda user: user.pk)


@dataclass
class Rhythm:
    last: datetime.date | None
    next_due: datetime.date | None
    overdue: bool


def rhythm(body: Body, today: datetime.date | None = None) -> Rhythm:
    """When the body must meet next by its rule, and whether a period passed without a meeting."""
    today = today or timezone.localdate()
    starts = (
        Meeting.objects.filter(body=body, event__status="published")
        .order_by("-event__starts_at")
        .values_list("event__starts_at", flat=True)
    )
    held = [s for s in starts if s.date() <= today]
    upcoming = [s for s in starts if s.date() > today]
    last = held[0].date() if held else None
    if not body.meets_every_days:
        return Rhythm(last, None, False)
    due = (last or body.created_at.date()) + datetime.timedelta(days=body.meets_every_days)
    return Rhythm(last, due, due < today and not upcoming)


def meetings_of(body: Body) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body=body)
        .select_related("event")
        .exclude(event__status="draft")
        .order_by("-event__starts_at")
    )


def meetings_held(limit: int = 40) -> QuerySet[Meeting]:
    """Meetings already begun and not cancelled, most recent first: where a decision recorded
    elsewhere (a membership decision) may say it was taken."""
    return (
        Meeting.objects.select_related("event")
        .filter(event__starts_at__lte=timezone.now())
        .exclude(event__status__in=["draft", "cancelled"])
        .order_by("-event__starts_at", "-pk")[:limit]
    )


def meeting_detail(pk: int, *, user: Reader) -> Meeting | None:
    papers = documents_visible_to(user).only("id", "titles", "kind", "status")
    return (
        Meeting.objects.select_related("body", "event")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related(
                    "rapporteur", "decision"
                ).prefetch_related(
                    Prefetch("papers", queryset=papers),
                    Prefetch("uploads", queryset=Paper.objects.defer("file")),
                ),
            ),
            Prefetch(
                "actions",
                queryset=ActionItem.objects.select_related("owner_organisation", "owner_person"),
            ),
            "minutes_versions",
            Prefetch(
                "register_entries",
                queryset=decisions_visible_to(user).order_by("year", "number"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Quorum:
    seats: int
    needed: int
    present: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed


def meeting_seats(meeting: Meeting) -> QuerySet[Seat]:
    """The seats that count at a meeting: those running on its day."""
    return current_seats(meeting.body, meeting.event.local_start.date())


def quorum(meeting: Meeting) -> Quorum:
    """Seats present (in person or by the substitute) against the body's rule. The rule counts
    the body's seats, filled or not: an empty seat cannot help reach the quorum."""
    seats = meeting_seats(meeting).values_list("pk", flat=True)
    present = Attendance.objects.filter(
        meeting=meeting, seat__in=list(seats), status__in=Attendance.COUNTS
    ).count()
    body = meeting.body
    return Quorum(seats=body.seats, needed=body.quorum_needed(), present=present)


def attendance_of(meeting: Meeting) -> dict[int, str]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("seat_id", "status"))


def decisions_visible_to(user: Reader) -> QuerySet[Decision]:
    decisions = Decision.objects.select_related("body")
    if user.has_perm("governance.view_members_only"):
        return decisions
    return decisions.filter(visibility=Decision.Visibility.PUBLIC)


def register(
    *, user: Reader, year: int | None = None, body: str = "", source: str = "", q: str = ""
) -> QuerySet[Decision]:
    decisions = decisions_visible_to(user)
    if year:
        decisions = decisions.filter(year=year)
    if body:
        decisions = decisions.filter(body__slug=body)
    if source:
        decisions = decisions.filter(source=source)
    if q:
        decisions = decisions.filter(_text_q(q.strip()))
    return decisions.select_related("membership_decision").order_by("-year", "-number")


def _text_q(q: str) -> Q:
    if "/" in q:
        year, _sep, number = q.partition("/")
        if year.isdigit() and number.isdigit():
            return Q(year=int(year), number=int(number))
    return Q(titles__icontains=q) | Q(texts__icontains=q)


def register_years() -> list[int]:
    return list(Decision.objects.values_list("year", flat=True).distinct().order_by("-year"))


def ballots_visible_to(user: Reader) -> QuerySet[Ballot]:
    ballots = Ballot.objects.select_related("body", "seat_body")
    if user.has_perm("governance.manage_bodies"):
        return ballots
    return ballots.exclude(status=Ballot.Status.DRAFT)


def electorate(ballot: Ballot, on: datetime.date | None = None) -> QuerySet[Organisation]:
    """The organisations that vote: members in good standing holding a seat on the ballot's
    body, or every member in good standing for a network ballot."""
    on = on or timezone.localdate()
    members = Organisation.objects.filter(
        relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ACTIVE
    )
    if ballot.body_id is None:
        return members
    seats = Seat.objects.filter(current_seats_q(on), body_id=ballot.body_id)
    return members.filter(pk__in=seats.values("organisation_id"))


def arrears_blocks(organisation: Organisation, on: datetime.date | None = None) -> bool:
    """True when the network's rule suspends this member's vote for dues in arrears."""
    rules = VotingRules.objects.first()
    if rules is None or rules.arrears_years is None:
        return False
    on = on or timezone.localdate()
    cutoff = on.replace(year=on.year - rules.arrears_years)
    return arrears().filter(organisation=organisation, due_on__lt=cutoff).exists()


def voter_organisations(user: Reader, ballot: Ballot) -> list[Organisation]:
    """The organisations of the electorate this person votes for."""
    if not user.is_authenticated:
        return []
    mine = electorate(ballot).filter(affiliations__user=user) | electorate(ballot).filter(
        voter_delegation__person=user
    )
    return [o for o in mine.distinct() if user.has_perm("governance.vote", o)]


def actions_of(organisation: Organisation) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(owner_organisation=organisation)
        .select_related("meeting__body", "meeting__event", "owner_person")
        .order_by("status", "due_on")
    )


def people_choices() -> QuerySet[User]:
    return get_user_model().objects.filter(is_active=True).order_by("full_name")


def counts(ballot: Ballot) -> dict[int, int]:
    """{option id: votes}: from the open votes, or from a secret ballot's counters."""
    if ballot.secret:
        found = dict(
            SecretCount.objects.filter(option__ballot=ballot).values_list("option_id", "votes")
        )
        return {pk: found.get(pk, 0) for pk in ballot.options.values_list("pk", flat=True)}
    options = BallotOption.objects.filter(ballot=ballot).annotate(n=Count("open_votes"))
    return dict(options.values_list("pk", "n"))


def minutes_visible(meeting: Meeting, user: Reader) -> dict[int, str]:
    """{item id: minutes} this reader may read: everything for the body's people while
    drafted; once published, public items for all and the rest for members."""
    insider = user.has_perm("governance.view_body_papers", meeting.body)
    member = user.has_perm("governance.view_members_only")
    published = meeting.minutes_status == Meeting.Minutes.PUBLISHED
    return {
        item.pk: item.minutes
        for item in meeting.items.all()
        if insider or (published and (item.minutes_public or member))
    }


def focal_organisations(user: Reader) -> QuerySet[Organisation]:
    """The member organisations this person is the focal person of (who name their voter)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        relation=Organisation.Relation.MEMBER,
        affiliations__user=user,
        affiliations__role=Affiliation.Role.FOCAL,
    )


def network_plan(body: Body, year: int, *, user: Reader | None = None) -> list[PlanItem]:
    """The body's plan for a year, each item with its progress rolled up from the community
    activities that carry it (cancelled ones left out) and the events and experiences this
    reader may see, in a fixed number of queries."""
    from django.contrib.auth.models import AnonymousUser

    reader = user or AnonymousUser()
    items = list(
        PlanItem.objects.filter(body=body, year=year)
        .select_related("decision", "community", "proposed_by", "proposed_by_body")
        .prefetch_related(
            "budget",
            "sdgs",
            "activities",
            Prefetch("events", queryset=events_visible_to(reader).order_by("starts_at")),
            Prefetch(
                "experiences",
                queryset=experiences_visible_to(reader).select_related("organisation"),
            ),
        )
    )
    for item in items:
        item.progress = plan_progress(item)
    return items


def plan_progress(item: PlanItem) -> int | None:
    """Percent of the item's community activities done, cancelled ones left out (reads the
    prefetched activities)."""
    counted = [a for a in item.activities.all() if a.status != "cancelled"]
    done = sum(1 for a in counted if a.status == "done")
    return round(100 * done / len(counted)) if counted else None


def budget_totals(items: Iterable[PlanItem]) -> list[tuple[str, str, int]]:
    """[(currency, source label, minor units)] summed over the plan's budget lines, and a
    total per currency (source label empty) after each currency's sources."""
    sums: dict[tuple[str, str], int] = {}
    for item in items:
        for line in item.budget.all():
            key = (line.currency, line.get_source_display())
            sums[key] = sums.get(key, 0) + line.amount_minor
    rows = []
    for currency in sorted({c for c, _s in sums}):
        mine = sorted((s, v) for (c, s), v in sums.items() if c == currency)
        rows += [(currency, str(source), value) for source, value in mine]
        rows.append((currency, "", sum(v for _s, v in mine)))
    return rows


def plan_years(body: Body) -> list[int]:
    return list(
        PlanItem.objects.filter(body=body)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def papers_visible_to(user: Reader) -> QuerySet[Paper]:
    """Uploaded papers this reader may open: public ones, and the others of the bodies whose
    internal papers they read (the secretariat and the committee read them all)."""
    papers = Paper.objects.select_related("item__meeting").exclude(
        item__meeting__event__status="draft"
    )
    if is_secretariat(user) or is_committee_member(user):
        return papers
    readable = Q(public=True)
    if user.is_authenticated:
        bodies = set(bodies_of(user)) | set(
            Body.objects.filter(chairs=user).values_list("pk", flat=True)
        )
        readable |= Q(item__meeting__body_id__in=bodies)
    return papers.filter(readable)
