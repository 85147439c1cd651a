"""The Django admin is the operator's: superusers get the whole of it (in RTL too); the
secretariat and everyone else signed in are told plainly that it is not for them."""

import pytest

from tashbeek.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)


def test_the_operator_sees_every_model_in_arabic_right_to_left(client, operator):
    client.force_login(operator)
    client.cookies["tashbeek_language"] = "ar"
    page = client.get("/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'dir="rtl"' in html
    for model in ("organisation", "event", "document", "auditentry", "user"):
        assert f"/{model}/" in html, model
    assert client.get("/admin/members/organisation/").status_code == 200


@pytest.mark.parametrize("persona", ["secretariat", "committee_member", "focal_aourir"])
def test_people_of_the_network_are_told_the_admin_is_not_theirs(client, request, persona):
    person = request.getfixturevalue(persona)
    person.is_staff = True  # even a staff flag left over from before does not open it
    person.save()
    client.force_login(person)
    client.cookies["tashbeek_language"] = "fr"
    for url in ("/admin/", "/admin/login/", "/admin/members/organisation/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "réservée à l&#x27;opérateur" in response.content.decode()


def test_visitors_are_sent_to_the_admin_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/").status_code == 200
