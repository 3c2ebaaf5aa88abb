"""Finds towns and theses named in a text, tolerating typos and inflected forms ("Goslarer", "Gosslar")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from bot.knowledge.model import KnowledgeBase
from bot.matching.normalize import normalize
from bot.matching.vocabulary import closest


def _number_words(rows: list[str]) -> dict[str, int]:
    return {word: number for number, words in enumerate(rows, start=1) for word in words.split()}


_CARDINALS = _number_words(
    [
        "eins one",
        "zwei two",
        "drei three",
        "vier four",
        "fuenf five",
        "sechs six",
        "sieben seven",
        "acht eight",
        "neun nine",
        "zehn ten",
    ]
)
_ORDINALS = _number_words(
    [
        "erste ersten first",
        "zweite zweiten second",
        "dritte dritten third",
        "vierte vierten fourth",
        "fuenfte fuenften fifth",
        "sechste sechsten sixth",
        "siebte siebten seventh",
        "achte achten eighth",
        "neunte neunten ninth",
        "zehnte zehnten tenth",
    ]
)
_NUMBER_WORDS = _CARDINALS | _ORDINALS


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_T_NUMBER = re.compile(r"(?:^| )t[0-9]*(?= |$)")  # "t" or "t3" as a word of normalised text
_THESIS_PATTERNS = (
    re.compile(rf"\b(?:these|thesis|t)\s*(?:nr|nummer|number|no)?\s*(\d{{1,2}}|{_alternatives(_CARDINALS)})\b"),
    re.compile(rf"\b(\d{{1,2}}|{_alternatives(_ORDINALS)})\s*(?:te|ste|th|st|nd|rd)?\s*(?:these|thesis)\b"),
)
_MIN_FUZZY_LENGTH = 5
_FUZZY_CUTOFF = 85.0


class ScopeDetector:
    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._exact: dict[str, str] = {}
        self._phrases: dict[str, str] = {}
        self._names: set[str] = set()
        for scope in knowledge.scopes:
            if scope.kind not in ("town", "place"):
                continue
            self._names.add(normalize(scope.aliases[0]))
            for alias in scope.aliases:
                key = normalize(alias)
                target = self._phrases if " " in key else self._exact
                target[key] = scope.ref
        self._fuzzy_choices = [key for key in self._exact if len(key) >= _MIN_FUZZY_LENGTH]
        alternatives = "|".join(re.escape(phrase) for phrase in sorted(self._phrases, key=len, reverse=True))
        self._phrase_pattern = re.compile(rf"\b(?:{alternatives})\b") if self._phrases else None
        self._thesis_by_number = {thesis.number: f"thesis:{thesis.id}" for thesis in knowledge.theses}

    def detect(self, normalized: str, tokens: Iterable[str]) -> dict[str, str]:
        """Maps each token that names a scope to that scope's reference; phrases map under their text."""
        found: dict[str, str] = {}
        for token in tokens:
            ref = self._town_for_token(token)
            if ref:
                found[token] = ref
        if self._phrase_pattern and " " in normalized:
            for match in self._phrase_pattern.finditer(normalized):
                found[match.group()] = self._phrases[match.group()]
        for number in _thesis_numbers(normalized) if _may_name_thesis(normalized) else ():
            if number in self._thesis_by_number:
                found[f"these {number}"] = self._thesis_by_number[number]
        return found

    def is_alias(self, token: str) -> bool:
        """Whether a token names a town by another name than its own ("Europastadt"): such a name also says
        something about the town, so it is read as a topic word as well."""
        return token in self._exact and token not in self._names

    @staticmethod
    def rewrite_thesis_mentions(normalized: str) -> str:
        """Spells every thesis mention ("dritte These", "thesis three") as "these 3", the form variants use."""
        if not _may_name_thesis(normalized):
            return normalized
        for pattern in _THESIS_PATTERNS:
            normalized = pattern.sub(lambda match: f"these {_as_number(match.group(1))}", normalized)
        return normalized

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one detector per knowledge base, kept as long as it
    def _town_for_token(self, token: str) -> str | None:
        if token in self._exact:
            return self._exact[token]
        if len(token) < _MIN_FUZZY_LENGTH or not self._fuzzy_choices:
            return None
        best = closest(token, self._fuzzy_choices, _FUZZY_CUTOFF)
        return self._exact[best] if best else None


def _may_name_thesis(normalized: str) -> bool:
    """A cheap test before the patterns: "these", "thesis", or "t" before a number ("T3")."""
    return "thes" in normalized or _T_NUMBER.search(normalized) is not None


def _thesis_numbers(normalized: str) -> set[int]:
    return {_as_number(match.group(1)) for pattern in _THESIS_PATTERNS for match in pattern.finditer(normalized)}


def _as_number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]
