"""Accuracy of question answering over a question set, judged by the facts the answer must state.

A question set lists questions with their kind. In-scope questions (``fact``, ``overview``) name the facts the
answering sentence(s) must contain (``expect``: groups of alternatives, every group must be met) and, where an
entry is meant, the entry (``entry``). Off-topic and near-miss questions must not be answered; small talk must
get the bot's friendly reply. Judging by facts instead of entry ids keeps a set valid while the knowledge base
is restructured, and lets people who never saw ``knowledge/`` write it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, TypeAdapter, ValidationError

from bot.knowledge.schema import Question, Strict
from bot.knowledge.yaml_source import YamlProblem, read_yaml
from bot.matching.normalize import FOLD_UMLAUTS
from bot.qa import Answer, QuestionService

Kind = Literal["fact", "overview", "offtopic", "nearmiss", "smalltalk"]
IN_SCOPE: frozenset[str] = frozenset({"fact", "overview"})
REFUSE: frozenset[str] = frozenset({"offtopic", "nearmiss"})

_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,\u202f\u00a0'](?=\d)")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


class EvalCase(Strict):
    q: Question
    kind: Kind
    expect: list[list[str]] = Field(default_factory=list)
    entry: str | None = None
    lang: Literal["de", "en"] | None = None
    style: str | None = None
    topic: str | None = None
    town: str | None = None
    section: str | None = None


class EvalFileError(Exception):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Outcome:
    case: EvalCase
    answer: Answer
    correct: bool


@dataclass
class EvalReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, kinds: frozenset[str]) -> float:
        """The share of correct outcomes among the questions of these kinds (1.0 when there are none)."""
        chosen = [o for o in self.outcomes if o.case.kind in kinds]
        return sum(o.correct for o in chosen) / len(chosen) if chosen else 1.0

    def count(self, kinds: frozenset[str]) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if o.case.kind in kinds]
        return sum(o.correct for o in chosen), len(chosen)

    @property
    def in_scope_accuracy(self) -> float:
        return self.share(IN_SCOPE)

    @property
    def off_topic_refusal(self) -> float:
        return self.share(frozenset({"offtopic"}))

    @property
    def near_miss_refusal(self) -> float:
        return self.share(frozenset({"nearmiss"}))

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def load_cases(path: Path, known_ids: set[str]) -> list[EvalCase]:
    try:
        data = read_yaml(path)
    except (OSError, YamlProblem) as error:
        raise EvalFileError([f"{path}: {error}"]) from error
    try:
        cases = TypeAdapter(list[EvalCase]).validate_python(data)
    except ValidationError as error:
        raise EvalFileError([f"{path}:{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in error.errors()]) from error
    problems = [
        f"{path}: expected entry '{c.entry}' does not exist" for c in cases if c.entry and c.entry not in known_ids
    ]
    problems += [
        f"{path}: '{c.q}' is {c.kind} but names neither facts nor an entry to expect"
        for c in cases
        if c.kind in IN_SCOPE and not c.expect and not c.entry
    ]
    if problems:
        raise EvalFileError(problems)
    return cases


def fold(text: str) -> str:
    """Case, umlauts, accents, dashes, spacing and number separators do not decide whether a fact was stated."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(FOLD_UMLAUTS)
    folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    folded = _NUMBER_SEPARATOR.sub("", _DASHES.sub("-", folded))
    return _SPACES.sub(" ", folded)


def states_facts(text: str, expect: Sequence[Sequence[str]]) -> bool:
    """True when every group of alternatives has one alternative in ``text``."""
    folded = fold(text)
    return all(any(fold(alternative) in folded for alternative in group) for group in expect)


def judge(case: EvalCase, answer: Answer) -> bool:
    if case.kind in REFUSE:
        return answer.status != "answer"
    if case.kind == "smalltalk":
        return answer.status == "answer" and answer.smalltalk
    if answer.status != "answer" or answer.smalltalk:
        return False
    if case.entry and answer.entry_id != case.entry:
        return False
    return states_facts(answer.highlight, case.expect)


async def evaluate(service: QuestionService, cases: Sequence[EvalCase]) -> EvalReport:
    report = EvalReport()
    for case in cases:
        answer = await service.ask(case.q, channel="eval")
        report.outcomes.append(Outcome(case, answer, judge(case, answer)))
    return report


def format_report(report: EvalReport, *, misses: bool = False) -> str:
    """The figures per kind, then per language and style; the misses themselves only when asked for, so that
    a holdout set can be measured without reading what it got wrong."""
    lines = []
    for label, kinds in (
        ("in scope (answered with the fact)", IN_SCOPE),
        ("off topic (refused)", frozenset({"offtopic"})),
        ("near miss (refused)", frozenset({"nearmiss"})),
        ("small talk (friendly reply)", frozenset({"smalltalk"})),
    ):
        correct, total = report.count(kinds)
        if total:
            lines.append(f"{label + ':':36} {correct}/{total} ({correct / total:.1%})")
    in_scope = [o for o in report.outcomes if o.case.kind in IN_SCOPE]
    suggested = sum(not o.correct and o.answer.status == "suggest" for o in in_scope)
    if in_scope:
        lines.append(f"{'in scope, offered as a suggestion:':36} {suggested}")
    for attribute in ("kind", "lang", "style"):
        totals = Counter(str(getattr(o.case, attribute)) for o in report.outcomes)
        right = Counter(str(getattr(o.case, attribute)) for o in report.outcomes if o.correct)
        cells = ", ".join(f"{key} {right[key]}/{totals[key]}" for key in sorted(totals))
        lines.append(f"by {attribute}: {cells}")
    if misses:
        lines += [_miss(outcome) for outcome in report.failures]
    return "\n".join(lines)


def _miss(outcome: Outcome) -> str:
    answer = outcome.answer
    got = answer.entry_id or ", ".join(s.entry_id for s in answer.suggestions) or "-"
    wanted = outcome.case.entry or " & ".join("|".join(group) for group in outcome.case.expect) or "refusal"
    case = outcome.case
    return f"  MISS [{case.kind}] {case.q!r}: expected {wanted}, got {answer.status} {got} ({answer.score:.0f})"
