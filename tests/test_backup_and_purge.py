"""Operations from the command line: online backups and the retention purge."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.services import open_services
from bot.storage.backup import backup_database
from bot.storage.database import DatabaseError
from tests.cli_helpers import create_database, run_cli


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


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv", "--out", "OUT/export.csv"],
        ["purge", "--older-than", "30"],
        ["backup", "OUT/copy.db"],
    ],
)
def test_commands_that_read_data_never_create_an_empty_database(
    settings: Settings, tmp_path: Path, args: list[str]
) -> None:
    result = _cli([arg.replace("OUT", str(tmp_path)) for arg in args], settings)
    assert result.returncode == 2
    assert f"Unter {settings.database_path} gibt es keine Datenbank" in result.stderr
    assert "VIELFALT_DATA_DIR" in result.stderr
    assert list(tmp_path.iterdir()) == [], "no database, key or folder was created"


def test_purge_also_deletes_old_exports_kept_in_the_data_folder(settings: Settings) -> None:
    create_database(settings.database_path)
    exports = settings.data_dir / "exports"
    exports.mkdir()
    old, new = exports / "alt.csv", exports / "neu.csv"
    old.write_text("alt", encoding="utf-8")
    new.write_text("neu", encoding="utf-8")
    long_ago = time.time() - 40 * 86_400
    os.utime(old, (long_ago, long_ago))
    result = _cli(["purge", "--older-than", "30"], settings)
    assert result.returncode == 0, result.stderr
    assert f"1 Exportdateien in {exports}" in result.stdout
    assert [path.name for path in exports.iterdir()] == ["neu.csv"]
