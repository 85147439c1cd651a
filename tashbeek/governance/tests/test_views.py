"""Governance pages: convening, attendance and quorum, deciding, minutes visibility, voting
on the page, the register with its filters and exports, and query counts that do not grow."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tashbeek.governance import selectors, services
from tashbeek.governance.models import Decision, Meeting, Participation
from tashbeek.members.services import application_accept
from tashbeek.tests.factories_governance import DecisionFactory, SeatFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_convene_takes_local_time_and_refuses_an_end_before_the_start(client, seated, secretariat):
    client.force_login(secretariat)
    url = reverse("governance:convene", kwargs={"slug": seated.slug})
    form = {
        "starts_at": "2027-03-10T10:00",
        "ends_at": "2027-03-10T09:00",
        "time_zone": "Asia/Hebron",
        "mode": "in_person",
        "venue": "نابلس",
    }
    response = client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {**form, "ends_at": "2027-03-10T13:00"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    local = meeting.event.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Hebron"))
    assert (local.hour, local.minute) == (10, 0)


def test_attendance_then_a_decision_on_the_page(client, meeting, secretariat):
    item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "decision", "titles": {"ar": "الميزانية"}}
    )
    client.force_login(secretariat)
    decide = reverse("governance:decide", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    data = {"titles_ar": "اعتمدت الميزانية", "visibility": "public", "votes_for": "4"}
    response = client.post(decide, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "No quorum" in response.content.decode()
    seats = list(selectors.meeting_seats(meeting))
    form = {f"seat_{s.pk}": "present" for s in seats[:4]}
    form.update({f"seat_{s.pk}": "absent" for s in seats[4:]})
    client.post(reverse("governance:attendance", kwargs={"pk": meeting.pk}), form)
    page = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Quorum reached: 4 of 6 seats present (4 needed)." in page
    assert client.post(decide, data).status_code == 302
    decision = Decision.objects.get()
    assert decision.tally == {"for": 4} and decision.agenda_item == item


def test_minutes_are_read_as_they_are_published(
    client, meeting, secretariat, resident, focal_aourir
):
    open_item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "information", "titles": {"ar": "تقرير"}}
    )
    closed_item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "discussion", "titles": {"ar": "نزاع"}}
    )
    services.minutes_save(
        by=secretariat,
        meeting=meeting,
        minutes={open_item.pk: ("محضر عام", True), closed_item.pk: ("محضر داخلي", False)},
    )
    url = meeting.get_absolute_url()
    assert "محضر عام" not in client.get(url).content.decode()  # a draft is the body's
    client.force_login(focal_aourir)  # Aourir sits on the committee
    assert "محضر داخلي" in client.get(url).content.decode()
    for step in (services.minutes_circulate, services.minutes_approve, services.minutes_publish):
        step(by=secretariat, meeting=meeting)
    client.logout()
    page = client.get(url).content.decode()
    assert "محضر عام" in page and "محضر داخلي" not in page
    client.force_login(resident)
    assert "محضر داخلي" not in client.get(url).content.decode()


def test_voting_on_the_page_gives_a_receipt(
    client, seated, members, secretariat, aourir, focal_aourir
):
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "body": seated,
            "kind": "motion",
            "titles": {"ar": "تعديل الميثاق", "en": "Amending the charter"},
            "opens_at": now - datetime.timedelta(minutes=1),
            "closes_at": now + datetime.timedelta(days=1),
            "changeable": False,
        },
    )
    services.ballot_open(by=secretariat, ballot=ballot)
    client.force_login(focal_aourir)
    url = reverse("governance:vote", kwargs={"pk": ballot.pk})
    yes = ballot.options.get(meaning="for").pk
    response = client.post(
        url, {"options": yes, "organisation": aourir.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and "Your receipt" in response.content.decode()
    response = client.post(
        url, {"options": yes, "organisation": aourir.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "already voted" in response.content.decode()
    assert Participation.objects.filter(ballot=ballot).count() == 1
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Your receipt" not in page


def test_register_filters_and_exports(client, steering, secretariat, focal_aourir):
    for title, visibility in (("قرار عام", "public"), ("قرار داخلي", "members")):
        services.decision_create(
            by=secretariat,
            data={
                "body": steering,
                "decided_on": datetime.date(2026, 4, 2),
                "titles": {"ar": title},
                "visibility": visibility,
            },
        )
    page = client.get(reverse("governance:register")).content.decode()
    assert "قرار عام" in page and "قرار داخلي" not in page
    csv = client.get(reverse("governance:register_export", kwargs={"fmt": "csv"})).content.decode()
    assert "2026/001" in csv and "2026/002" not in csv  # the export follows the same rule
    client.force_login(focal_aourir)
    page = client.get(reverse("governance:register") + "?q=2026/002").content.decode()
    assert "قرار داخلي" in page and "قرار عام" not in page
    xlsx = client.get(reverse("governance:register_export", kwargs={"fmt": "xlsx"}))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_register_query_count_does_not_grow(client, steering):
    for _ in range(5):
        DecisionFactory(body=steering, visibility="public")
    few = _queries(client, reverse("governance:register"))
    for _ in range(30):
        DecisionFactory(body=steering, visibility="public")
    assert _queries(client, reverse("governance:register")) == few


def test_body_and_meeting_pages_do_not_grow_with_rows(client, meeting, secretariat):
    services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "information", "titles": {"ar": "تقرير"}}
    )
    body_url = reverse("governance:body", kwargs={"slug": meeting.body.slug})
    body_few, meeting_few = _queries(client, body_url), _queries(client, meeting.get_absolute_url())
    for i in range(6):
        services.agenda_item_save(
            by=secretariat, meeting=meeting, data={"kind": "decision", "titles": {"ar": f"بند {i}"}}
        )
        DecisionFactory(body=meeting.body, visibility="public")
        SeatFactory(
            body=meeting.body,
            starts_on=timezone.localdate() - datetime.timedelta(days=900),
            ends_on=timezone.localdate() - datetime.timedelta(days=100),
        )
    assert _queries(client, body_url) == body_few
    assert _queries(client, meeting.get_absolute_url()) == meeting_few


def test_an_accepted_application_enters_the_register(
    submitted_application, committee_member, steering
):
    decision = application_accept(
        application=submitted_application,
        by=committee_member,
        reasons="ملف مكتمل وقرار المجلس مرفق",
        effective_on=datetime.date(2026, 11, 3),
    )
    entry = Decision.objects.get(membership_decision=decision)
    assert entry.visibility == "public" and entry.body == steering
    assert entry.reference == "2026/001"
    assert entry.titles["en"].startswith("Accepted: ")


def test_the_backfill_registers_older_membership_decisions(aourir, committee_member, steering):
    from tashbeek.core.models import ChangeCounter
    from tashbeek.governance.backfill import register_missing
    from tashbeek.members.models import MembershipDecision

    old = MembershipDecision.objects.create(
        kind="suspended",
        organisation=aourir,
        reasons="اشتراكات غير مؤداة",
        effective_on=datetime.date(2024, 2, 10),
        meeting_reference="Steering committee 2024/1, item 4",
        decided_by=committee_member,
    )
    kwargs = {
        "membership_model": MembershipDecision,
        "decision_model": Decision,
        "body_model": type(steering),
        "counter_model": ChangeCounter,
    }
    assert register_missing(**kwargs) == 1
    assert register_missing(**kwargs) == 0  # once
    entry = old.register_entry
    assert entry.reference == "2024/001" and entry.visibility == "members"
    assert entry.titles["fr"].startswith("Suspendu")


def test_only_focal_persons_are_offered_to_stand(
    client, steering, secretariat, focal_aourir, staff_aourir
):
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "kind": "election",
            "seat_body": steering,
            "titles": {"en": "Electing two members"},
            "opens_at": now + datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=8),
            "seats": 2,
        },
    )
    services.nominations_open(by=secretariat, ballot=ballot)
    candidacy = reverse("governance:candidacy", kwargs={"pk": ballot.pk})
    client.force_login(staff_aourir)
    assert candidacy not in client.get(ballot.get_absolute_url()).content.decode()
    client.force_login(focal_aourir)
    assert candidacy in client.get(ballot.get_absolute_url()).content.decode()
    response = client.post(
        candidacy,
        {"organisation": focal_aourir.affiliations.get().organisation_id, "statements_ar": "نترشح"},
    )
    assert response.status_code == 302
    assert ballot.options.get().organisation.affiliations.filter(user=focal_aourir).exists()
