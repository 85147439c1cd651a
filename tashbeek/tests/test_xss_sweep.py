"""The XSS sweep (issue 20): a payload in every text a person can write — names and
descriptions in all four languages, titles, bodies, agenda, captions, comments, file names —
then every page that shows them opened in Chromium *with the Content-Security-Policy
bypassed*, so that escaping alone is tested: any dialog or script run fails."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import png_bytes
from tashbeek.core.pdf import one_page_pdf
from tashbeek.experiences import services as experience_services
from tashbeek.tests.factories import PASSWORD, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK = "window.__xss=(window.__xss||0)+1"
PAYLOADS = [
    f'<img src=x onerror="{MARK}">',
    f'"><svg onload="{MARK}">',
    f"'><script>{MARK}</script>",
    f"</title></textarea><script>{MARK}</script>",
]
LANGUAGES = ("ar", "he", "fr", "en")
# Every free-text field of an experience (not its language, currency, amounts or links).
EXPERIENCE_TEXTS = [
    f
    for f in experience_services.TEXT_FIELDS
    if f not in ("language", "currency", "cost", "transfer_status", "source_url")
]


def _text(n: int) -> str:
    return f"x{n} {PAYLOADS[n % len(PAYLOADS)]}"


def _everywhere(n: int) -> dict[str, str]:
    return {code: _text(n + i) for i, code in enumerate(LANGUAGES)}


@pytest.fixture
def planted(aourir, focal_aourir, staff_aourir, community, coordinator, secretariat):
    """Every kind of user-written text, each carrying a payload."""
    from tashbeek.discussions import services as discussions
    from tashbeek.events import services as events
    from tashbeek.experiences import services as experiences
    from tashbeek.library import services as library
    from tashbeek.members import services as members
    from tashbeek.needs import services as needs
    from tashbeek.workplans import services as workplans

    members.organisation_update(
        organisation=aourir,
        by=secretariat,
        data={"names": _everywhere(0), "descriptions": _everywhere(1)},
    )
    focal_aourir.full_name = _text(2)
    focal_aourir.save(update_fields=["full_name"])
    community.names, community.purposes = _everywhere(3), _everywhere(4)
    community.save()
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    event = events.event_save(
        by=coordinator,
        data={
            "titles": _everywhere(5),
            "descriptions": _everywhere(6),
            "kind": "workshop",
            "community": community,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "time_zone": "Asia/Hebron",
            "mode": "in_person",
            "venue": _text(7),
        },
        agenda=[{"title": _text(8), "speakers": _text(34)}],
    )
    document = library.document_create(
        by=staff_aourir,
        data={
            "kind": "guide",
            "titles": _everywhere(9),
            "summaries": _everywhere(10),
            "community": community,
            "visibility": "public",
        },
        upload=SimpleUploadedFile(f"{PAYLOADS[0]}.pdf", one_page_pdf("x")),
        note=_text(11),
    )
    for action in ("submit", "adopt", "publish"):
        document = library.document_transition(by=coordinator, document=document, action=action)
    experience = experiences.experience_save(
        by=focal_aourir,
        data={
            "language": "fr",
            **{field: _text(12 + i) for i, field in enumerate(EXPERIENCE_TEXTS)},
            "organisation": aourir,
            "communities": [community],
        },
    )
    experiences.file_add(
        by=focal_aourir,
        experience=experience,
        upload=SimpleUploadedFile(f"{PAYLOADS[1]}.png", png_bytes()),
        caption=_text(23),
    )
    experiences.experience_submit(by=focal_aourir, experience=experience)
    experiences.experience_review(by=coordinator, experience=experience, decision="publish")
    thread = discussions.thread_start(
        by=coordinator, community=community, title=_text(24), body=_text(25)
    )
    discussions.post_reply(by=staff_aourir, thread=thread, body=_text(26))
    workplans.plan_item_save(
        by=coordinator,
        community=community,
        data={"year": 2026, "activity": _text(27), "objective": _text(28), "status": "planned"},
    )
    need = needs.need_save(
        by=staff_aourir,
        data={"organisation": aourir, "title": _text(29), "description": _text(30)},
    )
    needs.offer_save(
        by=focal_aourir,
        data={"organisation": aourir, "title": _text(31), "description": _text(32)},
    )
    OrganisationFactory(names={"ar": _text(33)}, latitude=30.4, longitude=-9.6)
    return {
        "aourir": aourir,
        "community": community,
        "event": event,
        "document": document,
        "experience": experience,
        "thread": thread,
        "need": need,
    }


def _pages(p) -> list[str]:
    slug = p["community"].slug
    return [
        "/",
        "/members/",
        f"/members/?q={PAYLOADS[0]}",
        p["aourir"].get_absolute_url(),
        "/communities/",
        p["community"].get_absolute_url(),
        f"/communities/{slug}/plan/",
        f"/communities/{slug}/discussions/{p['thread'].pk}/",
        "/events/",
        p["event"].get_absolute_url(),
        "/events/calendar/",
        "/library/",
        p["document"].get_absolute_url(),
        "/experiences/",
        p["experience"].get_absolute_url(),
        "/needs/",
        p["need"].get_absolute_url(),
        f"/search/?q={PAYLOADS[2]}",
        "/notifications/",
        "/audit/",
    ]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_written_text_runs_as_script_on_any_page(
    browser, live_server, planted, secretariat, language
):
    context = browser.new_context(locale=language, bypass_csp=True)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", secretariat.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url("**/members/")
        checked = []
        for path in _pages(planted):
            response = page.goto(live_server.url + path)
            assert response.status < 400, f"{path}: {response.status}"
            page.wait_for_load_state("networkidle")
            hits = page.evaluate("window.__xss || 0")
            assert hits == 0, f"a payload ran on {path}"
            checked.append(path)
        # The map's marker label on the planted organisation's profile.
        page.goto(live_server.url + planted["aourir"].get_absolute_url())
        if page.locator("#members-map path.leaflet-interactive").count():
            page.locator("#members-map path.leaflet-interactive").first.hover(force=True)
        assert page.evaluate("window.__xss || 0") == 0
        # The payloads did reach the pages, shown as the text they are.
        assert "x0 <img src=x" in page.inner_text("body") or "x1 " in page.inner_text("body")
        assert dialogs == []
        assert len(checked) == len(_pages(planted))
    finally:
        context.close()
