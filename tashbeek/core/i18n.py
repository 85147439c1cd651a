"""Content that members write in several languages, stored as {"ar": ..., "fr": ...}.

Readers see their own language first, then a sensible fallback: the other language of
their script family (Arabic readers get French before English, as most of our Maghreb
members write French), then the network default, then whatever exists.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

FALLBACKS = {
    "ar": ("ar", "fr", "en", "he"),
    "he": ("he", "en", "ar", "fr"),
    "fr": ("fr", "en", "ar", "he"),
    "en": ("en", "fr", "ar", "he"),
}


RTL_LANGUAGES = ("ar", "he")


def direction(language: str | None) -> str:
    """`rtl` or `ltr`, for a `dir` attribute beside a language code."""
    return "rtl" if (language or "")[:2] in RTL_LANGUAGES else "ltr"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def pick_language(values: dict | None, language: str | None = None) -> str:
    """The code of the language a reader of `language` (default: active) should see."""
    if not values:
        return ""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    for code in FALLBACKS.get(language, (language,)):
        if values.get(code):
            return code
    return next((code for code, text in values.items() if text), "")


class Picked(str):
    """A text picked for a reader, knowing the language it is written in, so a page can mark
    it with `lang` and `dir` when that is not the page's own (`{{ x.name|lang }}`)."""

    def __new__(cls, text: str, language: str):
        value = super().__new__(cls, text)
        value.language = language
        return value

    def __getnewargs__(self):  # copies and pickles (caches) keep the language
        return (str(self), self.language)


def foreign_language(text) -> str:
    """The language of a picked text when it is not the active one (else "")."""
    code = getattr(text, "language", "")
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code and code != active else ""


def language_name(code: str | None) -> str:
    """The language's name in the active language ("English" → "الإنجليزية" on an Arabic page)."""
    try:
        name = str(translation.get_language_info((code or "")[:2])["name_translated"])
    except KeyError:
        return code or ""
    # French writes language names in lower case ("affiché en anglais").
    return name.lower() if (translation.get_language() or "")[:2] == "fr" else name


def pick(values: dict | None, language: str | None = None) -> str:
    """The best text for a reader in `language` (default: the active language)."""
    code = pick_language(values, language)
    return Picked(values[code], code) if code else ""


def clean_translations(values: dict | None) -> dict:
    """Keep known languages with non-blank text, trimmed. Anything but a mapping of
    language to text (a number, a list: easy to send through the API) is refused."""
    if values is not None and not isinstance(values, dict):
        raise ValidationError(
            _('Give a text per language, for example {"ar": "…", "en": "…"}.'), code="invalid"
        )
    known = set(language_codes())
    return {
        code: str(text).strip()
        for code, text in (values or {}).items()
        if code in known and str(text or "").strip()
    }


class Titled:
    """`title` and `text` in the reader's language, for a model that keeps them per
    language in its `titles` and (optionally) `texts` JSON fields."""

    @property
    def title(self) -> str:
        return pick(self.titles) or (f"#{self.pk}" if self.pk else "")

    @property
    def text(self) -> str:
        return pick(getattr(self, "texts", None))
