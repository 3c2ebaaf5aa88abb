"""The quality bar, measured on question sets by the facts the answers must state."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation import EvalReport, evaluate, format_report, load_cases
from bot.qa import QuestionService

EVAL_DIR = Path(__file__).parent / "eval"


async def _report(service: QuestionService, name: str) -> EvalReport:
    cases = load_cases(EVAL_DIR / name, set(service.knowledge.by_id))
    return await evaluate(service, cases)


def test_eval_set_has_enough_questions_and_off_topic_cases(service: QuestionService) -> None:
    cases = load_cases(EVAL_DIR / "questions.yaml", set(service.knowledge.by_id))
    assert len(cases) >= 150
    assert sum(case.kind == "offtopic" for case in cases) >= 30


async def test_at_least_95_percent_of_in_scope_questions_are_answered_correctly(
    service: QuestionService,
) -> None:
    report = await _report(service, "questions.yaml")
    assert report.in_scope_accuracy >= 0.95, format_report(report, misses=True)


async def test_at_least_95_percent_of_off_topic_questions_are_refused(service: QuestionService) -> None:
    report = await _report(service, "questions.yaml")
    assert report.off_topic_refusal >= 0.95, format_report(report, misses=True)


@pytest.mark.parametrize(("floor_in_scope", "floor_refusal"), [(0.80, 0.85)])
async def test_unseen_holdout_questions_stay_above_a_regression_floor(
    service: QuestionService, floor_in_scope: float, floor_refusal: float
) -> None:
    """The holdout set was never used for tuning; its floor guards against overfitting the eval set."""
    report = await _report(service, "holdout.yaml")
    assert report.in_scope_accuracy >= floor_in_scope, format_report(report)
    assert report.off_topic_refusal >= floor_refusal, format_report(report)
