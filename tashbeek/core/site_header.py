"""The site header (`{% site_header %}` in base.html).

Every page prints it, and for a visitor who is not signed in it is the same in each language
but for two values: the page to come back to after changing language, and the CSRF token of
the language form. Rendering its thirty links and labels through the template engine was
about a fifth of a directory page's time (docs/PERFORMANCE.md), so for such visitors it is
rendered once per language with markers in place of those two values, and each page fills
them in. Signed-in people get it rendered in full: it names them and follows their
permissions. Nothing here depends on data, so there is nothing to invalidate; with DEBUG on it
is rendered every time, so template edits show at once.
"""

import re
from html import escape

from django.conf import settings
from django.template import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TEMPLATE = "includes/site_header.html"
# Markers no template prints: NUL cannot appear in a rendered page.
NEXT, TOKEN = "\x00next\x00", "\x00token\x00"
_MARKERS = re.compile(f"({re.escape(NEXT)}|{re.escape(TOKEN)})")
_rendered: dict[tuple[str, str], list[str]] = {}


def render_site_header(context: Context) -> SafeString:
    """The header for the request in `context`."""
    request = context.get("request")
    user = context.get("user")
    template = context.template.engine.get_template(TEMPLATE)
    token = str(context.get("csrf_token", ""))
    shared = (
        request is not None
        and user is not None
        and not user.is_authenticated
        and token != "NOTPROVIDED"
        and not settings.DEBUG
    )
    next_path = request.get_full_path() if request is not None else ""
    if not shared:
        with context.push(header_next=next_path):
            return mark_safe(template.render(context))  # noqa: S308 (the template escaped it)
    key = (get_language() or "", get_script_prefix())
    parts = _rendered.get(key)
    if parts is None:
        with context.push(header_next=NEXT, csrf_token=TOKEN):
            parts = _rendered[key] = _MARKERS.split(template.render(context))
    values = {NEXT: escape(next_path), TOKEN: escape(token)}
    return mark_safe("".join(values.get(part, part) for part in parts))  # noqa: S308


def forget() -> None:
    """Drop the rendered headers (tests that change templates or translations)."""
    _rendered.clear()
