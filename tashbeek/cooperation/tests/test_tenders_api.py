"""/api/v1/tenders/: opening a joint tender with its lots, each authority's quantities, the
timeline and the award, as an integration would drive them; bad input is a 400 that saves
nothing, and what the lead alone may do is refused to the others."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tashbeek.cooperation.models import Contract, Demand, Tender
from tashbeek.core.models import AuditEntry
from tashbeek.tests.factories import OrganisationFactory, api_token

pytestmark = pytest.mark.django_db
URL = "/api/v1/tenders/"


def _client(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=api_token(user))
    return client


def _open(api, lead, participants) -> dict:
    deadline = timezone.now() + datetime.timedelta(days=7)
    body = {
        "lead": lead.pk,
        "participants": [p.pk for p in participants],
        "titles": {"ar": "شراء مشترك لحاويات النفايات", "en": "Joint purchase of bins"},
        "currency": "MAD",
        "demand_deadline": deadline.isoformat(),
        "lots": [
            {
                "titles": {"en": "Bins"},
                "items": [
                    {"titles": {"en": "240 l bin"}, "unit": "bin", "unit_estimate_minor": 15000}
                ],
            }
        ],
    }
    response = api.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_tender_from_opening_to_award(aourir, other_member, focal_aourir, staff_other_member):
    lead = _client(focal_aourir)
    tender = _open(lead, aourir, [other_member])
    assert tender["stage"] == "demand" and tender["lots"][0]["number"] == 1
    item = tender["lots"][0]["items"][0]["id"]
    base = f"{URL}{tender['id']}"

    partner = _client(staff_other_member)
    body = {"organisation": other_member.pk, "quantities": [{"item": item, "quantity": "40"}]}
    response = partner.post(f"{base}/quantities/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["lots"][0]["items"][0]["total"] == "40.00"
    mine = {"organisation": aourir.pk, "quantities": [{"item": item, "quantity": "60"}]}
    assert lead.post(f"{base}/quantities/", mine, format="json").status_code == 200

    assert partner.post(f"{base}/stage/", {"stage": "published"}).status_code == 403
    response = lead.post(f"{base}/stage/", {"stage": "published", "published_on": "2026-12-01"})
    assert response.status_code == 200 and response.json()["stage"] == "published"
    # Publishing closed the collection of quantities.
    response = partner.post(f"{base}/quantities/", body, format="json")
    assert response.status_code == 400

    supplier = OrganisationFactory(kind="company", relation="partner", membership_status="")
    award = {
        "lot": tender["lots"][0]["id"],
        "supplier": supplier.pk,
        "amount_minor": 1_000_001,
        "awarded_on": "2026-12-05",
    }
    response = lead.post(f"{base}/award/", award, format="json")
    assert response.status_code == 200 and response.json()["stage"] == "awarded"
    contracts = {c.organisation_id: c.amount_minor for c in Contract.objects.all()}
    assert sum(contracts.values()) == 1_000_001
    assert contracts[aourir.pk] > contracts[other_member.pk]  # 60 bins against 40
    package = _client().get(f"{base}/ocds/").json()
    assert package["releases"][0]["tender"]["status"] == "complete"


def test_an_item_of_another_tender_saves_no_quantity_at_all(
    aourir, other_member, focal_aourir, staff_other_member
):
    lead = _client(focal_aourir)
    first, second = _open(lead, aourir, [other_member]), _open(lead, aourir, [other_member])
    own = first["lots"][0]["items"][0]["id"]
    foreign = second["lots"][0]["items"][0]["id"]
    body = {
        "organisation": other_member.pk,
        "quantities": [{"item": own, "quantity": "5"}, {"item": foreign, "quantity": "3"}],
    }
    response = _client(staff_other_member).post(
        f"{URL}{first['id']}/quantities/", body, format="json"
    )
    assert response.status_code == 400
    assert "quantities" in response.json()["error"]["fields"]
    assert not Demand.objects.exists()


def test_bad_tenders_are_refused_whole(aourir, other_member, focal_aourir, staff_other_member):
    lead = _client(focal_aourir)
    no_lots = {
        "lead": aourir.pk,
        "participants": [],
        "titles": {"en": "Nothing to buy"},
        "currency": "MAD",
        "demand_deadline": (timezone.now() + datetime.timedelta(days=1)).isoformat(),
        "lots": "bins",
    }
    assert lead.post(URL, no_lots, format="json").status_code == 400
    # Opening a tender in another authority's name.
    lots = [{"titles": {"en": "Bins"}, "items": [{"titles": {"en": "Bin"}, "unit": "bin"}]}]
    staff = _client(staff_other_member)
    response = staff.post(URL, {**no_lots, "lead": aourir.pk, "lots": lots}, format="json")
    assert response.status_code == 403
    assert not Tender.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="cooperation.tender").exists()


def test_cancelling_through_the_api_needs_the_reason(aourir, focal_aourir):
    lead = _client(focal_aourir)
    base = f"{URL}{_open(lead, aourir, [])['id']}"
    response = lead.post(f"{base}/stage/", {"stage": "cancelled", "reason": " "})
    assert response.status_code == 400
    response = lead.post(f"{base}/stage/", {"stage": "cancelled", "reason": "Budget cut"})
    assert response.status_code == 200
    assert response.json()["stage"] == "cancelled"
    assert response.json()["stage_reason"] == "Budget cut"
