"""/api/v1/plan-items/: coordinators write their community's plan, everyone reads it; each
change is audited with what it was before, and bad input is a 400 that names its field."""

import pytest

from tashbeek.communities.models import Community
from tashbeek.core.models import AuditEntry
from tashbeek.workplans.models import WorkPlanItem

pytestmark = pytest.mark.django_db
URL = "/api/v1/plan-items/"


def _item(community, **extra):
    return {"community": community.slug, "year": 2026, "activity": "Training", **extra}


def test_a_coordinator_plans_and_a_member_may_not(client, community, coordinator, staff_aourir):
    client.force_login(staff_aourir)
    assert client.post(URL, _item(community), content_type="application/json").status_code == 403
    client.force_login(coordinator)
    created = client.post(URL, _item(community), content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "planned"
    assert AuditEntry.objects.filter(action="workplans.item.created").count() == 1
    client.logout()
    listed = client.get(URL, {"community": community.slug, "year": 2026}).json()
    assert [row["activity"] for row in listed["results"]] == ["Training"]


def test_a_change_is_audited_with_what_it_was(client, community, coordinator):
    client.force_login(coordinator)
    pk = client.post(URL, _item(community), content_type="application/json").json()["id"]
    changed = client.patch(
        f"{URL}{pk}/",
        {"status": "done", "progress_note": "Two sessions held"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["status"] == "done"
    entry = AuditEntry.objects.get(action="workplans.item.updated")
    assert entry.before["status"] == "planned" and entry.after["status"] == "done"


def test_dates_the_wrong_way_round_are_a_400_on_the_end(client, community, coordinator):
    client.force_login(coordinator)
    body = _item(community, starts_on="2026-05-01", ends_on="2026-04-01")
    refused = client.post(URL, body, content_type="application/json")
    assert refused.status_code == 400
    assert "ends_on" in refused.json()["error"]["fields"]
    assert not WorkPlanItem.objects.exists()


def test_a_coordinator_does_not_write_another_community_s_plan(
    client, community, coordinator, secretariat
):
    other = Community.objects.create(slug="finance", names={"en": "Finance"})
    client.force_login(coordinator)
    body = _item(other)
    assert client.post(URL, body, content_type="application/json").status_code == 403
    client.force_login(secretariat)
    pk = client.post(URL, body, content_type="application/json").json()["id"]
    client.force_login(coordinator)
    assert client.delete(f"{URL}{pk}/").status_code == 403
    assert WorkPlanItem.objects.filter(pk=pk).exists()


def test_an_item_is_not_moved_to_another_community(client, community, coordinator, plan_item):
    other = Community.objects.create(slug="finance", names={"en": "Finance"})
    client.force_login(coordinator)
    moved = client.patch(
        f"{URL}{plan_item.pk}/", {"community": other.slug}, content_type="application/json"
    )
    assert moved.status_code == 400 and "community" in moved.json()["error"]["fields"]
    assert WorkPlanItem.objects.get(pk=plan_item.pk).community == community
    same = client.patch(
        f"{URL}{plan_item.pk}/",
        {"community": community.slug, "status": "done"},
        content_type="application/json",
    )
    assert same.status_code == 200 and same.json()["status"] == "done"


def test_deleting_an_item_is_audited(client, community, coordinator, plan_item):
    client.force_login(coordinator)
    assert client.delete(f"{URL}{plan_item.pk}/").status_code == 204
    entry = AuditEntry.objects.get(action="workplans.item.deleted")
    assert entry.before["activity"] == "Crisis communication guide"
    assert not WorkPlanItem.objects.filter(pk=plan_item.pk).exists()
