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
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
