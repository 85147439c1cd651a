"""Shared services: each formula splits the year's cost so the shares sum exactly to it,
missing figures are refused by name, payments are tracked like dues and freeze the year."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tashbeek.cooperation import services
from tashbeek.cooperation.models import Contribution
from tashbeek.core.money import split
from tashbeek.tests.factories import OrganisationFactory, api_token

pytestmark = pytest.mark.django_db
YEAR = 2026


@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=30),
)
def test_split_always_sums_to_the_total(total, weights):
    shares = split(total, dict(enumerate(weights)))
    assert sum(shares.values()) == total
    whole = sum(weights)
    for key, weight in enumerate(weights):
        exact = Decimal(total) * weight / whole if whole else Decimal(total) / len(weights)
        assert abs(shares[key] - exact) < 1  # never more than one unit from the exact share


@pytest.fixture
def service(aourir, focal_aourir):
    return services.service_save(
        by=focal_aourir,
        operator=aourir,
        data={
            "slug": "waste-collection",
            "names": {"ar": "جمع النفايات", "fr": "Collecte des déchets"},
            "formula": "population",
            "currency": "ILS",
            "use_unit": "t",
        },
    )


@pytest.fixture
def authorities(service, focal_aourir, aourir):
    others = [
        OrganisationFactory(names={"ar": name}, population=population)
        for name, population in (("الناصرة", 77_000), ("كفر كنا", 23_500), ("إكسال", 15_100))
    ]
    for org in [aourir, *others]:
        services.participation_join(
            by=focal_aourir, service=service, organisation=org, joined_on=datetime.date(2025, 1, 1)
        )
    return [aourir, *others]


def test_population_shares_sum_exactly(service, authorities, focal_aourir):
    rows = services.contributions_compute(
        by=focal_aourir,
        service=service,
        year=YEAR,
        total_minor=1_000_000_01,
        due_on=datetime.date(YEAR, 3, 31),
    )
    assert sum(r.amount_minor for r in rows) == 1_000_000_01
    by_org = {r.organisation: r.amount_minor for r in rows}
    biggest = max(authorities, key=lambda o: o.population)
    assert by_org[biggest] == max(by_org.values())


def test_missing_population_is_refused_by_name(service, authorities, focal_aourir):
    authorities[1].population = None
    authorities[1].save()
    with pytest.raises(ValidationError) as error:
        services.contributions_compute(
            by=focal_aourir,
            service=service,
            year=YEAR,
            total_minor=100,
            due_on=datetime.date(YEAR, 3, 1),
        )
    assert "الناصرة" in str(error.value)
    assert not Contribution.objects.exists()


def test_by_use_and_fixed_shares(service, authorities, focal_aourir):
    service.formula = "use"
    service.save()
    for org, units in zip(authorities, (10, 30, 0, 60), strict=True):
        services.usage_record(
            by=focal_aourir, service=service, organisation=org, year=YEAR, units=units
        )
    rows = services.contributions_compute(
        by=focal_aourir,
        service=service,
        year=YEAR,
        total_minor=1000,
        due_on=datetime.date(YEAR, 3, 1),
    )
    assert sorted(r.amount_minor for r in rows) == [0, 100, 300, 600]
    service.formula = "fixed"
    service.save()
    participations = list(service.participations.order_by("id"))
    for row, bp in zip(participations, (2500, 2500, 2500, 2000), strict=True):
        row.share_bp = bp
        row.save()
    with pytest.raises(ValidationError):  # 95 %: the shares must add up to 100 %
        services.contributions_compute(
            by=focal_aourir,
            service=service,
            year=YEAR,
            total_minor=1000,
            due_on=datetime.date(YEAR, 3, 1),
        )


def test_payments_are_tracked_and_freeze_the_year(
    service, authorities, focal_aourir, staff_other_member
):
    rows = services.contributions_compute(
        by=focal_aourir,
        service=service,
        year=YEAR,
        total_minor=90_000,
        due_on=datetime.date(YEAR, 3, 1),
    )
    first = rows[0]
    with pytest.raises(PermissionDenied):
        services.contribution_pay(by=staff_other_member, contribution=first, amount_minor=1)
    with pytest.raises(ValidationError):
        services.contribution_pay(
            by=focal_aourir, contribution=first, amount_minor=first.amount_minor + 1
        )
    paid = services.contribution_pay(by=focal_aourir, contribution=first, amount_minor=100)
    assert paid.balance_minor == first.amount_minor - 100
    with pytest.raises(ValidationError):
        services.contributions_compute(
            by=focal_aourir,
            service=service,
            year=YEAR,
            total_minor=1,
            due_on=datetime.date(YEAR, 3, 1),
        )


def test_an_authority_that_left_pays_no_later_year(service, authorities, focal_aourir):
    row = service.participations.get(organisation=authorities[3])
    services.participation_leave(
        by=focal_aourir, participation=row, left_on=datetime.date(2025, 6, 30)
    )
    assert len(services.participants_in(service, 2025)) == 4
    assert len(services.participants_in(service, YEAR)) == 3


def test_the_page_shows_shares_to_members_only(
    client, service, authorities, focal_aourir, resident
):
    services.contributions_compute(
        by=focal_aourir,
        service=service,
        year=YEAR,
        total_minor=90_000,
        due_on=datetime.date(YEAR, 3, 1),
    )
    url = reverse("cooperation:service", kwargs={"slug": service.slug}) + f"?year={YEAR}"
    client.force_login(resident)
    assert "Total" not in client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    client.force_login(focal_aourir)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "900.00 ILS" in page  # the total owed, formatted in the service's currency
    compute = reverse("cooperation:service_compute", kwargs={"slug": service.slug})
    response = client.post(compute, {"year": YEAR, "total": "abc", "due_on": "2026-03-01"})
    assert response.status_code == 400


def test_service_levels_are_measured_on_the_page_and_in_the_api(
    client, service, focal_aourir, staff_other_member
):
    client.force_login(focal_aourir)
    url = reverse("cooperation:service_indicator", kwargs={"slug": service.slug})
    form = {"names_fr": "Rues servies deux fois par semaine", "unit": "%", "baseline": "60"}
    assert client.post(url, {**form, "target": "60"}).status_code == 400  # target = baseline
    assert client.post(url, {**form, "target": "95"}).status_code == 302
    indicator = service.indicators.get()
    token = APIClient()
    token.credentials(HTTP_AUTHORIZATION=api_token(focal_aourir))
    base = f"/api/v1/shared-services/{service.slug}"
    value = {"indicator": indicator.pk, "measured_on": "2026-11-30", "value": "88"}
    assert token.post(f"{base}/measurements/", value).status_code == 400  # no evidence
    response = token.post(f"{base}/measurements/", {**value, "evidence": "Route logs"})
    assert response.status_code == 201
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=api_token(staff_other_member))
    assert other.post(f"{base}/measurements/", {**value, "evidence": "x"}).status_code == 403
    page = client.get(service.get_absolute_url()).text
    assert 'value="0.8' in page  # (88 − 60) / (95 − 60) of the way to the target
