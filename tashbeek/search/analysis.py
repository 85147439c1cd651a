"""The one text analyser: the same terms for what is indexed and for what people type.

Steps, in order: NFKC; Arabic normalisation (tashkeel, tatweel, alef/hamza seats, ى→ي,
ة→ه, Arabic-Indic and Persian digits); Hebrew niqqud removal; case folding; words; stop
words per language; stemming (light stemmers of our own for Arabic and Hebrew, Snowball
through PyStemmer for French and English); accent folding for Latin scripts *after*
stemming (the French stemmer needs its accents).

Arabic gets a light stemmer, Light10 (Larkey, Ballesteros and Connell): "و" in front, then
the article with the particles that attach to it, then one pass over the plural, feminine
and pronoun endings, each cut only while enough of the word remains. حافلة, حافلات and
بالحافلات meet on one stem, and so do بلدية and للبلديات. Snowball's Arabic stemmer, used
before, split the first two (حافل, حافلا), cut a ب it took for a particle (البلديات → لديا)
and the end of names (كفركنا → كفر); Light10 strips no single-letter particle but و, so a
word that begins with ب, ك, ل or ف keeps it, and a name keeps its letters.

Hebrew has no Snowball stemmer, so it gets a light one of its own: final letter forms folded
(ם→מ), the particles attached in front stripped (ו ה ב כ ל מ ש: וכשהתלמידים), then one
plural or feminine ending (ויות, יות, ים, ות, ה). A particle goes only if three letters remain
without the ending, an ending only if two remain, so short words keep their root (בית, מים)
and the singular and plural lose the same letters. The price: a word whose stem has two
letters keeps its particles (ברשות stays apart from רשות). Query and index are stemmed
alike, so a wrong cut only joins a word with another form of itself or a homograph.
"""

import re
import unicodedata
from functools import cache, lru_cache

import Stemmer

from tashbeek.core.text import _ARABIC_MAP, _DIGITS, _NIQQUD, _TASHKEEL, _TATWEEL

from .stopwords import STOP_WORDS

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
HEBREW_SCRIPT = re.compile("[\u0590-\u05ff]")
LATIN_SCRIPT = re.compile("[a-zA-Z\u00c0-\u024f]")
WORD = re.compile(r"\w+", re.UNICODE)
LANGUAGES = ("ar", "he", "fr", "en")
STEMMERS = {"fr": "french", "en": "english"}
# Light10's lists, in its order, spelt as normalise() leaves them (ة → ه, so ية is يه).
# The article with the particles that attach to it, longest first (its وال is و, taken
# first, then ال); then the endings.
ARABIC_PREFIXES = ("بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
HEBREW_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
HEBREW_PARTICLES = frozenset("והבכלמש")
HEBREW_SUFFIXES = ("ויות", "יות", "ימ", "ות", "ה")  # final-free spelling: ים is ימ
MAX_INPUT = 20_000
# Raised whenever the terms of a text change: each entry records the version its terms come
# from, and `manage.py reindex --stale` rebuilds the kinds that hold older ones (upgrades).
# 1: Arabic's light stemmer (Light10) in place of Snowball's.
VERSION = 1


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(STEMMERS[language])
    stemmer.maxCacheSize = 50_000
    return stemmer


def normalise(text: str) -> str:
    """Script normalisation and case folding; accents stay (for the French stemmer)."""
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT])
    text = text.replace(_TATWEEL, "")
    text = _TASHKEEL.sub("", text)
    text = _NIQQUD.sub("", text)
    return text.translate(_ARABIC_MAP).translate(_DIGITS).casefold()


def fold_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def script_of(word: str) -> str:
    if ARABIC_SCRIPT.search(word):
        return "ar"
    if HEBREW_SCRIPT.search(word):
        return "he"
    if LATIN_SCRIPT.search(word):
        return "latin"
    return "other"


def detect_language(text: str) -> str:
    """ar, he, fr or en: by script first (cheap, and certain for ar/he), then py3langid
    between French and English for Latin text. English when there is nothing to tell."""
    sample = text[:2000]
    counts = {"ar": 0, "he": 0, "latin": 0}
    for word in WORD.findall(sample):
        script = script_of(word)
        if script in counts:
            counts[script] += 1
    script = max(counts, key=lambda name: counts[name])
    if counts[script] == 0:
        return "en"
    if script != "latin":
        return script
    return _latin_language(sample)


def _latin_language(text: str) -> str:
    language, _score = _identifier().classify(text)
    return language if language in ("fr", "en") else "en"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    # Our own instance (the module's default is shared): only the two Latin languages.
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
    identifier.set_languages(["fr", "en"])
    return identifier


def _arabic_stem(word: str) -> str:
    """Light10: "و" if three letters remain, the article if two remain, then each ending
    in turn if two remain."""
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def _hebrew_stem(word: str) -> str:
    word = word.translate(HEBREW_FINALS)
    # A particle goes only if what follows keeps three letters without its ending, so that
    # the singular and the plural lose the same letters (מכרז, מכרזים → כרז; מים stays).
    while word[0] in HEBREW_PARTICLES and len(_without_ending(word[1:])) >= 3:
        word = word[1:]
    return _without_ending(word)


def _without_ending(word: str) -> str:
    for suffix in HEBREW_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The term for one normalised word, by its script (Latin by the text's language)."""
    script = script_of(word)
    if script == "ar":
        return _arabic_stem(word)
    if script == "he":
        return _hebrew_stem(word)
    if script == "latin":
        latin = language if language in ("fr", "en") else "en"
        return fold_accents(_stemmer(latin).stemWord(word))
    return word


def words(text: str) -> list[str]:
    """Normalised words, in order, stop words kept (for snippets and phrase display)."""
    return WORD.findall(normalise(text or ""))


def _is_stop(word: str) -> bool:
    return word in STOP_WORDS or (len(word) < 2 and not word.isdigit())


def analyse(text: str | None, language: str | None = None) -> list[str]:
    """The index terms of a text, in order (repeats kept: they count in ranking)."""
    if not text:
        return []
    language = language or detect_language(text)
    return [stem(word, language) for word in words(text) if not _is_stop(word)]


def query_groups(text: str | None) -> list[list[str]]:
    """The query's words, each as its alternative terms. A short Latin query cannot be told
    French from English reliably, so a Latin word brings both stems: the index has the
    document's own."""
    groups: dict[tuple[str, ...], None] = {}
    for word in words(text or "")[:200]:
        if _is_stop(word):
            continue
        if script_of(word) == "latin":
            group = tuple(dict.fromkeys(stem(word, language) for language in ("fr", "en")))
        else:
            group = (stem(word, "ar"),)
        groups[group] = None
    return [list(group) for group in groups]


def query_terms(text: str | None) -> list[str]:
    """The distinct terms of a query, in order."""
    return terms_of(query_groups(text))


def terms_of(groups: list[list[str]]) -> list[str]:
    """The distinct terms of query_groups' answer, in order."""
    return list(dict.fromkeys(term for group in groups for term in group))


def term_of_each_word(text: str, language: str) -> list[tuple[str, str]]:
    """(original word, its term) for every word of a text: how snippets find what to mark."""
    result = []
    for match in WORD.finditer(text or ""):
        original = match.group(0)
        term = _word_term(original, language)
        if term:
            result.append((original, term))
    return result


@lru_cache(maxsize=100_000)
def _word_term(original: str, language: str) -> str:
    # Words repeat (Zipf): a page of snippets stems a few hundred distinct words, not thousands.
    word = normalise(original)
    return stem(word, language) if word else ""
