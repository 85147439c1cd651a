"""Needs and offers: posting through the page and the API, who sees what, who may change
what, status and withdrawal (audited, and followed by the search index), bad input, and the
lists' query budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import NEED_TEXT
from tashbeek.core.models import AuditEntry, Theme
from tashbeek.needs import services
from tashbeek.needs.models import Need, Offer
from tashbeek.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _entry(item):
    kind = "need" if isinstance(item, Need) else "offer"
    return SearchEntry.objects.filter(kind=kind, object_id=item.pk).first()


def test_post_a_need_through_the_page(client, staff_aourir, aourir):
    waste = Theme.objects.get(slug="waste")
    client.force_login(staff_aourir)
    response = client.post(
        "/needs/new/",
        {
            "organisation": aourir.pk,
            "title": "فرز النفايات في الأحياء",
            "description": "نريد البدء بفرز النفايات المنزلية من المصدر في حيين.",
            "themes": [waste.pk],
            "urgency": "high",
            "visibility": "public",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302 and response.url == need.get_absolute_url()
    assert need.language == "ar"  # recognised from the text
    assert list(need.themes.all()) == [waste]
    audit = AuditEntry.objects.get(action="needs.need.created")
    assert audit.actor == staff_aourir and audit.after["title"] == need.title
    entry = _entry(need)
    assert entry.audience == "public" and " waste " in entry.themes
    page = client.get(need.get_absolute_url())
    assert page.status_code == 200 and "فرز النفايات في الأحياء" in page.content.decode()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"description": ""}, "description"),
        ({"urgency": "tomorrow"}, "urgency"),
        ({"visibility": "secret"}, "visibility"),
        ({"organisation": "999999"}, "organisation"),
        ({"themes": ["999999"]}, "themes"),
        ({"description": "x" * 10_001}, "description"),
    ],
)
def test_a_bad_need_form_is_a_400_that_saves_nothing(client, staff_aourir, aourir, change, field):
    client.force_login(staff_aourir)
    data = {"organisation": aourir.pk, **NEED_TEXT, "urgency": "low", "visibility": "members"}
    response = client.post("/needs/new/", {**data, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Need.objects.exists() and not SearchEntry.objects.filter(kind="need").exists()


def test_staff_cannot_post_for_another_organisation(client, staff_aourir, other_member):
    client.force_login(staff_aourir)
    data = {"organisation": other_member.pk, **NEED_TEXT, "urgency": "low"}
    response = client.post("/needs/new/", {**data, "visibility": "members"})
    assert response.status_code == 400  # not one of the organisations offered to them
    response = client.post(
        "/api/v1/needs/", {**data, "organisation": other_member.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_a_members_only_need_is_hidden_from_visitors_and_residents(
    client, need, resident, staff_other_member
):
    for user in (None, resident):
        client.logout()
        if user:
            client.force_login(user)
        assert need.title not in client.get("/needs/").content.decode()
        assert client.get(need.get_absolute_url()).status_code == 404
        assert client.get("/api/v1/needs/").json()["count"] == 0
        assert client.get(f"/api/v1/needs/{need.pk}/").status_code == 404
        assert client.get(f"/api/v1/needs/{need.pk}/help/").status_code == 404
        found = client.get("/api/v1/search/", {"q": "transport scolaire", "type": "need"}).json()
        assert found["total"] == 0 and found["results"] == []
    client.force_login(staff_other_member)  # another member of the network sees it
    assert client.get(need.get_absolute_url()).status_code == 200
    assert client.get("/api/v1/needs/").json()["count"] == 1


def test_only_the_own_organisation_changes_a_need(client, need, staff_other_member, focal_aourir):
    client.force_login(staff_other_member)
    assert client.get(f"/needs/{need.pk}/edit/").status_code == 403
    assert client.post(f"/needs/{need.pk}/status/", {"status": "closed"}).status_code == 403
    response = client.patch(
        f"/api/v1/needs/{need.pk}/", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    need.refresh_from_db()
    assert need.title == NEED_TEXT["title"] and need.status == "open"

    client.force_login(focal_aourir)  # a colleague of the author may
    response = client.patch(
        f"/api/v1/needs/{need.pk}/",
        {"title": "Bus scolaire pour les douars"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert _entry(need).titles == {"fr": "Bus scolaire pour les douars"}


def test_solving_a_need_is_audited_and_takes_it_out_of_the_open_list(
    client, need, staff_aourir, focal_aourir
):
    client.force_login(focal_aourir)
    response = client.post(f"/needs/{need.pk}/status/", {"status": "nonsense"})
    assert response.status_code == 400
    response = client.post(
        f"/needs/{need.pk}/status/", {"status": "solved", "reason": "Bus bought with Tiznit"}
    )
    assert response.status_code == 302
    audit = AuditEntry.objects.get(action="needs.need.status")
    assert audit.before == {"status": "open"} and audit.after == {"status": "solved"}
    assert audit.reason == "Bus bought with Tiznit"
    assert need.title not in client.get("/needs/").content.decode()
    assert need.title in client.get("/needs/?mine=1").content.decode()
    assert _entry(need) is None  # solved needs are not matched any more
    body = client.post(
        f"/api/v1/needs/{need.pk}/status/", {"status": "open"}, content_type="application/json"
    )
    assert body.status_code == 200 and body.json()["status"] == "open"
    assert _entry(need) is not None
    bad = client.post(
        f"/api/v1/needs/{need.pk}/status/", {"status": "gone"}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_withdrawing_an_offer(client, offer, staff_other_member, staff_aourir):
    client.force_login(staff_other_member)
    assert client.post(f"/needs/offers/{offer.pk}/withdraw/").status_code == 403
    assert client.delete(f"/api/v1/offers/{offer.pk}/").status_code == 403
    assert _entry(offer) is not None
    client.force_login(staff_aourir)
    assert client.post(f"/needs/offers/{offer.pk}/withdraw/").status_code == 302
    offer.refresh_from_db()
    assert offer.active is False and _entry(offer) is None
    assert AuditEntry.objects.filter(action="needs.offer.withdrawn").count() == 1
    assert client.get("/api/v1/offers/").json()["count"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "x"},
        {"title": "x", "description": "y", "organisation": "abc"},
        {"title": "x", "description": "y", "themes": ["no-such-theme"]},
        {"title": "x" * 201, "description": "y"},
        {"title": "x", "description": "y", "urgency": "yesterday"},
        {"title": "x", "description": "y", "language": "xx"},
    ],
)
def test_the_api_answers_bad_needs_with_a_400(client, staff_aourir, aourir, body):
    client.force_login(staff_aourir)
    data = {"organisation": aourir.pk, **body}
    response = client.post("/api/v1/needs/", data, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["fields"]
    assert not Need.objects.exists()


def test_an_offer_through_the_api(client, staff_aourir, aourir):
    client.force_login(staff_aourir)
    response = client.post(
        "/api/v1/offers/",
        {
            "organisation": aourir.pk,
            "title": "Accompagnement pour le tri sélectif",
            "description": "Notre équipe a formé 40 éco-ambassadeurs ; nous partageons la méthode.",
            "themes": ["waste"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    offer = Offer.objects.get()
    assert offer.language == "fr" and _entry(offer).audience == "public"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _post_needs(n, by, organisation, start=0):
    waste = Theme.objects.get(slug="waste")
    for i in range(start, start + n):
        services.need_save(
            by=by,
            data={
                "organisation": organisation,
                "title": f"Need {i}",
                "description": "Waste collection in the old town.",
                "themes": [waste],
                "visibility": "public",
            },
        )
        services.offer_save(
            by=by,
            data={"organisation": organisation, "title": f"Offer {i}", "description": "Help."},
        )


@pytest.mark.parametrize("url", ["/needs/", "/api/v1/needs/", "/api/v1/offers/"])
def test_lists_cost_the_same_queries_for_3_or_20_rows(client, staff_aourir, aourir, url):
    client.force_login(staff_aourir)
    _post_needs(3, staff_aourir, aourir)
    few = _count(client, url)
    _post_needs(17, staff_aourir, aourir, start=3)
    assert _count(client, url) == few
