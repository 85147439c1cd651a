"""Content-Security-Policy: every page says scripts and styles come from our own files only,
the main pages load without a single violation, and markup that slips into a page cannot run.
"""

import pytest
from django.urls import reverse

from tashbeek.tests.browser import signed_in
from tashbeek.tests.factories import OrganisationFactory

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
# Recorded before any page script runs (an init script is not subject to the page's CSP).
RECORD = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.effectiveDirective + " " + (e.blockedURI || "inline")));"""


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/members/", "/accounts/login/", "/api/v1/", "/healthz"])
def test_every_response_forbids_inline_and_foreign_scripts(client, path):
    policy = _policy(client.get(path))
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for value in policy["default-src"] + policy["style-src"])


@pytest.mark.django_db
def test_the_api_docs_load_their_start_up_script_as_a_file(client):
    docs = client.get("/api/v1/docs/")
    policy = _policy(docs)
    assert policy["script-src"] == ["'self'"] and "'unsafe-inline'" in policy["style-src"]
    assert b"<script>" not in docs.content
    script = client.get("/api/v1/docs/?script")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.django_db
def test_private_files_keep_their_stricter_sandbox(client, library_document, staff_aourir):
    client.force_login(staff_aourir)
    url = reverse("library:download", kwargs={"pk": library_document.pk, "number": 1})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_load_without_violations_and_injected_markup_cannot_run(
    browser, live_server, secretariat
):
    planted = OrganisationFactory(
        names={"ar": PAYLOAD, "en": PAYLOAD}, country="MA", latitude=30.4, longitude=-9.6
    )
    context, page = signed_in(browser, live_server, secretariat, "/members/")
    context.add_init_script(RECORD)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in (
            "/",
            "/members/",
            planted.get_absolute_url(),
            "/communities/",
            "/events/",
            "/library/",
            "/experiences/",
            "/api/v1/docs/",
        ):
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__csp") == [], path
        # The planted name is text on the profile and in its map label.
        page.goto(live_server.url + planted.get_absolute_url())
        page.wait_for_selector("#members-map path.leaflet-interactive", state="attached")
        page.locator("#members-map path.leaflet-interactive").first.hover(force=True)
        assert page.evaluate("window.__pwned") is None
        # And markup that did reach the DOM is stopped by the policy, not by luck.
        page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {PAYLOAD!r})")
        page.wait_for_function("window.__csp.length > 0")
        assert page.evaluate("window.__pwned") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        assert dialogs == []
    finally:
        context.close()
