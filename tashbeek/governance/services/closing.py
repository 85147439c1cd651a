"""Closing a ballot: counting it under its quorum, majority and tie rules, publishing the
result, entering the outcome in the register, seating an election's winners; and the
worker's jobs (closing ballots whose time is over, the "closes within a day" notice)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.members.models import Organisation
from tashbeek.notifications.services import notify

from .. import counting, selectors
from ..models import Ballot, BallotOption, Decision, Seat
from .ballots import DAY, S, check_manager, locked_ballot, status_set, voters_of
from .bodies import term_end
from .register import decision_record


def _result(ballot: Ballot) -> dict:
    tally = selectors.counts(ballot)
    turnout = ballot.participations.count()
    electorate = ballot.electorate_size or 0
    met = counting.quorum_met(turnout=turnout, electorate=electorate, percent=ballot.quorum_percent)
    result = {
        "turnout": turnout,
        "electorate": electorate,
        "quorum_met": met,
        "counts": {str(k): v for k, v in tally.items()},
    }
    options = list(ballot.options.select_related("organisation"))
    if ballot.kind == Ballot.Kind.MOTION:
        by_meaning = {o.meaning: tally.get(o.pk, 0) for o in options}
        result["adopted"] = met and counting.motion_adopted(
            votes_for=by_meaning.get("for", 0),
            against=by_meaning.get("against", 0),
            abstain=by_meaning.get("abstain", 0),
            majority=ballot.majority,
        )
        result["tally"] = {k: by_meaning.get(k, 0) for k in ("for", "against", "abstain")}
    else:
        candidates = [
            counting.Candidate(o.pk, tally.get(o.pk, 0), _seniority(o.organisation))
            for o in options
        ]
        winners, tie = counting.election_winners(
            candidates, seats=ballot.seats, tie_rule=ballot.tie_rule
        )
        result["winners"], result["tie"] = (winners if met else []), tie and met
        result["tally"] = {o.label: tally.get(o.pk, 0) for o in options}
    return result


def _seniority(organisation: Organisation | None) -> tuple:
    if organisation is None:  # a motion's options: no seniority
        return (datetime.date.max, 0)
    since = organisation.member_since or datetime.date.max
    return (since, organisation.pk)


@transaction.atomic
def ballot_close(*, by: User | None, ballot: Ballot) -> Ballot:
    """Count a ballot whose time is over, publish the result and put the outcome in the
    register; an election's winners take their seats from the decision. `by` None: the
    worker (manage.py close_ballots)."""
    ballot = locked_ballot(ballot)
    if by is not None:
        check_manager(by, ballot)
    if ballot.status != S.OPEN:
        raise ValidationError(_("Only an open ballot is closed."))
    if timezone.now() < ballot.closes_at:
        raise ValidationError(_("The ballot closes at its announced time, not before."))
    ballot.result = _result(ballot)
    ballot.closed_at = timezone.now()
    status_set(ballot, by, S.CLOSED)
    decided_on = timezone.localdate()
    decision = decision_record(
        by=by,
        source=Decision.Source.BALLOT,
        decided_on=decided_on,
        titles=ballot.titles,
        texts=ballot.texts,
        visibility=Decision.Visibility.PUBLIC,
        body=ballot.body,
        tally=ballot.result["tally"],
        ballot=ballot,
    )
    if ballot.kind == Ballot.Kind.ELECTION:
        _seat_winners(ballot, decision, by)
    _tell_result(ballot)
    return ballot


def _seat_winners(ballot: Ballot, decision: Decision, by: User | None) -> None:
    """Winners take seats from the decision; where the body is full, a winner's term starts
    the day after the earliest-ending running term (staggered terms, as the charter's)."""
    body = ballot.seat_body
    if body is None:  # an election fills a body's seats (ballot_create requires one)
        raise ValueError(f"election {ballot.pk} has no body to seat its winners in")
    on = decision.decided_on
    running = sorted(
        selectors.current_seats(body, on), key=lambda s: s.ends_on or datetime.date.max
    )
    free = max(body.seats - len(running), 0)
    winners = BallotOption.objects.filter(pk__in=ballot.result.get("winners", []))
    for i, option in enumerate(winners.select_related("organisation")):
        starts_on = on
        ending = running[i - free].ends_on if free <= i < free + len(running) else None
        if ending is not None:
            starts_on = max(on, ending + datetime.timedelta(days=1))
        seat = Seat.objects.create(
            body=body,
            organisation=option.organisation,
            starts_on=starts_on,
            ends_on=term_end(starts_on, body.term_months),
            filled_by=Seat.FilledBy.ELECTION,
            decision=decision,
        )
        audit_record(
            actor=by, action="governance.seat.assigned", obj=seat, after={"decision": decision.pk}
        )


def _tell_result(ballot: Ballot) -> None:
    notify(
        users=voters_of(ballot),
        action="governance.ballot.closed",
        message=gettext_noop("The result of the vote is published: %(ballot)s."),
        context={"ballot": ballot.titles},
        url=ballot.get_absolute_url(),
    )


def closing_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Tell the voters of organisations that have not voted that the ballot closes within a
    day (once per ballot)."""
    now = now or timezone.now()
    due = Ballot.objects.filter(
        status=S.OPEN, closing_told=False, closes_at__gt=now, closes_at__lte=now + DAY
    )
    for ballot in due:
        with transaction.atomic():
            if not Ballot.objects.filter(pk=ballot.pk, closing_told=False).update(
                closing_told=True
            ):
                continue  # another worker took it
            voted = set(ballot.participations.values_list("organisation_id", flat=True))
            notify(
                users=voters_of(ballot, exclude=voted),
                action="governance.ballot.closing",
                message=gettext_noop("Less than a day left to vote: %(ballot)s."),
                context={"ballot": ballot.titles},
                url=ballot.get_absolute_url(),
            )
    return len(due)


def ballots_close_due(*, now: datetime.datetime | None = None) -> int:
    """Close every open ballot whose time is over (the worker's job)."""
    now = now or timezone.now()
    due = Ballot.objects.filter(status=S.OPEN, closes_at__lte=now)
    for ballot in due:
        ballot_close(by=None, ballot=ballot)
    return len(due)
