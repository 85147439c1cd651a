"""The cooperation API: declaring and confirming an agreement, a project's money and
records through the API, clear 400s on bad input and the scoping of what is private."""

import pytest
from rest_framework.test import APIClient

from tashbeek.cooperation.models import Agreement
from tashbeek.tests.factories import api_token

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=api_token(user))
    return client


def test_declare_confirm_and_end_through_the_api(aourir, other_member, focal_aourir, focal_nablus):
    api = _client(focal_aourir)
    response = api.post(
        "/api/v1/agreements/",
        {
            "declared_by": aourir.pk,
            "other_parties": [other_member.pk],
            "kind": "twinning",
            "titles": {"ar": "توأمة أورير ونابلس"},
            "themes": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["phase"] == "proposed"
    confirm = f"/api/v1/agreements/{pk}/confirm/"
    assert api.post(confirm, {"organisation": other_member.pk}).status_code == 403
    response = _client(focal_nablus).post(confirm, {"organisation": other_member.pk})
    assert response.status_code == 200 and response.json()["status"] == "signed"
    assert all(p["confirmed_at"] for p in response.json()["parties"])
    response = api.post(f"/api/v1/agreements/{pk}/end/", {"reason": ""})
    assert response.status_code == 400
    response = api.post(f"/api/v1/agreements/{pk}/end/", {"reason": "Replaced by a framework"})
    assert response.json()["status"] == "ended"


def test_bad_input_is_a_400_and_saves_nothing(aourir, other_member, focal_aourir):
    api = _client(focal_aourir)
    for body, status in (
        ({"declared_by": aourir.pk, "other_parties": [other_member.pk], "titles": 5}, 400),
        ({"declared_by": aourir.pk, "other_parties": [], "titles": {"fr": "x"}}, 400),
        (
            {"declared_by": other_member.pk, "other_parties": [aourir.pk], "titles": {"fr": "x"}},
            403,
        ),
    ):
        body["kind"] = "mou"
        response = api.post("/api/v1/agreements/", body, format="json")
        assert response.status_code == status, response.content
    assert not Agreement.objects.exists()


def test_project_money_through_the_api(cooperation, aourir, focal_aourir, staff_other_member):
    project = cooperation["project"]
    lead, partner = _client(focal_aourir), _client(staff_other_member)
    base = f"/api/v1/projects/{project.pk}"
    funding = {
        "funder": aourir.pk,
        "source": "members",
        "currency": "MAD",
        "pledged_minor": 100,
        "received_minor": 200,
    }
    assert lead.post(f"{base}/funding/", funding, format="json").status_code == 400
    assert partner.post(f"{base}/funding/", {**funding, "received_minor": 0}).status_code == 403
    response = lead.post(f"{base}/funding/", {**funding, "received_minor": 50}, format="json")
    assert response.status_code == 201
    response = partner.post(
        f"{base}/expenses/",
        {
            "line": cooperation["line"].pk,
            "amount_minor": 1000,
            "spent_on": "2026-10-02",
            "description": "Fuel",
        },
    )
    assert response.status_code == 201
    money = lead.get(f"{base}/money/").json()
    mad = next(t for t in money if t["currency"] == "MAD")
    assert mad["pledged"] == sum(f["pledged_minor"] for f in mad["funders"]) == 30_000_100
    assert mad["spent"] == 1000 and mad["budget"] == 90_000_000
    response = partner.post(
        f"{base}/measurements/",
        {"indicator": cooperation["indicator"].pk, "measured_on": "2026-11-30", "value": "300"},
    )
    assert response.status_code == 400 and "evidence" in response.json()["error"]["fields"]
    response = partner.post(
        f"{base}/measurements/",
        {
            "indicator": cooperation["indicator"].pk,
            "measured_on": "2026-11-30",
            "value": "300",
            "evidence": "School registers",
        },
    )
    assert response.status_code == 201
    assert _client().get(f"{base}/").json()["progress"] == 75


def test_who_holds_an_object_is_not_changed_by_a_patch(
    cooperation, aourir, other_member, focal_aourir
):
    """The declaring party and the parties, a project's lead and a service's operator are
    given at creation: naming others is a 400 on that field that changes nothing, where the
    API had answered 200 and dropped them; repeating them, as a client sends back what it
    read, is accepted with the rest of the change."""
    api = _client(focal_aourir)
    agreement = f"/api/v1/agreements/{cooperation['agreement'].pk}/"
    project = f"/api/v1/projects/{cooperation['project'].pk}/"
    service = f"/api/v1/shared-services/{cooperation['service'].slug}/"
    newcomer = {"names": {"fr": "Université d'Agadir"}, "kind": "university"}
    for url, body in (
        (agreement, {"declared_by": other_member.pk}),
        (agreement, {"other_parties": [aourir.pk, other_member.pk]}),
        (agreement, {"new_partners": [newcomer]}),
        (project, {"lead": other_member.pk}),
        (service, {"operator": other_member.pk}),
    ):
        response = api.patch(url, {**body, "titles": {"fr": "Changé"}}, format="json")
        assert response.status_code == 400, (url, response.content)
        assert list(response.json()["error"]["fields"]) == list(body)
    assert api.get(agreement).json()["titles"] == {"fr": "Jumelage Aourir–Naplouse"}
    assert [p["organisation"] for p in api.get(agreement).json()["parties"]] == [
        aourir.pk,
        other_member.pk,
    ]
    assert api.get(project).json()["lead"] == aourir.pk
    assert api.get(service).json()["operator"] == aourir.pk

    for url, body in (
        (
            agreement,
            {"declared_by": aourir.pk, "other_parties": [other_member.pk], "new_partners": []},
        ),
        (project, {"lead": aourir.pk}),
        (service, {"operator": aourir.pk, "names": {"fr": "Collecte partagée"}}),
    ):
        response = api.patch(url, {**body, "titles": {"fr": "Changé"}}, format="json")
        assert response.status_code == 200, (url, response.content)
    assert api.get(agreement).json()["titles"] == {"fr": "Changé"}
    assert api.get(project).json()["titles"] == {"fr": "Changé"}
    assert api.get(service).json()["names"] == {"fr": "Collecte partagée"}
