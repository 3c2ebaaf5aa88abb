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
    DISTANCE = "distance"
    PERSON = "person"  # someone: a person or an organisation


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
    "welchem tag",
    "welcher tag",
    "which day",
    "what day",
    "wie viel uhr",
    "what time",
)
_YEAR_PHRASES = ("in welchem jahr", "welches jahr", "which year", "what year", "seit welchem jahr")
_NUMBER_PHRASES = (
    "wie viele",
    "wie vielen",
    "wieviele",
    "wievielen",
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
    "wie umfangreich",
    "how extensive",
)
_PLACE_WORDS = frozenset("wo where".split())
_PERSON_WORDS = frozenset("wer who".split())
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
_PLACE_IN_ENGLISH = re.compile(
    r"\b(?:in|at|near)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b)[A-Z]"
)
# Words asking for the present state: an aspect of the answer (a fact that says "today"), never its topic.
CURRENT_WORDS = frozenset(
    "heute heutige heutigen aktuell aktuelle aktuellen derzeit zurzeit jetzt today currently current now".split()
)
_CURRENT_IN_TEXT = frozenset("heute today".split())
_DISTANCE_IN_TEXT = frozenset("km kilometer kilometern kilometres kilometers".split())

_DIGITS = re.compile(r"\d+")
_MARKED = re.compile(r"\d{1,2}te")
_MONTH_NAMES = (
    "januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february"
    "|march|may|june|july|october|december"
)
_DAYS = re.compile(
    rf"\b\d{{1,2}}\.(?:\s*(?:und|bis|/|–|-)\s*\d{{1,2}}\.)?\s*(?:{_MONTH_NAMES})"  # 7. und 8. Juni
    rf"|\b\d{{1,2}}(?:\.\s*/\s*\d{{1,2}})?\.\d{{1,2}}\.(?:\d{{2,4}})?"  # 26.04.2018, 1./2.12.2016
    rf"|\b\d{{1,2}}(?:\s*(?:and|to|–|-)\s*\d{{1,2}})?\s+(?:{_MONTH_NAMES})"  # 7 and 8 June
    rf"|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b",  # June 7
    re.IGNORECASE,
)
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
    hundred thousand dozen
    """.split()
)


ASPECT_WORDS = {"jahr": Aspect.YEAR, "year": Aspect.YEAR, "datum": Aspect.DATE, "date": Aspect.DATE}
ASPECT_WORDS |= {"monat": Aspect.DATE, "month": Aspect.DATE, "jahreszeit": Aspect.DATE, "season": Aspect.DATE}
ASPECT_WORDS |= {"zeitraum": Aspect.DATE}
ASPECT_WORDS |= {"anzahl": Aspect.NUMBER, "number": Aspect.NUMBER, "zahl": Aspect.NUMBER}
ASPECT_WORDS |= {"ort": Aspect.PLACE, "venue": Aspect.PLACE, "location": Aspect.PLACE, "gebaeude": Aspect.PLACE}
ASPECT_WORDS |= {"building": Aspect.PLACE}


_DISTANCE_PHRASES = ("wie weit", "how far", "entfernung", "entfernt", "distance", "km", "kilometer")
_PHRASE_ASPECTS: dict[str, set[Aspect]] = {}
for _aspect, _listed in (
    (Aspect.DISTANCE, _DISTANCE_PHRASES),
    (Aspect.DATE, _DATE_PHRASES),
    (Aspect.YEAR, _YEAR_PHRASES),
    (Aspect.NUMBER, _NUMBER_PHRASES),
    (Aspect.PLACE, _PLACE_PHRASES),
):
    for _phrase in _listed:
        _PHRASE_ASPECTS.setdefault(_phrase, set()).add(_aspect)
# One pass over the question; the lookahead lets phrases overlap ("in welchem jahr" and "jahr").
_ASKED = re.compile(
    "(?= (" + "|".join(re.escape(phrase) for phrase in sorted(_PHRASE_ASPECTS, key=len, reverse=True)) + ") )"
)


def question_aspects(normalized: str) -> frozenset[Aspect]:
    found = {aspect for match in _ASKED.finditer(f" {normalized} ") for aspect in _PHRASE_ASPECTS[match.group(1)]}
    tokens = normalized.split()
    words = [word for word, before in zip(tokens, ["", *tokens], strict=False) if not on_site(before, word)]
    if _PLACE_WORDS.intersection(words) and _EVENT_WORDS.intersection(words):
        found.add(Aspect.PLACE)
    if CURRENT_WORDS.intersection(words):
        found.add(Aspect.CURRENT)
    if _PERSON_WORDS.intersection(words):
        found.add(Aspect.PERSON)
    found.update(ASPECT_WORDS[word] for word in words if word in ASPECT_WORDS)
    found.update(
        aspect
        for word in words
        if word.endswith(_HEAD_ENDINGS)
        for head, aspect in _ASPECT_HEADS
        if _compound_of(word, head)
    )
    return frozenset(found)


_ASPECT_HEADS = (("datum", Aspect.DATE), ("jahr", Aspect.YEAR), ("zahl", Aspect.NUMBER), ("ort", Aspect.PLACE))
_HEAD_ENDINGS = tuple(head for head, _ in _ASPECT_HEADS)


def _compound_of(word: str, head: str) -> bool:
    """ "Gründungsjahr", "Seitenzahl", "Tagungsort": a compound whose head names the kind of answer."""
    return word.endswith(head) and len(word) >= len(head) + 4


def on_site(before: str, word: str) -> bool:
    """ "vor Ort" means on site, not a place asked for; "Gebäude" asks for a place only after a question word
    ("In welchem Gebäude …?", not "Welche denkmalgeschützten Gebäude …?" or "Gebäude in Goslar")."""
    return (before == "vor" and word == "ort") or (word in _ASKED_BUILDING and before not in _WHICH)


_ASKED_BUILDING = frozenset("gebaeude building".split())
_WHICH = frozenset("welchem welches welcher which what".split())


_NUMERAL_ORDINAL = re.compile(
    rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)\s+(?!(?:{_MONTH_NAMES})\b|(?:und|bis|and|to)\s+\d)(?=[^\W\d])",
    re.IGNORECASE,
)


def numbers_in(text: str) -> frozenset[str]:
    """Every run of digits in a text once thousands separators are removed ("20.000" → "20000", "58,1" → "58"
    and "1", "31.12.2016" → "31", "12" and "2016"), so that German and English spellings of a number or a date,
    and a question without its punctuation, compare equal."""
    return frozenset(_DIGITS.findall(_THOUSANDS.sub("", text))) if _DIGITS.search(text) else frozenset()


ORDINALS = {"erste": "1", "ersten": "1", "erstes": "1", "erster": "1", "first": "1"}
ORDINALS |= {"zweite": "2", "zweiten": "2", "zweites": "2", "zweiter": "2", "second": "2"}
ORDINALS |= {"dritte": "3", "dritten": "3", "drittes": "3", "dritter": "3", "third": "3"}
ORDINALS |= {"vierte": "4", "vierten": "4", "viertes": "4", "vierter": "4", "fourth": "4"}


def ordinals_in(words: list[str]) -> frozenset[str]:
    """Ordinals as their numbers ("das dritte Netzwerktreffen" and "das 3te Netzwerktreffen" name "3")."""
    return frozenset(ORDINALS.get(word) or word[:-2] for word in words if word in ORDINALS or _MARKED.fullmatch(word))


def mark_ordinals(text: str) -> str:
    """Writes a numeral ordinal as a word of its own ("das 3. Netzwerktreffen", "the 3rd meeting" → "3te"), so
    that it neither loses its meaning with the full stop nor meets the day of a date ("1. Dezember")."""
    return _NUMERAL_ORDINAL.sub(r"\1te ", text) if _DIGITS.search(text) else text


def ordinal_word(token: str) -> str | None:
    """The marked form of an ordinal word or numeral ("dritte", "3te" → "3te")."""
    if token in ORDINALS:
        return ORDINALS[token] + "te"
    return token if _MARKED.fullmatch(token) else None


def years_in(numbers: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in numbers if len(n) == 4 and n.isdigit() and 1800 <= int(n) <= 2100)


def answer_aspects(
    text: str, english: str = "", names_place: bool = False, names_someone: bool = False
) -> frozenset[Aspect]:
    """The kinds of answer a sentence can give: a date (a year or a month), a number (a year or the day of a
    date is no count or amount), a place (a named town,
    or "in/at/near" before a name in the English text, where names stand out by their capital), something
    current."""
    words = set(normalize(text).split())
    numbers = numbers_in(text)
    found = set()
    if years_in(numbers) or words & MONTHS:
        found.add(Aspect.DATE)
    if years_in(numbers):
        found.add(Aspect.YEAR)
    counts = numbers_in(_DAYS.sub(" ", text))
    if counts - years_in(counts) or words & NUMBER_WORDS:
        found.add(Aspect.NUMBER)
    if words & _CURRENT_IN_TEXT:
        found.add(Aspect.CURRENT)
    if words & _DISTANCE_IN_TEXT:
        found.add(Aspect.DISTANCE)
    if names_place or _PLACE_IN_ENGLISH.search(english):
        found.add(Aspect.PLACE)
    if names_someone:
        found.add(Aspect.PERSON)
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
    """The kinds of answer a gap says are missing ("das Datum des Workshops" → a date, "die Einwohnerzahl von
    Jürgenohl" → a number)."""
    words = set(normalize(text).split())
    named = {aspect for aspect, listed in _GAP_WORDS.items() if words & listed}
    named.update(aspect for word in words for head, aspect in _ASPECT_HEADS if _compound_of(word, head))
    return frozenset(named)
