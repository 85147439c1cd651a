"""Times shown in the zone they belong to, and dates, times and ranges in the reader's locale.

An event at 22:00 in Hebron is at 22:00 on its page, in its e-mails and in its `.ics`. Django's
`date` and `time` filters turn every aware datetime into the *server's* zone before formatting,
so a value converted to the event's zone beforehand comes out in UTC again. `in_zone` returns a
datetime that the template engine leaves alone (the flag Django's own `timezone` filter uses),
and `format_span` writes a start–end range once, for pages, e-mails and exports alike.
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

TIME_ZONES = sorted(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("Not a known time zone."), code="invalid")


class ZonedDateTime(datetime.datetime):
    """A datetime already in the zone it is to be shown in: templates do not convert it."""

    convert_to_local_time = False


def zone_of(name: str | datetime.tzinfo | None) -> datetime.tzinfo:
    """A tzinfo from an IANA name (the server's zone when empty or unknown)."""
    if isinstance(name, datetime.tzinfo):
        return name
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def in_zone(value: datetime.datetime | None, zone) -> ZonedDateTime | None:
    """`value` as wall-clock time in `zone`, kept that way by templates."""
    if value is None:
        return None
    local = value.astimezone(zone_of(zone))
    return ZonedDateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=local.tzinfo,
        fold=local.fold,
    )


def format_datetime(value: datetime.datetime, zone, fmt: str = "DATETIME_FORMAT") -> str:
    """One moment in `zone`, in the active language's format."""
    return date_format(in_zone(value, zone), fmt)


def format_span(start: datetime.datetime, end: datetime.datetime | None, zone) -> str:
    """ "4 December 2026, 22:00–23:30" in `zone`; both dates when it ends on another day."""
    start = in_zone(start, zone)
    text = date_format(start, "DATETIME_FORMAT")
    if end is None:
        return text
    end = in_zone(end, zone)
    if end.date() == start.date():
        return f"{text}–{time_format(end, 'TIME_FORMAT')}"
    return f"{text} – {date_format(end, 'DATETIME_FORMAT')}"


def differs(start: datetime.datetime, zone, other) -> bool:
    """Whether wall-clock time in `other` differs from `zone` at that moment."""
    if not other:
        return False
    return in_zone(start, zone).utcoffset() != in_zone(start, other).utcoffset()
