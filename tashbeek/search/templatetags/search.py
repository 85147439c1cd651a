"""Facet links and labels for the search page."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django_countries import countries

from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme

from ..models import SearchEntry

register = template.Library()
FACET_PARAMS = {"kind": "type", "country": "country", "language": "language"}
FACET_PARAMS |= {"theme": "theme", "year": "year"}


@register.simple_tag
def facet_label(name: str) -> str:
    labels = {
        "kind": _("Type"),
        "country": _("Country"),
        "language": _("Language"),
        "theme": _("Theme"),
        "year": _("Year"),
    }
    return labels[name]


def _value_label(name: str, value, request=None) -> str:
    if name == "kind":
        return str(SearchEntry.Kind(value).label)
    if name == "country":
        return str(countries.name(value) or value)
    if name == "language":
        from django.conf import settings

        return str(dict(settings.LANGUAGES).get(value, value))
    if name == "theme":
        names = _theme_names(request)
        return names.get(value, value.replace("-", " "))
    return str(value)


def _theme_names(request) -> dict[str, str]:
    """Theme names in the reader's language, read once per page."""
    cached = getattr(request, "_theme_names", None)
    if cached is None:
        cached = {slug: pick(names) for slug, names in Theme.objects.values_list("slug", "names")}
        if request is not None:
            request._theme_names = cached
    return cached


@register.simple_tag
def facet_link(request, name: str, value, count: int) -> str:
    param = FACET_PARAMS[name]
    query = request.GET.copy()
    query.pop("page", None)
    selected = query.get(param) == str(value)
    if selected:
        query.pop(param)
    else:
        query[param] = value
    return format_html(
        '<a href="?{}"{}>{}</a> <span class="count">{}</span>',
        query.urlencode(),
        ' aria-current="true"' if selected else "",
        _value_label(name, value, request),
        count,
    )


@register.simple_tag
def active_filters(request) -> str:
    chosen = [
        (name, request.GET[param]) for name, param in FACET_PARAMS.items() if request.GET.get(param)
    ]
    return format_html_join(
        " ",
        '<span class="chip">{}: {}</span>',
        ((facet_label(n), _value_label(n, v, request)) for n, v in chosen),
    )
