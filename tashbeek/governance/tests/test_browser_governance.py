"""In the browser: Aourir's focal person votes in Arabic and gets a receipt; the secretariat
records attendance and sees the quorum; axe finds nothing serious on the governance pages in
Arabic and English, and right-to-left is set on the Arabic ones."""

import datetime

import pytest
from django.utils import timezone

from tashbeek.governance import services
from tashbeek.governance.models import Participation
from tashbeek.tests.browser import axe_violations, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ballot(seated, secretariat):
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "body": seated,
            "kind": "motion",
            "titles": {"ar": "تعديل الميثاق", "en": "Amending the charter"},
            "opens_at": now - datetime.timedelta(minutes=1),
            "closes_at": now + datetime.timedelta(days=2),
        },
    )
    return services.ballot_open(by=secretariat, ballot=ballot)


def test_a_focal_person_votes_in_arabic(browser, live_server, ballot, aourir, focal_aourir):
    context, page = signed_in(browser, live_server, focal_aourir, ballot.get_absolute_url())
    try:
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.get_by_label("مع").check()
        page.get_by_role("button", name="صوّت").click()
        page.wait_for_load_state()
        assert "إيصالك" in page.content()
        assert Participation.objects.get(ballot=ballot).organisation == aourir
        assert axe_violations(page) == []
    finally:
        context.close()


def test_attendance_and_quorum_in_the_browser(browser, live_server, meeting, secretariat):
    url = f"/governance/meetings/{meeting.pk}/attendance/"
    secretariat.preferred_language = "en"  # the sign-in sets the language from it
    secretariat.save(update_fields=["preferred_language"])
    context, page = signed_in(browser, live_server, secretariat, url, locale="en")
    try:
        radios = page.locator("input[type=radio][value=present]")
        for i in range(4):
            radios.nth(i).check()
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"**/governance/meetings/{meeting.pk}/")
        assert "Quorum reached: 4 of 6 seats present (4 needed)." in page.content()
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("locale, direction", [("ar", "rtl"), ("en", "ltr")])
def test_governance_pages_pass_axe(
    browser, live_server, meeting, ballot, secretariat, locale, direction
):
    services.decision_create(
        by=secretariat,
        data={
            "body": meeting.body,
            "decided_on": timezone.localdate(),
            "titles": {"ar": "قرار للعموم", "en": "A public decision"},
            "visibility": "public",
        },
    )
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for path in (
            "/governance/",
            meeting.body.get_absolute_url(),
            meeting.get_absolute_url(),
            "/governance/decisions/",
            ballot.get_absolute_url(),
        ):
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("dir") == direction, path
            assert axe_violations(page) == [], path
    finally:
        context.close()
