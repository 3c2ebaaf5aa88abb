"""Looks at a database without changing it, for ``doctor`` and the container health check.

``Database.open`` would create and migrate the file; a diagnosis must not, so this uses a plain connection.
Whether the storage takes writes is proven by writing: permission bits say nothing about a read-only mount, an
immutable file or a full quota (and nothing at all for root).
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.storage.files import sqlite_uri
from bot.storage.migrations import MIGRATIONS

LOCK_PROBE_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class DatabaseState:
    exists: bool
    folder_writable: bool
    free_bytes: int | None
    file_writable: bool = True
    size: int = 0
    schema_version: int = 0
    integrity: str = ""
    writable: bool | None = None
    participants: int = 0
    error: str | None = None

    @property
    def newer_than_program(self) -> bool:
        return self.schema_version > len(MIGRATIONS)


def probe_database(path: Path, *, try_write_lock: bool) -> DatabaseState:
    """``try_write_lock`` briefly takes SQLite's write lock (and releases it untouched) to prove writes would
    succeed; the health check leaves it off so that it never makes the running bot wait. Both write and remove a
    scratch file in the database's folder, so nothing is left behind."""
    folder = _existing_ancestor(path.parent)
    free = shutil.disk_usage(folder).free if folder else None
    folder_writable = folder is not None and can_write_in(folder)
    if not path.exists():
        return DatabaseState(False, folder_writable, free)
    file_writable = _opens_for_writing(path)
    try:
        return _inspect(path, folder_writable, file_writable, free, try_write_lock)
    except sqlite3.Error as error:
        return DatabaseState(True, folder_writable, free, file_writable, path.stat().st_size, error=str(error))


def can_write_in(folder: Path) -> bool:
    """Writes, syncs and removes a small scratch file: what SQLite needs for its WAL and journal files."""
    scratch = folder / f".vielfalt-probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    try:
        os.write(descriptor, b"probe")
        os.fsync(descriptor)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)
        scratch.unlink(missing_ok=True)


def _opens_for_writing(path: Path) -> bool:
    """Opening read-write fails on a read-only mount or an immutable file; nothing is written."""
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError:
        return False
    return True


def _inspect(
    path: Path, folder_writable: bool, file_writable: bool, free: int | None, try_write_lock: bool
) -> DatabaseState:
    # Not mode=ro: a read-only connection cannot remove the WAL files it finds or creates when it closes.
    uri = sqlite_uri(path, "rw")
    with closing(sqlite3.connect(uri, uri=True, timeout=LOCK_PROBE_TIMEOUT_SECONDS, isolation_level=None)) as db:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        (integrity,) = db.execute("PRAGMA quick_check").fetchone()
        has_participants = db.execute(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'participants'"
        ).fetchone()
        participants = db.execute("SELECT count(*) FROM participants").fetchone()[0] if has_participants else 0
        writable = _can_lock(db) if try_write_lock else None
    return DatabaseState(
        True,
        folder_writable,
        free,
        file_writable,
        path.stat().st_size,
        int(version),
        str(integrity),
        writable,
        int(participants),
    )


def _can_lock(db: sqlite3.Connection) -> bool:
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    db.execute("ROLLBACK")
    return True


def _existing_ancestor(folder: Path) -> Path | None:
    """The database folder is created on first start; until then, whether its nearest existing parent takes a
    file decides whether it can be."""
    for candidate in (folder.resolve(), *folder.resolve().parents):
        if candidate.exists():
            return candidate if candidate.is_dir() else None
    return None
