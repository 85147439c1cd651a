"""iCalendar (RFC 5545) for events: one event as an attachment, and feeds. Times carry their
TZID and the matching VTIMEZONE, so calendars show them right wherever the reader is."""

import datetime

import icalendar
from django.conf import settings
from django.utils import translation

from tashbeek.core.i18n import pick

PRODID = "-//Tashbeek//Events//AR"


def _vevent(event, language: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://')[-1].split('/')[0]}")
    item.add("dtstamp", datetime.datetime.now(datetime.UTC))
    item.add("sequence", event.sequence)
    item.add("dtstart", event.local_start)
    item.add("dtend", event.local_end)
    item.add("summary", pick(event.titles, language))
    description = pick(event.descriptions, language)
    if description:
        item.add("description", description)
    if event.venue:
        item.add("location", event.venue)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    item.add("url", settings.SITE_URL + event.get_absolute_url())
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    item.add("last-modified", event.updated_at)
    return item


def calendar_for(events, *, name: str, language: str | None = None) -> bytes:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()
