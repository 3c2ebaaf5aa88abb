"""The files kept in the data folder: private to the bot's user (files 0600, folders 0700), whatever the umask.

The database, its WAL and shared-memory files (SQLite gives those the database file's permissions), the
pseudonym key, exports, backups and the heartbeat all hold or reveal personal data, so none may be readable by
other accounts on the machine.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Any

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
HEARTBEAT_NAME = "heartbeat.json"
MARKER_SUFFIX = ".created"


def make_private_folder(folder: Path) -> None:
    """Creates missing folders owner-only; an existing folder keeps the permissions its owner chose."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """Opens ``path`` for writing (truncating it) as a file only its owner can read, also if it existed."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, mode, **kwargs)


def restrict(path: Path) -> None:
    """Takes away any access by group and others from an existing file (data from before this rule)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current & 0o077:
        path.chmod(current & 0o700)


def marker_path(database: Path) -> Path:
    """Written when a database is created: its absence later tells a deleted database from a first start."""
    return database.with_name(database.name + MARKER_SUFFIX)


def sqlite_companions(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def earlier_traces(database: Path) -> list[Path]:
    """Files that only exist where a database existed before: with the database gone, starting afresh would
    silently begin an empty event, so ``Database.open`` refuses unless asked explicitly."""
    candidates = [marker_path(database), *sqlite_companions(database), database.parent / HEARTBEAT_NAME]
    return [candidate for candidate in candidates if candidate.exists()]


EXPORTS_FOLDER = "exports"


def remove_files_older_than(folder: Path, cutoff: float) -> int:
    """Deletes the files directly in ``folder`` last changed before ``cutoff`` (a Unix time) and returns how
    many: exports kept in the data folder fall under the same retention as the data they came from."""
    if not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
            entry.unlink()
            removed += 1
    return removed


def sqlite_uri(path: Path, mode: str) -> str:
    """The URI that opens ``path`` in SQLite's ``mode`` ("ro": never writes, never creates; "rw": never creates)."""
    return f"{path.resolve().as_uri()}?mode={mode}"
