"""Event times in the event's own zone, in every language: page, lists, calendar, community
page, confirmation e-mail and `.ics` agree; the reader's own time is shown where it differs."""

import datetime

import ics
import pytest
from django.core import mail
from django.utils import translation

from tashbeek.core.dates import format_span
from tashbeek.events import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]

# 20:00–23:00 UTC on 4 December 2028 is 22:00–01:00 in Hebron (UTC+2 in winter).
START = datetime.datetime(2028, 12, 4, 20, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=3)
LANGUAGES = ["ar", "he", "fr", "en"]


@pytest.fixture
def hebron_event(community, coordinator):
    return services.event_save(
        by=coordinator,
        data={
            "titles": {
                "ar": "لقاء الحوار",
                "he": "מפגש דיאלוג",
                "fr": "Dialogue",
                "en": "Dialogue",
            },
            "kind": "dialogue",
            "community": community,
            "starts_at": START,
            "ends_at": END,
            "registration_deadline": START - datetime.timedelta(days=1),
            "time_zone": "Asia/Hebron",
            "mode": "in_person",
            "venue": "Hebron",
        },
    )


def _in(client, language: str):
    client.cookies["tashbeek_language"] = language
    return client


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_shows_the_events_own_wall_clock(client, hebron_event, community, language):
    _in(client, language)
    detail = _text(client.get(hebron_event.get_absolute_url()))
    listing = _text(client.get("/events/"))
    calendar = _text(client.get("/events/calendar/?month=2028-12"))
    platform = _text(client.get(community.get_absolute_url()))
    for page in (detail, listing, calendar, platform):
        assert "22:00" in page
        assert "20:00" not in page  # the UTC value, shown before
    assert "01:00" in detail and "Asia/Hebron" in detail
    # The deadline is in the event's zone too: 3 December, 22:00 local.
    with translation.override(language):
        assert format_span(START - datetime.timedelta(days=1), None, "Asia/Hebron") in detail


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_email_and_ics_agree(client, hebron_event, staff_aourir, language):
    staff_aourir.preferred_language = language
    staff_aourir.save()
    services.registration_create(event=hebron_event, user=staff_aourir)
    (message,) = [m for m in mail.outbox if m.to == [staff_aourir.email]]
    with translation.override(language):
        expected = format_span(START, END, "Asia/Hebron")
    assert expected in message.body
    assert "(Asia/Hebron)" in message.body
    client.force_login(staff_aourir)
    assert expected in _text(_in(client, language).get(hebron_event.get_absolute_url()))
    _name, content, _type = message.attachments[0]
    (item,) = ics.Calendar(content.decode() if isinstance(content, bytes) else content).events
    assert item.begin.datetime.strftime("%H:%M") == "22:00"
    assert item.end.datetime.strftime("%H:%M") == "01:00"
    assert item.begin.datetime.astimezone(datetime.UTC) == START
    downloaded = ics.Calendar(_text(client.get(f"/events/{hebron_event.pk}/event.ics")))
    assert next(iter(downloaded.events)).begin == item.begin


def test_the_readers_own_zone_is_shown_beside_where_it_differs(client, hebron_event, resident):
    resident.time_zone = "Africa/Casablanca"  # UTC+1 in December 2028: 21:00
    resident.save()
    client.force_login(resident)
    page = _text(_in(client, "en").get(hebron_event.get_absolute_url()))
    assert "your time: 4 December 2028, 21:00 – 5 December 2028, 00:00" in page
    resident.time_zone = "Asia/Jerusalem"  # same offset as Hebron that day: nothing extra
    resident.save()
    assert "your time" not in _text(client.get(hebron_event.get_absolute_url()))


@pytest.mark.parametrize(
    ("language", "date", "short"),
    [
        ("ar", "4 ديسمبر 2028", "04/12/2028"),
        ("he", "4 בדצמבר 2028", "04.12.2028"),
        ("fr", "4 décembre 2028", "04/12/2028"),
        ("en", "4 December 2028", "04/12/2028"),
    ],
)
def test_dates_are_day_month_year_with_a_24_hour_clock(language, date, short):
    from django.utils.formats import date_format

    with translation.override(language):
        local = START.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
        assert date_format(local, "DATE_FORMAT") == date
        assert date_format(local, "SHORT_DATE_FORMAT") == short
        assert date_format(local, "TIME_FORMAT") == "22:00"
        assert format_span(START, START + datetime.timedelta(hours=1), "Asia/Hebron").endswith(
            "22:00–23:00"
        )


def test_the_ics_link_keeps_its_dot_and_parentheses_on_rtl_pages(client, hebron_event):
    _in(client, "ar")
    html = _text(client.get(hebron_event.get_absolute_url()))
    assert '<bdi dir="ltr">(.ics)</bdi></a>' in html
