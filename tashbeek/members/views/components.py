"""The directory's repeated parts as components that render themselves (`{{ card }}`).

A directory page prints a card per organisation and a link per facet value. Through template
tags and lookups those cost more than everything else on the page together; here each is one
string built with the standard library's `html.escape` (what django.utils.html.escape does,
without its lazy-string checks). Every string is already in the reader's language.
"""

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.html import html_safe
from django.utils.safestring import mark_safe
from django_countries import countries


@lru_cache(maxsize=4096)
def country_name(code: str, language: str) -> str:
    """Country names per language (the lookup translates on every call otherwise)."""
    return str(countries.name(code))


# Labels and codes (kinds, statuses, countries, regions, themes, language codes) are a bounded
# set of texts that every page prints again: each is escaped once.
escape_label = lru_cache(maxsize=4096)(escape)


@lru_cache(maxsize=16)
def _number_format(language: str) -> tuple:
    return tuple(
        get_format(name, language, use_l10n=True)
        for name in ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    )


def integer(n: int, language: str) -> str:
    """`intcomma(n)` with the language's separators looked up once, not per number."""
    decimal, grouping, thousands = _number_format(language)
    if not grouping:  # Arabic: no grouping
        return str(n)
    if grouping == 3:  # Hebrew, French, English: groups of three, in C
        return format(n, ",").replace(",", thousands)
    return numberformat.format(n, decimal, None, grouping, thousands, use_l10n=True)


@dataclass(frozen=True, slots=True)
class Card:
    """A result card (printed by its CardList)."""

    url: str
    name: str
    lang: str
    dir: str
    meta: str
    status: str
    status_label: str
    population: str

    def html(self) -> str:
        population = f" · {escape(self.population)}" if self.population else ""
        return (
            f'<li class="card"><h3><a href="{escape(self.url)}" lang="{escape_label(self.lang)}" '
            f'dir="{self.dir}">{escape(self.name)}</a></h3>'
            f'<p class="meta">{escape(self.meta)}</p><p class="meta">'
            f'<span class="badge status-{escape_label(self.status)}">'
            f"{escape_label(self.status_label)}</span>"
            f"{population}</p></li>"
        )


@html_safe
@dataclass(frozen=True, slots=True)
class CardList:
    """A page of cards, rendered as one (`{{ cards }}`); empty when there are none."""

    cards: list[Card]

    def __len__(self) -> int:
        return len(self.cards)

    def __iter__(self):
        return iter(self.cards)

    def __str__(self) -> str:
        return "\n".join(card.html() for card in self.cards)


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: its label, count and link; the active value links to its own
    removal. Printed by its Facet."""

    value: str
    label: str
    n: int
    count: str  # n in the reader's locale: digits and separators, nothing to escape
    href: str
    current: bool

    def html(self) -> str:
        count = f'<span class="count">{self.count}</span>'
        label = escape_label(self.label)
        if self.current:
            return (
                f'<li><a class="current" aria-current="true" href="{escape(self.href)}">'
                f"{label} ✕</a> {count}</li>"
            )
        return f'<li><a href="{escape(self.href)}">{label}</a> {count}</li>'


@html_safe
@dataclass(frozen=True, slots=True)
class Facet:
    """A facet's section: its title, values and the link that shows all of them or fewer.
    Renders nothing when no value is left."""

    key: str
    title: str
    values: list[FacetValue]
    more_href: str = ""
    more_label: str = ""

    def __str__(self) -> str:
        if not self.values:
            return ""
        more = ""
        if self.more_href:
            more = (
                f'<p class="facet-more"><a href="{escape(self.more_href)}">'
                f"{escape(self.more_label)}</a></p>"
            )
        values = "\n".join(value.html() for value in self.values)
        return (
            f'<section class="facet"><h2>{escape(self.title)}</h2><ul>\n{values}\n</ul>'
            f"{more}</section>"
        )


def options(choices: dict, selected: str) -> str:
    """`<option>`s of a small select, the selected one marked."""
    return mark_safe(  # noqa: S308 (every value is escaped here)
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if value == selected else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in choices.items()
        )
    )


@html_safe
class FacetList(list):
    """The sidebar's facets, printed as one (`{{ facets }}`)."""

    def __str__(self) -> str:
        return "\n".join(str(facet) for facet in self)


def hidden_inputs(values: dict[str, str]) -> str:
    """The active filters as hidden fields, so that a new search keeps them."""
    return mark_safe(  # noqa: S308 (every value is escaped here)
        "".join(
            f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">'
            for key, value in values.items()
        )
    )
