from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from bot.config import ConfigError, DiscordSettings, Problem, Settings
from bot.matching.matcher import Thresholds


def test_defaults_use_the_shipped_knowledge_and_the_platforms_user_data_folder() -> None:
    settings = Settings.from_env({})
    assert settings.database_path == Path(platformdirs.user_data_dir("vielfalt-bot", appauthor=False)) / "vielfalt.db"
    assert settings.database_path.is_absolute()
    assert (settings.knowledge_dir / "towns.yaml").is_file()
    assert settings.thresholds == Thresholds()


def test_the_data_folder_can_be_chosen_and_holds_the_database_and_the_console_key(tmp_path: Path) -> None:
    settings = Settings.from_env({"VIELFALT_DATA_DIR": str(tmp_path)})
    assert (settings.database_path, settings.data_dir) == (tmp_path / "vielfalt.db", tmp_path)
    assert settings.local_key_path == tmp_path / "pseudonym.key"


def test_vielfalt_db_names_the_file_and_wins_over_the_data_folder(tmp_path: Path) -> None:
    settings = Settings.from_env({"VIELFALT_DATA_DIR": str(tmp_path / "a"), "VIELFALT_DB": str(tmp_path / "b.db")})
    assert (settings.database_path, settings.data_dir) == (tmp_path / "b.db", tmp_path)


def test_the_settings_never_show_the_pseudonym_key_or_the_bot_token() -> None:
    key, token = "geheimer-schluessel-0123456789", "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.geheimes-token-xyz"
    settings = Settings.from_env({"VIELFALT_PSEUDONYM_KEY": key})
    discord_settings = DiscordSettings.from_env({"DISCORD_TOKEN": token})
    assert settings.pseudonym_key == key
    assert discord_settings.token == token
    shown = repr(settings) + str(settings) + repr(discord_settings) + str(discord_settings) + f"{settings!r}"
    assert key not in shown
    assert token not in shown


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
