"""Writes for events: organising, registering with a waitlist, cancelling (which promotes the
next person), attendance and the report. Each is one transaction with an audit entry."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Organisation
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from .ical import calendar_for
from .models import AgendaItem, Event, Registration
from .slots import EVENT_CHANGED

EVENT_FIELDS = [
    "titles",
    "descriptions",
    "kind",
    "community",
    "status",
    # Before the times: the form reads the times in the event's own zone.
    "time_zone",
    "starts_at",
    "ends_at",
    "mode",
    "venue",
    "latitude",
    "longitude",
    "online_url",
    "capacity",
    "registration_deadline",
    "ask_contribution",
    "report",
]


def _check_organiser(by: User, event: Event) -> None:
    if event.pk is None:
        if event.community is not None:
            allowed = by.has_perm("communities.manage_community", event.community)
        else:
            allowed = by.has_perm("events.add_network_event")
    else:
        allowed = by.has_perm("events.change_event", event)
    if not allowed:
        raise PermissionDenied(
            _("Only the community's coordinators or the secretariat organise it.")
        )


@transaction.atomic
def event_save(
    *, by: User, data: dict, event: Event | None = None, agenda: list[dict] | None = None
) -> Event:
    """Create or change an event (and replace its agenda when one is given)."""
    event = event or Event(created_by=by)
    before = snapshot(event, EVENT_FIELDS) if event.pk else {}
    for key in ("titles", "descriptions"):
        if key in data:
            data[key] = clean_translations(data[key])
    for key, value in data.items():
        setattr(event, key, value)
    _check_organiser(by, event)
    if not event.titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if event.ends_at and event.starts_at and event.ends_at < event.starts_at:
        raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
    event.full_clean(exclude=["created_by"])
    changed = _schedule_changed(before, event)
    if changed:
        event.sequence += 1
    event.save()
    if agenda is not None:
        event.agenda.all().delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(event=event, position=i, **item) for i, item in enumerate(agenda)
        )
    audit_record(
        actor=by,
        action="events.event.updated" if before else "events.event.created",
        obj=event,
        before=before,
        after=snapshot(event, EVENT_FIELDS),
    )
    index_refresh(event)
    if changed:
        told = _tell_change(event)
        EVENT_CHANGED.collect(event=event, told=told)
    return event


# What a participant plans around: a change to any of these is announced.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "time_zone", "mode", "venue", "online_url")


def _schedule_changed(before: dict, event: Event) -> bool:
    """A published event moved (time, place, link) or was cancelled; a draft changes quietly."""
    if not before or before.get("status") == Event.Status.DRAFT:
        return False
    if event.status == Event.Status.CANCELLED:
        return before.get("status") != Event.Status.CANCELLED
    now = snapshot(event, list(SCHEDULE_FIELDS))
    return any(now[name] != before.get(name) for name in SCHEDULE_FIELDS)


def _tell_change(event: Event) -> set[int]:
    """Everyone registered (confirmed or waiting) is told, with the new .ics; returns who."""
    registrations = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user")
    )
    template = "event_cancelled" if event.status == Event.Status.CANCELLED else "changed"
    for registration in registrations:
        _tell(registration, template)
    return {registration.user_id for registration in registrations}


TELL = {
    "confirmed": gettext_noop("Your registration for “%(event)s” is confirmed."),
    "waitlisted": gettext_noop("“%(event)s” is full: you are on the waitlist."),
    "promoted": gettext_noop("A seat freed up: your registration for “%(event)s” is confirmed."),
    "reminder": gettext_noop("Reminder: “%(event)s” starts within a day."),
    "changed": gettext_noop("“%(event)s” has changed: see the new date, place or link."),
    "event_cancelled": gettext_noop("“%(event)s” is cancelled."),
}


def _tell(registration: Registration, template: str) -> None:
    """Confirmation, waitlist, promotion or reminder: a notification (in-app, and e-mail as
    the person chose); the e-mail sent at once carries the event as an .ics attachment."""
    user, event = registration.user, registration.event

    def mail(person: User) -> dict:
        ics = calendar_for([event], name=event.title, language=person.preferred_language)
        return {
            "template": f"events/email/{template}",
            "context": {"user": person, "event": event, "registration": registration},
            "attachments": [("event.ics", ics, "text/calendar")],
        }

    notify(
        users=[user],
        action=f"events.registration.{template}",
        message=TELL[template],
        context={"event": event.titles},
        url=event.get_absolute_url(),
        mail=mail,
    )


def _open_for_registration(event: Event) -> None:
    now = timezone.now()
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("Registration is not open for this event."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started."))
    if event.registration_deadline and event.registration_deadline < now:
        raise ValidationError(_("The registration deadline has passed."))


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User,
    organisation: Organisation | None = None,
    contribution: str = "",
    experience: Any = None,  # an Experience: its app sits above this one
) -> Registration:
    """Register: a confirmed seat while there are seats, the waitlist after. The event row is
    locked, so simultaneous registrations never give away more seats than there are."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    _open_for_registration(event)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        return registration
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    registration = registration or Registration(event=event, user=user)
    registration.status = status
    registration.organisation = organisation
    registration.contribution = contribution.strip()
    registration.experience = experience if event.ask_contribution else None
    registration.queued_at = timezone.now()
    registration.save()
    audit_record(
        actor=user,
        action=f"events.registration.{status}",
        obj=event,
        after={"user": user.pk, "status": status},
    )
    _tell(registration, "confirmed" if status == Registration.Status.CONFIRMED else "waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first person on the waitlist, who is
    told at once. Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if by.pk != registration.user_id and not by.has_perm("events.change_event", event):
        raise PermissionDenied
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    freed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="events.registration.cancelled",
        obj=event,
        before={"user": registration.user_id, "status": "confirmed" if freed else "waitlisted"},
    )
    if not freed or event.starts_at <= timezone.now():
        return None
    promoted = (
        event.registrations.select_for_update()
        .filter(status=Registration.Status.WAITLISTED)
        .order_by("queued_at", "id")
        .first()
    )
    if promoted:
        promoted.status = Registration.Status.CONFIRMED
        promoted.save(update_fields=["status"])
        audit_record(
            actor=None,
            action="events.registration.promoted",
            obj=event,
            after={"user": promoted.user_id},
        )
        _tell(promoted, "promoted")
    return promoted


@transaction.atomic
def attendance_record(*, event: Event, by: User, present_ids: set[int]) -> int:
    """Mark who attended (registration ids); returns how many attended."""
    if not by.has_perm("events.change_event", event):
        raise PermissionDenied
    rows = event.registrations.filter(status=Registration.Status.CONFIRMED)
    rows.filter(pk__in=present_ids).update(attended=True)
    rows.exclude(pk__in=present_ids).update(attended=False)
    audit_record(
        actor=by,
        action="events.attendance.recorded",
        obj=event,
        after={"present": sorted(present_ids)},
    )
    return len(present_ids)


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind confirmed participants of events starting within a day (once each)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=1),
    ).select_related("event", "user")
    sent = 0
    for registration in due:
        with transaction.atomic():
            _tell(registration, "reminder")
            Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        sent += 1
    return sent
