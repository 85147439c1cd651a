"""Writes for meetings: convening (an event of kind "meeting", so it is in the calendars),
the agenda, attendance per seat, resolutions under the quorum rule, and action items."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations, language_codes
from tashbeek.events.ical import calendar_for
from tashbeek.events.models import Event
from tashbeek.notifications.models import date_param
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from .. import selectors
from ..models import ActionItem, AgendaItem, Attendance, Body, Decision, Meeting
from .register import decision_record, require_quorum

MEETING_FIELDS = ["titles", "starts_at", "ends_at", "time_zone", "mode", "venue", "online_url"]
ITEM_FIELDS = ["kind", "titles", "rapporteur", "papers"]
ACTION_FIELDS = ["agenda_item", "texts", "owner_organisation", "owner_person", "due_on", "status"]
RESOLUTION_FIELDS = ["titles", "texts", "visibility", "tally"]


def check_runs(by: User, obj: Body | Meeting) -> None:
    if not by.has_perm("governance.manage_body", obj):
        raise PermissionDenied(_("Only the secretariat and the body's chairs do this."))


def _default_titles(body: Body, number: int) -> dict:
    titles = {}
    for code in language_codes():
        with translation.override(code):
            name = body.names.get(code) or body.name
            titles[code] = _("Meeting %(number)s of %(body)s") % {"number": number, "body": name}
    return titles


@transaction.atomic
def meeting_convene(*, by: User, body: Body, data: dict) -> Meeting:
    """Convene a meeting: its event goes into the calendars, and every person of the body is
    told in their language, with the meeting's .ics."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    check_runs(by, body)
    number = (body.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    data = dict(data)
    titles = clean_translations(data.pop("titles", None)) or _default_titles(body, number)
    event = Event(
        titles=titles,
        kind=Event.Kind.MEETING,
        community=body.community,
        status=Event.Status.PUBLISHED,
        created_by=by,
        **data,
    )
    if event.mode == Event.Mode.ONLINE and not event.online_url:
        raise ValidationError({"online_url": _("Give the link of the online meeting.")})
    event.full_clean(exclude=["created_by"])
    event.save()
    meeting = Meeting.objects.create(body=body, event=event, number=number)
    audit_record(
        actor=by,
        action="governance.meeting.convened",
        obj=meeting,
        after={"body": body.pk, "event": event.pk, "starts_at": event.starts_at.isoformat()},
    )
    index_refresh(event)
    _notice(meeting)
    return meeting


NOTICES = {
    "convened": gettext_noop("%(body)s is convened: %(meeting)s."),
    "changed": gettext_noop(
        "%(meeting)s of %(body)s has changed: see the new date, place or link."
    ),
    "cancelled": gettext_noop("%(meeting)s of %(body)s is cancelled."),
}


def _notice(
    meeting: Meeting, what: str = "convened", *, told: frozenset[int] = frozenset()
) -> None:
    """Tell every person of the body (but those already `told`, as participants) that the
    meeting is convened, changed or cancelled, in their language, with its .ics."""
    event = meeting.event

    def mail(person: User) -> dict:
        ics = calendar_for([event], name=event.title, language=person.preferred_language)
        return {
            "template": f"governance/email/{'notice' if what == 'convened' else what}",
            "context": {"user": person, "event": event, "meeting": meeting},
            "attachments": [("meeting.ics", ics, "text/calendar")],
        }

    notify(
        users=[p for p in selectors.body_people(meeting.body) if p.pk not in told],
        action=f"governance.meeting.{what}",
        message=NOTICES[what],
        context={"body": meeting.body.names, "meeting": event.titles},
        url=meeting.get_absolute_url(),
        mail=mail,
    )


def meeting_changed_notice(*, event: Event, told: set[int]) -> None:
    """The meeting's event moved or was cancelled (events.slots.EVENT_CHANGED)."""
    meeting = Meeting.objects.filter(event=event).select_related("body", "event").first()
    if meeting is not None:
        what = "cancelled" if event.status == Event.Status.CANCELLED else "changed"
        _notice(meeting, what, told=frozenset(told))


def check_open(meeting: Meeting) -> None:
    if meeting.minutes_frozen:
        raise ValidationError(_("The minutes of this meeting are approved: it cannot change."))


def open_meeting_locked(by: User, pk: int) -> Meeting:
    """The meeting, its row locked for the caller's transaction, once checked that `by` runs
    its body and that its minutes are not yet approved (the record is then frozen)."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body", "event").get(pk=pk)
    )
    check_runs(by, meeting)
    check_open(meeting)
    return meeting


@transaction.atomic
def agenda_item_save(
    *, by: User, meeting: Meeting, data: dict, item: AgendaItem | None = None
) -> AgendaItem:
    """Add a numbered item (or change one), with its papers and rapporteur."""
    meeting = open_meeting_locked(by, meeting.pk)
    data = dict(data)
    papers = data.pop("papers", None)
    if "titles" in data:
        data["titles"] = clean_translations(data["titles"])
    before = snapshot(item, ITEM_FIELDS) if item else {}
    if item is None:
        number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
        item = AgendaItem(meeting=meeting, number=number)
    elif item.meeting_id != meeting.pk:
        raise PermissionDenied
    for key, value in data.items():
        setattr(item, key, value)
    if not item.titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    had = set(item.papers.values_list("pk", flat=True)) if item.pk else set()
    item = audited_save(
        item,
        by=by,
        fields=ITEM_FIELDS,
        before=before,
        actions=("governance.agenda_item.added", "governance.agenda_item.updated"),
        related={"papers": papers} if papers is not None else None,
    )
    if papers is not None and {paper.pk for paper in papers} - had:
        papers_notice(meeting, item)
    return item


def papers_notice(meeting: Meeting, item: AgendaItem) -> None:
    """New papers on an item: the body's people may read them before the meeting."""
    notify(
        users=selectors.body_people(meeting.body),
        action="governance.meeting.papers",
        message=gettext_noop("Papers are available for %(meeting)s, item %(number)s: %(item)s."),
        context={"meeting": meeting.event.titles, "number": item.number, "item": item.titles},
        url=meeting.get_absolute_url(),
    )


@transaction.atomic
def attendance_record(*, by: User, meeting: Meeting, statuses: dict[int, str]) -> selectors.Quorum:
    """Record attendance per seat ({seat id: status}); returns the quorum it gives."""
    meeting = open_meeting_locked(by, meeting.pk)
    seats = set(selectors.meeting_seats(meeting).values_list("pk", flat=True))
    unknown = set(statuses) - seats
    if unknown:
        raise ValidationError(_("Record attendance only for the seats of this body."))
    if set(statuses.values()) - set(Attendance.Status.values):
        raise ValidationError(_("Choose present, substitute, excused or absent."))
    before = selectors.attendance_of(meeting)
    for seat_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=meeting, seat_id=seat_id, defaults={"status": status}
        )
    after = selectors.attendance_of(meeting)
    audit_record(
        actor=by,
        action="governance.meeting.attendance",
        obj=meeting,
        before={str(k): v for k, v in before.items()},
        after={str(k): v for k, v in after.items()},
    )
    return selectors.quorum(meeting)


@transaction.atomic
def item_decide(*, by: User, item: AgendaItem, data: dict) -> Decision:
    """Record the resolution of an item put to decision: only with the quorum present, once."""
    meeting = open_meeting_locked(by, item.meeting_id)
    item = AgendaItem.objects.get(pk=item.pk)
    if item.kind != AgendaItem.Kind.DECISION:
        raise ValidationError(_("Only an item put to decision can be decided."))
    if Decision.objects.filter(agenda_item=item).exists():
        raise ValidationError(_("This item is already decided."))
    require_quorum(meeting)
    _check_tally(data.get("tally") or {})
    return decision_record(
        by=by,
        source=Decision.Source.RESOLUTION,
        decided_on=meeting.event.local_start.date(),
        body=meeting.body,
        agenda_item=item,
        **{k: v for k, v in data.items() if k in RESOLUTION_FIELDS},
    )


def _check_tally(tally: dict) -> None:
    if not isinstance(tally, dict) or any(
        key not in ("for", "against", "abstain") or not isinstance(n, int) or n < 0
        for key, n in tally.items()
    ):
        message = _("Give the votes as whole numbers for, against, abstain.")
        raise ValidationError({"tally": message})


@transaction.atomic
def action_item_save(
    *, by: User, meeting: Meeting, data: dict, action: ActionItem | None = None
) -> ActionItem:
    """An action from the meeting (or a change to one): who does what by when."""
    data = dict(data)
    if action is None:
        check_runs(by, meeting)
        action = ActionItem(meeting=meeting)
        before = {}
    else:
        if not by.has_perm("governance.update_action", action):
            raise PermissionDenied(_("Only the owner and the body's organisers change it."))
        if not by.has_perm("governance.manage_body", meeting):
            data = {"status": data["status"]} if "status" in data else {}  # owners: status only
        action = ActionItem.objects.select_for_update().get(pk=action.pk)
        before = snapshot(action, ACTION_FIELDS)
    if "texts" in data:
        data["texts"] = clean_translations(data["texts"])
    for key, value in data.items():
        setattr(action, key, value)
    if not action.texts:
        raise ValidationError({"texts": _("Say what is to be done.")})
    item = action.agenda_item if action.agenda_item_id else None
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting.")})
    return audited_save(
        action,
        by=by,
        fields=ACTION_FIELDS,
        before=before,
        actions=("governance.action.added", "governance.action.updated"),
    )


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the owners of open action items due within three days, or late (once each)."""
    today = today or timezone.localdate()
    due = ActionItem.objects.filter(
        status=ActionItem.Status.OPEN,
        reminded_on__isnull=True,
        due_on__lte=today + datetime.timedelta(days=3),
    ).select_related("meeting", "owner_organisation", "owner_person")
    for action in due:
        people = [action.owner_person] if action.owner_person else []
        if action.owner_organisation:
            people += [
                a.user
                for a in action.owner_organisation.affiliations.filter(role="focal").select_related(
                    "user"
                )
            ]
        notify(
            users=people,
            action="governance.action.due",
            message=gettext_noop("An action item is due on %(due)s: %(action)s."),
            context={"action": action.texts, "due": date_param(action.due_on)},
            url=action.meeting.get_absolute_url(),
        )
        ActionItem.objects.filter(pk=action.pk).update(reminded_on=today)
    return len(due)
