"""Posts are written as plain text or a little HTML; what is stored is sanitised by
Ammonia (nh3): no script, no event handler, no style, only http(s)/mailto links."""

import re

import nh3
from django.utils.html import linebreaks

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote", "code"}
ATTRIBUTES = {"a": {"href"}}
BLOCKS = re.compile(r"<(p|ul|ol|blockquote)\b", re.IGNORECASE)


def sanitise_post(text: str) -> str:
    cleaned = _clean(text.strip())
    if not BLOCKS.search(cleaned):
        # Plain text: keep the writer's paragraphs and line breaks.
        cleaned = _clean(linebreaks(cleaned, autoescape=False))
    return cleaned


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    """The text of a sanitised post, for e-mails and excerpts."""
    return nh3.clean(html, tags=set()).strip()
