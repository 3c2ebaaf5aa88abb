from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings
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
    ("environ", "message"),
    [
        ({"VIELFALT_ANSWER_THRESHOLD": "hoch"}, "VIELFALT_ANSWER_THRESHOLD must be a number"),
        ({"VIELFALT_SUGGEST_THRESHOLD": "120"}, "must be between 0 and 100"),
        ({"VIELFALT_ANSWER_THRESHOLD": "40", "VIELFALT_SUGGEST_THRESHOLD": "50"}, "must not be above"),
    ],
)
def test_unusable_settings_are_refused_with_the_variable_named(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(environ)


def test_every_unusable_setting_is_reported_at_once_not_one_per_start() -> None:
    environ = {"VIELFALT_ANSWER_THRESHOLD": "hoch", "VIELFALT_RETENTION_DAYS": "-3", "VIELFALT_PSEUDONYM_KEY": "short"}
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(environ)
    assert [problem.split(" ", 1)[0] for problem in raised.value.problems] == [
        "VIELFALT_ANSWER_THRESHOLD",
        "VIELFALT_PSEUDONYM_KEY",
        "VIELFALT_RETENTION_DAYS",
    ]
