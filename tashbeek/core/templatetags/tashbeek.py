from django import template

from tashbeek.core.i18n import direction, pick, pick_language
from tashbeek.core.money import format_money
from tashbeek.core.site_header import render_site_header

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


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag(takes_context=True)
def with_param(context, key: str, value=None) -> str:
    """The current query string with `key` set to `value` (removed when None), page reset."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def money(minor, currency: str) -> str:
    """{{ due.amount_minor|money:due.currency }} → "1,250.00 MAD" in the reader's locale."""
    return format_money(minor, currency)


@register.simple_tag(takes_context=True)
def site_header(context):
    """The site header: rendered once per language for visitors who are not signed in."""
    return render_site_header(context)
