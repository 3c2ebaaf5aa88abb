from __future__ import annotations

import sqlite3
from pathlib import Path

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


async def test_database_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "pragmas.db")
    try:
        values = {}
        for pragma in ("journal_mode", "foreign_keys", "busy_timeout"):
            async with database.connection.execute(f"PRAGMA {pragma}") as cursor:
                row = await cursor.fetchone()
                assert row is not None
                values[pragma] = row[0]
        assert values == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
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
