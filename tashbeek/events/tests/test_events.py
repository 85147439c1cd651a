"""Events: registration with seats and a waitlist, promotion on cancellation, deadlines,
the online link, attendance, reminders and iCalendar files parsed by an independent parser."""

import datetime

import ics
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tashbeek.events import selectors, services
from tashbeek.events.models import Registration
from tashbeek.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def test_full_event_waitlists_and_promotes_on_cancellation(event, staff_aourir, focal_aourir):
    first = services.registration_create(event=event, user=staff_aourir)
    second = services.registration_create(event=event, user=focal_aourir)
    third_person = UserFactory(preferred_language="fr")
    third = services.registration_create(event=event, user=third_person)
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert any("liste d'attente" in m.subject for m in mail.outbox if m.to == [third_person.email])
    promoted = services.registration_cancel(registration=first, by=staff_aourir)
    assert promoted.pk == third.pk
    third.refresh_from_db()
    assert third.status == "confirmed"
    promotion = [m for m in mail.outbox if m.to == [third_person.email]][-1]
    assert "place" in promotion.subject
    filename, content, mimetype = promotion.attachments[0]
    assert filename == "event.ics" and mimetype == "text/calendar"
    parsed = ics.Calendar(content if isinstance(content, str) else content.decode())
    assert len(parsed.events) == 1


def test_registering_twice_keeps_one_row_and_reregistering_after_cancel_queues_again(
    event, staff_aourir
):
    registration = services.registration_create(event=event, user=staff_aourir)
    assert services.registration_create(event=event, user=staff_aourir).pk == registration.pk
    services.registration_cancel(registration=registration, by=staff_aourir)
    again = services.registration_create(event=event, user=staff_aourir)
    assert again.pk == registration.pk and again.status == "confirmed"
    assert Registration.objects.count() == 1


def test_deadline_and_started_events_refuse_registration(event, staff_aourir, coordinator):
    services.event_save(
        by=coordinator,
        event=event,
        data={"registration_deadline": timezone.now() - datetime.timedelta(hours=1)},
    )
    with pytest.raises(ValidationError):
        services.registration_create(event=event, user=staff_aourir)


def test_online_link_only_for_confirmed_participants(client, event, staff_aourir, resident):
    url = f"/events/{event.pk}/"
    assert "secret-room" not in client.get(url).content.decode()
    client.force_login(resident)
    assert "secret-room" not in client.get(url).content.decode()
    client.force_login(staff_aourir)
    client.post(url + "register/")
    assert "secret-room" in client.get(url).content.decode()


def test_ics_carries_the_time_zone_and_parses_independently(client, event):
    response = client.get(f"/events/{event.pk}/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Africa/Tunis" in text
    parsed = ics.Calendar(text)
    (item,) = parsed.events
    assert item.begin.datetime.utcoffset() == datetime.timedelta(hours=1)  # Tunis, no DST
    assert item.begin.datetime.astimezone(datetime.UTC) == event.starts_at
    assert item.name == "ورشة التواصل مع السكان"


def test_feeds_network_community_and_personal(client, event, staff_aourir):
    for url in ("/events/feed.ics", f"/events/communities/{event.community.slug}/feed.ics"):
        assert len(ics.Calendar(client.get(url).content.decode()).events) == 1
    services.registration_create(event=event, user=staff_aourir)
    token = selectors.feed_token(staff_aourir)
    personal = client.get(f"/events/feeds/{token}/mine.ics")
    assert len(ics.Calendar(personal.content.decode()).events) == 1
    assert client.get(f"/events/feeds/{token}x/mine.ics").status_code == 404


def test_drafts_are_seen_only_by_organisers(client, event, coordinator, resident):
    services.event_save(by=coordinator, event=event, data={"status": "draft"})
    assert client.get(f"/events/{event.pk}/").status_code == 404
    assert client.get("/events/feed.ics").content.count(b"BEGIN:VEVENT") == 0
    client.force_login(coordinator)
    assert client.get(f"/events/{event.pk}/").status_code == 200


def test_attendance_rolls_up_per_organisation(client, event, coordinator, staff_aourir, aourir):
    registration = services.registration_create(event=event, user=staff_aourir, organisation=aourir)
    client.force_login(coordinator)
    client.post(f"/events/{event.pk}/attendance/", {"present": [str(registration.pk)]})
    registration.refresh_from_db()
    assert registration.attended
    assert selectors.attendance_by_organisation(event) == [(aourir.name, 1)]


def test_reminders_go_once(event, staff_aourir):
    services.registration_create(event=event, user=staff_aourir)
    soon = event.starts_at - datetime.timedelta(hours=2)
    assert services.reminders_send(now=soon) == 1
    assert services.reminders_send(now=soon) == 0


def test_organiser_creates_an_event_in_local_time(client, coordinator, community):
    client.force_login(coordinator)
    response = client.post(
        "/events/new/",
        {
            "titles_ar": "زيارة دراسية إلى أورير",
            "kind": "study_visit",
            "community": community.pk,
            "status": "published",
            "time_zone": "Africa/Casablanca",
            "starts_at": "2027-05-10T09:00",
            "ends_at": "2027-05-10T17:00",
            "mode": "in_person",
            "venue": "دار الجماعة، أورير",
            "capacity": "٢٠",
            "agenda": "09:00 | الاستقبال | رئيس الجماعة\n10:30 | زيارة مركز النقل المدرسي |",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    from tashbeek.events.models import Event

    created = Event.objects.get(titles__ar="زيارة دراسية إلى أورير")
    assert created.capacity == 20
    assert created.starts_at == datetime.datetime(2027, 5, 10, 8, 0, tzinfo=datetime.UTC)
    assert [a.title for a in created.agenda.all()] == ["الاستقبال", "زيارة مركز النقل المدرسي"]


def test_script_in_free_text_is_inert(client, coordinator, event):
    services.event_save(
        by=coordinator, event=event, data={"descriptions": {"ar": "<script>alert(1)</script>"}}
    )
    html = client.get(f"/events/{event.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_list_query_count_does_not_grow(client, event, coordinator, django_assert_max_num_queries):
    for i in range(15):
        services.event_save(
            by=coordinator,
            data={
                "titles": {"ar": f"ورشة {i}"},
                "kind": "webinar",
                "community": event.community,
                "starts_at": event.starts_at + datetime.timedelta(days=i),
                "ends_at": event.ends_at + datetime.timedelta(days=i),
                "mode": "online",
                "online_url": "https://meet.example.org/x",
            },
        )
    with django_assert_max_num_queries(6):
        client.get("/events/")


def test_the_calendar_places_events_on_their_local_day(client, event):
    local = event.local_start
    response = client.get(reverse("events:calendar") + f"?month={local.year}-{local.month:02d}")
    assert response.status_code == 200
    days = [day for week in response.context["weeks"] for day in week]
    (cell,) = [day for day in days if day["date"] == local.date()]
    assert event in cell["events"]
    assert sum(len(day["events"]) for day in days) == 1
    assert client.get(reverse("events:calendar") + "?month=2026-13").status_code == 200
    assert client.get(reverse("events:calendar") + "?month=x").status_code == 200


def test_a_participant_brings_one_of_their_organisations_experiences(
    client, event, staff_aourir, experience
):
    from tashbeek.events.models import Registration

    event.ask_contribution = True
    event.save()
    client.force_login(staff_aourir)
    response = client.post(
        reverse("events:register", kwargs={"pk": event.pk}),
        {"experience": experience.pk, "contribution": "Nos bus"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=staff_aourir)
    assert registration.experience == experience
    page = client.get(event.get_absolute_url()).content.decode()
    assert experience.title in page


def test_the_steering_committee_convenes_a_network_meeting(client, committee_member, community):
    """The charter's committee schedules its meetings; they are the network's own events (no
    community). It may not organise a community's events or change them."""
    from tashbeek.events.models import Event

    client.force_login(committee_member)
    page = client.get("/events/new/")
    assert page.status_code == 200
    offered = [c.pk for c in page.context["form"].fields["community"].queryset]
    assert offered == []  # no community of its own; the empty choice is the network
    data = {
        "titles_fr": "Réunion trimestrielle du comité de pilotage",
        "kind": "meeting",
        "community": "",
        "status": "published",
        "time_zone": "Africa/Tunis",
        "starts_at": "2027-03-15T10:00",
        "ends_at": "2027-03-15T13:00",
        "mode": "online",
        "online_url": "https://meet.example.org/committee",
    }
    assert client.post("/events/new/", data).status_code == 302
    meeting = Event.objects.get(kind="meeting")
    assert meeting.community is None and meeting.created_by == committee_member
    assert client.get(f"/events/{meeting.pk}/edit/").status_code == 200
    with pytest.raises(PermissionDenied):
        services.event_save(by=committee_member, data={"community": community, **_titles()})


def _titles():
    start = timezone.now() + datetime.timedelta(days=3)
    return {
        "titles": {"fr": "Atelier"},
        "kind": "workshop",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=1),
        "mode": "in_person",
    }


def test_a_coordinator_is_offered_only_their_communities(client, coordinator, community):
    client.force_login(coordinator)
    field = client.get("/events/new/").context["form"].fields["community"]
    assert [value for value, _label in field.choices] == [community.pk]


@pytest.mark.parametrize(
    ("frequency", "emails", "in_digest"),
    [("immediate", 1, False), ("daily", 0, True), ("never", 0, False)],
)
def test_confirmations_are_notifications_and_follow_the_persons_choice(
    event, staff_aourir, frequency, emails, in_digest
):
    """In-app for everyone; the e-mail with its .ics at once, in the digest, or not at all."""
    from tashbeek.notifications.models import Notification

    staff_aourir.notification_frequency = frequency
    staff_aourir.preferred_language = "fr"
    staff_aourir.save()
    mail.outbox.clear()
    services.registration_create(event=event, user=staff_aourir)
    notice = Notification.objects.get(user=staff_aourir, action="events.registration.confirmed")
    assert notice.in_digest is in_digest and notice.url == event.get_absolute_url()
    from django.utils import translation

    with translation.override("fr"):
        assert "Atelier communication" in notice.text  # the event's French title
    sent = [m for m in mail.outbox if m.to == [staff_aourir.email]]
    assert len(sent) == emails
    if emails:
        assert sent[0].attachments[0][0] == "event.ics"


def test_participants_are_told_when_the_event_moves_or_is_cancelled(
    event, coordinator, staff_aourir
):
    """A new time, place or link reaches every participant with the .ics of the new
    revision (SEQUENCE), so calendars replace the old one; other edits stay quiet."""
    services.registration_create(event=event, user=staff_aourir)
    mail.outbox.clear()
    services.event_save(by=coordinator, event=event, data={"descriptions": {"fr": "Ordre du jour"}})
    assert mail.outbox == [] and event.sequence == 0
    later = event.starts_at + datetime.timedelta(days=1)
    moved = services.event_save(
        by=coordinator,
        event=event,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=2)},
    )
    assert moved.sequence == 1
    (message,) = [m for m in mail.outbox if m.to == [staff_aourir.email]]
    _name, content, _type = message.attachments[0]
    calendar = content.decode() if isinstance(content, bytes) else content
    assert "SEQUENCE:1" in calendar
    (item,) = ics.Calendar(calendar).events
    assert item.begin.datetime.astimezone(datetime.UTC) == later
    mail.outbox.clear()
    cancelled = services.event_save(by=coordinator, event=moved, data={"status": "cancelled"})
    assert cancelled.sequence == 2
    (message,) = [m for m in mail.outbox if m.to == [staff_aourir.email]]
    content = message.attachments[0][1]
    assert "STATUS:CANCELLED" in (content.decode() if isinstance(content, bytes) else content)
    from tashbeek.notifications.models import Notification

    actions = set(Notification.objects.filter(user=staff_aourir).values_list("action", flat=True))
    assert {"events.registration.changed", "events.registration.event_cancelled"} <= actions
