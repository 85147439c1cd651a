"""Work plans: items per year, their links, and the progress view."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tashbeek.core.models import AuditEntry
from tashbeek.workplans import selectors, services

pytestmark = pytest.mark.django_db


def _item(by, community, **data):
    return services.plan_item_save(
        by=by, community=community, data={"year": 2026, "activity": "A", **data}
    )


def test_progress_counts_done_among_what_is_not_cancelled(community, coordinator):
    for status in ("done", "done", "in_progress", "planned", "cancelled"):
        _item(coordinator, community, status=status)
    progress = selectors.progress(community, 2026)
    assert progress["total"] == 5 and progress["done"] == 2
    assert progress["percent_done"] == 50


def test_only_coordinators_and_the_secretariat_write_the_plan(community, staff_aourir):
    with pytest.raises(PermissionDenied):
        _item(staff_aourir, community)


def test_dates_and_links_are_checked(community, coordinator, event):
    with pytest.raises(ValidationError):
        _item(
            coordinator,
            community,
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
        )
    from tashbeek.communities.models import Community

    item = _item(coordinator, community, events=[event])
    assert list(item.events.all()) == [event]
    event.community = Community.objects.create(slug="finance", names={"en": "Finance"})
    event.save()
    with pytest.raises(ValidationError):
        services.plan_item_save(
            by=coordinator, community=community, item=item, data={"events": [event]}
        )


def test_the_page_form_saves_and_audits(client, community, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("workplans:create", kwargs={"slug": community.slug}),
        {"year": "٢٠٢٦", "activity": "Crisis guide", "status": "planned"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert AuditEntry.objects.filter(action="workplans.item.created").exists()
    page = client.get(reverse("workplans:plan", kwargs={"slug": community.slug}) + "?year=2026")
    assert "Crisis guide" in page.content.decode()


def test_the_plan_page_does_not_add_queries_per_item(client, community, coordinator, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            url = reverse("workplans:plan", kwargs={"slug": community.slug}) + "?year=2026"
            assert client.get(url).status_code == 200
        return len(queries)

    _item(coordinator, community, events=[event])
    few = count()
    for n in range(15):
        _item(coordinator, community, activity=f"Activity {n}", events=[event])
    assert count() == few


def test_a_script_in_every_text_field_is_shown_inert(client, community, coordinator):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    _item(coordinator, community, activity=payload, objective=payload, progress_note=payload)
    html = client.get(
        reverse("workplans:plan", kwargs={"slug": community.slug}) + "?year=2026"
    ).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;") >= 3


@pytest.mark.parametrize("language", ["ar", "he", "fr", "en"])
def test_years_are_never_grouped_like_numbers(client, community, coordinator, language):
    """French grouped every number, so the plan read "Plan de travail 2 026" and its year
    links pointed to "?year=2 026"."""
    _item(coordinator, community, status="planned")
    client.cookies["tashbeek_language"] = language
    plan = client.get(reverse("workplans:plan", kwargs={"slug": community.slug}) + "?year=2026")
    platform = client.get(community.get_absolute_url())
    for page in (plan.content.decode(), platform.content.decode()):
        assert "2026" in page
        assert not any(f"2{sep}026" in page for sep in (" ", "\xa0", ",", ".", "\u202f"))


def test_the_steering_committee_writes_work_plans(client, community, committee_member):
    """The charter: the committee prepares and approves the annual work plan."""
    client.force_login(committee_member)
    response = client.post(
        reverse("workplans:create", kwargs={"slug": community.slug}),
        {"year": "2027", "activity": "Annual assembly", "status": "planned"},
    )
    assert response.status_code == 302
    item = services.plan_item_save(
        by=committee_member, community=community, data={"year": 2027, "activity": "Audit"}
    )
    assert (
        AuditEntry.objects.filter(action="workplans.item.created", actor=committee_member).count()
        == 2
    )
    assert item.pk
