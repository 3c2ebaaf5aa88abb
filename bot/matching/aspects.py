"""What kind of answer a question asks for, and which numbers it names, read from normalised tokens.

A question asking "wann"/"when" is answered only by a sentence that states a time; "wie viele"/"how many" only
by one that states a number; a year the question names must appear in the answering sentence. These checks
keep a confident wrong answer away from questions the knowledge base does not answer (the mayor in 2025, the
page count of the paper).
"""

from __future__ import annotations

import re
from enum import Enum

from bot.matching.normalize import normalize


class Aspect(Enum):
    DATE = "date"
    YEAR = "year"
    NUMBER = "number"
    PLACE = "place"
    CURRENT = "current"


_DATE_PHRASES = (
    "wann",
    "seit wann",
    "bis wann",
    "in welchem jahr",
    "welches jahr",
    "welchem jahr",
    "welchen jahren",
    "welchem monat",
    "datum",
    "when",
    "what year",
    "which year",
    "since when",
    "date",
    "what month",
    "which month",
    "in welchem zeitraum",
    "von wann",
    "ab wann",
    "which date",
    "what date",
)
_YEAR_PHRASES = ("in welchem jahr", "welches jahr", "which year", "what year", "seit welchem jahr")
_NUMBER_PHRASES = (
    "wie viele",
    "wieviele",
    "wie viel",
    "wieviel",
    "wie hoch",
    "wie gross",
    "wie lang",
    "wie weit",
    "wie oft",
    "anzahl",
    "how many",
    "how much",
    "how far",
    "how long",
    "how big",
    "how large",
    "how high",
    "how often",
    "what share",
    "what percentage",
    "which percentage",
    "wie viel prozent",
    "welcher anteil",
    "what proportion",
)
_PLACE_WORDS = frozenset("wo where".split())
_EVENT_WORDS = frozenset(
    """
    statt stattgefunden fand findet war waren tagte liegt lag sitzt held hosted located take took place was
    were is
    """.split()
)
_PLACE_PHRASES = (
    "an welchem ort",
    "in welchem ort",
    "in welcher stadt",
    "in which town",
    "in which city",
    "welcher ort",
    "which venue",
    "what venue",
)
_PLACE_IN_ENGLISH = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?[A-Z]")
_CURRENT_WORDS = frozenset(
    "heute heutige heutigen aktuell aktuelle aktuellen derzeit zurzeit jetzt today currently current now".split()
)
_CURRENT_IN_TEXT = frozenset("heute today".split())

_NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d{3})*(?:[.,]\d+)?")
_THOUSANDS = re.compile(r"(?<=\d)[.,\u202f\u00a0 ](?=\d{3}(?!\d))")
MONTHS = frozenset(
    """
    januar februar maerz april mai juni juli august september oktober november dezember herbst fruehjahr
    sommer winter january february march may june july october december autumn spring summer
    """.split()
)
NUMBER_WORDS = frozenset(
    """
    eins zwei drei vier fuenf sechs sieben acht neun zehn elf zwoelf hundert tausend million millionen mio
    haelfte drittel viertel one two three four five six seven eight nine ten eleven twelve half third quarter
    hundred thousand dozen ersten zweiten dritten erste zweite dritte first second
    """.split()
)


ASPECT_WORDS = {"jahr": Aspect.YEAR, "year": Aspect.YEAR, "datum": Aspect.DATE, "date": Aspect.DATE}
ASPECT_WORDS |= {"anzahl": Aspect.NUMBER, "number": Aspect.NUMBER, "zahl": Aspect.NUMBER}
ASPECT_WORDS |= {"ort": Aspect.PLACE, "venue": Aspect.PLACE, "location": Aspect.PLACE}


def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(" (?:" + "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True)) + ") ")


def _has(pattern: re.Pattern[str], padded: str) -> bool:
    return pattern.search(padded) is not None


_DATE = _phrases(_DATE_PHRASES)
_YEAR = _phrases(_YEAR_PHRASES)
_NUMBER_ASKED = _phrases(_NUMBER_PHRASES)
_PLACE = _phrases(_PLACE_PHRASES)


def question_aspects(normalized: str) -> frozenset[Aspect]:
    padded = f" {normalized} "
    found = set()
    if _has(_DATE, padded):
        found.add(Aspect.DATE)
    if _has(_YEAR, padded):
        found.add(Aspect.YEAR)
    if _has(_NUMBER_ASKED, padded):
        found.add(Aspect.NUMBER)
    words = normalized.split()
    if _has(_PLACE, padded) or (_PLACE_WORDS.intersection(words) and _EVENT_WORDS.intersection(words)):
        found.add(Aspect.PLACE)
    if _CURRENT_WORDS.intersection(words):
        found.add(Aspect.CURRENT)
    found.update(ASPECT_WORDS[word] for word in words if word in ASPECT_WORDS)
    return frozenset(found)


def numbers_in(text: str) -> frozenset[str]:
    """Numbers in a text, thousands separators removed and decimal commas read as points ("20.000" → "20000",
    "58,1" → "58.1"), so that German and English spellings of one number compare equal."""
    return frozenset(
        _THOUSANDS.sub("", match.group()).replace(",", ".").rstrip(".") for match in _NUMBER.finditer(text)
    )


def years_in(numbers: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in numbers if len(n) == 4 and n.isdigit() and 1800 <= int(n) <= 2100)


def answer_aspects(text: str, english: str = "", names_place: bool = False) -> frozenset[Aspect]:
    """The kinds of answer a sentence can give: a date (a year or a month), a number, a place (a named town,
    or "in/at/near" before a name in the English text, where names stand out by their capital), something
    current."""
    words = set(normalize(text).split())
    numbers = numbers_in(text)
    found = set()
    if years_in(numbers) or words & MONTHS:
        found.add(Aspect.DATE)
    if years_in(numbers):
        found.add(Aspect.YEAR)
    if numbers or words & NUMBER_WORDS:
        found.add(Aspect.NUMBER)
    if words & _CURRENT_IN_TEXT:
        found.add(Aspect.CURRENT)
    if names_place or _PLACE_IN_ENGLISH.search(english):
        found.add(Aspect.PLACE)
    return frozenset(found)


_GAP_WORDS = {
    Aspect.DATE: frozenset("datum date dates wann when".split()),
    Aspect.YEAR: frozenset("jahr year".split()),
    Aspect.PLACE: frozenset("ort orte wo where venue".split()),
    Aspect.NUMBER: frozenset(
        "anzahl zahl teilnehmerzahl teilnehmerzahlen seitenzahl summe summen hoehe kosten number cost amount".split()
    ),
}


def gap_aspects(text: str) -> frozenset[Aspect]:
    """The kinds of answer a gap says are missing ("das Datum des Workshops" → a date)."""
    words = set(normalize(text).split())
    return frozenset(aspect for aspect, named in _GAP_WORDS.items() if words & named)
