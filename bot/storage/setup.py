"""Opening a database file: created owner-only where that is allowed, configured and migrated.

Plain ``sqlite3`` without asyncio: :class:`~bot.storage.database.Database` runs these steps in its connection's
own thread (one hop each instead of one per statement), and a one-shot command such as ``export`` opens the file
with :func:`open_connection` without loading asyncio or aiosqlite.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from bot.storage.errors import DatabaseError, DatabaseMissingError, DatabaseVanishedError
from bot.storage.files import (
    PRIVATE_FILE,
    earlier_traces,
    make_private_folder,
    marker_path,
    restrict,
    sqlite_companions,
    sqlite_uri,
)
from bot.storage.migrations import MIGRATIONS, statements

log = logging.getLogger(__name__)

# Every write answers someone waiting (a click, a form): it waits at most this long for another program's write
# lock and then fails with a clear error, well inside Discord's three seconds.
BUSY_TIMEOUT_MS = 2000
WAL_SWITCH_RETRY_SECONDS = 0.01

T = TypeVar("T")


class MigrationKeys(Protocol):
    """Keyed functions a migration step may call in SQL (see schema step 4); they need the pseudonym key,
    which the storage layer itself never holds."""

    def anonymous_pseudonym(self, pseudonym: str, thesis_id: str) -> str: ...

    def audit_actor(self, actor: str) -> str: ...


def open_connection(
    path: Path, *, create: bool = True, allow_new: bool = False, keys: MigrationKeys | None = None
) -> sqlite3.Connection:
    """A configured, migrated connection in autocommit mode (write with :func:`commit`); see :func:`prepare_file`
    for ``create`` and ``allow_new``."""
    created = prepare_file(path, create=create, allow_new=allow_new)
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise DatabaseError("cannot_open", path, detail=error) from error
    try:
        set_up(connection, path, keys)
    except BaseException:
        connection.close()
        raise
    finish_opening(path, created)
    return connection


def open_snapshot(path: Path) -> sqlite3.Connection:
    """A read-only connection inside one read transaction: a consistent view for long reads such as exports,
    without blocking writers (WAL allows both at once)."""
    connection = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, isolation_level=None)
    connection.execute("BEGIN")
    return connection


def prepare_file(path: Path, *, create: bool, allow_new: bool) -> bool:
    """Creates a missing database file owner-only (SQLite gives its WAL and shared memory the same mode) and
    returns whether it did; an existing one loses any access by others. ``create=False`` is for commands that
    read: they fail with :class:`DatabaseMissingError` instead. A database is created only where none existed
    before (see :func:`~bot.storage.files.earlier_traces`) unless ``allow_new`` is set. Safe when several programs
    start at once: each check is repeated where another program may have created the file in between."""
    try:
        if _exists_as_file(path):
            restrict(path)
            return False
        if not create:
            raise DatabaseMissingError(path)
        traces = earlier_traces(path)
        if traces and not allow_new and not path.exists():
            raise DatabaseVanishedError(path, traces)
        make_private_folder(path.parent)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    except OSError as error:
        raise DatabaseError("cannot_open", path, detail=error) from error
    return True


def set_up(connection: sqlite3.Connection, path: Path, keys: MigrationKeys | None) -> None:
    configure(connection, path)
    migrate(connection, path, keys)


def finish_opening(path: Path, created: bool) -> None:
    for companion in sqlite_companions(path):
        restrict(companion)
    _write_marker(path)
    if created:
        log.info("database created", extra={"path": str(path)})


def configure(connection: sqlite3.Connection, path: Path) -> None:
    try:
        # First, so that everything after it (switching to WAL included) waits for a concurrent start.
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _switch_to_wal(connection)
        connection.execute("PRAGMA foreign_keys = ON")
        # FULL: an acknowledged submission survives even a power cut, not only a crashed process.
        connection.execute("PRAGMA synchronous = FULL")
        # Deleted rows are overwritten, so "delete my data" leaves nothing readable in the file.
        connection.execute("PRAGMA secure_delete = ON")
    except sqlite3.Error as error:
        raise DatabaseError("not_sqlite", path, detail=error) from error


def schema_version(connection: sqlite3.Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: sqlite3.Connection, path: Path, keys: MigrationKeys | None) -> None:
    """Each step runs in a ``BEGIN IMMEDIATE`` transaction that re-reads the version once it holds the write
    lock, so two programs starting on a new database at once never apply the same step twice."""
    _register_keyed_functions(connection, keys)
    while (current := schema_version(connection)) < len(MIGRATIONS):
        try:
            connection.execute("BEGIN IMMEDIATE")
            version = schema_version(connection)
            if version < len(MIGRATIONS):
                for statement in statements(MIGRATIONS[version]):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if keys is None and "user-defined function" in str(error):
                raise DatabaseError("migration_needs_key", path, version=current + 1) from error
            raise DatabaseError("migration_failed", path, version=current + 1, detail=error) from error
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        if version < len(MIGRATIONS):
            log.info("database migrated", extra={"path": str(path), "schema_version": version + 1})
    if current > len(MIGRATIONS):
        raise DatabaseError("too_new", path, version=current, known=len(MIGRATIONS))


def commit(connection: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Runs ``work`` in a ``BEGIN IMMEDIATE`` transaction. On any failure, a failed COMMIT included, the
    transaction is rolled back so the connection is usable again; nothing of it is then stored."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        result = work(connection)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return result


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """Switching a new database to WAL needs an exclusive lock, and SQLite answers "locked" at once instead of
    waiting when two programs try it together (waiting could deadlock): retry for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(WAL_SWITCH_RETRY_SECONDS)


def _register_keyed_functions(connection: sqlite3.Connection, keys: MigrationKeys | None) -> None:
    """Without keys the functions exist but refuse: a new database never calls them, an old one with anonymous
    feedback cannot be migrated without the key and says so."""
    anonymous: Callable[[str, str], str] = keys.anonymous_pseudonym if keys else _needs_key
    actor: Callable[[str], str] = keys.audit_actor if keys else _needs_key
    connection.create_function("anonymous_pseudonym", 2, anonymous, deterministic=True)
    connection.create_function("audit_actor", 1, actor, deterministic=True)


def _needs_key(*_: str) -> str:
    raise LookupError("no pseudonym key")


def _exists_as_file(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise DatabaseError("not_a_file", path)
    return True


def _write_marker(path: Path) -> None:
    marker = marker_path(path)
    if marker.exists():
        return
    try:
        descriptor = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return  # another process starting at the same moment wrote it
    except OSError as error:
        log.warning("could not write the database marker", extra={"path": str(marker), "error": str(error)})
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(
            "This file shows that a Vielfalt-Bot database was created here. If the database is missing, the bot "
            "refuses to start a new one unless asked to (--new-database or VIELFALT_ALLOW_NEW_DB=1).\n"
        )
