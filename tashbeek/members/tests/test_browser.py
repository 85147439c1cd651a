"""Browser tests: the system Chromium driven by Playwright on a live server, axe-core checks."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tashbeek.members.models import Affiliation, Organisation
from tashbeek.tests.browser import axe_violations as _axe
from tashbeek.tests.factories import PASSWORD, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, settings):
    # Tiles from a loopback port where nothing listens: the markers must show anyway.
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def network(db):
    Group.objects.get_or_create(name="secretariat")
    aourir = OrganisationFactory(
        names={"ar": "جماعة أورير", "fr": "Commune d'Aourir"},
        country="MA",
        kind="rural_commune",
        latitude=30.49,
        longitude=-9.64,
    )
    OrganisationFactory(
        names={"ar": "بلدية نابلس", "en": "Nablus"}, country="PS", latitude=32.2, longitude=35.26
    )
    OrganisationFactory(
        names={"ar": "مجلس قروي بورين", "en": "Burin"},
        country="PS",
        kind="village_council",
        latitude=32.17,
        longitude=35.25,
    )
    focal = UserFactory(email="focal@aourir.ma", preferred_language="ar")
    Affiliation.objects.create(user=focal, organisation=aourir, role="focal")
    return {"aourir": aourir, "focal": focal}


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/members/")


def test_search_and_filter_the_directory_in_arabic(page, live_server, network):
    page.goto(f"{live_server.url}/members/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".card").count() == 3
    for variant in ("أورير", "اورير", "أُورِير"):
        page.fill("#id_q", variant)
        page.press("#id_q", "Enter")
        # A locator wait, not wait_for_function: its polling evaluates a string in the page,
        # which the CSP (no unsafe-eval) refuses whenever the first check is not yet true.
        expect(page.locator(".card")).to_have_count(1)
        assert page.locator(".card h3").inner_text() == "جماعة أورير"
    page.goto(f"{live_server.url}/members/")
    page.get_by_role("link", name="فلسطين").click()
    page.wait_for_url("**country=PS**")
    assert page.locator(".card").count() == 2
    # Markers are vectors drawn without tiles (the tile server is unreachable).
    page.wait_for_selector("#members-map path.leaflet-interactive", state="attached")
    assert page.locator("#members-map path.leaflet-interactive").count() == 2


def test_focal_person_edits_the_profile(page, live_server, network):
    _sign_in(page, live_server, "focal@aourir.ma")
    aourir = network["aourir"]
    page.goto(f"{live_server.url}/members/{aourir.pk}/edit/")
    page.fill("input[name=names_en]", "Aourir Commune")
    page.fill("input[name=population]", "٣٧٥٠٠")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/members/{aourir.pk}/")
    assert "تم حفظ الملف التعريفي." in page.locator(".messages").inner_text()
    aourir = Organisation.objects.get(pk=aourir.pk)
    assert aourir.population == 37500 and aourir.names["en"] == "Aourir Commune"


def test_switching_language_changes_direction(page, live_server, network):
    page.goto(f"{live_server.url}/members/")
    assert page.locator("html").get_attribute("lang") == "ar"
    page.select_option("#language-select", "fr")
    page.click("form.language button")
    page.wait_for_selector("html[lang=fr]", state="attached")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Membres et partenaires"
    page.select_option("#language-select", "he")
    page.click("form.language button")
    page.wait_for_selector("html[lang=he]", state="attached")
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("path", ["directory", "profile", "edit"])
def test_main_pages_have_no_serious_accessibility_violations(page, live_server, network, path):
    aourir = network["aourir"]
    if path == "edit":
        _sign_in(page, live_server, "focal@aourir.ma")
    url = {
        "directory": "/members/",
        "profile": f"/members/{aourir.pk}/",
        "edit": f"/members/{aourir.pk}/edit/",
    }
    page.goto(live_server.url + url[path])
    assert _axe(page) == []
