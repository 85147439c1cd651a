"""Where a membership decision was taken (#15 §3): the committee picks the meeting from the
body's meetings already held, instead of typing a reference; the register entry links it, and
a meeting not yet held, cancelled or without quorum is refused with nothing saved."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tashbeek.governance import selectors, services
from tashbeek.governance.models import Decision
from tashbeek.members.models import Application, MembershipDecision
from tashbeek.tests.factories import api_token

from .conftest import convene

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(seated, secretariat):
    """A meeting of the steering committee two days ago, with five of six seats present."""
    start = timezone.now() - datetime.timedelta(days=2)
    meeting = convene(
        seated, secretariat, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    seats = list(selectors.meeting_seats(meeting))
    statuses = {s.pk: "present" for s in seats[:5]} | {seats[5].pk: "absent"}
    services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
    return meeting


def _decide(client, application, meeting, **extra):
    form = {
        "decision": "accepted",
        "reasons": "ملف مكتمل وقرار المجلس مرفق",
        "effective_on": timezone.localdate().isoformat(),
        "version": application.version,
        "meeting": meeting.pk if meeting else "",
        **extra,
    }
    url = reverse("members:decide", kwargs={"pk": application.pk})
    return client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")


def test_the_form_offers_meetings_held_not_those_to_come(
    client, submitted_application, committee_member, held, secretariat
):
    coming = convene(held.body, secretariat)
    client.force_login(committee_member)
    page = client.get(submitted_application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f'<option value="{held.pk}">' in html
    assert f'<option value="{coming.pk}">' not in html
    assert "Taken at the meeting" in html


def test_a_decision_taken_at_a_meeting_is_linked_to_it(
    client, submitted_application, committee_member, held
):
    client.force_login(committee_member)
    response = _decide(client, submitted_application, held)
    assert response.status_code == 302
    entry = Decision.objects.get(source=Decision.Source.MEMBERSHIP)
    assert entry.meeting == held and entry.body == held.body
    # The members app's own pages name the meeting without knowing governance.
    assert entry.membership_decision.meeting_reference.startswith(held.event.titles["en"])
    application_page = client.get(
        submitted_application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert held.event.titles["en"] in application_page
    decision_page = client.get(entry.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert held.get_absolute_url() in decision_page
    meeting_page = client.get(held.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Membership decisions taken at this meeting" in meeting_page
    assert entry.get_absolute_url() in meeting_page


@pytest.mark.parametrize("problem", ["to_come", "cancelled", "no_quorum", "unknown"])
def test_a_meeting_that_cannot_have_decided_is_refused_and_nothing_is_saved(
    client, submitted_application, committee_member, held, secretariat, problem
):
    meeting = held
    if problem == "to_come":
        meeting = convene(held.body, secretariat)
    elif problem == "cancelled":
        meeting.event.status = "cancelled"
        meeting.event.save(update_fields=["status"])
    elif problem == "no_quorum":
        seats = selectors.meeting_seats(held)
        services.attendance_record(
            by=secretariat, meeting=held, statuses={s.pk: "excused" for s in seats}
        )
    client.force_login(committee_member)
    if problem == "unknown":
        # Not among the choices: the form refuses it before the service is asked.
        response = _decide(client, submitted_application, SimpleNamespace(pk=999999))
    else:
        response = _decide(client, submitted_application, meeting)
    assert response.status_code in (400, 409)
    assert not MembershipDecision.objects.exists() and not Decision.objects.exists()
    submitted_application.refresh_from_db()
    assert submitted_application.status == Application.Status.SUBMITTED


def test_the_service_names_the_refusal(submitted_application, committee_member, held, secretariat):
    from django.core.exceptions import ValidationError

    from tashbeek.members.services import application_accept

    coming = convene(held.body, secretariat)
    with pytest.raises(ValidationError) as refused:
        application_accept(
            application=submitted_application,
            by=committee_member,
            reasons="ملف مكتمل",
            effective_on=timezone.localdate(),
            meeting=coming.pk,
        )
    assert refused.value.message_dict == {"meeting": ["This meeting has not taken place yet."]}


def test_the_api_takes_the_meeting_and_refuses_an_unknown_one(aourir, committee_member, held):
    api_client = APIClient()
    api_client.credentials(HTTP_AUTHORIZATION=api_token(committee_member))
    url = "/api/v1/membership-decisions/"
    data = {
        "organisation": aourir.pk,
        "kind": "suspended",
        "reasons": "لم تسدد الاشتراكات منذ ثلاث سنوات",
        "effective_on": timezone.localdate().isoformat(),
    }
    for unknown in (999999, 2**40):
        response = api_client.post(url, {**data, "meeting": unknown}, format="json")
        assert response.status_code == 400 and "meeting" in str(response.json())
    assert not MembershipDecision.objects.exists()
    response = api_client.post(url, {**data, "meeting": held.pk}, format="json")
    assert response.status_code == 201
    entry = Decision.objects.get(membership_decision_id=response.json()["id"])
    assert entry.meeting == held
    detail = api_client.get(f"/api/v1/decisions/{entry.pk}/").json()
    assert detail["meeting"] == held.pk


def test_a_withdrawal_is_the_members_act_not_a_meetings(aourir, focal_aourir, held):
    from tashbeek.members.services import membership_decide

    decision = membership_decide(
        organisation=aourir,
        by=focal_aourir,
        kind="withdrawn",
        reasons="قرار المجلس الجماعي بالانسحاب",
        effective_on=timezone.localdate(),
        meeting=held.pk,
    )
    assert Decision.objects.get(membership_decision=decision).meeting is None
