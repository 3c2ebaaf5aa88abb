"""The matcher's decision thresholds, apart from the matcher so settings can be read without loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Tuned on tests/eval/facts_tune.yaml (see the README for how to re-tune).

    Scores are 0–100: the share of the question the best fact speaks to, blended (``variant_weight``) with how
    well the question fits one of the fact's own questions, lowered when the fact cannot give the kind of
    answer asked for.
    """

    answer: float = 51.0
    suggest: float = 45.0
    margin: float = 0.0
    suggest_window: float = 15.0
    variant_weight: float = 0.5
