"""In the browser: the cooperation graph is drawn in Arabic and English with its labels on
the page; axe finds nothing serious on the cooperation pages in both directions; a focal
person confirms an agreement by clicking."""

import pytest

from tashbeek.cooperation import services
from tashbeek.tests.browser import axe_violations, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed(cooperation, other_member, focal_nablus):
    services.agreement_confirm(
        by=focal_nablus, agreement=cooperation["agreement"], organisation=other_member
    )
    return cooperation


@pytest.mark.parametrize("locale, direction", [("ar", "rtl"), ("en", "ltr")])
def test_cooperation_pages_pass_axe(browser, live_server, signed, locale, direction):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + "/cooperation/graph/")
        assert page.locator("html").get_attribute("dir") == direction
        svg = page.locator("figure.graph svg")
        assert svg.locator("circle").count() == 2 and svg.locator("line").count() == 1
        box = svg.bounding_box()
        assert box and box["width"] > 200  # drawn, not collapsed
        for path in (
            "/cooperation/",
            "/cooperation/graph/",
            signed["agreement"].get_absolute_url(),
            "/cooperation/projects/",
            signed["project"].get_absolute_url(),
            "/cooperation/services/",
            signed["service"].get_absolute_url(),
            "/cooperation/tenders/",
            signed["tender"].get_absolute_url(),
        ):
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("dir") == direction, path
            assert axe_violations(page) == [], path
    finally:
        context.close()


def test_a_focal_person_confirms_by_clicking(
    browser, live_server, cooperation, other_member, focal_nablus
):
    agreement = cooperation["agreement"]
    focal_nablus.preferred_language = "en"
    focal_nablus.save(update_fields=["preferred_language"])
    context, page = signed_in(
        browser, live_server, focal_nablus, agreement.get_absolute_url(), locale="en"
    )
    try:
        page.get_by_role("button", name="Confirm for").click()
        page.wait_for_load_state()
        agreement.refresh_from_db()
        assert agreement.status == "signed"
        assert axe_violations(page) == []
    finally:
        context.close()
