"""The network's annual work plan: budget lines and totals, progress rolled up from the
community activities, adoption by a decision, the page's budget form and the API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tashbeek.governance import selectors, services
from tashbeek.governance.models import PlanItem
from tashbeek.tests.factories import api_token
from tashbeek.tests.factories_more import EventFactory, ExperienceFactory, WorkPlanItemFactory

pytestmark = pytest.mark.django_db

YEAR = 2027


def _item(by, body, **extra):
    return services.plan_item_save(
        by=by,
        body=body,
        data={
            "year": YEAR,
            "titles": {"ar": "النقل المدرسي", "en": "School transport"},
            "budget": [
                {"source": "ministry", "amount_minor": 2500000, "currency": "MAD", "labels": {}},
                {"source": "members", "amount_minor": 800000, "currency": "MAD", "labels": {}},
                {"source": "donor", "amount_minor": 100000, "currency": "EUR", "labels": {}},
            ],
            **extra,
        },
    )


def test_budget_totals_add_up_per_currency(steering, secretariat):
    _item(secretariat, steering)
    _item(secretariat, steering)
    items = selectors.network_plan(steering, YEAR)
    totals = selectors.budget_totals(items)
    mad = {source: minor for currency, source, minor in totals if currency == "MAD"}
    assert mad[""] == 2 * 3300000 == sum(v for k, v in mad.items() if k)
    assert [t for t in totals if t[0] == "EUR" and t[1] == ""] == [("EUR", "", 200000)]


def test_progress_rolls_up_from_community_activities(steering, secretariat, community):
    activities = [
        WorkPlanItemFactory(community=community, year=YEAR, status=status)
        for status in ("done", "done", "in_progress", "cancelled")
    ]
    _item(secretariat, steering, community=community, activities=activities)
    (item,) = selectors.network_plan(steering, YEAR)
    assert item.progress == 67  # 2 of the 3 that count; the cancelled one left out
    other_year = WorkPlanItemFactory(community=community, year=YEAR - 1)
    with pytest.raises(ValidationError):
        _item(secretariat, steering, activities=[other_year])


def test_adoption_cites_a_decision(steering, secretariat, focal_aourir):
    item = _item(secretariat, steering)
    with pytest.raises(ValidationError):
        services.plan_item_decide(by=secretariat, item=item, status="adopted", decision=None)
    decision = services.decision_create(
        by=secretariat,
        data={
            "body": steering,
            "decided_on": datetime.date(2026, 12, 1),
            "titles": {"ar": "اعتماد خطة عمل 2027"},
            "visibility": "public",
        },
    )
    item = services.plan_item_decide(by=secretariat, item=item, status="adopted", decision=decision)
    assert item.status == "adopted" and item.decision == decision
    with pytest.raises(PermissionDenied):
        _item(focal_aourir, steering)


def test_the_page_reads_budget_lines_and_refuses_bad_ones(client, steering, secretariat):
    client.force_login(secretariat)
    url = reverse("governance:plan_item_add", kwargs={"slug": steering.slug}) + f"?year={YEAR}"
    form = {"year": YEAR, "titles_ar": "تدبير النفايات", "budget": "donor | 60000 | EUR | دراسة"}
    response = client.post(url, {**form, "budget": "donor | lots | EUR"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "Line 1" in response.content.decode()
    assert not PlanItem.objects.exists()
    assert client.post(url, form).status_code == 302
    line = PlanItem.objects.get().budget.get()
    assert (line.amount_minor, line.currency, line.source) == (6000000, "EUR", "donor")
    page = client.get(reverse("governance:plan", kwargs={"slug": steering.slug}) + f"?year={YEAR}")
    assert "تدبير النفايات" in page.content.decode()


def test_the_api_writes_the_plan_with_its_budget(client, steering, secretariat, resident):
    payload = {
        "body": steering.slug,
        "year": YEAR,
        "titles": {"fr": "Transport scolaire"},
        "budget": [{"source": "network", "amount_minor": 150000, "currency": "EUR", "labels": {}}],
    }
    refused = client.post(
        "/api/v1/network-plan-items/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=api_token(resident),
    )
    assert refused.status_code == 403
    response = client.post(
        "/api/v1/network-plan-items/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=api_token(secretariat),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["budget"][0]["amount_minor"] == 150000
    listed = client.get(f"/api/v1/network-plan-items/?body={steering.slug}&year={YEAR}").json()
    assert listed["count"] == 1


def test_an_item_links_the_events_and_experiences_that_carry_it(
    client, steering, secretariat, community
):
    forum = EventFactory(
        community=community,
        titles={"ar": "المنتدى الجهوي للنقل", "en": "Regional transport forum"},
        starts_at=datetime.datetime(YEAR, 4, 9, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(YEAR, 4, 9, 17, tzinfo=datetime.UTC),
    )
    buses = ExperienceFactory(status="published", title="Bus scolaires avec les associations")
    draft = ExperienceFactory(status="draft", title="Brouillon")
    with pytest.raises(ValidationError) as refused:
        _item(secretariat, steering, experiences=[draft])
    assert "experiences" in refused.value.message_dict
    _item(secretariat, steering, events=[forum], experiences=[buses])
    client.force_login(secretariat)
    add = reverse("governance:plan_item_add", kwargs={"slug": steering.slug}) + f"?year={YEAR}"
    form = client.get(add, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'value="{forum.pk}"' in form and "Bus scolaires" in form and "Brouillon" not in form
    client.logout()
    page = client.get(
        reverse("governance:plan", kwargs={"slug": steering.slug}) + f"?year={YEAR}",
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert forum.get_absolute_url() in page and buses.get_absolute_url() in page
    # Withdrawn from publication later: the link stays, but the public no longer sees it.
    buses.status = "draft"
    buses.save(update_fields=["status"])
    page = client.get(
        reverse("governance:plan", kwargs={"slug": steering.slug}) + f"?year={YEAR}"
    ).content.decode()
    assert buses.get_absolute_url() not in page


def test_the_plan_page_keeps_its_queries_with_more_links(client, steering, secretariat):
    url = reverse("governance:plan", kwargs={"slug": steering.slug}) + f"?year={YEAR}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _item(secretariat, steering, experiences=[ExperienceFactory(status="published")])
    few = queries()
    for _ in range(3):
        _item(
            secretariat,
            steering,
            events=[EventFactory(starts_at=datetime.datetime(YEAR, 5, 1, 9, tzinfo=datetime.UTC))],
            experiences=[ExperienceFactory(status="published") for _ in range(2)],
        )
    assert queries() == few
