"""In the browser, in Arabic: register for a full event → waitlisted → promoted when someone
cancels; download the .ics and parse it with an independent parser; axe on the main pages."""

import datetime

import ics
import pytest
from django.utils import timezone

from tashbeek.communities.models import Community, CommunityMembership
from tashbeek.events import services
from tashbeek.events.models import Event, Registration
from tashbeek.tests.browser import axe_violations
from tashbeek.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_waitlist_then_promotion_and_ics(browser, live_server, tmp_path):
    community = Community.objects.create(
        slug="innovation", names={"ar": "منصة الإبداع والابتكار"}, join_policy="open"
    )
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    event = Event.objects.create(
        titles={"ar": "ورشة الابتكار في الخدمات البلدية"},
        kind="workshop",
        community=community,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        time_zone="Asia/Jerusalem",
        mode="in_person",
        venue="الناصرة",
        capacity=1,
    )
    first = UserFactory(email="first@example.org")
    seat = services.registration_create(event=event, user=first)
    second = UserFactory(email="second@example.org", preferred_language="ar")
    CommunityMembership.objects.create(community=community, user=second)

    context = browser.new_context(locale="ar", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/?next=/events/{event.pk}/")
    page.fill("input[name=username]", second.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/events/{event.pk}/")
    page.get_by_role("button", name="التسجيل").click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert "على قائمة الانتظار" in page.locator("#registration").inner_text()
    assert Registration.objects.get(user=second).status == "waitlisted"
    assert axe_violations(page) == []

    services.registration_cancel(registration=seat, by=first)
    page.reload()
    assert "مؤكد" in page.locator("#registration").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="إضافة إلى تقويمي (.ics)").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    (item,) = ics.Calendar(path.read_text()).events
    assert item.name == "ورشة الابتكار في الخدمات البلدية"
    assert item.begin.datetime.astimezone(datetime.UTC) == event.starts_at
    page.goto(f"{live_server.url}/communities/{community.slug}/")
    assert axe_violations(page) == []
    context.close()
