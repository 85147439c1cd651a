"""One text normaliser for names and search, shared by indexing and queries.

Arabic is written with many optional or interchangeable marks: short vowels (tashkeel),
the stretching tatweel, several alef/hamza seats, and final ى/ي and ة/ه that writers use
interchangeably. People search for "مؤسسة" and expect "موسسه"; "الجليل" must find
"الجَليل". Hebrew niqqud is optional in the same way, and Latin accents are often omitted.
"""

import re
import unicodedata

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_NIQQUD = re.compile("[\u0591-\u05c7]")
_TATWEEL = "\u0640"
_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ة": "ه",
        "ک": "ك",  # Persian kaf
        "ء": "",
    }
)
# Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits to ASCII.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise_digits(value: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, and the Arabic decimal/thousands marks."""
    return value.translate(_DIGITS).replace("٫", ".").replace("٬", ",")


def normalise(value: str | None) -> str:
    """Fold a text to the form used for matching: the same for every spelling variant."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = text.replace(_TATWEEL, "")
    text = _TASHKEEL.sub("", text)
    text = _NIQQUD.sub("", text)
    text = text.translate(_ARABIC_MAP).translate(_DIGITS)
    # Latin case and accent folding (é→e, ß→ss); Arabic/Hebrew marks are already gone.
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def search_terms(query: str | None, limit: int = 8) -> list[str]:
    """Normalised words of a query, bounded so a pasted essay cannot build a huge query."""
    return [term for term in normalise((query or "")[:200]).split(" ") if term][:limit]


def compact(value: str | None) -> str:
    """A folded name without its spaces, so "كفركنا" meets "كفر كنا" and "BeniMellal" meets
    "Beni-Mellal" (hyphens and other punctuation fold to spaces first)."""
    return normalise(value).replace(" ", "")


def search_key(names) -> str:
    """What a name search looks in: each name folded, and again without its spaces when it
    has any, so a name is found however its parts are joined."""
    keys = []
    for text in names:
        folded = normalise(text)
        keys += [folded, folded.replace(" ", "")] if folded else []
    return " ".join(dict.fromkeys(keys))
