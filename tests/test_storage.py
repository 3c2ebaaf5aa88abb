from __future__ import annotations

import asyncio
import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.storage.database import Database, DatabaseError
from bot.storage.migrations import MIGRATIONS

INSERT_QUESTION = (
    "INSERT INTO question_log (asked_at, question, normalized, status, score, language, channel) "
    "VALUES ('2026-01-01T00:00:00+00:00', 'q', 'q', 'unknown', 0, 'de', 'test')"
)


async def _insert_logged_question(database: Database) -> None:
    async with database.transaction() as connection:
        await connection.execute(INSERT_QUESTION)


async def _insert_then_crash(database: Database) -> None:
    async with database.transaction() as connection:
        await connection.execute(INSERT_QUESTION)
        raise RuntimeError("crash mid-transaction")


async def test_new_database_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "new.db")
    try:
        assert await database.schema_version() == len(MIGRATIONS)
    finally:
        await database.close()


async def test_database_uses_wal_foreign_keys_and_an_interactive_busy_timeout(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "pragmas.db")
    try:
        values = {}
        for pragma in ("journal_mode", "foreign_keys", "busy_timeout"):
            async with database.connection.execute(f"PRAGMA {pragma}") as cursor:
                row = await cursor.fetchone()
                assert row is not None
                values[pragma] = row[0]
        assert values == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 2000}
    finally:
        await database.close()


async def test_reopening_keeps_existing_rows(tmp_path: Path) -> None:
    path = tmp_path / "keep.db"
    database = await Database.open(path)
    await _insert_logged_question(database)
    await database.close()
    reopened = await Database.open(path)
    try:
        async with reopened.connection.execute("SELECT COUNT(*) FROM question_log") as cursor:
            assert await cursor.fetchone() == (1,)
    finally:
        await reopened.close()


async def test_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "rollback.db")
    try:
        with pytest.raises(RuntimeError, match="crash mid-transaction"):
            await _insert_then_crash(database)
        async with database.connection.execute("SELECT COUNT(*) FROM question_log") as cursor:
            assert await cursor.fetchone() == (0,)
    finally:
        await database.close()


async def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(DatabaseError, match="knows only up to"):
        await Database.open(path)


async def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database " * 100)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        await Database.open(path)


def _insert(connection: sqlite3.Connection, question: str) -> int:
    """A write as :meth:`Database.write` runs it: in the database thread, on the sqlite3 connection."""
    cursor = connection.execute(
        "INSERT INTO question_log (asked_at, question, normalized, status, score, language, channel) "
        "VALUES ('2026-01-01T00:00:00+00:00', ?, ?, 'unknown', 0, 'de', 'test')",
        (question, question),
    )
    return int(cursor.lastrowid or 0)


def _stored_questions(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT question FROM question_log ORDER BY id")]


async def test_an_acknowledged_write_is_already_committed(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "ack.db")
    try:
        await database.write(lambda connection: _insert(connection, "erste"))
        assert _stored_questions(tmp_path / "ack.db") == ["erste"]
    finally:
        await database.close()


async def test_concurrent_writes_share_transactions_and_all_commit(tmp_path: Path) -> None:
    one_by_one = await _wal_frames_after_writes(tmp_path / "sequential.db", concurrent=False)
    together = await _wal_frames_after_writes(tmp_path / "concurrent.db", concurrent=True)
    assert sorted(_stored_questions(tmp_path / "concurrent.db")) == sorted(f"frage {n}" for n in range(50))
    assert together < one_by_one / 2


async def test_a_shared_transaction_is_one_call_into_the_database_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each call into aiosqlite's thread costs a hop there and back; a batch must not pay one per statement."""
    database = await Database.open(tmp_path / "hops.db")
    calls: list[object] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if self is database.connection:
            calls.append(fn)
        return await original(self, fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    try:
        await asyncio.gather(*(database.write(partial(_insert, question=f"frage {n}")) for n in range(50)))
    finally:
        monkeypatch.undo()
        await database.close()
    assert len(calls) == 1
    assert len(_stored_questions(tmp_path / "hops.db")) == 50


async def test_a_failing_write_fails_alone_and_the_others_are_stored(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "alone.db")

    def broken(connection: sqlite3.Connection) -> int:
        _insert(connection, "halb")
        raise sqlite3.IntegrityError("constraint failed")

    try:
        results = await asyncio.gather(
            database.write(lambda c: _insert(c, "vorher")),
            database.write(broken),
            database.write(lambda c: _insert(c, "nachher")),
            return_exceptions=True,
        )
    finally:
        await database.close()
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert _stored_questions(tmp_path / "alone.db") == ["vorher", "nachher"]


async def test_closing_finishes_writes_already_handed_over(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "close.db")
    pending = [asyncio.ensure_future(database.write(partial(_insert, question=f"spät {n}"))) for n in range(5)]
    await asyncio.sleep(0)
    await database.close()
    await asyncio.gather(*pending)
    assert len(_stored_questions(tmp_path / "close.db")) == 5


async def _wal_frames_after_writes(path: Path, *, concurrent: bool) -> int:
    """Every commit appends at least one frame to the write-ahead log, so fifty separate commits append at
    least fifty; writes that share transactions append far fewer. Measured once, before any checkpoint."""
    database = await Database.open(path)
    try:
        writes = [partial(_insert, question=f"frage {n}") for n in range(50)]
        if concurrent:
            await asyncio.gather(*(database.write(work) for work in writes))
        else:
            for work in writes:
                await database.write(work)
        async with database.reading() as connection, connection.execute("PRAGMA wal_checkpoint(PASSIVE)") as cursor:
            row = await cursor.fetchone()
    finally:
        await database.close()
    return int(row[1]) if row else 0


async def test_a_failed_commit_leaves_the_connection_usable(tmp_path: Path) -> None:
    """A deferred foreign key makes COMMIT itself fail, as a full disk would."""
    database = await Database.open(tmp_path / "commit.db")
    try:
        await database.connection.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await database.connection.execute(
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
        )
        with pytest.raises(sqlite3.IntegrityError):
            async with database.transaction() as connection:
                await connection.execute("INSERT INTO child (parent_id) VALUES (42)")
        await database.write(lambda connection: _insert(connection, "danach"))
    finally:
        await database.close()
    assert _stored_questions(tmp_path / "commit.db") == ["danach"]
