"""What public pages tell search engines and link previews: Open Graph tags and schema.org
JSON-LD. Each app builds its objects' data (`<app>/seo.py`); pages pass it as `og` and
`json_ld`, and base.html prints them."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# As django.utils.html.json_script: nothing in the data can close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

OG_LOCALES = {"ar": "ar_AR", "he": "he_IL", "fr": "fr_FR", "en": "en_GB"}


def json_ld_script(data: dict) -> SafeString:
    """`<script type="application/ld+json">` with `data`, safe to put in a page."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def compact(data: dict) -> dict:
    """Drop empty values, so the JSON-LD never claims an empty name or address."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def open_graph(*, title: str, description: str = "", url: str, kind: str = "website") -> dict:
    return {"title": title, "description": (description or "")[:300], "url": url, "type": kind}
