"""The governance API: voting with a receipt, results hidden until the close, the Popolo
export of public data only, and clear 400s on bad input."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tashbeek.governance import services
from tashbeek.governance.models import Ballot, Decision
from tashbeek.tests.factories import api_token

from .conftest import convene

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=api_token(user))
    return client


@pytest.fixture
def ballot(seated, secretariat):
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "body": seated,
            "kind": "motion",
            "titles": {"ar": "تعديل الميثاق"},
            "opens_at": now - datetime.timedelta(minutes=1),
            "closes_at": now + datetime.timedelta(days=1),
            "secret": True,
        },
    )
    return services.ballot_open(by=secretariat, ballot=ballot)


def test_vote_through_the_api(ballot, members, aourir, focal_aourir, staff_aourir):
    yes = ballot.options.get(meaning="for").pk
    response = _client(focal_aourir).post(
        f"/api/v1/ballots/{ballot.pk}/vote/",
        {"organisation": aourir.pk, "options": [yes]},
        format="json",
    )
    assert response.status_code == 200 and len(response.json()["receipt"]) == 12
    again = _client(focal_aourir).post(
        f"/api/v1/ballots/{ballot.pk}/vote/",
        {"organisation": aourir.pk, "options": [yes]},
        format="json",
    )
    assert again.status_code == 400 and again.json()["error"]["code"] == "invalid"
    other = _client(staff_aourir).post(
        f"/api/v1/ballots/{ballot.pk}/vote/",
        {"organisation": aourir.pk, "options": [yes]},
        format="json",
    )
    assert other.status_code == 403
    detail = _client().get(f"/api/v1/ballots/{ballot.pk}/").json()
    assert detail["result"] is None and detail["turnout"] == 1


def test_results_and_popolo_after_the_close(ballot, members, secretariat):
    yes = ballot.options.get(meaning="for").pk
    for organisation, focal in members.items():
        services.vote_cast(by=focal, ballot=ballot, organisation=organisation, option_ids=[yes])
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now())
    services.ballot_close(by=secretariat, ballot=ballot)
    services.decision_create(
        by=secretariat,
        data={
            "decided_on": timezone.localdate(),
            "titles": {"ar": "داخلي"},
            "visibility": "members",
        },
    )
    detail = _client().get(f"/api/v1/ballots/{ballot.pk}/").json()
    assert detail["result"]["adopted"] is True
    popolo = _client().get("/api/v1/governance/popolo/").json()
    (event,) = popolo["vote_events"]
    assert event["result"] == "pass" and "votes" not in event  # secret: counts only
    assert {c["value"] for c in event["counts"]} == {6, 0}
    motions = {m["identifier"] for m in popolo["motions"]}
    assert motions == {Decision.objects.get(ballot=ballot).reference}  # the members-only one is not
    assert (
        len([m for m in popolo["memberships"] if m["organization_id"] == "body/steering-committee"])
        == 6
    )


def test_bad_input_is_a_clear_400(meeting, secretariat):
    client = _client(secretariat)
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/attendance/",
        {"attendance": {"abc": "present"}},
        format="json",
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/decisions/",
        {"decided_on": "2026-05-01", "titles": "text", "visibility": "public"},
        format="json",
    )
    assert response.status_code == 400 and "titles" in response.json()["error"]["fields"]
    assert not Decision.objects.exists()


def test_convene_and_decide_through_the_api(seated, secretariat):
    client = _client(secretariat)
    response = client.post(
        "/api/v1/meetings/",
        {
            "body": seated.slug,
            "starts_at": "2027-01-15T09:00:00Z",
            "ends_at": "2027-01-15T12:00:00Z",
            "time_zone": "Africa/Casablanca",
            "mode": "online",
            "online_url": "https://meet.example.org/steering",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    meeting = response.json()["id"]
    item = client.post(
        "/api/v1/agenda-items/",
        {"meeting": meeting, "kind": "decision", "titles": {"en": "Budget"}},
        format="json",
    ).json()
    seats = list(seated.terms.values_list("pk", flat=True))
    quorum = client.post(
        f"/api/v1/meetings/{meeting}/attendance/",
        {"attendance": {str(pk): "present" for pk in seats[:4]}},
        format="json",
    ).json()
    assert quorum == {"seats": 6, "needed": 4, "present": 4, "met": True}
    decision = client.post(
        f"/api/v1/agenda-items/{item['id']}/decide/",
        {"titles": {"en": "Budget adopted"}, "visibility": "public", "tally": {"for": 4}},
        format="json",
    )
    assert decision.status_code == 201 and decision.json()["reference"].endswith("/001")


def test_minutes_move_on_through_the_api_and_a_bad_step_is_refused(meeting, secretariat):
    item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "information", "titles": {"ar": "تقرير"}}
    )
    services.minutes_save(by=secretariat, meeting=meeting, minutes={item.pk: ("قدم التقرير", True)})
    client = _client(secretariat)
    url = f"/api/v1/meetings/{meeting.pk}/minutes/"
    refused = client.post(url, {"step": "burn"}, format="json")
    assert refused.status_code == 400 and "step" in str(refused.json())
    for step, status in (("circulate", "circulated"), ("approve", "approved")):
        response = client.post(url, {"step": step}, format="json")
        assert response.status_code == 200, response.content
        meeting.refresh_from_db()
        assert meeting.minutes_status == status


def test_the_meeting_or_body_a_row_belongs_to_is_not_changed_by_a_patch(
    meeting, seated, secretariat
):
    """An agenda item and an action item stay in their meeting, a plan item in its body's
    plan: naming another is a 400 on that field that changes nothing; naming the same one
    is accepted with the rest of the change."""
    later = convene(seated, secretariat, venue="الرباط")
    finance = services.body_save(
        by=secretariat,
        data={"slug": "finance", "names": {"en": "Finance"}, "kind": seated.kind, "seats": 3},
    )
    client = _client(secretariat)
    item = client.post(
        "/api/v1/agenda-items/",
        {"meeting": meeting.pk, "kind": "decision", "titles": {"en": "Budget"}},
        format="json",
    ).json()
    action = client.post(
        "/api/v1/action-items/",
        {"meeting": meeting.pk, "texts": {"en": "Send the budget"}, "due_on": "2027-02-01"},
        format="json",
    ).json()
    plan = client.post(
        "/api/v1/network-plan-items/",
        {"body": seated.slug, "year": 2027, "titles": {"en": "Transport"}},
        format="json",
    ).json()
    rows = (
        (f"/api/v1/agenda-items/{item['id']}/", "meeting", meeting.pk, later.pk, "titles"),
        (f"/api/v1/action-items/{action['id']}/", "meeting", meeting.pk, later.pk, "texts"),
        (f"/api/v1/network-plan-items/{plan['id']}/", "body", seated.slug, finance.slug, "titles"),
    )
    for url, field, own, other, text in rows:
        moved = client.patch(url, {field: other, text: {"en": "Moved"}}, format="json")
        assert moved.status_code == 400, (url, moved.content)
        assert list(moved.json()["error"]["fields"]) == [field]
        assert client.get(url).json()[field] == own
        assert client.get(url).json()[text] != {"en": "Moved"}
        kept = client.patch(url, {field: own, text: {"en": "Kept"}}, format="json")
        assert kept.status_code == 200, (url, kept.content)
        assert kept.json()[text] == {"en": "Kept"}
