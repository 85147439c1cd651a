"""Ballots: one member organisation, one vote; secret ballots; elections; refusals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from tashbeek.governance import counting, services
from tashbeek.governance.models import Ballot, Decision, Participation, Seat, SecretCount
from tashbeek.members.models import Due
from tashbeek.tests.factories import UserFactory
from tashbeek.tests.factories_more import DueFactory

pytestmark = pytest.mark.django_db


def _ballot(by, body=None, **extra):
    now = timezone.now()
    data = {
        "body": body,
        "kind": "motion",
        "titles": {"ar": "رفع الاشتراك السنوي", "en": "Raise the yearly dues"},
        "opens_at": now - datetime.timedelta(minutes=1),
        "closes_at": now + datetime.timedelta(days=3),
        "quorum_percent": 50,
        "majority": "simple",
        **extra,
    }
    ballot = services.ballot_create(by=by, data=data)
    return services.ballot_open(by=by, ballot=ballot)


def _option(ballot, meaning):
    return ballot.options.get(meaning=meaning).pk


def _close(ballot, by):
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    return services.ballot_close(by=by, ballot=ballot)


def test_each_member_votes_once_and_may_change_its_vote(seated, members, secretariat):
    ballot = _ballot(secretariat, seated)
    assert ballot.electorate_size == 6
    aourir, focal = next(iter(members.items()))
    services.vote_cast(
        by=focal, ballot=ballot, organisation=aourir, option_ids=[_option(ballot, "against")]
    )
    receipt = services.vote_cast(
        by=focal, ballot=ballot, organisation=aourir, option_ids=[_option(ballot, "for")]
    )
    assert len(receipt) == 12
    participation = Participation.objects.get(ballot=ballot)
    assert participation.changes == 1
    assert [o.meaning for o in participation.choices.all()] == ["for"]


def test_the_outcome_goes_to_the_register(seated, members, secretariat):
    ballot = _ballot(secretariat, seated)
    for i, (organisation, focal) in enumerate(members.items()):
        meaning = "for" if i < 4 else "against"
        services.vote_cast(
            by=focal,
            ballot=ballot,
            organisation=organisation,
            option_ids=[_option(ballot, meaning)],
        )
    ballot = _close(ballot, secretariat)
    assert ballot.result["adopted"] is True and ballot.result["turnout"] == 6
    decision = Decision.objects.get(ballot=ballot)
    assert decision.source == "ballot" and decision.tally == {"for": 4, "against": 2, "abstain": 0}


def test_results_wait_for_the_close(seated, secretariat):
    ballot = _ballot(secretariat, seated)
    with pytest.raises(ValidationError):
        services.ballot_close(by=secretariat, ballot=ballot)


def test_refusals_say_why(seated, members, secretariat, aourir, focal_aourir, staff_aourir):
    ballot = _ballot(secretariat, seated)
    yes = [_option(ballot, "for")]
    with pytest.raises(PermissionDenied):
        services.vote_cast(by=staff_aourir, ballot=ballot, organisation=aourir, option_ids=yes)
    outsider_org = UserFactory()
    with pytest.raises(PermissionDenied):
        services.vote_cast(by=outsider_org, ballot=ballot, organisation=aourir, option_ids=yes)
    with pytest.raises(ValidationError, match="options"):
        services.vote_cast(by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=[999999])
    aourir.membership_status = "suspended"
    aourir.save()
    with pytest.raises(ValidationError, match="suspended"):
        services.vote_cast(by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=yes)
    assert not Participation.objects.exists()


def test_a_vote_after_the_close_is_refused(seated, secretariat, aourir, focal_aourir):
    ballot = _ballot(secretariat, seated)
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    with pytest.raises(ValidationError, match="not open"):
        services.vote_cast(
            by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=[_option(ballot, "for")]
        )


def test_arrears_suspend_the_vote_when_the_rule_is_on(seated, secretariat, aourir, focal_aourir):
    DueFactory(organisation=aourir, due_on=timezone.localdate() - datetime.timedelta(days=3 * 366))
    assert Due.objects.filter(organisation=aourir).exists()
    ballot = _ballot(secretariat, seated)
    yes = [_option(ballot, "for")]
    services.voting_rules_set(by=secretariat, arrears_years=2)
    with pytest.raises(ValidationError, match="arrears"):
        services.vote_cast(by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=yes)
    services.voting_rules_set(by=secretariat, arrears_years=None)
    services.vote_cast(by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=yes)


def test_a_delegate_votes_instead_of_the_focal_person(
    seated, secretariat, aourir, focal_aourir, staff_aourir
):
    services.delegation_set(by=focal_aourir, organisation=aourir, person=staff_aourir)
    ballot = _ballot(secretariat, seated)
    yes = [_option(ballot, "for")]
    with pytest.raises(PermissionDenied):
        services.vote_cast(by=focal_aourir, ballot=ballot, organisation=aourir, option_ids=yes)
    services.vote_cast(by=staff_aourir, ballot=ballot, organisation=aourir, option_ids=yes)
    with pytest.raises(ValidationError):
        services.delegation_set(by=focal_aourir, organisation=aourir, person=UserFactory())


def test_a_secret_ballot_keeps_who_apart_from_what(seated, members, secretariat):
    ballot = _ballot(secretariat, seated, secret=True, changeable=True)
    assert ballot.changeable is False  # a secret vote is final
    for i, (organisation, focal) in enumerate(members.items()):
        meaning = "for" if i % 2 else "against"
        services.vote_cast(
            by=focal,
            ballot=ballot,
            organisation=organisation,
            option_ids=[_option(ballot, meaning)],
        )
    aourir, focal = next(iter(members.items()))
    with pytest.raises(ValidationError, match="already voted"):
        services.vote_cast(
            by=focal, ballot=ballot, organisation=aourir, option_ids=[_option(ballot, "for")]
        )
    # The dump: participations name organisations but no option; counts name options but
    # no organisation, no time and no order of arrival.
    assert not Participation.choices.through.objects.filter(participation__ballot=ballot).exists()
    count_columns = {f.column for f in SecretCount._meta.concrete_fields}
    assert count_columns == {"id", "option_id", "votes"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {SecretCount._meta.db_table}")
        assert cursor.fetchone()[0] == 3  # one row per option, never one per vote
    counts = {c.option.meaning: c.votes for c in SecretCount.objects.select_related("option")}
    assert counts == {"for": 3, "against": 3, "abstain": 0}
    ballot = _close(ballot, secretariat)
    assert ballot.result["tally"] == {"for": 3, "against": 3, "abstain": 0}
    assert ballot.result["adopted"] is False  # a tie is not a majority


def test_secret_votes_leave_no_choice_in_the_audit_log(seated, members, secretariat):
    from tashbeek.core.models import AuditEntry

    ballot = _ballot(secretariat, seated, secret=True)
    aourir, focal = next(iter(members.items()))
    services.vote_cast(
        by=focal, ballot=ballot, organisation=aourir, option_ids=[_option(ballot, "for")]
    )
    entry = AuditEntry.objects.get(action="governance.ballot.voted")
    assert entry.after == {"organisation": aourir.pk}


def _election(secretariat, steering, members, candidates):
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "kind": "election",
            "seat_body": steering,
            "titles": {"ar": "انتخاب عضوين في لجنة التسيير"},
            "opens_at": now - datetime.timedelta(minutes=1),
            "closes_at": now + datetime.timedelta(days=2),
            "seats": 2,
            "quorum_percent": 30,
        },
    )
    services.nominations_open(by=secretariat, ballot=ballot)
    options = [
        services.candidacy_submit(
            by=members[o], ballot=ballot, organisation=o, statements={"ar": "نترشح"}
        )
        for o in candidates
    ]
    return services.ballot_open(by=secretariat, ballot=ballot), [o.pk for o in options]


def test_an_election_fills_free_seats_from_the_decision(steering, members, secretariat):
    organisations = list(members)
    start = timezone.localdate() - datetime.timedelta(days=100)
    for organisation in organisations[:3]:
        services.seat_assign(
            by=secretariat,
            body=steering,
            data={"organisation": organisation, "starts_on": start, "filled_by": "election"},
        )
    ballot, ids = _election(secretariat, steering, members, organisations[3:])
    assert ballot.electorate_size == 6  # a network ballot: every member in good standing
    voter, first = members[organisations[0]], organisations[0]
    with pytest.raises(ValidationError, match="at most"):
        services.vote_cast(by=voter, ballot=ballot, organisation=first, option_ids=ids)
    for organisation in organisations:
        services.vote_cast(
            by=members[organisation], ballot=ballot, organisation=organisation, option_ids=ids[:2]
        )
    ballot = _close(ballot, secretariat)
    assert ballot.result["winners"] == ids[:2]
    new = Seat.objects.filter(body=steering, decision__ballot=ballot)
    assert {s.organisation for s in new} == set(organisations[3:5])
    assert all(s.starts_on == timezone.localdate() for s in new)


def test_on_a_full_body_winners_start_when_the_ending_terms_end(seated, members, secretariat):
    today = timezone.localdate()
    ending = list(seated.terms.order_by("pk")[:2])
    for i, seat in enumerate(ending):
        Seat.objects.filter(pk=seat.pk).update(ends_on=today + datetime.timedelta(days=10 + i))
    candidates = [s.organisation for s in ending]  # the two whose terms end stand again
    ballot, ids = _election(secretariat, seated, members, candidates)
    for organisation in members:
        services.vote_cast(
            by=members[organisation], ballot=ballot, organisation=organisation, option_ids=ids
        )
    _close(ballot, secretariat)
    starts = sorted(
        Seat.objects.filter(decision__ballot=ballot).values_list("starts_on", flat=True)
    )
    assert starts == [today + datetime.timedelta(days=11), today + datetime.timedelta(days=12)]


@pytest.mark.parametrize(
    "votes, seats, rule, winners, tie",
    [
        ([5, 3, 1], 2, "seniority", [1, 2], False),
        ([5, 3, 3], 2, "seniority", [1, 2], False),  # 2 is the older member
        ([5, 3, 3], 2, "unresolved", [1], True),
        ([4, 4, 4], 1, "unresolved", [], True),
        ([4, 4, 4], 1, "seniority", [1], False),
        ([2, 0, 0], 2, "seniority", [1], False),  # nobody is elected with no vote
    ],
)
def test_election_ties(votes, seats, rule, winners, tie):
    candidates = [counting.Candidate(i + 1, v, (i,)) for i, v in enumerate(votes)]
    assert counting.election_winners(candidates, seats=seats, tie_rule=rule) == (winners, tie)


@pytest.mark.parametrize(
    "votes, majority, adopted",
    [
        ((3, 2, 5), "simple", True),
        ((3, 3, 0), "simple", False),
        ((3, 2, 5), "absolute", False),
        ((6, 2, 1), "absolute", True),
        ((4, 2, 9), "two_thirds", True),
        ((3, 2, 0), "two_thirds", False),
        ((0, 0, 5), "two_thirds", False),
    ],
)
def test_majority_rules(votes, majority, adopted):
    votes_for, against, abstain = votes
    assert (
        counting.motion_adopted(
            votes_for=votes_for, against=against, abstain=abstain, majority=majority
        )
        is adopted
    )


@pytest.mark.parametrize(
    "turnout, electorate, percent, met",
    [(3, 6, 50, True), (2, 6, 50, False), (0, 0, 0, False), (4, 6, 67, False), (5, 6, 67, True)],
)
def test_ballot_quorum(turnout, electorate, percent, met):
    assert counting.quorum_met(turnout=turnout, electorate=electorate, percent=percent) is met
