"""The matcher's decision thresholds, apart from the matcher so settings can be read without loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Tuned on tests/eval/questions.yaml (see the README for how to re-tune)."""

    answer: float = 52.0
    suggest: float = 48.0
    margin: float = 2.0
    suggest_window: float = 15.0
    variant_weight: float = 0.5
