"""Anonymous feedback holds: no stored or exported value ties it to the same person's other rows or actions,
yet the person can still see, change, withdraw and delete it."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.config import Settings
from bot.feedback.model import Stance, Submission
from bot.feedback.pseudonyms import Pseudonymizer
from bot.feedback.validation import FeedbackError
from bot.moderation.export import COLUMNS, ExportFilter, ExportOptions
from bot.services import Services, open_services
from bot.storage.migrations import MIGRATIONS
from tests.feedback_helpers import ANNA, BEN

NAMED = "these-koordination"
ANONYMOUS = "these-innenstadt"
ALSO_ANONYMOUS = "these-austausch"


@pytest.fixture
async def opened(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as services:
        feedback = services.feedback
        await feedback.submit(ANNA, Submission(NAMED, Stance.AGREE, "Mit Namen"), channel="test")
        await feedback.submit(ANNA, Submission(ANONYMOUS, Stance.DISAGREE, "Ohne Namen", anonymous=True), channel="t")
        await feedback.submit(ANNA, Submission(ALSO_ANONYMOUS, comment="Auch ohne Namen", anonymous=True), channel="t")
        await feedback.submit(BEN, Submission(NAMED, Stance.PARTLY, "Ben"), channel="test")
        yield services


async def _exported_rows(services: Services, tmp_path: Path, fmt: str) -> list[dict[str, object]]:
    target = tmp_path / f"export.{fmt}"
    target.unlink(missing_ok=True)
    await services.moderation.export(ANNA, target, ExportFilter(), ExportOptions(fmt))  # type: ignore[arg-type]
    if fmt == "json":
        rows: list[dict[str, object]] = json.loads(target.read_text(encoding="utf-8"))
        return rows
    if fmt == "csv":
        with target.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.DictReader(file, delimiter=";"))
    sheet = load_workbook(target)["Feedback"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    return [dict(zip(COLUMNS, row, strict=True)) for row in values]


def _anonymous(row: dict[str, object]) -> bool:
    return row["anonymous"] in (True, 1, "1", "True")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
async def test_anonymous_rows_share_no_participant_value_with_anything_else_of_the_person(
    opened: Services, tmp_path: Path, fmt: str
) -> None:
    rows = await _exported_rows(opened, tmp_path, fmt)
    named = {row["participant"] for row in rows if not _anonymous(row)}
    by_thesis = {row["thesis_id"]: row["participant"] for row in rows if _anonymous(row)}
    assert set(by_thesis) == {ANONYMOUS, ALSO_ANONYMOUS}
    assert not set(by_thesis.values()) & named
    assert by_thesis[ANONYMOUS] != by_thesis[ALSO_ANONYMOUS], "anonymous rows on two theses must not be joinable"
    [entry] = await opened.moderation.audit_entries()
    assert entry.actor not in {str(value)[: len(entry.actor)] for value in [*named, *by_thesis.values()]}


async def test_the_database_alone_holds_no_value_linking_anonymous_rows_to_their_author(
    opened: Services, settings: Settings
) -> None:
    with closing(sqlite3.connect(settings.database_path)) as database:
        named = {row[0] for row in database.execute("SELECT pseudonym FROM comments WHERE anonymous = 0")}
        anonymous = {row[0] for row in database.execute("SELECT pseudonym FROM comments WHERE anonymous = 1")}
        first_seen = dict(database.execute("SELECT pseudonym, created_at FROM participants").fetchall())
        times = {row[0] for row in database.execute("SELECT created_at FROM comments WHERE anonymous = 1")}
    anna = Pseudonymizer(str(settings.pseudonym_key)).pseudonym("discord", ANNA.user_id)
    assert anna in named
    assert len(anonymous) == 2
    assert anna not in anonymous
    assert first_seen[anna] not in times


async def test_switching_a_stance_between_named_and_anonymous_keeps_one_stance_and_no_time_link(
    opened: Services, settings: Settings
) -> None:
    await opened.feedback.submit(ANNA, Submission(NAMED, Stance.NEUTRAL, anonymous=True), channel="test")
    with closing(sqlite3.connect(settings.database_path)) as database:
        rows = database.execute(
            "SELECT stance, anonymous, superseded_at FROM stances WHERE thesis_id = ? AND pseudonym != ?",
            (NAMED, Pseudonymizer(str(settings.pseudonym_key)).pseudonym("discord", BEN.user_id)),
        ).fetchall()
    assert rows == [("neutral", 1, None)]
    counts = {item.thesis_id: item.stance_counts for item in await opened.moderation.statistics()}
    assert sum(counts[NAMED]) == 2


async def test_the_author_sees_edits_and_withdraws_their_anonymous_feedback(opened: Services) -> None:
    data = await opened.feedback.personal_data(ANNA)
    assert {(c.thesis_id, c.anonymous) for c in data.comments} >= {(ANONYMOUS, True), (ALSO_ANONYMOUS, True)}
    [hidden] = [c for c in data.comments if c.thesis_id == ANONYMOUS]
    await opened.feedback.edit_comment(ANNA, hidden.id, "Ohne Namen, ergänzt")
    await opened.feedback.withdraw_stance(ANNA, ANONYMOUS)
    await opened.feedback.withdraw_comment(ANNA, hidden.id)
    after = await opened.feedback.personal_data(ANNA)
    assert [c.revisions for c in after.comments if c.id == hidden.id] == [("Ohne Namen",)]
    assert ANONYMOUS not in {s.thesis_id for s in after.current_stances}
    assert hidden.id not in {c.id for c in after.current_comments}


async def test_nobody_else_can_touch_someones_anonymous_comment(opened: Services) -> None:
    [hidden] = [c for c in (await opened.feedback.personal_data(ANNA)).comments if c.thesis_id == ANONYMOUS]
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await opened.feedback.edit_comment(BEN, hidden.id, "Gekapert")
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await opened.feedback.withdraw_comment(BEN, hidden.id)
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await opened.feedback.withdraw_stance(BEN, ANONYMOUS)


async def test_erasing_reaches_anonymous_rows_and_the_persons_audit_entries(
    opened: Services, tmp_path: Path, settings: Settings
) -> None:
    await _exported_rows(opened, tmp_path, "json")
    erasure = await opened.feedback.erase(ANNA)
    assert erasure.records == 2 + 2 + 1 + 1  # named stance and comment, anonymous stance and comments, audit
    assert (await opened.feedback.personal_data(ANNA)).is_empty
    [entry] = await opened.moderation.audit_entries()
    assert (entry.action, entry.actor) == ("export", "gelöscht")
    with closing(sqlite3.connect(settings.database_path)) as database:
        assert database.execute("SELECT body FROM comments").fetchall() == [("Ben",)]


def _database_before_step_4(path: Path, keys: Pseudonymizer) -> str:
    """A database as the previous release left it: anonymous rows under the named pseudonym, the audit actor
    as its prefix, and a named stance superseded by an anonymous one at the same instant."""
    anna = keys.pseudonym("discord", ANNA.user_id)
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path)) as database:
        for script in MIGRATIONS[:3]:
            database.executescript(script)
        database.executescript(
            f"""
            PRAGMA user_version = 3;
            INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at)
            VALUES ('{anna}', '{NAMED}', 'zustimmung', 0, 'Anna', 'discord', '2026-11-01T10:00:00'),
                   ('{anna}', '{NAMED}', 'ablehnung', 1, NULL, 'discord', '2026-11-01T11:00:00'),
                   ('{anna}', '{ANONYMOUS}', 'neutral', 0, 'Anna', 'discord', '2026-11-01T12:00:00');
            INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at)
            VALUES ('{anna}', '{ALSO_ANONYMOUS}', 'Alt und anonym', 1, NULL, 'discord', '2026-11-01T09:00:00');
            INSERT INTO audit_log (at, actor, action, details)
            VALUES ('2026-11-02T10:00:00', '{anna[:12]}', 'export', '{{}}');
            """
        )
    return anna


async def test_a_database_of_the_previous_release_is_re_keyed_by_a_new_migration_step(settings: Settings) -> None:
    keys = Pseudonymizer(str(settings.pseudonym_key))
    anna = _database_before_step_4(settings.database_path, keys)
    async with open_services(settings) as services:
        data = await services.feedback.personal_data(ANNA)
        [entry] = await services.moderation.audit_entries()
        assert await services.database.schema_version() == len(MIGRATIONS)
    assert [(s.thesis_id, s.stance, s.anonymous) for s in data.stances] == [
        (NAMED, Stance.DISAGREE, True),
        (ANONYMOUS, Stance.NEUTRAL, False),
    ]
    assert [(c.body, c.anonymous) for c in data.comments] == [("Alt und anonym", True)]
    assert entry.actor == keys.audit_actor(anna[:12]) != anna[:12]
    with closing(sqlite3.connect(settings.database_path)) as database:
        anonymous = {row[0] for row in database.execute("SELECT pseudonym FROM stances WHERE anonymous = 1")}
        first_seen = dict(database.execute("SELECT pseudonym, created_at FROM participants").fetchall())
    assert anonymous == {keys.anonymous_pseudonym(anna, NAMED)}
    assert first_seen[anna] == "2026-11-01T12:00:00", "the named pseudonym's first time is its own row's"
