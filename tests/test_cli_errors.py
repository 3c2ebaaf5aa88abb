"""Ordinary mistakes on the command line end in one plain line in the user's language and a documented exit
code, never in a traceback."""

from __future__ import annotations

import ast
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli._wording import _TEXTS as CLI_TEXTS
from bot.cli.run import backoff_seconds
from bot.operations.wording import _TEXTS as OPERATOR_TEXTS
from bot.storage.errors import _TEXTS as STORAGE_TEXTS
from tests.cli_helpers import GERMAN_LOCALE, run_cli
from tests.conftest import REPO
from tests.fake_discord import FakeDiscord

TRACEBACK_SIGNS = ("Traceback", "Event loop is closed", "Exception ignored")


@pytest.fixture
def read_only() -> Iterator[list[Path]]:
    """Paths added to the list are made read-only, and writable again afterwards. Tests run as root in CI, and
    root ignores permission bits, so root marks them immutable (chattr +i), which binds root too."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        _set_read_only(path, False)


def _set_read_only(path: Path, read_only: bool) -> None:
    if os.geteuid() == 0:
        result = subprocess.run(["chattr", "+i" if read_only else "-i", str(path)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"cannot make {path} immutable here: {result.stderr.decode().strip()}")
    else:
        path.chmod(0o555 if path.is_dir() else 0o444) if read_only else path.chmod(0o755 if path.is_dir() else 0o644)


def _make_read_only(paths: list[Path], path: Path) -> None:
    _set_read_only(path, True)
    paths.append(path)


def _one_plain_line(result: subprocess.CompletedProcess[str]) -> str:
    assert not any(sign in result.stderr for sign in TRACEBACK_SIGNS), result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "vielfalt.db"
    path.touch()
    return path


def test_a_backup_onto_a_folder_asks_for_a_file_name(tmp_path: Path) -> None:
    result = run_cli(["backup", str(tmp_path)], {"VIELFALT_DB": str(_database(tmp_path))})
    assert result.returncode == 2
    assert _one_plain_line(result).startswith(f"{tmp_path} ist ein Ordner. Bitte einen Dateinamen angeben")


def test_export_to_a_missing_folder_is_one_plain_line(tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "export.csv"
    result = run_cli(["export", "--format", "csv", "--out", str(target)], {"VIELFALT_DB": str(_database(tmp_path))})
    assert result.returncode == 2
    assert _one_plain_line(result) == (
        f"Den Ordner {target.parent} gibt es nicht. Bitte zuerst anlegen oder einen anderen Pfad angeben."
    )


@pytest.mark.parametrize("command", [["export", "--format", "csv", "--out"], ["backup"]])
def test_writing_into_a_read_only_folder_is_one_plain_line(
    tmp_path: Path, read_only: list[Path], command: list[str]
) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    _make_read_only(read_only, folder)
    result = run_cli([*command, str(folder / "kopie")], {"VIELFALT_DB": str(_database(tmp_path))})
    assert result.returncode == 2
    assert f"In den Ordner {folder} kann nicht geschrieben werden." in _one_plain_line(result)


def test_a_database_path_that_is_a_folder_is_one_plain_line(tmp_path: Path) -> None:
    result = run_cli(["console"], {"VIELFALT_DB": str(tmp_path)}, stdin="Wer hat das Projekt geleitet?\n")
    assert result.returncode == 2
    assert _one_plain_line(result) == (
        f"VIELFALT_DB zeigt auf den Ordner {tmp_path}; es muss eine Datei sein, z. B. {tmp_path / 'vielfalt.db'}."
    )


def test_a_read_only_database_is_refused_before_anything_is_asked(tmp_path: Path, read_only: list[Path]) -> None:
    database = _database(tmp_path)
    _make_read_only(read_only, database)
    result = run_cli(["console"], {"VIELFALT_DB": str(database), "LANG": "en_US.UTF-8"}, stdin="feedback\n")
    assert result.returncode == 2
    assert _one_plain_line(result).startswith(f"The database {database} is read-only")
    assert result.stdout == ""


def test_output_into_a_reader_that_stopped_ends_quietly_with_141(tmp_path: Path) -> None:
    """Like ``vielfalt-bot kb show --json | head -1``: the reader closes the pipe after reading a little."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "kb", "show", "--json"],
        cwd=REPO,
        env={**os.environ, **GERMAN_LOCALE, "VIELFALT_DB": str(tmp_path / "x.db")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_environment(api_base: str, tmp_path: Path) -> dict[str, str]:
    return {
        "DISCORD_TOKEN": FakeDiscord().token,
        "VIELFALT_PSEUDONYM_KEY": "k" * 32,
        "DISCORD_API_BASE": api_base,
        "DISCORD_GATEWAY_URL": "",
        "VIELFALT_DB": str(tmp_path / "bot.db"),
    }


def test_run_retries_an_unreachable_discord_with_one_line_per_attempt_then_exits_3(tmp_path: Path) -> None:
    port = _closed_port()
    result = run_cli(["run", "--retries", "1"], _run_environment(f"http://127.0.0.1:{port}/api/v10", tmp_path))
    assert result.returncode == 3
    assert not any(sign in result.stderr for sign in TRACEBACK_SIGNS), result.stderr
    plain = [line for line in result.stderr.splitlines() if "Discord" in line and "[" not in line]
    assert plain == [
        f"Discord ist nicht erreichbar (127.0.0.1:{port}: Verbindung abgelehnt) – Versuch 1 von 2, nächster in 1 s.",
        f"Discord war bei 2 Versuchen nicht erreichbar (127.0.0.1:{port}: Verbindung abgelehnt). Netzwerk, Firewall "
        "und DISCORD_API_BASE prüfen; der Bot läuft nicht.",
    ]


def test_the_retry_waits_double_up_to_a_minute() -> None:
    assert [backoff_seconds(attempt) for attempt in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_ctrl_c_while_discord_does_not_answer_stops_cleanly(tmp_path: Path) -> None:
    """A server that accepts but never answers: Ctrl-C during the login ends without a traceback."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        api_base = f"http://127.0.0.1:{silent.getsockname()[1]}/api/v10"
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=REPO,
            env={**os.environ, **GERMAN_LOCALE, **_run_environment(api_base, tmp_path)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        log = ""
        while "logging in using static token" not in log:
            line = process.stderr.readline()
            assert line, log
            log += line
        process.send_signal(signal.SIGINT)
        log += process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert not any(sign in log for sign in TRACEBACK_SIGNS), log
    assert "nicht erreichbar" not in log


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ({}, "Konfigurationsfehler: VIELFALT_ANSWER_THRESHOLD muss eine Zahl zwischen 0 und 100 sein, nicht „viel“."),
        (
            {"LANG": "en_GB.UTF-8"},
            "Configuration error: VIELFALT_ANSWER_THRESHOLD must be a number between 0 and 100, got 'viel'.",
        ),
    ],
)
def test_setting_problems_are_worded_in_the_locale_language(
    tmp_path: Path, locale: dict[str, str], expected: str
) -> None:
    env = {"VIELFALT_DB": str(tmp_path / "x.db"), "VIELFALT_ANSWER_THRESHOLD": "viel", **locale}
    result = run_cli(["ask", "--no-log", "Goslar"], env)
    assert result.returncode == 2
    assert _one_plain_line(result) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ({}, "ist keine nutzbare SQLite-Datenbank (file is not a database)."),
        ({"LANG": "en_GB.UTF-8"}, "is not a usable SQLite database: file is not a database"),
    ],
)
def test_database_problems_are_worded_in_the_locale_language(
    tmp_path: Path, locale: dict[str, str], expected: str
) -> None:
    database = tmp_path / "vielfalt.db"
    database.write_bytes(b"this is a shopping list, not a database" * 100)
    result = run_cli(["stats"], {"VIELFALT_DB": str(database), **locale})
    assert result.returncode == 2
    assert _one_plain_line(result) == f"{database} {expected}"


def _keys_raised(call: str) -> set[str]:
    """The first string argument of every ``call(...)`` in bot/ and cogs/."""
    keys = set()
    for path in [*(REPO / "bot").rglob("*.py"), *(REPO / "cogs").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == call and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
    return keys


@pytest.mark.parametrize(
    ("call", "table"),
    [("ConfigError", OPERATOR_TEXTS), ("CommandError", CLI_TEXTS), ("DatabaseError", STORAGE_TEXTS)],
)
def test_every_error_the_code_raises_is_worded_in_german_and_english(
    call: str, table: dict[str, dict[str, str]]
) -> None:
    keys = _keys_raised(call)
    assert keys
    assert sorted(key for key in keys if set(table.get(key, {})) != {"de", "en"}) == []
