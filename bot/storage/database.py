"""The open database of a running program: group-committed writes, reads beside them, snapshots, clean-up."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.errors import DatabaseError, DatabaseReplacedError, storage_error
from bot.storage.files import sqlite_uri
from bot.storage.setup import MigrationKeys, commit, configure, finish_opening, prepare_file, schema_version, set_up

__all__ = ["Database", "DatabaseError", "MigrationKeys"]

log = logging.getLogger(__name__)

CHECKPOINT_FIRST_RETRY_SECONDS = 0.05
CHECKPOINT_MAX_RETRY_SECONDS = 2.0

T = TypeVar("T")
Work = Callable[[sqlite3.Connection], Any]


class Database:
    def __init__(self, connection: aiosqlite.Connection, reader: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self._reader = reader
        self._lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._checkpoint_waiters: list[asyncio.Future[None]] = []
        self._checkpointer: asyncio.Task[None] | None = None
        self._identity = _file_identity(path)
        self._replaced = False
        self.path = path

    @classmethod
    async def open(
        cls,
        path: Path,
        *,
        create: bool = True,
        allow_new: bool = False,
        keys: MigrationKeys | None = None,
    ) -> Database:
        """``create=False`` is for commands that read: they fail with :class:`DatabaseMissingError` instead of
        creating an empty database. With ``create=True`` a database is created only where none existed before
        (see :func:`~bot.storage.files.earlier_traces`) unless ``allow_new`` is set."""
        created = prepare_file(path, create=create, allow_new=allow_new)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, aiosqlite.Error) as error:
            raise DatabaseError("cannot_open", path, detail=error) from error
        reader: aiosqlite.Connection | None = None
        try:
            await _in_connection_thread(connection, partial(set_up, path=path, keys=keys))
            reader = await aiosqlite.connect(path, isolation_level=None)
            await _in_connection_thread(reader, partial(_configure_reader, path=path))
            database = cls(connection, reader, path)
        except BaseException:
            if reader is not None:
                await reader.close()
            await connection.close()
            raise
        finish_opening(path, created)
        return database

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[aiosqlite.Connection]:
        """A separate read-only connection inside one read transaction: a consistent view for long reads such
        as exports, without blocking the writers on the main connection (WAL allows both at once)."""
        reader = await aiosqlite.connect(sqlite_uri(self.path, "ro"), uri=True, isolation_level=None)
        try:
            await reader.execute("BEGIN")
            yield reader
        finally:
            await reader.close()

    async def in_snapshot(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``read`` on a snapshot (see :meth:`snapshot`) in that connection's own thread, as one call: for long
        reads such as exports, which then neither pay a thread hop per batch nor hold the event loop."""
        async with self.snapshot() as reader:
            return await _in_connection_thread(reader, read)

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._connection

    async def close(self) -> None:
        """Finishes writes already handed over before closing, so an accepted submission is never dropped.

        Closing the last connection checkpoints and removes the WAL, so a pending clean-up needs no retry.
        """
        while self._writer is not None and not self._writer.done():
            await self._writer
        if self._checkpointer is not None:
            self._checkpointer.cancel()
            await asyncio.gather(self._checkpointer, return_exceptions=True)
        await self._reader.close()
        await self._connection.close()

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``work`` in a transaction shared with the writes waiting at the same moment (group commit).

        ``work`` runs in the database's own thread, together with the rest of its batch, so it must not block on
        anything but SQLite. Returns only once that transaction has committed. If the shared transaction fails
        because of one write (a constraint, a bug), each write is retried in a transaction of its own, taking the
        lock for each one alone, so one bad write cannot take the others down with it. A failure of the database
        itself (busy, full, replaced) fails the whole batch at once: retrying would only make everyone wait longer.
        """
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((work, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending(), name="database-writer")
        return await future

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                async with self._lock:
                    results = await self._commit_together([work for work, _ in batch])
            except Exception as error:
                if len(batch) == 1 or isinstance(error, (DatabaseError, sqlite3.OperationalError)):
                    _fail(batch, error)
                    continue
                log.warning("shared transaction failed, retrying its writes one by one", extra={"writes": len(batch)})
                for work, future in batch:
                    await self._commit_alone(work, future)
                continue
            except BaseException as error:
                _fail(batch, error)
                raise
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _commit_together(self, batch: list[Work]) -> list[Any]:
        """The whole batch is one call into the database thread (BEGIN IMMEDIATE, every write, COMMIT): each call
        costs a thread hop, which would otherwise be paid for every statement of every write. The file is checked
        before and after, as in :meth:`_begin`."""
        self._check_same_file()
        try:
            results = await _in_connection_thread(self._connection, partial(_commit_batch, batch))
        except sqlite3.OperationalError as error:
            raise storage_error(error, self.path) from error
        self._check_same_file()
        return results

    async def _commit_alone(self, work: Work, future: asyncio.Future[Any]) -> None:
        try:
            async with self._lock:
                [result] = await self._commit_together([work])
        except Exception as error:
            _fail([(work, future)], error)
            return
        if not future.done():
            future.set_result(result)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction at a time on this connection: coroutines sharing it would otherwise interleave
        their statements. ``BEGIN IMMEDIATE`` takes SQLite's write lock up front, so other processes wait
        (busy_timeout) instead of failing half-way with SQLITE_BUSY."""
        async with self._lock, self._begin() as connection:
            yield connection

    @asynccontextmanager
    async def _begin(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT; on any failure, including a failed COMMIT, the transaction is rolled back so
        the connection is usable again. The file is checked before and after: a commit that landed in a file
        deleted or replaced on disk is reported as failed, never confirmed."""
        self._check_same_file()
        try:
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise storage_error(error, self.path) from error
        try:
            yield self._connection
            await self._connection.execute("COMMIT")
        except BaseException as error:
            if self._connection.in_transaction:
                await self._connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise storage_error(error, self.path) from error
            raise
        self._check_same_file()

    def _check_same_file(self) -> None:
        """One ``stat`` per transaction: cheap next to the commit's fsync."""
        if not self._replaced and _file_identity(self.path) == self._identity:
            return
        if not self._replaced:
            self._replaced = True
            log.error(
                "the database file was deleted or replaced while running; refusing all writes until a restart",
                extra={"path": str(self.path)},
            )
        raise DatabaseReplacedError(self.path)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """A consistent view of committed data on a connection of its own, so reads never queue behind a write
        that waits for another program's lock."""
        async with self._read_lock:
            await self._reader.execute("BEGIN")
            try:
                yield self._reader
            finally:
                await self._reader.execute("COMMIT")

    async def read(self, function: Callable[[sqlite3.Connection], T]) -> T:
        """Runs ``function`` in one read transaction on the reading connection, in its own thread: any number of
        statements for one thread hop, on a consistent view of committed data."""
        async with self._read_lock:
            return await _in_connection_thread(self._reader, partial(_in_read_transaction, function))

    async def clear_log(self, wait: float) -> bool:
        """Asks for the WAL to be checkpointed and truncated, so deleted rows do not linger in it.

        A reader (an export, a backup, another program) keeps SQLite from truncating: the attempts go on in the
        background, on a connection of their own that never waits for a lock, until one succeeds. Returns
        whether that happened within ``wait`` seconds.
        """
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._checkpoint_waiters.append(done)
        if self._checkpointer is None or self._checkpointer.done():
            self._checkpointer = asyncio.create_task(self._checkpoint_until_clear(), name="database-checkpoint")
        finished, _ = await asyncio.wait({done}, timeout=wait)
        return bool(finished)

    async def log_cleared(self) -> None:
        """Waits until every clean-up asked for so far has succeeded (for tests and orderly shutdowns)."""
        while self._checkpointer is not None and not self._checkpointer.done():
            await asyncio.shield(self._checkpointer)

    async def _checkpoint_until_clear(self) -> None:
        delay = CHECKPOINT_FIRST_RETRY_SECONDS
        while self._checkpoint_waiters:
            waiting, self._checkpoint_waiters = self._checkpoint_waiters, []
            while not await asyncio.to_thread(_truncate_wal, self.path):
                if self._replaced:
                    return
                log.debug("write-ahead log still in use, clean-up retried", extra={"retry_in": delay})
                await asyncio.sleep(delay)
                delay = min(delay * 2, CHECKPOINT_MAX_RETRY_SECONDS)
            for future in waiting:
                if not future.done():
                    future.set_result(None)

    async def schema_version(self) -> int:
        return await _in_connection_thread(self._connection, schema_version)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def _fail(batch: list[tuple[Work, asyncio.Future[Any]]], error: BaseException) -> None:
    for _, future in batch:
        if not future.done():
            future.set_exception(error)


def _commit_batch(batch: list[Work], connection: sqlite3.Connection) -> list[Any]:
    """Runs in the database thread: the whole batch in one transaction, rolled back whole on any failure."""
    return commit(connection, lambda connection: [work(connection) for work in batch])


async def _in_connection_thread(connection: aiosqlite.Connection, function: Callable[[sqlite3.Connection], T]) -> T:
    """Runs ``function`` with the underlying sqlite3 connection on aiosqlite's own thread for that connection, in
    order with every other call on it.

    aiosqlite has no public way to run several statements in one call: each public method is one hop to its thread
    and back (tens of microseconds, several per submission before). Its private ``_execute`` and ``_conn``, the same
    since 0.17, are what its public methods are built on; they are used here only, and every write test uses them.
    """
    result: T = await connection._execute(lambda: function(connection._conn))  # type: ignore[no-untyped-call]
    return result


def _in_read_transaction(function: Callable[[sqlite3.Connection], T], connection: sqlite3.Connection) -> T:
    connection.execute("BEGIN")
    try:
        return function(connection)
    finally:
        connection.execute("COMMIT")


def _truncate_wal(path: Path) -> bool:
    """One non-blocking TRUNCATE checkpoint; ``PRAGMA wal_checkpoint`` reports busy instead of waiting."""
    try:
        uri = sqlite_uri(path, "rw")
        with closing(sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)) as connection:
            busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return False
    return int(busy) == 0


def _configure_reader(connection: sqlite3.Connection, path: Path) -> None:
    configure(connection, path)
    connection.execute("PRAGMA query_only = ON")
