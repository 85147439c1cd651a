"""Events and communities over /api/v1/: the online link, registering, the waitlist."""

import pytest
from rest_framework.test import APIClient

from tashbeek.events import services
from tashbeek.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_register_over_the_api_and_the_link_appears(event, staff_aourir, focal_aourir):
    assert _api().get(f"/api/v1/events/{event.pk}/").json()["online_url"] == ""
    body = _api(staff_aourir).post(f"/api/v1/events/{event.pk}/register/", {}, format="json")
    assert body.status_code == 201 and body.json()["status"] == "confirmed"
    assert (
        "secret-room" in _api(staff_aourir).get(f"/api/v1/events/{event.pk}/").json()["online_url"]
    )
    _api(focal_aourir).post(f"/api/v1/events/{event.pk}/register/", {}, format="json")
    late = UserFactory()
    assert (
        _api(late).post(f"/api/v1/events/{event.pk}/register/", {}, format="json").json()["status"]
        == "waitlisted"
    )
    assert _api(late).get(f"/api/v1/events/{event.pk}/").json()["online_url"] == ""
    cancelled = _api(staff_aourir).post(f"/api/v1/events/{event.pk}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert "secret-room" in _api(late).get(f"/api/v1/events/{event.pk}/").json()["online_url"]


def test_drafts_stay_out_of_the_api(event, coordinator):
    services.event_save(by=coordinator, event=event, data={"status": "draft"})
    assert _api().get("/api/v1/events/").json()["results"] == []
    assert _api().get(f"/api/v1/events/{event.pk}/").status_code == 404
    assert len(_api(coordinator).get("/api/v1/events/").json()["results"]) == 1


def test_join_a_community_on_request_over_the_api(community, focal_aourir, aourir):
    response = _api(focal_aourir).post(
        f"/api/v1/communities/{community.slug}/join/", {"organisation": aourir.pk}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending" and response.json()["organisation"] == aourir.pk
    members = _api(focal_aourir).get(f"/api/v1/communities/{community.slug}/members/").json()
    assert all(m["status"] == "active" for m in members)
    assert _api().get(f"/api/v1/communities/{community.slug}/members/").status_code in (401, 403)


def test_only_an_experience_of_ones_own_organisation_can_be_brought(
    client, event, coordinator, experience
):
    event.ask_contribution = True
    event.save()
    client.force_login(coordinator)  # Nablus staff; the experience is Aourir's
    refused = client.post(f"/api/v1/events/{event.pk}/register/", {"experience": experience.pk})
    assert refused.status_code == 400 and "experience" in refused.json()["error"]["fields"]
    assert not event.registrations.filter(user=coordinator).exists()


def test_organisers_create_change_and_take_attendance_through_the_api(
    client, community, coordinator, staff_aourir, resident
):
    from tashbeek.core.models import AuditEntry
    from tashbeek.events import services
    from tashbeek.events.models import Event

    body = {
        "titles": {"ar": "ورشة عن بعد", "fr": "Atelier en ligne"},
        "kind": "webinar",
        "community": community.slug,
        "starts_at": "2030-03-10T10:00:00+01:00",
        "ends_at": "2030-03-10T12:00:00+01:00",
        "time_zone": "Africa/Casablanca",
        "mode": "online",
        "online_url": "https://meet.example.org/api-room",
        "capacity": 30,
    }
    client.force_login(resident)
    assert client.post("/api/v1/events/", body, content_type="application/json").status_code == 403
    client.force_login(coordinator)
    created = client.post("/api/v1/events/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    event = Event.objects.get(pk=created.json()["id"])
    assert event.starts_at.isoformat() == "2030-03-10T09:00:00+00:00"
    assert AuditEntry.objects.filter(
        action="events.event.created", object_id=str(event.pk)
    ).exists()
    changed = client.patch(
        f"/api/v1/events/{event.pk}/", {"capacity": 40}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["capacity"] == 40
    bad = client.patch(
        f"/api/v1/events/{event.pk}/",
        {"ends_at": "2030-03-09T10:00:00+01:00"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "ends_at" in bad.json()["error"]["fields"]
    registration = services.registration_create(event=event, user=staff_aourir)
    participants = client.get(f"/api/v1/events/{event.pk}/participants/").json()
    assert [p["id"] for p in participants] == [registration.pk]
    wrong = client.post(
        f"/api/v1/events/{event.pk}/attendance/",
        {"present": [999999]},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    done = client.post(
        f"/api/v1/events/{event.pk}/attendance/",
        {"present": [registration.pk]},
        content_type="application/json",
    )
    assert done.status_code == 200
    registration.refresh_from_db()
    assert registration.attended is True
    client.force_login(staff_aourir)
    assert client.get(f"/api/v1/events/{event.pk}/participants/").status_code == 403
