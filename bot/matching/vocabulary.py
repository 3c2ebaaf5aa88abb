"""The knowledge base's own words: how specific each is, compound heads, and typo repair.

A typo must keep the first two letters and about the length of the word it is read as, so "München" never
becomes "Menschen".

Every word is a Snowball stem of the normalised text. A question word the knowledge base does not know is
read, in this order, as a compound whose parts it knows ("Migrantenanteil" → "migrant" + "anteil",
"Oberbürgermeister" → "buergermeist"), or as a typo of a known word that starts with the same letter and is
about as long ("Einwohnr" → "einwohn"); a short or unlike word stays unknown, so "Beine" never becomes
"begin". Unknown words weigh like the rarest known ones: a question about "Hamburg" is not answered from an
entry that merely shares "Einwohner".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

MIN_HEAD = 5
MIN_MODIFIER = 4
MIN_TYPO_LENGTH = 5
TYPO_CUTOFF = 84.0
HEAD_CREDIT = 0.7
HEAD_ONLY_CREDIT = 0.5
KNOWN_HEAD_CREDIT = 0.35
UNKNOWN_FACTOR = 0.45
MINOR_FACTOR = 0.25
MINOR_KNOWN_FACTOR = 0.7
TYPO_CREDIT = 0.9
PART_CREDIT = 0.6
MODIFIER_CREDIT = 0.3
MAX_RELATED = 3
_LINKING = ("", "s", "n", "en", "es", "e", "er")


@dataclass(frozen=True, slots=True)
class Term:
    """A question word: its weight and the indexed words that count as it, each with a credit (0–1].

    A compound read as its parts (``together``) earns its credit in proportion to the parts a text has.
    """

    word: str
    weight: float
    forms: tuple[tuple[str, float], ...]
    together: bool = False

    def earns(self, credit: float) -> float:
        """The weight one of its forms earns with this credit (a compound's part its share of it)."""
        return self.weight * (credit / len(self.forms) if self.together else credit)

    def credit(self, words: frozenset[str] | set[str]) -> float:
        if self.together:
            return sum(credit for form, credit in self.forms if form in words) / len(self.forms)
        best = 0.0
        for form, credit in self.forms:
            if credit > best and form in words:
                best = credit
        return best


class Vocabulary:
    def __init__(self, documents: Iterable[frozenset[str]]) -> None:
        frequency: Counter[str] = Counter()
        count = 0
        for words in documents:
            frequency.update(words)
            count += 1
        self._documents = count
        self._frequency = frequency
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(frequency):
            self._by_initial.setdefault(word[:1], []).append(word)
        self._heads: dict[str, tuple[str, ...]] = {}
        self._weights: dict[str, float] = {}
        self._related_words: dict[str, tuple[str, ...]] = {}
        self._terms: dict[str, Term] = {}

    def __contains__(self, word: str) -> bool:
        return word in self._frequency

    @property
    def words(self) -> list[str]:
        return list(self._frequency)

    def weight(self, word: str) -> float:
        found = self._weights.get(word)
        if found is None:
            found = self._weights[word] = math.log((self._documents + 1) / (self._frequency.get(word, 0) + 1)) + 1
        return found

    def heads(self, word: str) -> tuple[str, ...]:
        """The known word a compound ends in ("landkreis" → "kreis")."""
        if word not in self._heads:
            head = self._split(word)[1] if word in self else None
            self._heads[word] = (head,) if head else ()
        return self._heads[word]

    def parts(self, word: str) -> tuple[str, ...]:
        """Both known parts of a compound ("projektleitung" → "projekt", "leitung"); indexed beside it."""
        modifier, head = self._split(word) if word in self else (None, None)
        return (modifier, head) if modifier and head else ()

    def term(self, word: str, *, named: bool = False, minor: bool = False) -> Term:
        """``named``: the word was capitalised inside the question – an unknown name or noun, which likely
        is what the question is about, so it keeps its full weight. ``minor``: written in lower case in a
        properly capitalised question – in German a verb or adjective, which says little about the topic."""
        if word not in self._terms:
            self._terms[word] = self._make_term(word)
        term = self._terms[word]
        if named and not term.forms:
            return Term(word, self.weight(word), ())
        if minor and not term.forms:
            return Term(word, self.weight(word) * MINOR_FACTOR, ())
        if minor:
            return Term(word, term.weight * MINOR_KNOWN_FACTOR, term.forms, term.together)
        return term

    def _make_term(self, word: str) -> Term:
        if word in self or word.isdigit():
            forms = [(word, 1.0)] + [(head, KNOWN_HEAD_CREDIT) for head in self.heads(word)]
            return Term(word, self.weight(word), tuple(forms))
        modifier, head = self._split(word)
        if head and modifier:
            weight = max(self.weight(modifier), self.weight(head))
            return Term(word, weight, ((modifier, HEAD_CREDIT), (head, HEAD_CREDIT)), together=True)
        if head:
            return Term(word, self.weight(word) * UNKNOWN_FACTOR, ((head, HEAD_ONLY_CREDIT),))
        typo = self._typo(word)
        if typo:
            return Term(word, self.weight(typo), ((typo, TYPO_CREDIT),))
        related = self._related(word)
        if related:
            parts = tuple((w, PART_CREDIT if len(w) > len(word) else MODIFIER_CREDIT) for w in related)
            return Term(word, self.weight(word) * UNKNOWN_FACTOR, parts)
        return Term(word, self.weight(word) * UNKNOWN_FACTOR, ())

    def _related(self, word: str) -> tuple[str, ...]:
        """Known compounds an unknown word is the head or modifier of ("Modus" → "krisenmodus"), or the known
        word an unknown compound starts with ("Einwohnerkorridor" → "einwohn")."""
        if len(word) < MIN_HEAD or word.isdigit():
            return ()
        if word not in self._related_words:
            found = [
                w
                for w in self._frequency
                if len(w) >= len(word) + MIN_MODIFIER and (w.endswith(word) or w.startswith(word))
            ]
            found += [word[:cut] for cut in range(len(word) - MIN_MODIFIER, MIN_HEAD - 1, -1) if word[:cut] in self][:1]
            self._related_words[word] = tuple(sorted(found, key=self._frequency.__getitem__)[:MAX_RELATED])
        return self._related_words[word]

    def _split(self, word: str) -> tuple[str | None, str | None]:
        """(modifier, head) of a compound whose head is a known word; the modifier only when known too."""
        for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
            head = word[cut:]
            if head not in self:
                continue
            stem = word[:cut]
            for linking in _LINKING:
                if stem.endswith(linking) and len(stem) - len(linking) >= MIN_MODIFIER:
                    modifier = stem[: len(stem) - len(linking)]
                    if modifier in self:
                        return modifier, head
            return None, head
        return None, None

    def _typo(self, word: str) -> str | None:
        if len(word) < MIN_TYPO_LENGTH or word.isdigit():
            return None
        choices = [
            w
            for w in self._by_initial.get(word[:1], [])
            if abs(len(w) - len(word)) <= 2 and len(w) >= 4 and w[:2] == word[:2]
        ]
        return closest(word, choices)


def closest(word: str, choices: list[str], cutoff: float = TYPO_CUTOFF) -> str | None:
    """The choice a typo most likely means: similar enough by ratio, or one edit away counting a swap of two
    neighbouring letters as one edit ("Gosalr" → "goslar", which the ratio alone puts at 83), but not one letter
    put for another."""
    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if best:
        return best[0]
    if len(word) < MIN_TYPO_LENGTH:
        return None
    edited = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
    return next((choice for choice, _, _ in edited if not _substituted(word, choice)), None)


def _substituted(word: str, other: str) -> bool:
    """Whether two words differ in one letter only ("Wetter"/"weiter" are both words; a dropped, doubled or
    swapped letter is the typo people make)."""
    return len(word) == len(other) and sum(a != b for a, b in zip(word, other, strict=True)) == 1


class Spelling:
    """Repairs a misspelt question word against the words the knowledge base (and the stopword list) use,
    before stemming: "Abschlusstagnug" → "abschlusstagung", "warn" stays (too short to tell)."""

    def __init__(self, words: Iterable[str], fillers: Iterable[str]) -> None:
        self._fillers = frozenset(fillers)
        self._known = frozenset(words) | self._fillers
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self._known):
            if len(word) >= 4:
                self._by_initial.setdefault(word[:1], []).append(word)
        self._repaired: dict[str, str] = {}

    def repair(self, token: str) -> str:
        """A four-letter word is only read as a filler word ("warn" → "waren"), never as a content word."""
        if token in self._known or len(token) < MIN_TYPO_LENGTH - 1 or not token.isalpha():
            return token
        if token not in self._repaired:
            choices = [
                w for w in self._by_initial.get(token[:1], []) if abs(len(w) - len(token)) <= 2 and w[:2] == token[:2]
            ]
            if len(token) < MIN_TYPO_LENGTH:
                choices = [w for w in choices if w in self._fillers]
            self._repaired[token] = closest(token, choices) or token
        return self._repaired[token]
