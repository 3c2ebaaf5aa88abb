"""Every file that holds or reveals personal data is readable by its owner only, whatever the umask says."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Stance, Submission
from bot.matching.matcher import Thresholds
from bot.moderation.export import ExportFilter, ExportOptions
from bot.operations.heartbeat import Heartbeat, heartbeat_file, write_heartbeat
from bot.services import open_services
from bot.storage.backup import backup_database
from bot.storage.files import marker_path
from tests.conftest import KNOWLEDGE_DIR
from tests.feedback_helpers import ANNA


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The common default: without explicit modes, new files would be readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_database_key_exports_backup_and_heartbeat_are_created_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "daten"
    settings = Settings(folder / "vielfalt.db", KNOWLEDGE_DIR, Thresholds())  # no key: the console's own
    async with open_services(settings) as services:
        await services.feedback.submit(ANNA, Submission("these-koordination", Stance.AGREE, "Hallo"), channel="t")
        files = [settings.database_path, *folder.glob("vielfalt.db-*"), settings.local_key_path]
        files.append(marker_path(settings.database_path))
        for fmt in ("csv", "json", "xlsx"):
            target = tmp_path / f"export.{fmt}"
            await services.moderation.export(ANNA, target, ExportFilter(), ExportOptions(fmt))
            files.append(target)
        backup_database(settings.database_path, tmp_path / "backup.db")
        files.append(tmp_path / "backup.db")
        write_heartbeat(heartbeat_file(settings.database_path), Heartbeat(datetime.now(UTC), 1, None))
        files.append(heartbeat_file(settings.database_path))
        assert {path.name for path in files} >= {"vielfalt.db-wal", "vielfalt.db-shm"}
        assert {path.name: _mode(path) for path in files} == {path.name: 0o600 for path in files}
    assert _mode(folder) == 0o700


async def test_a_database_readable_by_others_is_made_private_when_opened(settings: Settings) -> None:
    settings.database_path.parent.mkdir()
    with closing(sqlite3.connect(settings.database_path)):
        pass
    settings.database_path.chmod(0o644)
    async with open_services(settings):
        assert _mode(settings.database_path) == 0o600
