"""The join wizard and the applicant's file: drafts, submission, receipts, duplicates,
the committee's questions and the applicant's answers."""

import pytest
from django.core import mail

from conftest import pdf_upload
from tashbeek.core.models import AuditEntry
from tashbeek.members import services
from tashbeek.members.models import Application, ApplicationMessage
from tashbeek.notifications.models import Notification
from tashbeek.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def test_visitor_sees_what_joining_involves_and_how_to_start(client):
    response = client.get("/members/join/")
    assert response.status_code == 200
    assert "/accounts/signup/" in response.content.decode()
    # Starting needs an account: the POST sends a visitor to sign in, creates nothing.
    response = client.post("/members/join/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Application.objects.exists()


def test_wizard_saves_a_draft_at_every_step_and_resumes_it(client, applicant):
    client.force_login(applicant)
    response = client.post("/members/join/")
    application = Application.objects.get(applicant=applicant)
    assert response["Location"].endswith(f"/applications/{application.pk}/step/organisation/")
    response = client.post(
        response["Location"],
        {
            "names_ar": "جماعة تيزنيت",
            "names_fr": "Commune de Tiznit",
            "kind": "urban_commune",
            "country": "MA",
            "population": "٧٤٦٩٩",  # Arabic-Indic digits are accepted
            "population_year": "2024",
            "save_draft": "1",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.population == 74699 and application.status == "draft"
    # Coming back resumes the same draft rather than opening a second one.
    client.post("/members/join/")
    assert Application.objects.filter(applicant=applicant).count() == 1
    assert AuditEntry.objects.filter(action="members.application.updated").exists()


def test_step_with_bad_input_is_refused_with_a_message(client, draft_application, applicant):
    client.force_login(applicant)
    url = f"/members/applications/{draft_application.pk}/step/organisation/"
    response = client.post(url, {"names_ar": "", "country": "XX", "population": "many"})
    assert response.status_code == 400
    form = response.context["form"]
    assert {"names", "country", "population"} <= set(form.errors)
    draft_application.refresh_from_db()
    assert draft_application.names == {"ar": "جماعة تيزنيت", "fr": "Commune de Tiznit"}


def test_submission_lists_what_is_missing(client, draft_application, applicant):
    client.force_login(applicant)
    url = f"/members/applications/{draft_application.pk}/step/review/"
    response = client.post(url, {"declaration": "on"})
    assert response.status_code == 400
    assert response.context["missing"]  # the resolution is still missing
    draft_application.refresh_from_db()
    assert draft_application.status == "draft" and draft_application.reference is None


def test_submission_gives_a_reference_and_a_receipt_in_the_applicants_language(
    client, draft_application, applicant, committee_member
):
    applicant.preferred_language = "fr"
    applicant.save()
    client.force_login(applicant)
    base = f"/members/applications/{draft_application.pk}/step/"
    response = client.post(base + "documents/", {"file": pdf_upload()})
    assert response.status_code == 302
    response = client.post(base + "review/", {"declaration": "on"})
    assert response.status_code == 302
    application = Application.objects.get(pk=draft_application.pk)
    assert application.status == "submitted"
    assert application.reference.startswith("TSH-")
    receipt = next(m for m in mail.outbox if m.to == [applicant.email])
    assert application.reference in receipt.subject
    assert "Nous avons reçu" in receipt.subject  # French, the applicant's language
    assert receipt.extra_headers["Content-Language"] == "fr"
    # The committee is told, in its own language (Arabic by default).
    to_committee = next(m for m in mail.outbox if m.to == [committee_member.email])
    assert "بانتظار" in to_committee.subject
    assert Notification.objects.filter(user=committee_member).exists()


def test_likely_duplicate_is_flagged_not_silently_accepted(applicant, draft_application):
    OrganisationFactory(names={"fr": "COMMUNE DE TIZNÎT"}, country="MA")
    services.application_document_add(
        application=draft_application, by=applicant, upload=pdf_upload()
    )
    application = services.application_submit(
        application=draft_application, by=applicant, declaration=True
    )
    assert application.possible_duplicate is True
    organisations, _applications = services.likely_duplicates(application)
    assert len(organisations) == 1


def test_same_name_in_another_country_is_not_a_duplicate(applicant, draft_application):
    OrganisationFactory(names={"fr": "Commune de Tiznit"}, country="TN")
    services.application_document_add(
        application=draft_application, by=applicant, upload=pdf_upload()
    )
    application = services.application_submit(
        application=draft_application, by=applicant, declaration=True
    )
    assert application.possible_duplicate is False


def test_needs_information_round_trip(client, submitted_application, applicant, committee_member):
    client.force_login(committee_member)
    url = f"/members/applications/{submitted_application.pk}/"
    response = client.post(
        url + "messages/question/",
        {"body": "Please send the signed page of the resolution.", "version": 2},
    )
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.status == "needs_info"
    assert any("سؤالا" in m.subject for m in mail.outbox if m.to == [applicant.email])

    client.force_login(applicant)
    page = client.get(url)
    assert "Please send the signed page" in page.content.decode()
    client.post(url + "messages/answer/", {"body": "Attached again, signed."})
    client.post(url + "step/documents/", {"file": pdf_upload("signed.pdf")})
    response = client.post(url + "step/review/", {"declaration": "on"})
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.status == "submitted"
    assert submitted_application.documents.get().original_name == "signed.pdf"
    assert AuditEntry.objects.filter(action="members.application.resubmitted").exists()


def test_internal_comments_are_never_shown_to_the_applicant(
    client, submitted_application, applicant, secretariat
):
    services.application_comment(
        application=submitted_application, by=secretariat, body="Check their population figure."
    )
    client.force_login(applicant)
    page = client.get(f"/members/applications/{submitted_application.pk}/").content.decode()
    assert "Check their population figure" not in page
    client.force_login(secretariat)
    page = client.get(f"/members/applications/{submitted_application.pk}/").content.decode()
    assert "Check their population figure" in page


def test_applicant_cannot_comment_or_edit_after_submission(
    client, submitted_application, applicant
):
    client.force_login(applicant)
    url = f"/members/applications/{submitted_application.pk}/"
    assert client.post(url + "messages/comment/", {"body": "x"}).status_code == 403
    assert client.get(url + "step/organisation/").status_code == 403
    assert not ApplicationMessage.objects.filter(kind="comment").exists()


def test_queue_filters(client, committee_member, submitted_application):
    client.force_login(committee_member)
    assert submitted_application in client.get("/members/applications/").context["page"]
    for query in ("country=TN", "kind=village_council", "age=month", "duplicates=on"):
        page = client.get(f"/members/applications/?{query}").context["page"]
        assert submitted_application not in page, query
    page = client.get("/members/applications/?country=MA&status=submitted").context["page"]
    assert submitted_application in page


def test_queue_query_count_does_not_grow_with_rows(
    client, committee_member, django_assert_max_num_queries, applicant
):
    from tashbeek.tests.factories import UserFactory

    client.force_login(committee_member)
    for i in range(25):
        person = UserFactory()
        Application.objects.create(
            applicant=person, status="submitted", names={"ar": f"بلدية {i}"}, country="MA"
        )
    with django_assert_max_num_queries(8):
        client.get("/members/applications/")


def test_applicant_may_withdraw_an_undecided_application(client, submitted_application, applicant):
    client.force_login(applicant)
    response = client.post(f"/members/applications/{submitted_application.pk}/withdraw/")
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.status == "withdrawn"


def test_an_accepted_application_is_not_a_duplicate_of_the_organisation_it_created(
    submitted_application, committee_member
):
    import datetime

    services.application_accept(
        application=submitted_application,
        by=committee_member,
        reasons="Charter conditions met.",
        effective_on=datetime.date(2026, 11, 22),
    )
    submitted_application.refresh_from_db()
    assert submitted_application.organisation is not None
    organisations, applications = services.likely_duplicates(submitted_application)
    assert organisations == [] and applications == []


def test_a_step_saved_unchanged_writes_no_audit_entry(draft_application, applicant):
    entries = AuditEntry.objects.filter(action="members.application.updated")
    before = entries.count()
    services.application_save(application=draft_application, by=applicant, data={})
    services.application_save(
        application=draft_application, by=applicant, data={"population": 74699}
    )
    assert entries.count() == before  # the fixture's draft already has that population
    services.application_save(
        application=draft_application, by=applicant, data={"population": 75000}
    )
    assert entries.count() == before + 1
    latest = entries.latest("pk")
    assert latest.before["population"] == 74699 and latest.after["population"] == 75000


def test_a_profile_change_is_audited_with_its_reason_and_an_unchanged_one_is_not(
    aourir, secretariat
):
    entries = AuditEntry.objects.filter(action="members.organisation.updated")
    services.organisation_update(
        organisation=aourir, by=secretariat, data={"population": aourir.population}
    )
    assert not entries.exists()
    services.organisation_update(
        organisation=aourir,
        by=secretariat,
        data={"population": (aourir.population or 0) + 1},
        reason="2024 census",
    )
    assert entries.get().reason == "2024 census"
