from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Problem, Settings
from bot.matching.matcher import Thresholds


def test_defaults_use_the_shipped_knowledge_and_a_local_database() -> None:
    settings = Settings.from_env({})
    assert settings.database_path == Path("data") / "vielfalt.db"
    assert (settings.knowledge_dir / "towns.yaml").is_file()
    assert settings.thresholds == Thresholds()


def test_thresholds_can_be_set_from_the_environment() -> None:
    settings = Settings.from_env({"VIELFALT_ANSWER_THRESHOLD": "60", "VIELFALT_SUGGEST_THRESHOLD": "45"})
    assert (settings.thresholds.answer, settings.thresholds.suggest) == (60.0, 45.0)


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        (
            {"VIELFALT_ANSWER_THRESHOLD": "hoch"},
            Problem("score_not_a_number", {"variable": "VIELFALT_ANSWER_THRESHOLD", "raw": "hoch"}),
        ),
        (
            {"VIELFALT_SUGGEST_THRESHOLD": "120"},
            Problem("score_out_of_range", {"variable": "VIELFALT_SUGGEST_THRESHOLD", "raw": "120"}),
        ),
        (
            {"VIELFALT_ANSWER_THRESHOLD": "40", "VIELFALT_SUGGEST_THRESHOLD": "50"},
            Problem("thresholds_crossed", {"suggest": "50", "answer": "40"}),
        ),
    ],
)
def test_unusable_settings_are_refused_with_the_variable_named(environ: dict[str, str], problem: Problem) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(environ)
    assert raised.value.problems == (problem,)


def test_every_unusable_setting_is_reported_at_once_not_one_per_start() -> None:
    environ = {"VIELFALT_ANSWER_THRESHOLD": "hoch", "VIELFALT_RETENTION_DAYS": "-3", "VIELFALT_PSEUDONYM_KEY": "short"}
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(environ)
    assert [problem.key for problem in raised.value.problems] == ["score_not_a_number", "key_too_short", "days_invalid"]
