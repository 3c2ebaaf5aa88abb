"""The single place that opens the SQLite database, sets it up and migrates it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.errors import DatabaseError
from bot.storage.migrations import MIGRATIONS

__all__ = ["Database", "DatabaseError"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000

T = TypeVar("T")
Work = Callable[[aiosqlite.Connection], Awaitable[Any]]


class Database:
    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self._lock = asyncio.Lock()
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.path = path

    @classmethod
    async def open(cls, path: Path) -> Database:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, aiosqlite.Error) as error:
            raise DatabaseError(f"cannot open database {path}: {error}") from error
        database = cls(connection, path)
        try:
            await database._configure()
            await database._migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[aiosqlite.Connection]:
        """A separate read-only connection inside one read transaction: a consistent view for long reads such
        as exports, without blocking the writers on the main connection (WAL allows both at once)."""
        reader = await aiosqlite.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        try:
            await reader.execute("BEGIN")
            yield reader
        finally:
            await reader.close()

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._connection

    async def close(self) -> None:
        """Finishes writes already handed over before closing, so an accepted submission is never dropped."""
        while self._writer is not None and not self._writer.done():
            await self._writer
        await self._connection.close()

    async def write(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Runs ``work`` in a transaction shared with the writes waiting at the same moment (group commit).

        Returns only once that transaction has committed. If the shared transaction fails, each write is
        retried in a transaction of its own, so one bad write cannot take the others down with it.
        """
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((work, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending(), name="database-writer")
        return await future

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            async with self._lock:
                try:
                    results = await self._commit_together([work for work, _ in batch])
                except Exception:
                    log.warning(
                        "shared transaction failed, retrying its writes one by one", extra={"writes": len(batch)}
                    )
                    for work, future in batch:
                        await self._commit_alone(work, future)
                    continue
                except BaseException as error:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    raise
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _commit_together(self, batch: list[Work]) -> list[Any]:
        async with self._begin() as connection:
            return [await work(connection) for work in batch]

    async def _commit_alone(self, work: Work, future: asyncio.Future[Any]) -> None:
        try:
            [result] = await self._commit_together([work])
        except Exception as error:
            if not future.done():
                future.set_exception(error)
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
        the connection is usable again."""
        await self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield self._connection
            await self._connection.execute("COMMIT")
        except BaseException:
            if self._connection.in_transaction:
                await self._connection.execute("ROLLBACK")
            raise

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """Reads wait for a running transaction, so they never see another coroutine's uncommitted rows."""
        async with self._lock:
            yield self._connection

    async def checkpoint(self) -> None:
        """Moves the WAL into the database file and empties it, so deleted rows do not linger in the log."""
        async with self._lock:
            await self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def schema_version(self) -> int:
        async with self._connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _configure(self) -> None:
        try:
            await self._connection.execute("PRAGMA journal_mode = WAL")
            await self._connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await self._connection.execute("PRAGMA foreign_keys = ON")
            # FULL: an acknowledged submission survives even a power cut, not only a crashed process.
            await self._connection.execute("PRAGMA synchronous = FULL")
            # Deleted rows are overwritten, so "delete my data" leaves nothing readable in the file.
            await self._connection.execute("PRAGMA secure_delete = ON")
        except aiosqlite.Error as error:
            raise DatabaseError(f"{self.path} is not a usable SQLite database: {error}") from error

    async def _migrate(self) -> None:
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise DatabaseError(
                f"{self.path} has schema version {current}, but this program knows only up to "
                f"{len(MIGRATIONS)}: update the program instead of using an older one"
            )
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            try:
                await self._connection.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;"
                )
            except BaseException:
                if self._connection.in_transaction:
                    await self._connection.execute("ROLLBACK")
                raise
            log.info("database migrated", extra={"path": str(self.path), "schema_version": version})
