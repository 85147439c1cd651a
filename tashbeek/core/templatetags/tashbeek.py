from decimal import Decimal
from html import escape
from urllib.parse import urlencode

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Page
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tashbeek.core.dates import differs, format_span, in_zone
from tashbeek.core.i18n import direction, foreign_language, language_name, pick, pick_language
from tashbeek.core.money import format_money
from tashbeek.core.seo import OG_LOCALES, json_ld_script

register = template.Library()


@register.filter
def tr(values):
    """The reader's language of a per-language text, with fallback."""
    return pick(values)


@register.filter
def tr_lang(values):
    return pick_language(values)


@register.filter
def dir_of(language: str) -> str:
    return direction(language)


@register.filter(needs_autoescape=True)
def lang(value, words=None, autoescape=True):
    """Member text marked with its language where that is not the page's (`<bdi lang dir>`),
    so a French name on an Arabic page keeps its punctuation in place and is read aloud in
    French: `{{ organisation.name|lang }}`, `{{ document.summary|lang:40 }}` (first 40 words)."""
    text = Truncator(value).words(int(words)) if words else value
    html = conditional_escape(text) if autoescape else text
    code = foreign_language(value)
    if not code:
        return mark_safe(html)  # noqa: S308 (escaped above)
    return mark_safe(f'<bdi lang="{code}" dir="{direction(code)}">{html}</bdi>')  # noqa: S308


@register.filter(needs_autoescape=True)
def prose(value, autoescape=True):
    """A block of member text as paragraphs; when it is a fallback in another language, a
    note says so (in the page's language) and the text carries its own `lang` and `dir`."""
    html = linebreaks_filter(value, autoescape)
    code = foreign_language(value)
    if not code:
        return html
    note = _("Not available in %(page)s: shown in %(language)s.") % {
        "page": language_name(translation.get_language()),
        "language": language_name(code),
    }
    return mark_safe(  # noqa: S308 (escaped by linebreaks and here)
        f'<p class="fallback-note">{escape(note)}</p>'
        f'<div lang="{code}" dir="{direction(code)}">{html}</div>'
    )


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag(takes_context=True)
def with_param(context, key: str, value=None) -> str:
    """The current query string with `key` set to `value` (removed when None), page reset.
    Built from the parameters' lists rather than a copied QueryDict (a deep copy, ten times
    slower): lists print it for every filter link and pagination for each page link."""
    params = [(k, values) for k, values in context["request"].GET.lists() if k != "page"]
    keys = [k for k, _values in params]
    if key in keys:
        at = keys.index(key)
        params[at : at + 1] = [] if value is None else [(key, [value])]
    elif value is not None:
        params.append((key, [value]))
    return "?" + urlencode(params, doseq=True)


@register.filter
def money(minor, currency: str) -> str:
    """{{ due.amount_minor|money:due.currency }} → "1,250.00 MAD" in the reader's locale."""
    return format_money(minor, currency)


@register.filter
def bp_percent(basis_points) -> str:
    """2500 → "25 %" (or "25,5 %"): a share kept in basis points, in the reader's locale."""
    if basis_points is None:
        return ""
    value = Decimal(basis_points) / 100
    return f"{number_format(value.normalize(), None)} %"


def _zone_label(zone: str) -> str:
    return f'<bdi dir="ltr">({escape(zone)})</bdi>'


@register.simple_tag(takes_context=True)
def time_span(context, start, end=None, zone=None, text=False) -> str:
    """When something happens, in its own zone and, where it differs, in the reader's:
    `{% time_span event.starts_at event.ends_at event.time_zone %}`. The reader is the
    context's `user` (the recipient, in an e-mail); `text=True` gives plain text for e-mails."""
    if start is None:
        return ""
    span = format_span(start, end, zone)
    own = getattr(context.get("user"), "time_zone", "")
    yours = format_span(start, end, own) if differs(start, zone, own) else ""
    if text:
        line = f"{span} ({zone})"
        return line + (f"; {_('your time')}: {yours} ({own})" if yours else "")
    iso = escape(in_zone(start, zone).isoformat())
    html = f'<time datetime="{iso}">{escape(span)}</time> {_zone_label(zone)}'
    if yours:
        label = escape(_("your time"))
        html += f' <span class="meta">· {label}: {escape(yours)} {_zone_label(own)}</span>'
    return mark_safe(html)  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def pagination(context, page: Page) -> str:
    """Previous and next links and "Page n of m" for a list's page, the query string kept.
    Built here rather than in an included template: every list prints it, and through
    template tags it cost as much as the rest of a directory page's results."""
    if not page.has_other_pages():
        return ""

    def link(number: int, rel: str, label: str) -> str:
        href = with_param(context, "page", number)
        return f'<a rel="{rel}" href="{escape(href)}">{escape(label)}</a>'

    parts = [f'<nav class="pagination" aria-label="{escape(_("Pages"))}">']
    if page.has_previous():
        parts.append(link(page.previous_page_number(), "prev", _("Previous")))
    of = {"number": intcomma(page.number), "total": intcomma(page.paginator.num_pages)}
    parts.append(f"<span>{escape(_('Page %(number)s of %(total)s') % of)}</span>")
    if page.has_next():
        parts.append(link(page.next_page_number(), "next", _("Next")))
    return mark_safe("\n  ".join(parts) + "\n</nav>")  # noqa: S308 (escaped above)


@register.simple_tag
def json_ld(data: dict) -> str:
    """schema.org data as `<script type="application/ld+json">` (core.seo)."""
    return json_ld_script(data)


@register.simple_tag
def og_locale() -> str:
    return OG_LOCALES.get((translation.get_language() or "")[:2], "ar_AR")
