"""Joint tenders: each authority declares only its own quantities and only before the
deadline; 50 authorities declaring at once are all kept; awards split into contracts that
sum to the amount; the OCDS release package carries the aggregated demand."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation

from tashbeek.cooperation import services
from tashbeek.cooperation.models import Contract, Demand, Item, Tender
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.tests.factories import OrganisationFactory, UserFactory


def _open(by, lead, participants, hours=2):
    return services.tender_open(
        by=by,
        lead=lead,
        participants=participants,
        data={
            "titles": {"ar": "مناقصة موحدة لحاويات النفايات", "en": "Joint tender for waste bins"},
            "currency": "ILS",
            "demand_deadline": timezone.now() + datetime.timedelta(hours=hours),
        },
        lots=[
            {
                "titles": {"en": "Bins"},
                "items": [
                    {"titles": {"en": "240 l bin"}, "unit": "bin", "unit_estimate_minor": 15000},
                    {"titles": {"en": "1100 l container"}, "unit": "container"},
                ],
            }
        ],
    )


@pytest.mark.django_db
def test_each_authority_declares_only_its_own(
    aourir, other_member, focal_aourir, staff_other_member
):
    tender = _open(focal_aourir, aourir, [other_member])
    bin_item = Item.objects.filter(lot__tender=tender).first()
    with pytest.raises(PermissionDenied):
        services.demand_declare(
            by=staff_other_member, tender=tender, organisation=aourir, quantities={bin_item: 5}
        )
    services.demand_declare(
        by=staff_other_member, tender=tender, organisation=other_member, quantities={bin_item: 5}
    )
    services.demand_declare(
        by=staff_other_member, tender=tender, organisation=other_member, quantities={bin_item: 7}
    )
    assert Demand.objects.get().quantity == 7  # replaced, not added
    outsider = OrganisationFactory()
    Affiliation.objects.create(user=staff_other_member, organisation=outsider, role="staff")
    staff_other_member.__dict__.pop("_tashbeek_affiliations", None)
    with pytest.raises(PermissionDenied):
        services.demand_declare(
            by=staff_other_member, tender=tender, organisation=outsider, quantities={bin_item: 1}
        )


@pytest.mark.django_db
def test_after_the_deadline_quantities_are_refused(aourir, focal_aourir):
    tender = _open(focal_aourir, aourir, [])
    Tender.objects.filter(pk=tender.pk).update(
        demand_deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    with translation.override("en"), pytest.raises(ValidationError, match="deadline"):
        services.demand_declare(
            by=focal_aourir,
            tender=tender,
            organisation=aourir,
            quantities={Item.objects.first(): 3},
        )
    assert not Demand.objects.exists()


@pytest.mark.django_db
def test_award_splits_into_contracts_that_sum(
    aourir, other_member, focal_aourir, staff_other_member, client
):
    tender = _open(focal_aourir, aourir, [other_member])
    bins, containers = Item.objects.filter(lot__tender=tender).order_by("id")
    services.demand_declare(
        by=focal_aourir, tender=tender, organisation=aourir, quantities={bins: 100, containers: 3}
    )
    services.demand_declare(
        by=staff_other_member, tender=tender, organisation=other_member, quantities={bins: 33}
    )
    with pytest.raises(ValidationError):  # not published yet
        services.award_record(
            by=focal_aourir,
            lot=bins.lot,
            supplier=aourir,
            amount_minor=1,
            awarded_on=timezone.localdate(),
        )
    services.tender_stage(
        by=focal_aourir, tender=tender, stage="published", bids_due=timezone.now()
    )
    supplier = OrganisationFactory(
        names={"en": "Galil Plast"}, kind="company", relation="partner", membership_status=""
    )
    services.award_record(
        by=focal_aourir,
        lot=bins.lot,
        supplier=supplier,
        amount_minor=2_000_003,
        awarded_on=timezone.localdate(),
    )
    tender.refresh_from_db()
    assert tender.stage == "awarded"
    contracts = Contract.objects.filter(award__lot=bins.lot)
    assert sum(c.amount_minor for c in contracts) == 2_000_003
    # Aourir: 100 bins at 150 + 3 containers (no estimate: 1 each); Nablus: 33 bins.
    expected = {aourir.pk: 100 * 15000 + 3, other_member.pk: 33 * 15000}
    whole = sum(expected.values())
    for c in contracts:
        assert abs(c.amount_minor - Decimal(2_000_003) * expected[c.organisation_id] / whole) < 1
    package = client.get(reverse("cooperation:tender_ocds", kwargs={"pk": tender.pk})).json()
    release = package["releases"][0]
    assert release["tender"]["status"] == "complete"
    assert {i["description"]: i["quantity"] for i in release["tender"]["items"]} == {
        "240 l bin": 133.0,
        "1100 l container": 3.0,
    }
    assert sum(c["value"]["amount"] for c in release["contracts"]) == pytest.approx(20000.03)
    assert set(release["tag"]) == {"tender", "award", "contract"}


@pytest.mark.django_db
def test_cancelling_needs_a_reason(aourir, focal_aourir):
    tender = _open(focal_aourir, aourir, [])
    with pytest.raises(ValidationError):
        services.tender_stage(by=focal_aourir, tender=tender, stage="cancelled", reason=" ")
    services.tender_stage(by=focal_aourir, tender=tender, stage="cancelled", reason="Budget cut")
    tender.refresh_from_db()
    assert (tender.stage, tender.stage_reason) == ("cancelled", "Budget cut")


@pytest.mark.django_db(transaction=True)
def test_fifty_authorities_declaring_at_once(focal_aourir, aourir):
    authorities = []
    for i in range(50):
        org = OrganisationFactory(names={"ar": f"سلطة {i}"})
        person = UserFactory(email=f"buyer{i}@tender.example.org")
        Affiliation.objects.create(user=person, organisation=org, role="staff")
        authorities.append((org.pk, person.pk))
    tender = _open(
        focal_aourir, aourir, Organisation.objects.filter(pk__in=[a for a, _p in authorities])
    )
    item_pk = Item.objects.filter(lot__tender=tender).order_by("id").first().pk
    User = UserFactory._meta.model
    outcomes, lock = [], threading.Lock()

    def declare(args):
        org_pk, person_pk, quantity = args
        translation.activate("en")
        try:
            services.demand_declare(
                by=User.objects.get(pk=person_pk),
                tender=Tender.objects.get(pk=tender.pk),
                organisation=Organisation.objects.get(pk=org_pk),
                quantities={item_pk: quantity},
            )
            result = "kept"
        except Exception as error:  # a lost declaration is a failure
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    work = [(org, person, i + 1) for i, (org, person) in enumerate(authorities)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(declare, work))
    assert outcomes.count("kept") == 50, [o for o in outcomes if o != "kept"][:3]
    demands = Demand.objects.filter(item_id=item_pk)
    assert demands.count() == 50
    assert sum(d.quantity for d in demands) == sum(range(1, 51))
    # The deadline passes: the next declaration is refused, and nothing changes.
    Tender.objects.filter(pk=tender.pk).update(demand_deadline=timezone.now())
    org_pk, person_pk = authorities[0]
    with pytest.raises(ValidationError):
        services.demand_declare(
            by=User.objects.get(pk=person_pk),
            tender=Tender.objects.get(pk=tender.pk),
            organisation=Organisation.objects.get(pk=org_pk),
            quantities={item_pk: 999},
        )
    assert sum(d.quantity for d in demands.all()) == sum(range(1, 51))
