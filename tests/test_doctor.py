"""``vielfalt-bot doctor`` tells an organiser in plain words what is missing; ``health`` answers the container."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.operations.heartbeat import Heartbeat, write_heartbeat
from tests.cli_helpers import create_database, run_cli
from tests.fake_discord import FakeDiscord

READY = {
    "DISCORD_TOKEN": FakeDiscord().token,
    "VIELFALT_PSEUDONYM_KEY": "k" * 32,
    "VIELFALT_GUILD_IDS": "900000000000000010",
    "VIELFALT_MODERATOR_ROLE": "Moderation",
    "VIELFALT_RETENTION_DAYS": "180",
    "VIELFALT_QA_CHANNEL_IDS": "",
    "VIELFALT_KNOWLEDGE_DIR": "",
    "VIELFALT_LOG_LEVEL": "",
    "LANG": "de_DE.UTF-8",
    "LC_ALL": "",
    "LC_MESSAGES": "",
}
UNSET = dict.fromkeys(
    [
        "DISCORD_TOKEN",
        "VIELFALT_PSEUDONYM_KEY",
        "VIELFALT_GUILD_IDS",
        "VIELFALT_MODERATOR_ROLE",
        "VIELFALT_RETENTION_DAYS",
    ],
    "",
)


def _cli(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, {**READY, "VIELFALT_DB": str(tmp_path / "data" / "vielfalt.db"), **env})


def _problems(report: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith("PROBLEM")]


def test_a_complete_setup_passes_and_gives_the_invite_link(tmp_path: Path) -> None:
    result = _cli(["doctor"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert _problems(result.stdout) == []
    assert f"client_id={FakeDiscord().bot_id}&scope=bot+applications.commands" in result.stdout
    assert "Alles bereit" in result.stdout


def test_doctor_changes_nothing_on_disk(tmp_path: Path) -> None:
    _cli(["doctor"], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_fresh_machine_is_told_what_is_missing_in_plain_german(tmp_path: Path) -> None:
    result = _cli(["doctor"], tmp_path, **UNSET)
    assert result.returncode == 1
    problems = "\n".join(_problems(result.stdout))
    assert "DISCORD_TOKEN fehlt" in problems
    assert "VIELFALT_PSEUDONYM_KEY fehlt" in problems
    assert "secrets.token_hex(32)" in problems
    assert "HINWEIS  VIELFALT_RETENTION_DAYS ist leer" in result.stdout
    assert "HINWEIS  VIELFALT_GUILD_IDS ist leer" in result.stdout
    assert "OK       Wissensbasis" in result.stdout
    assert "wird beim ersten Start angelegt" in result.stdout
    assert "2 Problem(e) gefunden" in result.stdout


@pytest.mark.parametrize("how", [{"LANG": "en_GB.UTF-8"}, {"LANG": "de_DE.UTF-8", "args": "--lang en"}])
def test_english_systems_or_lang_en_get_the_report_in_english(tmp_path: Path, how: dict[str, str]) -> None:
    args = ["doctor", *how.pop("args", "").split()]
    result = _cli(args, tmp_path, **UNSET, **how)
    assert "DISCORD_TOKEN is missing" in result.stdout
    assert "2 problem(s) found" in result.stdout


def test_a_pasted_client_secret_is_recognised(tmp_path: Path) -> None:
    result = _cli(["doctor"], tmp_path, DISCORD_TOKEN="aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF")
    assert result.returncode == 1
    assert "wie das „Client Secret“" in result.stdout


def test_every_invalid_setting_is_listed_and_the_other_checks_still_run(tmp_path: Path) -> None:
    result = _cli(
        ["doctor"], tmp_path, VIELFALT_ANSWER_THRESHOLD="hoch", VIELFALT_GUILD_IDS="mein-server", VIELFALT_LOG_LEVEL="x"
    )
    assert result.returncode == 1
    problems = "\n".join(_problems(result.stdout))
    for variable in ("VIELFALT_ANSWER_THRESHOLD", "VIELFALT_GUILD_IDS", "VIELFALT_LOG_LEVEL"):
        assert f"PROBLEM  {variable} muss" in problems
    assert "OK       Wissensbasis" in result.stdout


def test_a_key_reported_as_too_short_is_not_also_reported_ok(tmp_path: Path) -> None:
    result = _cli(["doctor"], tmp_path, VIELFALT_PSEUDONYM_KEY="kurz")
    assert result.returncode == 1
    assert "PROBLEM  VIELFALT_PSEUDONYM_KEY muss mindestens 16 Zeichen haben." in result.stdout
    assert "Pseudonymisierungsschlüssel: gesetzt" not in result.stdout


def test_qa_channels_remind_to_switch_on_the_message_content_intent(tmp_path: Path) -> None:
    result = _cli(["doctor"], tmp_path, VIELFALT_QA_CHANNEL_IDS="900000000000000020")
    assert "„Message Content Intent“" in result.stdout
    assert result.returncode == 0


def test_a_broken_knowledge_base_is_a_problem_with_file_and_field(tmp_path: Path, knowledge_copy: Path) -> None:
    (knowledge_copy / "begriffe.yaml").write_text("entries:\n  - id: Kaputt!\n", encoding="utf-8")
    result = _cli(["doctor"], tmp_path, VIELFALT_KNOWLEDGE_DIR=str(knowledge_copy))
    assert result.returncode == 1
    assert "begriffe.yaml:Kaputt!:id:" in "\n".join(_problems(result.stdout))


def test_a_database_from_a_newer_program_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "data" / "vielfalt.db"
    path.parent.mkdir()
    with closing(sqlite3.connect(path)) as database:
        database.execute("PRAGMA user_version = 99")
    result = _cli(["doctor"], tmp_path)
    assert result.returncode == 1
    assert "neueren Programmversion (Schema 99" in result.stdout


def test_a_file_that_is_not_a_database_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "data" / "vielfalt.db"
    path.parent.mkdir()
    path.write_text("Notizen zur Tagung\n" * 200, encoding="utf-8")
    result = _cli(["doctor"], tmp_path)
    assert result.returncode == 1
    assert "kann nicht gelesen werden" in result.stdout


def test_health_is_fine_before_the_first_start_without_bot(tmp_path: Path) -> None:
    result = _cli(["health"], tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "gesund")


def test_health_with_bot_fails_while_the_bot_is_not_running(tmp_path: Path) -> None:
    result = _cli(["health", "--bot"], tmp_path, LANG="en_US.UTF-8")
    assert result.returncode == 1
    assert "Database" in result.stdout
    assert "Bot: not running here" in result.stdout


def test_health_with_bot_fails_when_the_heartbeat_is_stale(tmp_path: Path) -> None:
    _cli(["ask", "Wer hat das Projekt geleitet?"], tmp_path)  # creates the database
    stale = datetime.now(UTC) - timedelta(minutes=10)
    write_heartbeat(tmp_path / "data" / "heartbeat.json", Heartbeat(stale, guilds=1, latency_ms=40.0))
    result = _cli(["health", "--bot"], tmp_path, LANG="en_US.UTF-8")
    assert result.returncode == 1
    assert "no sign of life for 6" in result.stdout


def test_health_with_bot_passes_with_a_fresh_heartbeat(tmp_path: Path) -> None:
    _cli(["ask", "Wer hat das Projekt geleitet?"], tmp_path)
    write_heartbeat(tmp_path / "data" / "heartbeat.json", Heartbeat(datetime.now(UTC), guilds=1, latency_ms=40.0))
    result = _cli(["health", "--bot"], tmp_path, LANG="en_US.UTF-8")
    assert (result.returncode, result.stdout.strip()) == (0, "healthy")


def test_health_fails_on_a_broken_knowledge_base(tmp_path: Path, knowledge_copy: Path) -> None:
    (knowledge_copy / "theses.yaml").write_text("theses: [\n", encoding="utf-8")
    result = _cli(["health"], tmp_path, VIELFALT_KNOWLEDGE_DIR=str(knowledge_copy))
    assert result.returncode == 1
    assert "theses.yaml" in result.stdout


def test_doctor_names_the_data_folder_every_command_uses(tmp_path: Path) -> None:
    result = run_cli(["doctor"], {**READY, "VIELFALT_DATA_DIR": str(tmp_path / "daten")})
    assert f"OK       Datenordner: {tmp_path / 'daten'} " in result.stdout
    assert f"Datenbank {tmp_path / 'daten' / 'vielfalt.db'}: existiert noch nicht" in result.stdout


def test_doctor_reports_a_database_that_vanished_where_one_existed(tmp_path: Path) -> None:
    create_database(tmp_path / "data" / "vielfalt.db")
    (tmp_path / "data" / "vielfalt.db").unlink()
    result = _cli(["doctor"], tmp_path)
    assert result.returncode == 1
    assert "fehlt, aber vielfalt.db.created daneben zeigen, dass es sie gab" in "\n".join(_problems(result.stdout))


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Makes ``folder`` (and what is in it) refuse writes for every process, root included.

    Permission bits stop only ordinary users; as root a read-only bind mount does it, or else the immutable
    attribute. Skips only where the machine allows none of these.
    """
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    if _quiet(["mount", "--bind", str(folder), str(folder)]):
        try:
            if _quiet(["mount", "-o", "remount,bind,ro", str(folder)]):
                yield
                return
        finally:
            _quiet(["umount", str(folder)])
    entries = [str(path) for path in [folder, *folder.iterdir()]]
    if not _quiet(["chattr", "+i", *entries]):
        pytest.skip("running as root without mount or chattr: no way to make a folder refuse root's writes")
    try:
        yield
    finally:
        _quiet(["chattr", "-i", *entries])


def _quiet(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, check=False, timeout=10).returncode == 0
    except OSError:
        return False


@pytest.mark.parametrize("command", ["health", "doctor"])
def test_read_only_storage_is_reported_although_the_database_reads_fine(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "data"
    create_database(folder / "vielfalt.db")
    with closing(sqlite3.connect(folder / "vielfalt.db")) as running_bot:  # keeps the WAL files, as the bot does
        running_bot.execute("SELECT COUNT(*) FROM question_log").fetchone()
        with read_only(folder):
            assert not probe_can_write(folder), "the folder must really refuse writes for this test"
            result = _cli([command], tmp_path)
    assert result.returncode == 1
    assert "der Speicher nimmt nichts an (ein Schreibversuch ist gescheitert" in result.stdout
    assert list(folder.glob(".vielfalt-probe-*")) == []


def probe_can_write(folder: Path) -> bool:
    try:
        (folder / "schreibtest").write_text("x", encoding="utf-8")
    except OSError:
        return False
    (folder / "schreibtest").unlink()
    return True
