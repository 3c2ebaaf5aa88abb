"""Operations from the command line: online backups and the retention purge."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.services import open_services
from bot.storage.backup import backup_database
from bot.storage.database import DatabaseError
from tests.cli_helpers import run_cli


def _cli(args: list[str], settings: Settings, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        args, {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key), **env}
    )


async def test_a_backup_taken_while_feedback_is_written_is_consistent(settings: Settings, tmp_path: Path) -> None:
    async with open_services(settings) as services:

        async def write(number: int) -> None:
            user = Identity("discord", str(number), f"Person {number}")
            await services.feedback.submit(
                user, Submission("these-koordination", Stance.AGREE, f"Nr. {number}"), channel="test"
            )

        writers = asyncio.gather(*(write(number) for number in range(200)))
        await asyncio.sleep(0)
        size = await asyncio.to_thread(backup_database, settings.database_path, tmp_path / "copy.db")
        await writers
    assert size > 0
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (count,) = copy.execute("SELECT COUNT(*) FROM comments").fetchone()
    assert 0 <= count <= 200
    assert not _partial_files(tmp_path)


def _partial_files(folder: Path) -> list[Path]:
    return list(folder.glob("*.partial"))


def test_a_backup_never_overwrites_an_existing_file(settings: Settings, tmp_path: Path) -> None:
    settings.database_path.parent.mkdir(parents=True)
    sqlite3.connect(settings.database_path).close()
    existing = tmp_path / "old-backup.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(DatabaseError, match="exists already"):
        backup_database(settings.database_path, existing)
    assert existing.read_bytes() == b"keep me"


def test_backup_command_reports_the_written_copy(settings: Settings, tmp_path: Path) -> None:
    _cli(["ask", "Wie wird das Wetter?"], settings)
    result = _cli(["backup", str(tmp_path / "copy.db")], settings)
    assert result.returncode == 0, result.stderr
    assert "Integritätsprüfung bestanden" in result.stdout
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT question FROM question_log").fetchall() == [("Wie wird das Wetter?",)]


def test_purge_without_a_retention_says_what_is_missing(settings: Settings) -> None:
    result = _cli(["purge"], settings, VIELFALT_RETENTION_DAYS="")
    assert result.returncode == 2
    assert "Bitte --older-than TAGE angeben oder VIELFALT_RETENTION_DAYS setzen." in result.stderr


def test_purge_uses_the_configured_retention(settings: Settings) -> None:
    _cli(["ask", "Wie wird das Wetter?"], settings)
    result = _cli(["purge"], settings, VIELFALT_RETENTION_DAYS="30")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gelöscht (älter als 30 Tage): 0 Haltungen, 0 Kommentare, 0 notierte Fragen")
