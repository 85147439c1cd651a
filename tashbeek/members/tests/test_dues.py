"""Dues: generation once per member and year, payments (partial, over the balance),
waivers, statuses, statements, exports and arrears."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tashbeek.core.models import AuditEntry
from tashbeek.members import services
from tashbeek.members.models import Due
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_generation_is_idempotent_and_skips_non_members(schedule, secretariat, aourir):
    OrganisationFactory(relation="partner", membership_status="")
    OrganisationFactory(membership_status="suspended")
    first = services.dues_generate(schedule=schedule, by=secretariat)
    assert [d.organisation for d in first] == [aourir]
    assert services.dues_generate(schedule=schedule, by=secretariat) == []
    due = Due.objects.get()
    assert due.amount_minor == 1_750_000 and due.currency == "MAD"
    assert due.population_used == 35_000
    assert AuditEntry.objects.filter(action="members.dues.generated").count() == 2


def test_reduction_for_means_applies(secretariat, aourir):
    schedule = services.schedule_save(
        by=secretariat,
        data={
            "year": 2027,
            "currency": "MAD",
            "method": "per_inhabitant",
            "rate_per_inhabitant": Decimal(50),
            "floor_minor": 0,
            "cap_minor": None,
            "due_on": datetime.date(2027, 3, 31),
        },
        bands=[],
        reductions=[("MA", "", Decimal("0.6")), ("", "rural_commune", Decimal("0.5"))],
    )
    due = services.dues_generate(schedule=schedule, by=secretariat)[0]
    assert due.factor_used == Decimal("0.5") and due.amount_minor == 875_000


def test_payments_partial_then_full_and_statuses(due, secretariat):
    today = datetime.date(2026, 3, 1)
    assert due.status_on(today) == "due"
    services.payment_record(
        due=due, by=secretariat, amount_minor=750_000, paid_on=today, reference="VIR-1"
    )
    due.refresh_from_db()
    assert due.status_on(today) == "partly_paid"
    assert due.status_on(datetime.date(2026, 4, 1)) == "overdue"
    with pytest.raises(ValidationError):
        services.payment_record(due=due, by=secretariat, amount_minor=1_000_001, paid_on=today)
    services.payment_record(due=due, by=secretariat, amount_minor=1_000_000, paid_on=today)
    due.refresh_from_db()
    assert due.status_on(datetime.date(2027, 1, 1)) == "paid" and due.balance_minor == 0


def test_waiver_needs_a_reason_and_stops_payments(due, secretariat):
    with pytest.raises(ValidationError):
        services.due_waive(due=due, by=secretariat, reason="")
    services.due_waive(due=due, by=secretariat, reason="Flood damage, decision SC 2026/2.")
    due.refresh_from_db()
    assert due.status == "waived"
    with pytest.raises(ValidationError):
        services.payment_record(
            due=due, by=secretariat, amount_minor=1, paid_on=datetime.date(2026, 1, 1)
        )


def test_payment_page_folds_digits_and_refuses_overpayment(client, due, secretariat):
    client.force_login(secretariat)
    url = f"/members/dues/{due.pk}/payment/"
    response = client.post(url, {"amount": "٢٠٠٠٠٠", "paid_on": "2026-02-01", "reference": ""})
    assert response.status_code == 400  # 200,000 MAD is more than the 17,500 due
    response = client.post(url, {"amount": "٥٠٠", "paid_on": "2026-02-01", "reference": "A-1"})
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.paid_minor == 50_000


def test_schedule_form_creates_bands_and_refuses_gaps(client, secretariat):
    client.force_login(secretariat)
    data = {
        "year": "2028",
        "currency": "TND",
        "method": "bands",
        "due_on": "2028-03-31",
        "floor": "",
        "cap": "",
        "bands-TOTAL_FORMS": "3",
        "bands-INITIAL_FORMS": "0",
        "bands-0-min_population": "0",
        "bands-0-max_population": "9999",
        "bands-0-amount": "500",
        "bands-1-min_population": "10000",
        "bands-1-max_population": "",
        "bands-1-amount": "1500.250",
        "reductions-TOTAL_FORMS": "2",
        "reductions-INITIAL_FORMS": "0",
    }
    response = client.post("/members/dues/schedules/new/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    from tashbeek.members.models import FeeSchedule

    schedule = FeeSchedule.objects.get(year=2028)
    assert [(b.min_population, b.amount_minor) for b in schedule.bands.all()] == [
        (0, 500_000),  # the dinar has 1,000 millimes
        (10_000, 1_500_250),
    ]
    gap = {**data, "year": "2029", "bands-1-min_population": "12000"}
    response = client.post("/members/dues/schedules/new/", gap)
    assert response.status_code == 400
    assert not FeeSchedule.objects.filter(year=2029).exists()


def test_ledger_statuses_and_arrears(client, due, committee_member, secretariat):
    services.payment_record(
        due=due, by=secretariat, amount_minor=100, paid_on=datetime.date(2026, 1, 5)
    )
    client.force_login(committee_member)
    page = client.get("/members/dues/?year=2026&status=overdue")  # due date 2026-03-31 passed
    assert [d.pk for d in page.context["page"]] == [due.pk]
    assert [d.pk for d in page.context["arrears"]] == [due.pk]
    assert client.get("/members/dues/?status=paid").context["page"].paginator.count == 0
    membership = client.get(f"/members/{due.organisation_id}/membership/")
    assert list(membership.context["arrears"]) == [due]


def test_statement_is_the_members_own(client, due, focal_aourir, staff_other_member):
    client.force_login(focal_aourir)
    page = client.get(f"/members/{due.organisation_id}/dues/")
    assert page.status_code == 200 and "17" in page.content.decode()
    client.force_login(staff_other_member)
    assert client.get(f"/members/{due.organisation_id}/dues/").status_code == 403


def test_ledger_query_count_does_not_grow(
    client, schedule, secretariat, django_assert_max_num_queries
):
    for _ in range(30):
        OrganisationFactory()
    services.dues_generate(schedule=schedule, by=secretariat)
    client.force_login(secretariat)
    with django_assert_max_num_queries(12):
        client.get("/members/dues/")
