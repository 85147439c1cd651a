"""The main pages in each language on a phone (390 px) and a desktop (1280 px) screen, in the
system Chromium: no horizontal scroll, the first directory result above the fold on the phone,
no text in another script than the page's without its own `lang`, and event times equal to
the event's `.ics`."""

import datetime

import ics
import pytest
from django.utils import timezone

from tashbeek.communities.models import Community
from tashbeek.events import services as event_services
from tashbeek.tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["ar", "he", "fr", "en"]
SCREENS = {"phone": (390, 844), "desktop": (1280, 800)}

# Text nodes in a script other than the page's, whose nearest `lang` is still the page's.
# Codes written left to right on purpose (addresses, time zones, references) are marked
# dir="ltr" and are not language text.
UNMARKED_SCRIPT = """(pageLang) => {
  const scripts = {
    ar: /[\\u0600-\\u06ff]/, he: /[\\u0590-\\u05ff]/, latin: /[A-Za-z\\u00c0-\\u024f]/,
  };
  const scriptOf = (lang) => (lang === "ar" || lang === "he") ? lang : "latin";
  const own = scriptOf(pageLang);
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.nodeValue.trim();
    const element = node.parentElement;
    if (!text || element.closest("script, style, noscript, [dir=ltr], [hidden]")) continue;
    if (!element.getClientRects().length) continue;  // not shown
    const lang = (element.closest("[lang]").getAttribute("lang") || "").slice(0, 2);
    for (const [script, pattern] of Object.entries(scripts)) {
      if (script !== own && pattern.test(text) && scriptOf(lang) !== script) {
        found.push(text.slice(0, 60));
      }
    }
  }
  return found;
}"""


@pytest.fixture
def network(db):
    names = {"ar": "جماعة أورير", "fr": "Commune d'Aourir"}  # no Hebrew, no English name
    aourir = OrganisationFactory(names=names, country="MA", latitude=30.49, longitude=-9.64)
    for n in range(3):
        OrganisationFactory(
            names={"ar": f"بلدية {n}", "he": f"עירייה {n}", "fr": f"Ville {n}", "en": f"Town {n}"},
            country="PS",
        )
    platform = Community.objects.create(
        slug="public-relations",
        names={"ar": "منصة العلاقات العامة", "en": "Public relations platform"},
        purposes={"en": "Communication and media for local authorities."},
    )
    coordinator = UserFactory(full_name="سامر عودة")
    from tashbeek.communities.models import CommunityMembership

    CommunityMembership.objects.create(community=platform, user=coordinator, role="coordinator")
    start = (timezone.now() + datetime.timedelta(days=10)).replace(
        hour=20, minute=0, second=0, microsecond=0
    )
    event = event_services.event_save(
        by=coordinator,
        data={
            "titles": {
                "ar": "ورشة الاتصال",
                "he": "סדנת תקשורת",
                "fr": "Atelier",
                "en": "Workshop",
            },
            "kind": "workshop",
            "community": platform,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "time_zone": "Asia/Hebron",
            "mode": "online",
            "online_url": "https://meet.example.org/room",
        },
    )
    return {"aourir": aourir, "platform": platform, "event": event}


def _pages(network):
    event = network["event"]
    return [
        "/",
        "/members/",
        network["aourir"].get_absolute_url(),
        "/communities/",
        network["platform"].get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        f"/events/calendar/?month={event.local_start:%Y-%m}",
    ]


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_fit_the_screen_and_mark_foreign_text(
    browser, live_server, network, language, screen
):
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, locale=language)
    context.add_cookies([{"name": "tashbeek_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for path in _pages(network):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.lang") == language
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on {screen}"
            unmarked = page.evaluate(UNMARKED_SCRIPT, language)
            assert unmarked == [], f"{path} ({language}): text without its lang: {unmarked}"
        page.goto(live_server.url + "/members/")
        top = page.evaluate("document.querySelector('.cards li').getBoundingClientRect().top")
        assert top < height, f"the first result is {top}px down on a {height}px screen"
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_event_page_shows_the_times_of_its_ics(browser, live_server, network, language):
    event = network["event"]
    context = browser.new_context(locale=language)
    context.add_cookies([{"name": "tashbeek_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(live_server.url + event.get_absolute_url())
        shown = page.locator("dd time").first.get_attribute("datetime")
        text = page.locator("dd time").first.inner_text()
        response = context.request.get(f"{live_server.url}/events/{event.pk}/event.ics")
        (item,) = ics.Calendar(response.text()).events
        begin = item.begin.datetime
        assert datetime.datetime.fromisoformat(shown) == begin
        assert begin.strftime("%H:%M") in text
        assert begin.strftime("%H:%M") == event.starts_at.astimezone(event.zone).strftime("%H:%M")
    finally:
        context.close()
