"""Text normalisation shared by the index and the queries, so that both sides fold the same way."""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

from bot.matching.stopwords import ENGLISH_MARKERS, GERMAN_MARKERS, GERMAN_VERBS, STOPWORDS

# How German is written without umlauts ("Muehlacker", "Strasse"): the one spelling everything is folded to.
UMLAUT_SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
FOLD_UMLAUTS = str.maketrans(UMLAUT_SPELLINGS)
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_STEMMER = Stemmer.Stemmer("german")
_SUPERLATIVE = ("ste", "sten", "ster", "stes", "stem")
_RESTORED = tuple((spelt, letter) for letter, spelt in UMLAUT_SPELLINGS.items() if letter != "ß")
_LANGUAGES = ("de", "en")


def normalize(text: str) -> str:
    """Lower-case, fold umlauts to their two-letter spelling, strip accents and punctuation; a per cent sign is
    read as the word "prozent", so that "13 %" answers "welcher Anteil"."""
    if text.isascii():  # most text: nothing to compose, fold or strip
        folded = text.lower().replace("%", " prozent ")
    else:
        folded = unicodedata.normalize("NFC", text).lower().translate(FOLD_UMLAUTS).replace("%", " prozent ")
        if not folded.isascii():
            folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def content_tokens(tokens: list[str]) -> list[str]:
    """Tokens that carry meaning; a question made only of stopwords keeps all its tokens.

    Single letters are dropped (the "s" of "what's"), digits are kept ("These 3").
    """
    content = [token for token in tokens if token not in STOPWORDS and (len(token) > 1 or token.isdigit())]
    return content or tokens


def stems(tokens: list[str]) -> list[str]:
    """Snowball stems, so that "Partnern" meets "Partner" and "Städten" meets "Stadt".

    German Snowball keeps the plural "s" of loanwords after p, c, w or z ("Workshops"); it is dropped here so
    that "Workshops" meets "Workshop". Superlatives keep their "st" (see ``_superlative``).
    """
    return [_stem(token) for token in tokens]


@functools.lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    stem = _STEMMER.stemWord(token)
    return _superlative(token, stem[:-1] if len(stem) >= 6 and stem[-1] == "s" and stem[-2] in "pcwz" else stem)


@functools.lru_cache(maxsize=1 << 16)
def lemma(token: str) -> str:
    """The normalised dictionary form of a normalised word ("gedauert" → "dauern", "cities" → "city"), from
    simplemma's German and English dictionaries (shipped in its wheel), German first; umlauts folded to two
    letters ("gegruendet") are tried with their umlaut ("gegründet") when the folded spelling is unknown.

    Loading a dictionary takes about half a second (importing simplemma alone a quarter, since it reads every
    language's rules), so the matcher asks only for question words that the knowledge base does not use in the
    form asked, and the import waits for the first such word instead of slowing every start."""
    if token.isdigit():
        return token
    import simplemma

    spellings = [token]
    if any(folded in token for folded, _ in _RESTORED):
        restored = token
        for folded, umlaut in _RESTORED:
            restored = restored.replace(folded, umlaut)
        spellings.append(restored)
    for language in _LANGUAGES:
        for spelling in spellings:
            found = simplemma.lemmatize(spelling, lang=language, low_memory=True)
            if found != spelling:
                return normalize(found) or token
    return token


def _superlative(token: str, stem: str) -> str:
    """Snowball reads "kleinste" as "klein"; a superlative keeps its "st" so that "die kleinste Stadt" is not
    every "Klein- und Mittelstadt"."""
    if token.endswith(_SUPERLATIVE) and not stem.endswith("st") and len(token) - len(stem) >= 3:
        return stem + "st"
    return stem


def sort_key(tokens: list[str]) -> str:
    """Order-independent form, so that a plain ratio behaves like token_sort_ratio at a fraction of its cost."""
    return " ".join(sorted(tokens))


def guess_language(tokens: list[str]) -> str | None:
    english = sum(token in ENGLISH_MARKERS for token in tokens)
    german = sum(token in GERMAN_MARKERS or token in GERMAN_VERBS for token in tokens)
    if english > german:
        return "en"
    if german > english:
        return "de"
    return None
