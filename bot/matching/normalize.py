"""Text normalisation shared by the index and the queries, so that both sides fold the same way."""

from __future__ import annotations

import re
import unicodedata

import Stemmer

from bot.matching.stopwords import ENGLISH_MARKERS, GERMAN_MARKERS, STOPWORDS

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_STEMMER = Stemmer.Stemmer("german")
_LOAN_PLURAL = re.compile(r"(?<=\w{4}[pcwz])s$")


def normalize(text: str) -> str:
    """Lower-case, fold umlauts to their two-letter spelling, strip accents and punctuation."""
    folded = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
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
    that "Workshops" meets "Workshop".
    """
    return [_LOAN_PLURAL.sub("", stem) for stem in _STEMMER.stemWords(tokens)]


def sort_key(tokens: list[str]) -> str:
    """Order-independent form, so that a plain ratio behaves like token_sort_ratio at a fraction of its cost."""
    return " ".join(sorted(tokens))


def guess_language(tokens: list[str]) -> str | None:
    english = sum(token in ENGLISH_MARKERS for token in tokens)
    german = sum(token in GERMAN_MARKERS for token in tokens)
    if english > german:
        return "en"
    if german > english:
        return "de"
    return None
