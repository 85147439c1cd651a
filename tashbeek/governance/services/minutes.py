"""The minutes' life: drafted item by item → circulated to the body → approved (at a later
meeting or by written procedure) and frozen → published. A correction after approval is a
new version with its reason; every version stays readable."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.notifications.services import notify

from .. import selectors
from ..models import Meeting, MinutesVersion
from .meetings import check_runs

M = Meeting.Minutes


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body", "event")
        .get(pk=meeting.pk)
    )


def _write(meeting: Meeting, minutes: dict[int, tuple[str, bool]]) -> None:
    items = {item.pk: item for item in meeting.items.all()}
    if set(minutes) - set(items):
        raise ValidationError(_("Write minutes only for the items of this meeting."))
    for pk, (text, public) in minutes.items():
        item = items[pk]
        item.minutes, item.minutes_public = (text or "").strip(), bool(public)
        item.save(update_fields=["minutes", "minutes_public"])


def _transition(meeting: Meeting, by: User, allowed: set, target: str, **fields: object) -> Meeting:
    if meeting.minutes_status not in allowed:
        raise ValidationError(_("The minutes are not at that stage."))
    before = meeting.minutes_status
    meeting.minutes_status = target
    for key, value in fields.items():
        setattr(meeting, key, value)
    meeting.save()
    audit_record(
        actor=by,
        action=f"governance.minutes.{target}",
        obj=meeting,
        before={"minutes_status": before},
        after={"minutes_status": target, "minutes_version": meeting.minutes_version},
    )
    return meeting


def _freeze(meeting: Meeting, by: User, reason: str = "") -> MinutesVersion:
    meeting.minutes_version += 1
    return MinutesVersion.objects.create(
        meeting=meeting,
        number=meeting.minutes_version,
        items=[
            {
                "number": item.number,
                "titles": item.titles,
                "minutes": item.minutes,
                "public": item.minutes_public,
            }
            for item in meeting.items.all()
        ],
        reason=reason,
        approved_by=by,
    )


@transaction.atomic
def minutes_save(*, by: User, meeting: Meeting, minutes: dict[int, tuple[str, bool]]) -> Meeting:
    """Draft the minutes ({item id: (text, public)}); approved minutes are only corrected."""
    meeting = _locked(meeting)
    check_runs(by, meeting)
    if meeting.minutes_frozen:
        raise ValidationError(
            _("The minutes are approved: correct them with a reason, as a new version.")
        )
    _write(meeting, minutes)
    audit_record(actor=by, action="governance.minutes.drafted", obj=meeting)
    return meeting


@transaction.atomic
def minutes_circulate(*, by: User, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    check_runs(by, meeting)
    meeting = _transition(meeting, by, {M.DRAFT}, M.CIRCULATED)
    notify(
        users=selectors.body_people(meeting.body),
        action="governance.minutes.circulated",
        message=gettext_noop("The minutes of %(meeting)s are ready for your approval."),
        context={"meeting": meeting.event.titles},
        url=meeting.get_absolute_url(),
    )
    return meeting


@transaction.atomic
def minutes_approve(
    *,
    by: User,
    meeting: Meeting,
    at_meeting: Meeting | None = None,
    on: datetime.date | None = None,
) -> Meeting:
    """Approve circulated minutes at a later meeting of the body, or (no meeting) by written
    procedure; the approved text is frozen as version 1."""
    meeting = _locked(meeting)
    check_runs(by, meeting)
    if at_meeting is not None and (
        at_meeting.body_id != meeting.body_id or at_meeting.number <= meeting.number
    ):
        raise ValidationError(_("Minutes are approved at a later meeting of the same body."))
    if meeting.minutes_status != M.CIRCULATED:
        raise ValidationError(_("The minutes are not at that stage."))
    _freeze(meeting, by)
    return _transition(
        meeting,
        by,
        {M.CIRCULATED},
        M.APPROVED,
        minutes_approved_on=on or timezone.localdate(),
        minutes_approved_at=at_meeting,
    )


@transaction.atomic
def minutes_publish(*, by: User, meeting: Meeting) -> Meeting:
    meeting = _locked(meeting)
    check_runs(by, meeting)
    return _transition(meeting, by, {M.APPROVED}, M.PUBLISHED)


@transaction.atomic
def minutes_correct(
    *, by: User, meeting: Meeting, minutes: dict[int, tuple[str, bool]], reason: str
) -> MinutesVersion:
    """Correct approved minutes: a new frozen version carrying the reason."""
    meeting = _locked(meeting)
    check_runs(by, meeting)
    reason = (reason or "").strip()
    if not meeting.minutes_frozen:
        raise ValidationError(_("Only approved minutes are corrected; edit the draft instead."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    _write(meeting, minutes)
    version = _freeze(meeting, by, reason)
    meeting.save(update_fields=["minutes_version"])
    audit_record(
        actor=by,
        action="governance.minutes.corrected",
        obj=meeting,
        after={"minutes_version": version.number},
        reason=reason,
    )
    return version
