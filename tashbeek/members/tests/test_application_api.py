"""The membership lifecycle over /api/v1/: apply with a token, upload, submit, decide (with a
409 on a stale version), follow decisions, dues and payments; all in the OpenAPI document."""

import pytest
from rest_framework.test import APIClient

from conftest import pdf_upload
from tashbeek.members.models import Due
from tashbeek.tests.factories import api_token

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=api_token(user))
    return client


def test_apply_submit_and_decide_over_the_api(applicant, committee_member):
    api = _api(applicant)
    response = api.post(
        "/api/v1/applications/",
        {
            "names": {"ar": "بلدية صور", "fr": "Municipalité de Tyr"},
            "kind": "municipality",
            "country": "LB",
            "population": 60000,
            "population_year": 2023,
            "focal_title": "Head of cooperation",
            "motivation": "Coastal waste management and tourism.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    # Submitting before the resolution is uploaded says what is missing.
    response = api.post(f"/api/v1/applications/{pk}/submit/", {"declaration": True}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    response = api.post(
        f"/api/v1/applications/{pk}/documents/", {"file": pdf_upload()}, format="multipart"
    )
    assert response.status_code == 201 and response.json()["content_type"] == "application/pdf"
    response = api.post(f"/api/v1/applications/{pk}/submit/", {"declaration": True}, format="json")
    body = response.json()
    assert body["status"] == "submitted" and body["reference"].startswith("TSH-")

    committee = _api(committee_member)
    stale = {
        "decision": "accepted",
        "reasons": "In order.",
        "effective_on": "2026-11-22",
        "version": body["version"] - 1,
    }
    response = committee.post(f"/api/v1/applications/{pk}/decision/", stale, format="json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "stale"
    fresh = {**stale, "version": body["version"]}
    response = committee.post(f"/api/v1/applications/{pk}/decision/", fresh, format="json")
    assert response.status_code == 201
    organisation = response.json()["organisation"]
    assert api.get(f"/api/v1/applications/{pk}/").json()["status"] == "accepted"
    decisions = api.get("/api/v1/membership-decisions/").json()["results"]
    assert [d["kind"] for d in decisions] == ["accepted"]
    # The committee suspends; a second identical call on the old status is a 409.
    suspend = {
        "organisation": organisation,
        "kind": "suspended",
        "reasons": "Charter breach.",
        "effective_on": "2026-12-01",
        "expected_status": "active",
    }
    assert (
        committee.post("/api/v1/membership-decisions/", suspend, format="json").status_code == 201
    )
    assert (
        committee.post("/api/v1/membership-decisions/", suspend, format="json").status_code == 409
    )


def test_upload_attack_over_the_api_is_a_400(applicant, draft_application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api = _api(applicant)
    fake = SimpleUploadedFile("r.pdf", b"<html><script>x</script></html>", "application/pdf")
    response = api.post(
        f"/api/v1/applications/{draft_application.pk}/documents/",
        {"file": fake},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_internal_comments_are_not_in_the_applicants_api(
    applicant, secretariat, submitted_application
):
    _api(secretariat).post(
        f"/api/v1/applications/{submitted_application.pk}/messages/",
        {"kind": "comment", "body": "Population figure looks old."},
        format="json",
    )
    mine = _api(applicant).get(f"/api/v1/applications/{submitted_application.pk}/").json()
    assert mine["messages"] == []
    theirs = _api(secretariat).get(f"/api/v1/applications/{submitted_application.pk}/").json()
    assert [m["kind"] for m in theirs["messages"]] == ["comment"]


def test_dues_member_sees_its_own_secretariat_all(
    due, focal_aourir, staff_other_member, secretariat
):
    assert [d["id"] for d in _api(focal_aourir).get("/api/v1/dues/").json()["results"]] == [due.pk]
    assert _api(staff_other_member).get("/api/v1/dues/").json()["results"] == []
    api = _api(secretariat)
    response = api.post(
        f"/api/v1/dues/{due.pk}/payments/",
        {"amount_minor": 500_000, "paid_on": "2026-02-01", "reference": "VIR-77"},
        format="json",
    )
    assert response.status_code == 201
    body = api.get(f"/api/v1/dues/{due.pk}/").json()
    assert body["paid_minor"] == 500_000 and body["balance_minor"] == 1_250_000
    response = api.post(
        f"/api/v1/dues/{due.pk}/payments/",
        {"amount_minor": 99_999_999, "paid_on": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 400
    assert Due.objects.get().paid_minor == 500_000


def test_fee_schedule_over_the_api(secretariat, aourir):
    api = _api(secretariat)
    response = api.post(
        "/api/v1/fee-schedules/",
        {
            "year": 2030,
            "currency": "EUR",
            "method": "bands",
            "due_on": "2030-03-31",
            "bands": [
                {"min_population": 0, "max_population": 49999, "amount_minor": 50000},
                {"min_population": 50000, "max_population": None, "amount_minor": 150000},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    generated = api.post("/api/v1/fee-schedules/2030/generate/").json()
    assert [(d["organisation"], d["amount_minor"]) for d in generated] == [(aourir.pk, 50000)]
    assert api.post("/api/v1/fee-schedules/2030/generate/").json() == []
    gap = {
        "year": 2031,
        "currency": "EUR",
        "method": "bands",
        "due_on": "2031-03-31",
        "bands": [{"min_population": 10, "max_population": None, "amount_minor": 1}],
    }
    assert api.post("/api/v1/fee-schedules/", gap, format="json").status_code == 400


def test_schema_documents_the_lifecycle(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in (
        "/api/v1/applications/",
        "/api/v1/applications/{id}/decision/",
        "/api/v1/membership-decisions/",
        "/api/v1/dues/{id}/payments/",
        "/api/v1/fee-schedules/{year}/generate/",
    ):
        assert path in schema["paths"], path
    assert "409" in schema["paths"]["/api/v1/applications/{id}/decision/"]["post"]["responses"]
