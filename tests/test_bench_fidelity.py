"""The benches' raw baselines keep doing the project's work: they carry literal copies of its schema, statements and
export, and these tests fail as soon as the project drifts from those copies (a bench that flatters is a bug)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench import _schema, raw_export
from bench.feedback_throughput import CHANNEL, KEY, Feedback, raw_group_commit
from bot.feedback.model import Identity, Stance, Submission
from bot.feedback.pseudonyms import Pseudonymizer
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.knowledge.model import KnowledgeBase
from bot.moderation.export import ExportFilter, ExportOptions
from bot.services import Services
from bot.storage.database import Database
from tests.conftest import KNOWLEDGE_DIR

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
THESIS = "these-koordination"
OTHER_THESIS = "these-austausch"
# Every path through the store: new stance and comment, a repeated stance (guard), a switch to anonymous and back
# (the other kind's stance is deleted), a replayed submission (found by its key), a repeated comment without a key.
SUBMISSIONS = (
    Feedback("1", "Anna", THESIS, "zustimmung", "Gute These", False, "k1"),
    Feedback("1", "Anna", THESIS, "zustimmung", None, False, "k2"),
    Feedback("1", "Anna", THESIS, "ablehnung", "Doch nicht", True, "k3"),
    Feedback("1", "Anna", THESIS, "teilweise", None, False, "k4"),
    Feedback("1", "Anna", THESIS, "zustimmung", "Gute These", False, "k1"),
    Feedback("2", "Ben", OTHER_THESIS, None, "Nur ein Kommentar", False, None),
    Feedback("2", "Ben", OTHER_THESIS, None, "Nur ein Kommentar", False, None),
    Feedback("3", "Cem", OTHER_THESIS, "neutral", None, True, "k5"),
)


def _normalised(sql: str | None) -> str | None:
    """Whitespace is formatting, not schema."""
    if sql is None:
        return None
    return re.sub(r"\s*([(),])\s*", r"\1", re.sub(r"\s+", " ", sql)).strip()


def _schema_of(path: Path) -> tuple[int, list[tuple[str, str, str, str | None]]]:
    with closing(sqlite3.connect(path)) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    return int(version), [(kind, name, table, _normalised(sql)) for kind, name, table, sql in rows]


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("participants", "stances", "comments", "comment_revisions")
        }


async def test_the_benches_schema_is_the_projects_migrated_schema(tmp_path: Path) -> None:
    await (await Database.open(tmp_path / "project.db")).close()
    _schema.create(str(tmp_path / "bench.db")).close()
    assert _schema_of(tmp_path / "bench.db") == _schema_of(tmp_path / "project.db")


DURABILITY_PRAGMAS = ("journal_mode", "synchronous", "foreign_keys", "secure_delete", "busy_timeout")


async def test_the_benches_connections_are_as_durable_as_the_projects_writer(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "project.db")
    try:
        project = []
        for name in DURABILITY_PRAGMAS:
            async with database.connection.execute(f"PRAGMA {name}") as cursor:
                project.append((await cursor.fetchone() or [None])[0])
    finally:
        await database.close()
    with closing(_schema.create(str(tmp_path / "bench.db"))) as connection:
        raw = [connection.execute(f"PRAGMA {name}").fetchone()[0] for name in DURABILITY_PRAGMAS]
    assert raw == project


async def test_the_raw_feedback_baseline_runs_the_projects_statements_and_stores_the_same_rows(
    tmp_path: Path, knowledge: KnowledgeBase
) -> None:
    project_sql = await _project_statements(tmp_path / "project.db", knowledge)
    raw_sql: list[str] = []
    with closing(_schema.create(str(tmp_path / "raw.db"))) as connection:
        connection.set_trace_callback(raw_sql.append)
        for feedback in SUBMISSIONS:
            raw_group_commit(connection, [feedback], lambda: NOW.isoformat(timespec="microseconds"))
    assert raw_sql == project_sql
    assert _contents(tmp_path / "raw.db") == _contents(tmp_path / "project.db")


async def _project_statements(path: Path, knowledge: KnowledgeBase) -> list[str]:
    """What the project's writer connection runs for :data:`SUBMISSIONS`, one at a time, with values inlined."""
    database = await Database.open(path)
    statements: list[str] = []
    try:
        await database.connection.set_trace_callback(statements.append)
        service = FeedbackService(FeedbackStore(database), lambda: knowledge, Pseudonymizer(KEY), clock=lambda: NOW)
        for feedback in SUBMISSIONS:
            await service.submit(*feedback.submitted(), channel=CHANNEL)
        await database.connection.set_trace_callback(None)  # type: ignore[arg-type]
    finally:
        await database.close()
    return statements


HOSTILE_COMMENTS = ("=1+1", "Gut; -2", "Zeile 1\n@SUM(A1)", "\u200b+49", 'Er sagte "ja"', "\uff1dWERT", "Größe ✓")


async def test_the_raw_export_baseline_writes_the_projects_csv_byte_for_byte(
    services: Services, tmp_path: Path
) -> None:
    for number, comment in enumerate(HOSTILE_COMMENTS):
        name = "=HYPERLINK(1)" if number == 0 else f"Person {number}"
        submission = Submission(THESIS if number % 2 else OTHER_THESIS, Stance.PARTLY, comment, number == 3)
        await services.feedback.submit(Identity("discord", str(number), name), submission, channel="discord")
        await services.podium.submit(
            Identity("discord", str(number), name), f"{comment} – Frage {number}", anonymous=number == 3, channel="d"
        )
    project = tmp_path / "project.csv"
    await services.moderation.export(Identity("cli", "m", "m"), project, ExportFilter(), ExportOptions("csv"))
    raw = tmp_path / "raw.csv"
    raw_export.export(services.database.path, KNOWLEDGE_DIR / "theses.yaml", raw)
    assert project.read_bytes().count(b'"podium_question"') == len(HOSTILE_COMMENTS)
    assert raw.read_bytes() == project.read_bytes()
