"""Accuracy of the matcher over a curated question set, so thresholds are tuned on evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from bot.knowledge.schema import Question, Strict
from bot.knowledge.yaml_source import YamlProblem, read_yaml
from bot.qa import Answer, QuestionService

UNKNOWN = "unknown"


class EvalCase(Strict):
    question: Question
    expect: str


class EvalFileError(Exception):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Failure:
    case: EvalCase
    answer: Answer


@dataclass
class EvalReport:
    in_scope: int = 0
    in_scope_correct: int = 0
    in_scope_suggested: int = 0
    off_topic: int = 0
    off_topic_refused: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def in_scope_accuracy(self) -> float:
        return self.in_scope_correct / self.in_scope if self.in_scope else 1.0

    @property
    def refusal_accuracy(self) -> float:
        return self.off_topic_refused / self.off_topic if self.off_topic else 1.0


def load_cases(path: Path, known_ids: set[str]) -> list[EvalCase]:
    try:
        data = read_yaml(path)
    except (OSError, YamlProblem) as error:
        raise EvalFileError([f"{path}: {error}"]) from error
    try:
        cases = TypeAdapter(list[EvalCase]).validate_python(data)
    except ValidationError as error:
        raise EvalFileError([f"{path}:{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in error.errors()]) from error
    unknown_ids = [
        f"{path}: expected entry '{c.expect}' does not exist"
        for c in cases
        if c.expect != UNKNOWN and c.expect not in known_ids
    ]
    if unknown_ids:
        raise EvalFileError(unknown_ids)
    return cases


async def evaluate(service: QuestionService, cases: Sequence[EvalCase]) -> EvalReport:
    report = EvalReport()
    for case in cases:
        answer = await service.ask(case.question, channel="eval")
        if case.expect == UNKNOWN:
            report.off_topic += 1
            correct = answer.status == "unknown"
            report.off_topic_refused += correct
        else:
            report.in_scope += 1
            correct = answer.status == "answer" and answer.entry_id == case.expect
            report.in_scope_correct += correct
            report.in_scope_suggested += answer.status == "suggest" and any(
                s.entry_id == case.expect for s in answer.suggestions
            )
        if not correct:
            report.failures.append(Failure(case, answer))
    return report


def format_report(report: EvalReport) -> str:
    lines = [
        f"in scope:  {report.in_scope_correct}/{report.in_scope} answered correctly "
        f"({report.in_scope_accuracy:.1%}); {report.in_scope_suggested} more offered as a suggestion",
        f"off topic: {report.off_topic_refused}/{report.off_topic} refused correctly ({report.refusal_accuracy:.1%})",
    ]
    for failure in report.failures:
        got = failure.answer.entry_id or ", ".join(s.entry_id for s in failure.answer.suggestions) or "-"
        lines.append(
            f"  MISS {failure.case.question!r}: expected {failure.case.expect}, "
            f"got {failure.answer.status} {got} ({failure.answer.score:.0f})"
        )
    return "\n".join(lines)
