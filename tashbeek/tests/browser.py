"""Browser-test helpers: the system Chromium (driven by Playwright) and axe-core."""

import shutil
from pathlib import Path

from axe_playwright_python import __file__ as axe_package

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = (Path(axe_package).parent / "axe.min.js").read_text()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE_JS)  # not a <script> tag: the pages' CSP refuses inline scripts
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def signed_in(browser, live_server, user, next_url: str, *, locale: str = "ar"):
    """A new browser context signed in as the user through the sign-in form, on next_url.
    Returns (context, page); the caller closes the context."""
    from tashbeek.tests.factories import PASSWORD

    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**{next_url}")
    return context, page
