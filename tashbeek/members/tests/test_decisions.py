"""The steering committee's decisions: accept or reject with reasons, then suspend,
reinstate, end or withdraw; stale and concurrent decisions; the member's history page."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tashbeek.core.models import AuditEntry
from tashbeek.members import services
from tashbeek.members.models import Affiliation, MembershipDecision, Organisation
from tashbeek.members.rules import works_for_active_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]
TODAY = datetime.date(2026, 11, 22)


def _accept(application, by, **extra):
    return services.application_accept(
        application=application,
        by=by,
        reasons="The council resolution is in order and the commune fits the charter.",
        effective_on=TODAY,
        meeting_reference="SC meeting 2026/4, item 3",
        **extra,
    )


def test_accept_makes_an_active_member_with_its_focal_person(
    submitted_application, applicant, committee_member
):
    decision = _accept(submitted_application, committee_member)
    organisation = decision.organisation
    assert organisation.membership_status == Organisation.Status.ACTIVE
    assert organisation.member_since == TODAY
    assert organisation.names["fr"] == "Commune de Tiznit"
    assert organisation.sort_name  # indexed for the directory
    affiliation = Affiliation.objects.get(user=applicant, organisation=organisation)
    assert affiliation.role == "focal" and affiliation.title == "مسؤول التعاون"
    submitted_application.refresh_from_db()
    assert submitted_application.status == "accepted"
    assert submitted_application.organisation == organisation
    entry = AuditEntry.objects.get(action="members.application.accepted")
    assert entry.actor == committee_member and "charter" in entry.reason
    assert entry.before == {"status": "submitted"}
    assert any("مرحبا" in m.subject for m in mail.outbox if m.to == [applicant.email])


def test_reasons_are_mandatory(submitted_application, committee_member):
    with pytest.raises(ValidationError):
        services.application_reject(
            application=submitted_application, by=committee_member, reasons="  ", effective_on=TODAY
        )
    submitted_application.refresh_from_db()
    assert submitted_application.status == "submitted"
    assert not MembershipDecision.objects.exists()


def test_reject_tells_the_applicant_the_reasons(
    client, submitted_application, applicant, committee_member
):
    client.force_login(committee_member)
    response = client.post(
        f"/members/applications/{submitted_application.pk}/decide/",
        {
            "decision": "rejected",
            "reasons": "Only local authorities of the region may join.",
            "effective_on": "2026-11-22",
            "version": submitted_application.version,
        },
    )
    assert response.status_code == 302
    client.force_login(applicant)
    page = client.get(f"/members/applications/{submitted_application.pk}/").content.decode()
    assert "Only local authorities of the region may join." in page


def test_decision_without_reasons_is_a_400_that_changes_nothing(
    client, submitted_application, committee_member
):
    client.force_login(committee_member)
    response = client.post(
        f"/members/applications/{submitted_application.pk}/decide/",
        {"decision": "accepted", "reasons": "", "effective_on": "2026-11-22", "version": 2},
    )
    assert response.status_code == 400
    assert "reasons" in response.context["decision_form"].errors
    assert not Organisation.objects.filter(names__fr="Commune de Tiznit").exists()


def test_decision_on_a_stale_page_is_refused_with_a_clear_message(
    client, submitted_application, committee_member
):
    seen = submitted_application.version
    services.application_request_information(
        application=submitted_application, by=committee_member, question="Which year?"
    )
    client.force_login(committee_member)
    response = client.post(
        f"/members/applications/{submitted_application.pk}/decide/",
        {"decision": "accepted", "reasons": "Fine.", "effective_on": "2026-11-22", "version": seen},
    )
    assert response.status_code == 409
    with translation.override("ar"):
        expected = services.StaleState().messages
    assert [str(m) for m in response.context["messages"]] == expected
    assert not MembershipDecision.objects.exists()


def test_double_click_yields_exactly_one_decision(submitted_application, committee_member):
    version = submitted_application.version
    _accept(submitted_application, committee_member, version=version)
    with pytest.raises(ValidationError) as refused:
        _accept(submitted_application, committee_member, version=version)
    assert refused.value.code == "stale"
    assert MembershipDecision.objects.count() == 1
    assert Organisation.objects.filter(names__fr="Commune de Tiznit").count() == 1


def test_suspend_removes_member_rights_and_reinstate_restores_them(
    submitted_application, applicant, committee_member
):
    organisation = _accept(submitted_application, committee_member).organisation
    applicant._tashbeek_affiliations = None
    assert works_for_active_member(applicant)
    services.membership_decide(
        organisation=organisation,
        by=committee_member,
        kind="suspended",
        reasons="Dues unpaid for two years despite reminders.",
        effective_on=TODAY,
        until=TODAY + datetime.timedelta(days=90),
        expected_status="active",
    )
    organisation.refresh_from_db()
    assert organisation.membership_status == "suspended"
    fresh = type(applicant).objects.get(pk=applicant.pk)
    assert not works_for_active_member(fresh)
    services.membership_decide(
        organisation=organisation,
        by=committee_member,
        kind="reinstated",
        reasons="Dues settled.",
        effective_on=TODAY + datetime.timedelta(days=10),
        expected_status="suspended",
    )
    organisation.refresh_from_db()
    assert organisation.membership_status == "active"
    kinds = list(organisation.decisions.values_list("kind", flat=True))
    assert kinds == ["reinstated", "suspended", "accepted"]  # history is kept, newest first
    assert AuditEntry.objects.filter(action="members.membership.suspended").exists()


def test_transitions_that_make_no_sense_are_refused(aourir, committee_member):
    with pytest.raises(ValidationError):  # an active member cannot be "reinstated"
        services.membership_decide(
            organisation=aourir,
            by=committee_member,
            kind="reinstated",
            reasons="x",
            effective_on=TODAY,
        )


def test_only_the_committee_decides_and_only_the_focal_person_withdraws(
    aourir, focal_aourir, secretariat, committee_member
):
    with pytest.raises(PermissionDenied):
        services.membership_decide(
            organisation=aourir, by=focal_aourir, kind="ended", reasons="x", effective_on=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.membership_decide(
            organisation=aourir,
            by=committee_member,
            kind="withdrawn",
            reasons="x",
            effective_on=TODAY,
        )
    services.membership_decide(
        organisation=aourir,
        by=focal_aourir,
        kind="withdrawn",
        reasons="The new council decided to leave the network.",
        effective_on=TODAY,
    )
    aourir.refresh_from_db()
    assert aourir.membership_status == "ended"


def test_membership_page_shows_history_and_the_committees_form(
    client, aourir, committee_member, focal_aourir
):
    services.membership_decide(
        organisation=aourir,
        by=committee_member,
        kind="suspended",
        reasons="Repeated absence from the general assembly.",
        effective_on=TODAY,
    )
    client.force_login(focal_aourir)
    page = client.get(f"/members/{aourir.pk}/membership/")
    assert "Repeated absence" in page.content.decode()
    kinds = [k for k, _l in page.context["form"].fields["kind"].choices]
    assert kinds == ["withdrawn"]
    client.force_login(committee_member)
    page = client.get(f"/members/{aourir.pk}/membership/")
    kinds = [k for k, _l in page.context["form"].fields["kind"].choices]
    assert kinds == ["reinstated", "ended"]


def test_membership_decision_through_the_page_and_a_stale_one(client, aourir, committee_member):
    client.force_login(committee_member)
    data = {
        "kind": "suspended",
        "reasons": "Breach of the charter.",
        "effective_on": "2026-11-22",
        "until": "2027-01-31",
        "expected_status": "active",
    }
    assert client.post(f"/members/{aourir.pk}/membership/decide/", data).status_code == 302
    # The same form submitted again (another tab): the status has changed, refuse it.
    response = client.post(f"/members/{aourir.pk}/membership/decide/", data)
    assert response.status_code == 409
    assert aourir.decisions.count() == 1


def test_expired_suspensions_are_lifted(aourir, committee_member):
    services.membership_decide(
        organisation=aourir,
        by=committee_member,
        kind="suspended",
        reasons="Temporary.",
        effective_on=TODAY,
        until=TODAY + datetime.timedelta(days=30),
    )
    assert services.suspensions_lift_expired(today=TODAY + datetime.timedelta(days=29)) == 0
    assert services.suspensions_lift_expired(today=TODAY + datetime.timedelta(days=30)) == 1
    aourir.refresh_from_db()
    assert aourir.membership_status == "active"


def test_staff_of_accepted_member_can_read_the_resolution(
    client, submitted_application, committee_member, applicant
):
    organisation = _accept(submitted_application, committee_member).organisation
    from tashbeek.tests.factories import UserFactory

    colleague = UserFactory()
    Affiliation.objects.create(user=colleague, organisation=organisation, role="staff")
    document = submitted_application.documents.get()
    client.force_login(colleague)
    url = f"/members/applications/{submitted_application.pk}/documents/{document.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
