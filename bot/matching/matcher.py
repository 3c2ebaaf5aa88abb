"""Decides whether a question is answered, needs a "did you mean", or is out of scope.

One cheap ``ratio`` pass over order-independent keys picks candidate variants, so the cost stays close
to a single raw ``extractOne`` even on large knowledge bases. Only those candidates are scored in
detail: a specificity-weighted token F1 between question and variant, blended with how much of the
question the entry as a whole (including its answer) speaks to.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.knowledge.model import Entry, KnowledgeBase
from bot.matching.normalize import content_tokens, guess_language, normalize, sort_key, stems
from bot.matching.scopes import ScopeDetector
from bot.matching.thresholds import Thresholds

__all__ = ["Candidate", "IndexedVariant", "MatchResult", "Matcher", "Status", "Thresholds"]

Status = Literal["answer", "suggest", "unknown"]

PREFILTER_LIMIT = 20
MAX_SUGGESTIONS = 3
_TOKEN_CUTOFF = 85.0


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    status: Status
    candidates: tuple[Candidate, ...]
    language: str

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True, slots=True)
class IndexedVariant:
    text: str
    key: str
    scopes: frozenset[str]
    entry: Entry


@dataclass(frozen=True, slots=True)
class _Analysis:
    key: str
    tokens: list[str]
    topic_tokens: list[str]
    scopes: frozenset[str]
    language: str | None


@dataclass(frozen=True, slots=True)
class _Token:
    """A question token with its specificity and every indexed word it stands for."""

    weight: float
    matches: frozenset[str]


class Matcher:
    def __init__(self, knowledge: KnowledgeBase, thresholds: Thresholds | None = None) -> None:
        self.knowledge = knowledge
        self.thresholds = thresholds or Thresholds()
        self._entries = knowledge.entries
        self._detector = ScopeDetector(knowledge)
        self._synonyms = _synonym_map(knowledge.synonyms)
        self._texts: list[str] = []
        self._keys: list[str] = []
        self._tokens: list[frozenset[str]] = []
        self._owner: list[int] = []
        self._names: list[frozenset[str]] = []
        self._language: list[str] = []
        groups: defaultdict[str, list[int]] = defaultdict(list)
        vocabularies: list[set[str]] = [set() for _ in self._entries]
        seen: set[tuple[str, int]] = set()
        for index, entry in enumerate(self._entries):
            for variant in entry.variants:
                analysis = self._analyse(variant.text)
                if not analysis.key or (analysis.key, index) in seen:
                    continue
                seen.add((analysis.key, index))
                groups[min(analysis.scopes) if analysis.scopes else ""].append(len(self._keys))
                self._texts.append(variant.text)
                self._keys.append(analysis.key)
                self._tokens.append(frozenset(analysis.tokens))
                self._owner.append(index)
                self._names.append(analysis.scopes)
                self._language.append(variant.language)
                vocabularies[index].update(analysis.tokens)
            for text in (entry.title.de, entry.title.en, entry.answer.de, entry.answer.en):
                if text:
                    vocabularies[index].update(self._analyse(text).tokens)
        self._groups = {name: ([self._keys[p] for p in positions], positions) for name, positions in groups.items()}
        self._vocabularies = [frozenset(words) for words in vocabularies]
        frequency = Counter(word for words in vocabularies for word in words)
        self._specificity = {word: self._idf(count) for word, count in frequency.items()}
        self._known = sorted(frequency)
        self._variant_weight = [sum(self._specificity[word] for word in words) or 1.0 for words in self._tokens]

    @property
    def variant_count(self) -> int:
        return len(self._keys)

    def indexed_variants(self) -> list[IndexedVariant]:
        """Every indexed question variant, with the key and scopes the matcher derived from it."""
        return [
            IndexedVariant(text, key, names, self._entries[owner])
            for text, key, names, owner in zip(self._texts, self._keys, self._names, self._owner, strict=True)
        ]

    def match(self, question: str) -> MatchResult:
        query = self._analyse(question)
        if not query.key:
            return MatchResult("unknown", (), query.language or "de")
        ranked = self._rank(query)
        language = query.language or (self._language[ranked[0][1]] if ranked else "de")
        candidates = tuple(Candidate(self._entries[self._owner[p]], score) for score, p in ranked)
        return MatchResult(self._decide(candidates), self._shortlist(candidates), language)

    def _analyse(self, text: str) -> _Analysis:
        normalized = self._detector.rewrite_thesis_mentions(normalize(text))
        tokens = normalized.split()
        named = self._detector.detect(normalized, tokens)
        content: list[str] = []
        topic: list[str] = []
        for token in content_tokens(tokens):
            ref = named.get(token)
            content.extend(self._detector.canonical_tokens(token, ref) if ref else [token])
            if not ref:
                topic.append(token)
        content, topic = self._canonical_stems(content), self._canonical_stems(topic)
        return _Analysis(
            sort_key(content), content, topic or content, frozenset(named.values()), guess_language(tokens)
        )

    def _canonical_stems(self, tokens: list[str]) -> list[str]:
        return [self._synonyms.get(stem, stem) for stem in stems(tokens)]

    def _rank(self, query: _Analysis) -> list[tuple[float, int]]:
        tokens = [self._token(token) for token in dict.fromkeys(query.tokens)]
        topic = [self._token(token) for token in dict.fromkeys(query.topic_tokens)]
        reachable = frozenset().union(*(token.matches for token in tokens))
        coverage: dict[int, float] = {}
        best: dict[int, tuple[float, int]] = {}
        for position in self._prefilter(query.key, query.scopes):
            if not self._eligible(position, query.scopes):
                continue
            owner = self._owner[position]
            if owner not in coverage:
                coverage[owner] = _share(topic, self._vocabularies[owner])
            score = self._score(tokens, reachable, position, coverage[owner])
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, position)
        return sorted(best.values(), reverse=True)

    def _prefilter(self, key: str, scopes: frozenset[str]) -> list[int]:
        positions: list[int] = []
        for name in ("", *scopes):
            if name in self._groups:
                keys, group_positions = self._groups[name]
                hits = process.extract(key, keys, scorer=fuzz.ratio, limit=PREFILTER_LIMIT)
                positions.extend(group_positions[index] for _, _, index in hits)
        return positions

    def _eligible(self, position: int, scopes: frozenset[str]) -> bool:
        """A variant that names a town or thesis fits only questions naming it; so does a scoped entry
        once the question names another scope of the same kind."""
        if not self._names[position] <= scopes:
            return False
        scope = self._entries[self._owner[position]].scope
        if scope is None or scope in scopes:
            return True
        kind = scope.split(":", 1)[0] + ":"
        return not any(named.startswith(kind) for named in scopes)

    def _score(self, tokens: list[_Token], reachable: frozenset[str], position: int, coverage: float) -> float:
        """Token F1 against the variant, blended with the entry's coverage of the question.

        Coverage ignores a named town: "Wo kann ich in Goslar parken?" is judged on "parken", so naming
        a town cannot make an off-topic question look answerable.
        """
        variant = self._tokens[position]
        recall = _share(tokens, variant)
        precision = sum(self._specificity[word] for word in reachable & variant) / self._variant_weight[position]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        weight = self.thresholds.variant_weight
        return 100 * (weight * f1 + (1 - weight) * coverage)

    def _token(self, token: str) -> _Token:
        """A known word stands for itself; an unknown one stands for the indexed words it is a typo of.

        Splitting compounds was tried and dropped: "Hauptstadt" reached "Stadt" and made off-topic
        questions look answerable, costing more refusals than it won answers on the eval set.
        """
        if token in self._specificity:
            return _Token(self._specificity[token], frozenset((token,)))
        typos = (
            [
                word
                for word, _, _ in process.extract(
                    token, self._known, scorer=fuzz.ratio, score_cutoff=_TOKEN_CUTOFF, limit=3
                )
            ]
            if len(token) >= 4
            else []
        )
        if typos:
            return _Token(self._specificity[typos[0]], frozenset(typos))
        return _Token(self._idf(0), frozenset())

    def _idf(self, count: int) -> float:
        return math.log((len(self._entries) + 1) / (count + 1)) + 1

    def _decide(self, candidates: tuple[Candidate, ...]) -> Status:
        if not candidates:
            return "unknown"
        top = candidates[0].score
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        if top >= self.thresholds.answer and top - runner_up >= self.thresholds.margin:
            return "answer"
        return "suggest" if top >= self.thresholds.suggest else "unknown"

    def _shortlist(self, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        if not candidates:
            return ()
        floor = max(self.thresholds.suggest, candidates[0].score - self.thresholds.suggest_window)
        kept = [c for c in candidates if c.score >= floor][:MAX_SUGGESTIONS]
        return tuple(kept) or candidates[:1]


def _share(tokens: list[_Token], words: frozenset[str]) -> float:
    """Specificity-weighted share of the question tokens that reach any of ``words``."""
    total = reached = 0.0
    for token in tokens:
        total += token.weight
        if not token.matches.isdisjoint(words):
            reached += token.weight
    return reached / total if total else 0.0


def _synonym_map(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Maps each word's stem to the stem of its group's first word; questions and variants go through it alike."""
    mapping: dict[str, str] = {}
    for group in groups:
        canonical = stems(normalize(group[0]).split())[0]
        for word in group[1:]:
            for stem in stems(normalize(word).split()):
                mapping.setdefault(stem, canonical)
    return mapping
