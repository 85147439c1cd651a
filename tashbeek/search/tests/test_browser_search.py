"""In the browser, in Arabic: a visitor searches with spelling variants and narrows by a facet;
a member posts a need in Arabic and is shown who can help, across languages; axe on the
search page (results and nothing found) and on the need page."""

import re

import pytest

from tashbeek.experiences.importing import experiences_import
from tashbeek.needs.models import Need
from tashbeek.tests.browser import axe_violations, signed_in
from tashbeek.tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    {
        "external_id": "b-1",
        "language": "ar",
        "title": "فرز النفايات المنزلية من المصدر في أحياء الخليل",
        "summary": "حاويات ملونة في كل حي وحملة توعية مع المدارس لفرز النفايات المنزلية.",
        "organisation": "بلدية الخليل",
        "country": "PS",
        "themes": ["waste"],
    },
    {
        "external_id": "b-2",
        "language": "fr",
        "title": "Tri des déchets ménagers à Aourir",
        "summary": "Des bacs de tri et des éco-ambassadeurs pour les déchets des ménages.",
        "organisation": "Commune d'Aourir",
        "country": "MA",
        "themes": ["waste"],
    },
    {
        "external_id": "b-3",
        "language": "fr",
        "title": "Transport scolaire pour les douars éloignés",
        "summary": "Un bus scolaire géré avec les associations des parents pour les élèves "
        "des douars éloignés, qui marchaient plus d'une heure jusqu'à l'école.",
        "organisation": "Commune d'Aourir",
        "country": "MA",
        "themes": ["education"],
    },
]


@pytest.fixture
def imported(settings):
    settings.SEARCH_EMBEDDINGS = True
    experiences_import(rows=[(n, row, "") for n, row in enumerate(ROWS, start=1)])


def _search(page, live_server, words):
    page.goto(f"{live_server.url}/search/")
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("search").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_a_visitor_finds_the_same_experience_whatever_the_spelling(browser, live_server, imported):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.set_default_timeout(15_000)
    title = ROWS[0]["title"]
    for words in ("النفايات المنزلية", "النفـايات المنزليه", "النُّفَايَات", "والنفايات"):
        _search(page, live_server, words)
        assert page.get_by_role("link", name=title).is_visible(), words
        assert page.locator("article.result mark").first.is_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []

    _search(page, live_server, "déchets tri النفايات")
    assert page.locator("article.result").count() == 2
    page.locator("aside.facets").get_by_role("link", name=re.compile("المغرب")).click()
    page.wait_for_url(re.compile(r"country=MA"))
    assert page.locator("article.result").count() == 1
    assert page.get_by_role("link", name=ROWS[1]["title"]).is_visible()

    _search(page, live_server, "غواصات فضائية")
    assert page.locator(".empty").is_visible()
    assert axe_violations(page) == []
    context.close()


def test_a_member_posts_a_need_in_arabic_and_sees_who_can_help(browser, live_server, imported):
    council = OrganisationFactory(names={"ar": "مجلس قروي عصيرة"}, kind="village_council")
    author = UserFactory(email="staff@asira.example.org", preferred_language="ar")
    council.affiliations.create(user=author, role="staff")
    context, page = signed_in(browser, live_server, author, "/needs/new/")
    page.select_option("select[name=organisation]", str(council.pk))
    page.fill("input[name=title]", "نقل مدرسي لتلاميذ القرى البعيدة")
    page.fill(
        "textarea[name=description]",
        "تلاميذ القرى البعيدة يمشون أكثر من ساعة إلى المدرسة، نبحث عن طريقة لتنظيم حافلة مدرسية.",
    )
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url(re.compile(r"/needs/\d+/$"))
    need = Need.objects.get()
    assert need.language == "ar" and need.created_by == author
    helpers = page.locator("section[aria-labelledby=who-can-help]")
    # The answer was written in French: only meaning links it to the Arabic need.
    assert helpers.get_by_role("link", name=ROWS[2]["title"]).first.is_visible()
    assert axe_violations(page) == []
    context.close()
