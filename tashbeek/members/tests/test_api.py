"""/api/v1/organisations/: filters, permissions, token auth, one error shape, the schema."""

import io

import pytest
from rest_framework.test import APIClient

from tashbeek.core.models import AuditEntry
from tashbeek.members.models import Organisation
from tashbeek.tests.factories import api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=api_token(user))
    return client


def test_list_uses_the_directory_filters(api, aourir, other_member):
    data = api.get("/api/v1/organisations/", {"q": "أورير"}).json()
    assert data["count"] == 1 and data["results"][0]["id"] == aourir.pk
    assert (
        api.get("/api/v1/organisations/", {"country": "PS"}).json()["results"][0]["id"]
        == other_member.pk
    )


def test_detail_is_public(api, aourir):
    data = api.get(f"/api/v1/organisations/{aourir.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["name"] == "Commune d'Aourir"
    assert data["names"]["ar"] == "جماعة أورير"


def test_visitor_cannot_write(api, aourir):
    response = api.patch(f"/api/v1/organisations/{aourir.pk}/", {"population": 1}, format="json")
    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) >= {"status", "code", "message"}


def test_focal_person_updates_with_a_token(aourir, focal_aourir):
    client = _token_client(focal_aourir)
    response = client.patch(
        f"/api/v1/organisations/{aourir.pk}/", {"population": 40000}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Organisation.objects.get(pk=aourir.pk).population == 40000
    assert AuditEntry.objects.filter(action="members.organisation.updated").count() == 1


def test_other_member_cannot_update(aourir, staff_other_member):
    response = _token_client(staff_other_member).patch(
        f"/api/v1/organisations/{aourir.pk}/", {"population": 1}, format="json"
    )
    assert response.status_code == 403


def test_focal_person_cannot_change_membership(aourir, focal_aourir):
    response = _token_client(focal_aourir).patch(
        f"/api/v1/organisations/{aourir.pk}/", {"membership_status": "ended"}, format="json"
    )
    assert response.status_code == 403
    assert Organisation.objects.get(pk=aourir.pk).membership_status == "active"


def test_secretariat_creates(secretariat):
    payload = {
        "names": {"ar": "مجلس قروي بورين", "en": "Burin"},
        "kind": "village_council",
        "country": "PS",
    }
    response = _token_client(secretariat).post("/api/v1/organisations/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["membership_status"] == "active"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"names": {}, "kind": "municipality", "country": "MA"}, "names"),
        ({"names": {"ar": "س"}, "kind": "spaceship", "country": "MA"}, "kind"),
        (
            {"names": {"ar": "س"}, "kind": "municipality", "country": "MA", "population": -1},
            "population",
        ),
        ({"names": {"ar": "س"}, "kind": "municipality", "country": "MA", "email": "nope"}, "email"),
        (
            {"names": {"ar": "س"}, "kind": "municipality", "country": "MA", "website": "ftp:/x"},
            "website",
        ),
        ({"names": {"ar": "س"}, "kind": "municipality", "country": "QQ"}, "country"),
        (
            {"names": {"ar": "س"}, "kind": "municipality", "country": "MA", "latitude": 400},
            "latitude",
        ),
    ],
)
def test_bad_input_gets_one_error_shape_and_nothing_saved(secretariat, payload, field):
    response = _token_client(secretariat).post(
        "/api/v1/organisations/", payload, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (
        error["code"] == "invalid"
        and error["message"] == "La requête contient des valeurs invalides."
    )
    assert field in error["fields"]
    assert not Organisation.objects.exists()


def test_logo_upload_checked_by_content(aourir, focal_aourir):
    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "logo.png"
    response = _token_client(focal_aourir).patch(
        f"/api/v1/organisations/{aourir.pk}/", {"logo": fake}, format="multipart"
    )
    assert response.status_code == 400
    assert "logo" in response.json()["error"]["fields"]


def test_bad_filters_and_deep_offsets(api, aourir):
    assert api.get("/api/v1/organisations/", {"kind": "nope"}).status_code == 400
    response = api.get("/api/v1/organisations/", {"offset": 50_000})
    assert response.status_code == 400 and "offset" in response.json()["error"]["fields"]
    assert api.get("/api/v1/organisations/999999/").json()["error"]["status"] == 404


def test_schema_documents_the_endpoints_and_filters(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"] for p in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]}
    assert {"q", "country", "kind", "theme", "status", "population", "sort", "limit"} <= parameters
    assert "ErrorEnvelope" in schema["components"]["schemas"]


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_token_for_scripts(api, resident):
    response = api.post(
        "/api/v1/auth/token/",
        {"username": resident.email, "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 200, response.json()
    token = response.json()["token"]
    assert (
        APIClient(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/organisations/").status_code
        == 200
    )
    bad = api.post("/api/v1/auth/token/", {"username": resident.email, "password": "wrong"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"
