"""In the browser, in Arabic: an authority writes an experience, sends it for review, the
platform's coordinator publishes it, and a visitor finds it; axe on the experience pages."""

import re

import pytest

from tashbeek.communities.models import Community, CommunityMembership
from tashbeek.experiences.models import Experience
from tashbeek.members.models import Affiliation
from tashbeek.tests.browser import axe_violations, signed_in
from tashbeek.tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_an_experience_through_review(browser, live_server):
    community = Community.objects.create(
        slug="village-councils", names={"ar": "منصة المجالس القروية"}, join_policy="open"
    )
    council = OrganisationFactory(names={"ar": "مجلس قروي عصيرة"}, kind="village_council")
    author = UserFactory(email="author@asira.example.org", preferred_language="ar")
    Affiliation.objects.create(user=author, organisation=council, role="focal")
    reviewer = UserFactory(email="coordinator@example.org", preferred_language="ar")
    CommunityMembership.objects.create(community=community, user=reviewer, role="coordinator")

    context, page = signed_in(browser, live_server, author, "/experiences/new/")
    page.select_option("select[name=organisation]", str(council.pk))
    page.select_option("#id_language", "ar")  # not the site's language switcher
    page.fill("input[name=title]", "شاحنة نفايات مشتركة بين ثلاث قرى")
    page.fill("textarea[name=summary]", "ثلاثة مجالس قروية تتقاسم شاحنة وجدول جمع.")
    page.fill("textarea[name=problem]", "لا يملك أي مجلس شاحنة خاصة به.")
    page.fill("textarea[name=solution]", "اتفاقية تقاسم وجدول أسبوعي.")
    page.fill("textarea[name=results]", "جمع مرتين أسبوعيًا في القرى الثلاث.")
    page.fill("input[name=cost_amount]", "٤٥٠٠٠")
    page.select_option("select[name=currency]", "ILS")
    page.get_by_label("منصة المجالس القروية").check()
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url(re.compile(r"/experiences/\d+/$"))
    experience = Experience.objects.get()
    assert experience.cost == 4500000 and experience.status == "draft"
    assert axe_violations(page) == []
    page.get_by_role("button", name="إرسال للمراجعة").click()
    page.wait_for_url(f"**/experiences/{experience.pk}/")
    assert "في انتظار المراجعة" in page.content()
    context.close()

    context, page = signed_in(browser, live_server, reviewer, "/experiences/review/")
    page.get_by_role("link", name="شاحنة نفايات مشتركة بين ثلاث قرى").click()
    page.wait_for_url(f"**/experiences/{experience.pk}/")
    page.get_by_label("نشر").check()
    page.get_by_role("button", name="تسجيل المراجعة").click()
    page.wait_for_url(f"**/experiences/{experience.pk}/")
    context.close()
    experience.refresh_from_db()
    assert experience.status == "published"

    visitor = browser.new_context(locale="ar")
    page = visitor.new_page()
    page.goto(f"{live_server.url}/experiences/")
    page.get_by_role("link", name="شاحنة نفايات مشتركة بين ثلاث قرى").click()
    page.wait_for_url(f"**/experiences/{experience.pk}/")
    assert "اتفاقية تقاسم" in page.content()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/experiences/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/communities/{community.slug}/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/events/calendar/")
    assert axe_violations(page) == []
    visitor.close()
