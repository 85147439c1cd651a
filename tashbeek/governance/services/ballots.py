"""Ballots: one member organisation, one vote. Every vote locks the ballot's row, so any
number of simultaneous requests (several people of one organisation, double clicks, changes)
leave exactly one counted vote per organisation."""

import datetime
import hashlib
import secrets
from collections.abc import Collection

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.notifications.services import notify

from .. import selectors
from ..models import Ballot, BallotOption, Participation, SecretCount

BALLOT_FIELDS = [
    "body",
    "seat_body",
    "kind",
    "titles",
    "texts",
    "opens_at",
    "closes_at",
    "time_zone",
    "quorum_percent",
    "majority",
    "secret",
    "changeable",
    "seats",
    "tie_rule",
]
MOTION_OPTIONS = (
    BallotOption.Meaning.FOR,
    BallotOption.Meaning.AGAINST,
    BallotOption.Meaning.ABSTAIN,
)
S = Ballot.Status
DAY = datetime.timedelta(days=1)


def check_manager(by: User, ballot: Ballot) -> None:
    """Ballots of a body are run by its chairs and the secretariat; network ballots by the
    secretariat."""
    if not by.has_perm("governance.manage_body", ballot):  # the rule reads the ballot's body
        raise PermissionDenied(_("Only the secretariat and the body's chairs run its ballots."))


def locked_ballot(ballot: Ballot) -> Ballot:
    """The ballot's row, locked for the transaction: votes and steps on it queue."""
    return (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("body", "seat_body")
        .get(pk=ballot.pk)
    )


@transaction.atomic
def ballot_create(*, by: User, data: dict) -> Ballot:
    """A motion (with for / against / abstain) or an election (candidates come by candidacy)."""
    data = dict(data)
    for key in ("titles", "texts"):
        data[key] = clean_translations(data.get(key))
    ballot = Ballot(created_by=by, **data)
    check_manager(by, ballot)
    if not ballot.titles:
        raise ValidationError({"titles": _("Give the question in at least one language.")})
    if ballot.secret:
        ballot.changeable = False  # changing a secret vote would need a link to the voter
    if ballot.kind == Ballot.Kind.MOTION:
        ballot.seats = 1
    elif ballot.seat_body is None:
        raise ValidationError({"seat_body": _("Say which body's seats the election fills.")})
    ballot.full_clean(exclude=["created_by"])
    ballot.save()
    if ballot.kind == Ballot.Kind.MOTION:
        BallotOption.objects.bulk_create(
            BallotOption(ballot=ballot, position=i, meaning=meaning)
            for i, meaning in enumerate(MOTION_OPTIONS)
        )
    audit_record(
        actor=by,
        action="governance.ballot.created",
        obj=ballot,
        after=snapshot(ballot, BALLOT_FIELDS),
    )
    return ballot


@transaction.atomic
def nominations_open(*, by: User, ballot: Ballot) -> Ballot:
    ballot = locked_ballot(ballot)
    check_manager(by, ballot)
    if ballot.kind != Ballot.Kind.ELECTION or ballot.status != S.DRAFT:
        raise ValidationError(_("Only a draft election opens for candidacies."))
    return status_set(ballot, by, S.NOMINATIONS)


def status_set(ballot: Ballot, by: User | None, status: str, reason: str = "") -> Ballot:
    """Move the ballot to `status` and audit it as `governance.ballot.<status>` (by None:
    the worker)."""
    before = ballot.status
    ballot.status = status
    ballot.save()
    audit_record(
        actor=by,
        action=f"governance.ballot.{status}",
        obj=ballot,
        before={"status": before},
        after={"status": status},
        reason=reason,
    )
    return ballot


@transaction.atomic
def candidacy_submit(
    *, by: User, ballot: Ballot, organisation: Organisation, statements: dict
) -> BallotOption:
    """A member stands for election, with its statement (in the languages it writes)."""
    ballot = locked_ballot(ballot)
    if not by.has_perm("governance.stand_for_election", organisation):
        raise PermissionDenied(_("Only the organisation's focal person puts it forward."))
    if ballot.status != S.NOMINATIONS:
        raise ValidationError(_("This election does not take candidacies now."))
    if organisation.membership_status != Organisation.Status.ACTIVE:
        raise ValidationError(_("Only a member in good standing can stand."))
    if ballot.options.filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is already a candidate."))
    option = BallotOption.objects.create(
        ballot=ballot,
        position=ballot.options.count(),
        meaning=BallotOption.Meaning.CANDIDATE,
        organisation=organisation,
        statements=clean_translations(statements),
    )
    audit_record(
        actor=by,
        action="governance.ballot.candidacy",
        obj=ballot,
        after={"organisation": organisation.pk, "option": option.pk},
    )
    return option


def voters_of(ballot: Ballot, exclude: Collection[int] = frozenset()) -> list:
    """The designated voters of the electorate (the delegate where there is one)."""
    organisations = selectors.electorate(ballot).exclude(pk__in=exclude)
    focal = Affiliation.objects.filter(
        organisation__in=organisations, role=Affiliation.Role.FOCAL
    ).select_related("user")
    delegated = {
        o.pk: o.voter_delegation.person
        for o in organisations.filter(voter_delegation__isnull=False).select_related(
            "voter_delegation__person"
        )
    }
    focal_voters = [a.user for a in focal if a.organisation_id not in delegated]
    return focal_voters + list(delegated.values())


@transaction.atomic
def ballot_open(*, by: User, ballot: Ballot) -> Ballot:
    """Open the vote: the electorate is fixed in size for the quorum, voters are told."""
    ballot = locked_ballot(ballot)
    check_manager(by, ballot)
    if ballot.status not in (S.DRAFT, S.NOMINATIONS):
        raise ValidationError(_("This ballot is already open or over."))
    if ballot.closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The closing time has already passed.")})
    if ballot.kind == Ballot.Kind.ELECTION and not ballot.options.exists():
        raise ValidationError(_("An election needs at least one candidate."))
    ballot.electorate_size = selectors.electorate(ballot).count()
    if ballot.secret:
        SecretCount.objects.bulk_create(SecretCount(option=o) for o in ballot.options.all())
    status_set(ballot, by, S.OPEN)
    notify(
        users=voters_of(ballot),
        action="governance.ballot.opened",
        message=gettext_noop("A vote is open for your organisation: %(ballot)s."),
        context={"ballot": ballot.titles},
        url=ballot.get_absolute_url(),
    )
    return ballot


def vote_refusal(ballot: Ballot, organisation: Organisation) -> str:
    """Why this organisation may not vote on this ballot now ("" when it may)."""
    name = organisation.name
    if organisation.membership_status == Organisation.Status.SUSPENDED:
        return _("%(name)s is suspended and cannot vote.") % {"name": name}
    if not selectors.electorate(ballot).filter(pk=organisation.pk).exists():
        return _("%(name)s is not in the electorate of this ballot.") % {"name": name}
    if selectors.arrears_blocks(organisation):
        return _(
            "The vote of %(name)s is suspended by the network's rule: its dues are in arrears."
        ) % {"name": name}
    return ""


def _choices(ballot: Ballot, option_ids: list[int]) -> list[BallotOption]:
    wanted = {int(pk) for pk in option_ids}
    options = list(ballot.options.filter(pk__in=wanted))
    if not options or len(options) != len(wanted) or len(wanted) != len(option_ids):
        raise ValidationError({"options": _("Choose among the ballot's options.")})
    if ballot.kind == Ballot.Kind.MOTION and len(options) != 1:
        raise ValidationError({"options": _("Choose one option.")})
    if len(options) > ballot.seats:
        raise ValidationError(
            {"options": _("Choose at most %(seats)s candidates.") % {"seats": ballot.seats}}
        )
    return options


@transaction.atomic
def vote_cast(
    *, by: User, ballot: Ballot, organisation: Organisation, option_ids: list[int]
) -> str:
    """Cast (or, where allowed, change) the organisation's one vote; returns the receipt code.
    A secret ballot adds the choice to its counters and records only *that* it voted."""
    ballot = locked_ballot(ballot)
    if not ballot.is_open(timezone.now()):
        raise ValidationError(_("This ballot is not open for voting."))
    if not by.has_perm("governance.vote", organisation):
        raise PermissionDenied(
            _("Only the designated voter of %(name)s votes for it.") % {"name": organisation.name}
        )
    refusal = vote_refusal(ballot, organisation)
    if refusal:
        raise ValidationError(refusal)
    options = _choices(ballot, option_ids)
    receipt = secrets.token_hex(6)
    digest = hashlib.sha256(receipt.encode()).hexdigest()
    existing = Participation.objects.filter(ballot=ballot, organisation=organisation).first()
    if existing and not ballot.changeable:
        raise ValidationError(
            _("%(name)s has already voted on this ballot.") % {"name": organisation.name}
        )
    participation = existing or Participation(ballot=ballot, organisation=organisation)
    participation.voter, participation.voted_at = by, timezone.now()
    participation.receipt_hash = digest
    participation.changes += 1 if existing else 0
    participation.save()
    if ballot.secret:
        SecretCount.objects.filter(option__in=options).update(votes=F("votes") + 1)
    else:
        participation.choices.set(options)
    after: dict[str, object] = {"organisation": organisation.pk}
    if not ballot.secret:
        after["choices"] = sorted(o.pk for o in options)
    audit_record(
        actor=by,
        action="governance.ballot.vote_changed" if existing else "governance.ballot.voted",
        obj=ballot,
        after=after,
    )
    return receipt


@transaction.atomic
def ballot_cancel(*, by: User, ballot: Ballot, reason: str) -> Ballot:
    ballot = locked_ballot(ballot)
    check_manager(by, ballot)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the ballot.")})
    if ballot.status in (S.CLOSED, S.CANCELLED):
        raise ValidationError(_("This ballot is already over."))
    return status_set(ballot, by, S.CANCELLED, reason.strip())
