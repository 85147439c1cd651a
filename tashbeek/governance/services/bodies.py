"""Writes for bodies and their seats."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Affiliation, MembershipDecision, Organisation

from ..models import Body, Seat
from ..models.bodies import current_seats_q

BODY_FIELDS = [
    "slug",
    "names",
    "mandates",
    "kind",
    "community",
    "seats",
    "term_months",
    "holders",
    "quorum",
    "meets_every_days",
]
SEAT_FIELDS = [
    "organisation",
    "person",
    "substitute",
    "starts_on",
    "ends_on",
    "filled_by",
    "decision",
]
LOSES_SEAT = {
    MembershipDecision.Kind.SUSPENDED,
    MembershipDecision.Kind.ENDED,
    MembershipDecision.Kind.WITHDRAWN,
}


@transaction.atomic
def body_save(*, by: User, data: dict, body: Body | None = None) -> Body:
    if not by.has_perm("governance.manage_bodies"):
        raise PermissionDenied(_("Only the secretariat defines the network's bodies."))
    data = dict(data)
    chairs = data.pop("chairs", None)
    for key in ("names", "mandates"):
        if key in data:
            data[key] = clean_translations(data[key])
    before = snapshot(body, BODY_FIELDS) if body else {}
    body = body or Body()
    for key, value in data.items():
        setattr(body, key, value)
    if not body.names:
        raise ValidationError({"names": _("Give the name in at least one language.")})
    body = audited_save(
        body,
        by=by,
        fields=BODY_FIELDS,
        before=before,
        actions=("governance.body.created", "governance.body.updated"),
        related={"chairs": chairs} if chairs is not None else None,
    )
    if body.seats_follow_membership:
        assembly_seats_sync(by=by, body=body)
        body.refresh_from_db(fields=["seats"])
    return body


def _check_holder(body: Body, seat: Seat, today: datetime.date) -> None:
    if body.holders == Body.Holders.ORGANISATIONS:
        organisation = seat.organisation
        if organisation is None:
            raise ValidationError({"organisation": _("Seats of this body belong to members.")})
        if (
            organisation.relation != Organisation.Relation.MEMBER
            or organisation.membership_status != Organisation.Status.ACTIVE
        ):
            raise ValidationError(
                {"organisation": _("Only a member in good standing can hold a seat.")}
            )
        taken = body.terms.filter(current_seats_q(today), organisation=organisation)
    else:
        if seat.person is None:
            raise ValidationError({"person": _("Seats of this body are held by people.")})
        taken = body.terms.filter(current_seats_q(today), person=seat.person)
    if taken.exists():
        raise ValidationError(_("This holder already has a seat on the body."))


def term_end(starts_on: datetime.date, months: int) -> datetime.date:
    """The last day of a term of `months` months: 2026-03-15 + 24 months → 2028-03-14."""
    year, month = divmod(starts_on.month - 1 + months, 12)
    year, month = starts_on.year + year, month + 1
    day = min(starts_on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day) - datetime.timedelta(days=1)


@transaction.atomic
def seat_assign(*, by: User, body: Body, data: dict) -> Seat:
    """A new term on the body: the body's row is locked, so two assignments at once cannot
    fill more seats than the body has."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    if not by.has_perm("governance.manage_body", body):
        raise PermissionDenied(_("Only the secretariat and the body's chairs fill its seats."))
    if body.seats_follow_membership:
        raise ValidationError(
            _("Every member in good standing holds a seat of the general assembly by right.")
        )
    seat = Seat(body=body, **data)
    if seat.starts_on is None:
        raise ValidationError({"starts_on": _("Give the start of the term.")})
    if seat.ends_on is None and body.term_months:
        seat.ends_on = term_end(seat.starts_on, body.term_months)
    _check_holder(body, seat, seat.starts_on)
    if body.terms.filter(current_seats_q(seat.starts_on)).count() >= body.seats:
        raise ValidationError(_("Every seat of this body is taken on that date."))
    seat.full_clean()
    seat.save()
    audit_record(
        actor=by, action="governance.seat.assigned", obj=seat, after=snapshot(seat, SEAT_FIELDS)
    )
    return seat


@transaction.atomic
def seat_end(*, by: User, seat: Seat, left_on: datetime.date, reason: str) -> Seat:
    """A holder leaves before the end of its term, with a written reason."""
    if not by.has_perm("governance.manage_body", seat.body):
        raise PermissionDenied(_("Only the secretariat and the body's chairs end a term."))
    return _end(seat, left_on, reason, by)


def _end(seat: Seat, left_on: datetime.date, reason: str, actor: User) -> Seat:
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason why the term ends.")})
    if seat.left_on is not None:
        raise ValidationError(_("This term has already ended."))
    if left_on < seat.starts_on:
        raise ValidationError({"left_on": _("A term cannot end before it starts.")})
    seat.left_on, seat.left_reason = left_on, reason
    seat.save(update_fields=["left_on", "left_reason"])
    audit_record(
        actor=actor,
        action="governance.seat.ended",
        obj=seat,
        after={"left_on": left_on.isoformat()},
        reason=reason,
    )
    return seat


def seats_end_for_member(*, decision: MembershipDecision, by: User) -> int:
    """A suspended or departing member loses its running seats, the decision as the reason."""
    if decision.kind not in LOSES_SEAT or decision.organisation_id is None:
        return 0
    seats = Seat.objects.filter(
        current_seats_q(decision.effective_on), organisation_id=decision.organisation_id
    )
    reason = f"{decision.get_kind_display()}: {decision.reasons}"
    for seat in seats:
        _end(seat, decision.effective_on, reason, by)
    return len(seats)


@transaction.atomic
def assembly_seats_sync(
    *, by: User, body: Body, on: datetime.date | None = None
) -> tuple[int, int]:
    """The general assembly follows membership: every member in good standing holds a seat by
    right, represented by its focal person, and one no longer in good standing leaves it. The
    body's number of seats becomes the number of members, so the quorum counts them all.
    Nobody chooses here (it applies membership decisions already taken), so no permission is
    asked; `by` is recorded. Returns (seats added, seats ended)."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    if not body.seats_follow_membership:
        return 0, 0
    on = on or timezone.localdate()
    active = set(
        Organisation.objects.filter(
            relation=Organisation.Relation.MEMBER, membership_status=Organisation.Status.ACTIVE
        ).values_list("pk", flat=True)
    )
    # Seats not ended by `on`, including one that starts later (a member accepted from a
    # future date): the member holds it already, so no second seat from today.
    running = body.terms.filter(left_on__isnull=True).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    seated = set(running.values_list("organisation_id", flat=True))
    joining = sorted(active - seated)
    focal = dict(
        Affiliation.objects.filter(organisation_id__in=joining, role=Affiliation.Role.FOCAL)
        .order_by("-pk")
        .values_list("organisation_id", "user_id")
    )
    Seat.objects.bulk_create(
        Seat(
            body=body,
            organisation_id=pk,
            person_id=focal.get(pk),
            starts_on=on,
            filled_by=Seat.FilledBy.MEMBERSHIP,
        )
        for pk in joining
    )
    leaving = list(running.filter(organisation_id__in=seated - active))
    for seat in leaving:  # a seat not yet begun ends the day it would have begun
        _end(seat, max(on, seat.starts_on), _("No longer a member in good standing."), by)
    before = body.seats
    body.seats = max(1, len(active))
    if joining or leaving or body.seats != before:
        Body.objects.filter(pk=body.pk).update(seats=body.seats)
        audit_record(
            actor=by,
            action="governance.body.seats_synced",
            obj=body,
            before={"seats": before},
            after={"seats": body.seats, "joined": joining, "left": len(leaving)},
        )
    return len(joining), len(leaving)


def assemblies_sync(*, by: User, on: datetime.date | None = None) -> int:
    """Bring every general assembly in line with membership; returns the seats changed."""
    changed = 0
    for body in Body.objects.filter(kind=Body.Kind.ASSEMBLY, holders=Body.Holders.ORGANISATIONS):
        changed += sum(assembly_seats_sync(by=by, body=body, on=on))
    return changed
