"""The database under pressure: another program's lock, a reader that blocks the clean-up, a file deleted or
replaced underneath, several programs starting at once. Nothing confirmed may be lost, nothing may hang."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Stance, Submission
from bot.services import Services, open_services
from bot.storage.database import Database
from bot.storage.errors import (
    DatabaseBusyError,
    DatabaseMissingError,
    DatabaseReplacedError,
    DatabaseVanishedError,
)
from bot.storage.migrations import MIGRATIONS
from tests.cli_helpers import create_database, run_cli
from tests.feedback_helpers import ANNA, BEN

THESIS = "these-koordination"
# Bounds from Discord's three seconds for a first response; generous so a busy machine does not fail them.
INTERACTIVE_SECONDS = 3.0
CLEAN_UP_SECONDS = 10.0


@contextmanager
def write_lock_held_elsewhere(path: Path) -> Iterator[None]:
    """Another program (a second bot, a backup tool) holding SQLite's write lock."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


@contextmanager
def reader_open(path: Path) -> Iterator[None]:
    """A read transaction in another program: it keeps SQLite from truncating the write-ahead log."""
    with closing(sqlite3.connect(path, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM comments").fetchone()
        try:
            yield
        finally:
            reader.execute("COMMIT")


def _database_files(path: Path) -> list[Path]:
    return [file for file in path.parent.iterdir() if file.name.startswith(path.name)]


async def test_a_batch_of_writes_fails_fast_and_whole_while_another_program_holds_the_lock(
    services: Services, settings: Settings
) -> None:
    users = [ANNA.__class__("discord", str(n), f"Person {n}") for n in range(20)]
    with write_lock_held_elsewhere(settings.database_path):
        started = time.monotonic()
        results = await asyncio.gather(
            *(services.feedback.submit(u, Submission(THESIS, Stance.AGREE), channel="t") for u in users),
            return_exceptions=True,
        )
        waited = time.monotonic() - started
    assert all(isinstance(result, DatabaseBusyError) for result in results)
    assert waited < INTERACTIVE_SECONDS, "one wait of the busy timeout for the whole batch, not one per write"
    receipt = await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="t")
    assert receipt.stance is Stance.AGREE


async def test_reads_answer_at_once_while_another_program_holds_the_write_lock(
    services: Services, settings: Settings
) -> None:
    await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, "Da"), channel="t")
    with write_lock_held_elsewhere(settings.database_path):
        pending_write = asyncio.ensure_future(
            services.feedback.submit(BEN, Submission(THESIS, Stance.AGREE), channel="t")
        )
        await asyncio.sleep(0.05)  # the write is now waiting for the lock
        started = time.monotonic()
        data = await services.feedback.personal_data(ANNA)
        statistics = await services.moderation.statistics()
        read_seconds = time.monotonic() - started
        with pytest.raises(DatabaseBusyError):
            await pending_write
    assert [c.body for c in data.comments] == ["Da"]
    assert statistics
    assert read_seconds < 1.0, "reads must not queue behind a write that waits for a lock"


async def test_erasing_during_an_export_returns_at_once_and_says_the_file_is_cleaned_later(
    services: Services, settings: Settings
) -> None:
    secret = "Streng-vertraulicher-Kommentar-0815"
    await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, secret), channel="t")
    await services.feedback.submit(BEN, Submission(THESIS, Stance.DISAGREE, "Ben bleibt"), channel="t")
    async with services.database.snapshot() as export:  # what a large export holds while it streams
        await export.execute_fetchall("SELECT COUNT(*) FROM comments")
        started = time.monotonic()
        erasure = await services.feedback.erase(ANNA)
        took = time.monotonic() - started
    assert took < INTERACTIVE_SECONDS
    assert (erasure.records, erasure.complete, erasure.text_key) == (2, False, "erased_pending")
    await asyncio.wait_for(services.database.log_cleared(), CLEAN_UP_SECONDS)
    assert not any(secret.encode() in file.read_bytes() for file in _database_files(settings.database_path))


async def test_an_erased_text_leaves_every_database_file_once_another_programs_reader_is_gone(
    services: Services, settings: Settings
) -> None:
    secret = "Nur-fuer-mich-bestimmter-Text-4711"
    await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, secret), channel="t")
    with reader_open(settings.database_path):
        erasure = await services.feedback.erase(ANNA)
        assert not erasure.complete
        assert any(secret.encode() in file.read_bytes() for file in _database_files(settings.database_path))
    await asyncio.wait_for(services.database.log_cleared(), CLEAN_UP_SECONDS)
    files = _database_files(settings.database_path)
    assert {file.name for file in files} >= {"test.db", "test.db-wal"}
    assert [file.name for file in files if secret.encode() in file.read_bytes()] == []
    assert (settings.database_path.parent / "test.db-wal").stat().st_size == 0


async def test_without_a_reader_the_erasure_is_complete_at_once(services: Services) -> None:
    await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="t")
    erasure = await services.feedback.erase(ANNA)
    assert (erasure.complete, erasure.text_key) == (True, "erased")


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_writes_stop_with_a_clear_error_once_the_database_file_is_deleted_or_replaced(
    services: Services, settings: Settings, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="t")
    path = settings.database_path
    if how == "deleted":
        path.unlink()
    else:
        with closing(sqlite3.connect(path.with_name("other.db"))) as other:
            other.execute("CREATE TABLE t (x)")
        os.replace(path.with_name("other.db"), path)
    with caplog.at_level(logging.ERROR, logger="bot.storage.database"):
        with pytest.raises(DatabaseReplacedError, match="deleted or replaced"):
            await services.feedback.submit(BEN, Submission(THESIS, Stance.DISAGREE), channel="t")
        with pytest.raises(DatabaseReplacedError):
            await services.feedback.submit(ANNA, Submission(THESIS, comment="Noch einer"), channel="t")
    assert [record.levelname for record in caplog.records] == ["ERROR"], "the operator is told once"


async def test_a_commit_into_a_file_replaced_meanwhile_is_not_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "data" / "x.db"
    database = await Database.open(path)

    def insert_while_the_file_is_removed(connection: sqlite3.Connection) -> None:
        connection.execute("INSERT INTO audit_log (at, actor, action, details) VALUES ('t', 'a', 'b', '{}')")
        path.unlink()

    try:
        with pytest.raises(DatabaseReplacedError):
            await database.write(insert_while_the_file_is_removed)
    finally:
        await database.close()


async def test_a_missing_database_is_not_recreated_where_one_existed(settings: Settings) -> None:
    async with open_services(settings) as services:
        await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="t")
    settings.database_path.unlink()
    with pytest.raises(DatabaseVanishedError, match=r"--new-database or VIELFALT_ALLOW_NEW_DB=1"):
        await Database.open(settings.database_path)
    assert not settings.database_path.exists()
    database = await Database.open(settings.database_path, allow_new=True)
    await database.close()


def test_the_console_refuses_a_vanished_database_unless_asked_for_a_new_one(settings: Settings, tmp_path: Path) -> None:
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": "k" * 32}
    create_database(settings.database_path)
    settings.database_path.unlink()
    refused = run_cli(["console"], environment, stdin="ende\n")
    assert refused.returncode == 2
    assert f"Die Datenbank {settings.database_path} fehlt" in refused.stderr
    assert not settings.database_path.exists()
    allowed = run_cli(["console", "--new-database"], environment, stdin="ende\n")
    assert allowed.returncode == 0, allowed.stderr
    assert settings.database_path.exists()


async def test_a_reading_open_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError, match=str(tmp_path / "none.db")):
        await Database.open(tmp_path / "none.db", create=False)
    assert os.listdir(tmp_path) == []


def test_several_programs_starting_on_a_new_database_at_once_migrate_it_once(tmp_path: Path) -> None:
    """Ten rounds of four openers started together (threads, each with its own event loop and connection)."""
    for round_number in range(10):
        path = tmp_path / f"round-{round_number}" / "vielfalt.db"
        start = threading.Barrier(4)
        errors: list[BaseException] = []

        def open_once(
            path: Path = path, start: threading.Barrier = start, errors: list[BaseException] = errors
        ) -> None:
            async def opened() -> None:
                start.wait()
                await (await Database.open(path, allow_new=True)).close()

            try:
                asyncio.run(opened())
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=open_once) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with closing(sqlite3.connect(path)) as database:
            assert database.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
