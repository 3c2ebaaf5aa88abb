"""Online backups through SQLite's backup API: a consistent copy even while the bot keeps writing."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from bot.storage.errors import DatabaseError, DatabaseMissingError
from bot.storage.files import open_private


def backup_database(source: Path, target: Path) -> int:
    """Copies ``source`` to ``target`` and returns the copy's size in bytes.

    The copy is written next to the target and renamed only once complete and checked, so an interrupted
    backup never leaves a half-written file under the requested name. It is readable by its owner only.
    """
    if not source.is_file():
        raise DatabaseMissingError(source)
    if target.exists():
        raise DatabaseError("backup_exists", target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        open_private(partial, "wb").close()  # SQLite keeps the mode of the file it finds
        with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(partial)) as copy:
            original.backup(copy)
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise DatabaseError("backup_damaged", target, detail=verdict)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        raise DatabaseError("backup_failed", source, target=target, detail=error) from error
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size
