"""Feedback on theses through the service: what is stored, what is refused, and that nothing is lost."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Erasure, Identity, Stance, Submission
from bot.feedback.pseudonyms import Pseudonymizer
from bot.feedback.ratelimit import SlidingWindow
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.feedback.validation import FeedbackError
from bot.matching.matcher import Thresholds
from bot.services import Services, open_services
from tests.conftest import KNOWLEDGE_DIR
from tests.feedback_helpers import ANNA, BEN, Clock

THESIS = "these-koordination"


@pytest.fixture
async def opened(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as services:
        yield services


@pytest.fixture
def feedback(opened: Services) -> FeedbackService:
    return opened.feedback


def _database_files_contain(settings: Settings, needle: bytes) -> bool:
    files = [settings.database_path, *settings.database_path.parent.glob("*.db-wal")]
    return any(needle in Path(file).read_bytes() for file in files)


def _rows(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(settings.database_path) as connection:
        return connection.execute(sql).fetchall()


async def test_a_stance_is_stored_and_confirmed(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="test")
    assert (receipt.thesis_id, receipt.stance, receipt.display_name, receipt.duplicate) == (
        THESIS,
        Stance.AGREE,
        "Anna",
        False,
    )


async def test_a_new_stance_replaces_the_old_one_and_keeps_history(feedback: FeedbackService) -> None:
    await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="test")
    await feedback.submit(ANNA, Submission(THESIS, Stance.DISAGREE), channel="test")
    data = await feedback.personal_data(ANNA)
    assert [s.stance for s in data.current_stances] == [Stance.DISAGREE]
    assert [s.stance for s in data.stances] == [Stance.AGREE, Stance.DISAGREE]


async def test_the_same_stance_twice_is_stored_once(feedback: FeedbackService) -> None:
    await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="test")
    await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="test")
    assert len((await feedback.personal_data(ANNA)).stances) == 1


async def test_a_participant_may_write_several_comments(feedback: FeedbackService) -> None:
    await feedback.submit(ANNA, Submission(THESIS, comment="Erster Gedanke"), channel="test")
    await feedback.submit(ANNA, Submission(THESIS, comment="Zweiter Gedanke"), channel="test")
    assert [c.body for c in (await feedback.personal_data(ANNA)).comments] == ["Erster Gedanke", "Zweiter Gedanke"]


async def test_the_same_comment_twice_is_stored_once(feedback: FeedbackService) -> None:
    first = await feedback.submit(ANNA, Submission(THESIS, comment="Wichtig!"), channel="test")
    second = await feedback.submit(ANNA, Submission(THESIS, comment="Wichtig!"), channel="test")
    assert first.comment_id == second.comment_id
    assert len((await feedback.personal_data(ANNA)).comments) == 1


async def test_a_replayed_interaction_is_stored_once_and_confirmed_as_duplicate(
    feedback: FeedbackService, settings: Settings
) -> None:
    submission = Submission(THESIS, Stance.PARTLY, comment="Kommt drauf an", idempotency_key="interaction-1")
    await feedback.submit(ANNA, submission, channel="test")
    replay = await feedback.submit(ANNA, submission, channel="test")
    assert replay.duplicate
    assert (replay.stance, replay.comment) == (Stance.PARTLY, "Kommt drauf an")
    assert _rows(settings, "SELECT COUNT(*) FROM stances") == [(1,)]
    assert _rows(settings, "SELECT COUNT(*) FROM comments") == [(1,)]


async def test_anonymous_feedback_stores_no_display_name(feedback: FeedbackService, settings: Settings) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, "Gut so", anonymous=True), channel="t")
    assert receipt.display_name is None
    assert _rows(settings, "SELECT display_name FROM stances UNION ALL SELECT display_name FROM comments") == [
        (None,),
        (None,),
    ]


async def test_display_names_keep_new_emoji_and_lose_control_characters(
    feedback: FeedbackService, settings: Settings
) -> None:
    goose = Identity("discord", "222", "Gänse\u202e🪿 Fan\x00")
    receipt = await feedback.submit(goose, Submission(THESIS, Stance.AGREE), channel="t")
    assert receipt.display_name == "Gänse🪿 Fan"
    assert _rows(settings, "SELECT display_name FROM stances") == [("Gänse🪿 Fan",)]


async def test_discord_ids_are_stored_only_as_keyed_pseudonyms(feedback: FeedbackService, settings: Settings) -> None:
    await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="test")
    [(pseudonym,)] = _rows(settings, "SELECT pseudonym FROM participants")
    assert pseudonym == Pseudonymizer(str(settings.pseudonym_key)).pseudonym("discord", "111")
    assert "111" not in str(pseudonym)
    assert Pseudonymizer("another-secret-key-123").pseudonym("discord", "111") != pseudonym


@pytest.mark.parametrize(
    ("submission", "key"),
    [
        (Submission("these-gibt-es-nicht", Stance.AGREE), "no_such_thesis"),
        (Submission(THESIS), "feedback_empty"),
        (Submission(THESIS, comment="   "), "feedback_empty"),
        (Submission(THESIS, Stance.AGREE, comment="x" * 1001), "comment_too_long"),
        (Submission(THESIS, Stance.AGREE, comment="Hallo\x00Welt"), "comment_control_characters"),
        (Submission(THESIS, comment="abc\u202edef"), "comment_control_characters"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_stored(
    feedback: FeedbackService, settings: Settings, submission: Submission, key: str
) -> None:
    with pytest.raises(FeedbackError) as raised:
        await feedback.submit(ANNA, submission, channel="test")
    assert raised.value.key == key
    assert raised.value.message("de")
    assert _rows(settings, "SELECT (SELECT COUNT(*) FROM stances) + (SELECT COUNT(*) FROM comments)") == [(0,)]


async def test_a_stance_with_a_blank_comment_stores_only_the_stance(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, Stance.NEUTRAL, comment="  \n "), channel="test")
    assert (receipt.stance, receipt.comment) == (Stance.NEUTRAL, None)


async def test_comment_whitespace_is_trimmed_and_line_breaks_are_kept(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, comment="  Zeile 1\r\nZeile 2  "), channel="test")
    assert receipt.comment == "Zeile 1\nZeile 2"


async def test_too_many_submissions_are_refused_with_the_wait_time(opened: Services) -> None:
    clock = Clock(datetime(2026, 11, 25, tzinfo=UTC))
    service = FeedbackService(
        FeedbackStore(opened.database),
        lambda: opened.questions.knowledge,
        Pseudonymizer("k" * 32),
        SlidingWindow(3, 60.0, clock=lambda: clock().timestamp()),
    )
    for number in range(3):
        await service.submit(ANNA, Submission(THESIS, comment=f"Punkt {number}"), channel="test")
    with pytest.raises(FeedbackError) as raised:
        await service.submit(ANNA, Submission(THESIS, comment="Punkt 4"), channel="test")
    assert raised.value.key == "feedback_rate_limited"
    assert raised.value.values["seconds"] == 60
    await service.submit(BEN, Submission(THESIS, comment="Ben darf noch"), channel="test")
    clock.advance(seconds=61)
    await service.submit(ANNA, Submission(THESIS, comment="Punkt 4"), channel="test")


async def test_editing_a_comment_keeps_the_old_text_as_revision(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, comment="Erste Fassung"), channel="test")
    assert receipt.comment_id is not None
    await feedback.edit_comment(ANNA, receipt.comment_id, "Zweite Fassung")
    [comment] = (await feedback.personal_data(ANNA)).comments
    assert (comment.body, comment.revisions) == ("Zweite Fassung", ("Erste Fassung",))
    assert comment.edited_at is not None


async def test_nobody_can_edit_or_withdraw_someone_elses_comment(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, comment="Meins"), channel="test")
    assert receipt.comment_id is not None
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await feedback.edit_comment(BEN, receipt.comment_id, "Gekapert")
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await feedback.withdraw_comment(BEN, receipt.comment_id)
    assert [c.body for c in (await feedback.personal_data(ANNA)).current_comments] == ["Meins"]


async def test_withdrawing_removes_current_feedback_but_keeps_history(feedback: FeedbackService) -> None:
    receipt = await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, comment="Weg damit"), channel="test")
    assert receipt.comment_id is not None
    await feedback.withdraw_stance(ANNA, THESIS)
    await feedback.withdraw_comment(ANNA, receipt.comment_id)
    data = await feedback.personal_data(ANNA)
    assert (data.current_stances, data.current_comments) == ((), ())
    assert data.stances[0].withdrawn
    with pytest.raises(FeedbackError, match="no_such_feedback"):
        await feedback.withdraw_stance(ANNA, THESIS)


async def test_erasing_deletes_every_trace_from_the_database_files(
    feedback: FeedbackService, settings: Settings
) -> None:
    secret = "Mein-sehr-persoenlicher-Kommentar-4711"
    receipt = await feedback.submit(ANNA, Submission(THESIS, Stance.AGREE, comment=secret), channel="test")
    assert receipt.comment_id is not None
    await feedback.edit_comment(ANNA, receipt.comment_id, secret + " (ergaenzt)")
    await feedback.submit(BEN, Submission(THESIS, Stance.DISAGREE, comment="Ben bleibt"), channel="test")
    assert await feedback.erase(ANNA) == Erasure(3, complete=True)
    assert (await feedback.personal_data(ANNA)).is_empty
    assert not (await feedback.personal_data(BEN)).is_empty
    assert not _database_files_contain(settings, secret.encode())
    assert not _database_files_contain(settings, b"Anna")


async def test_purge_deletes_only_feedback_older_than_the_retention(opened: Services, settings: Settings) -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    service = FeedbackService(
        FeedbackStore(opened.database), lambda: opened.questions.knowledge, Pseudonymizer("k" * 32), clock=clock
    )
    await service.submit(ANNA, Submission(THESIS, Stance.AGREE, comment="alt"), channel="test")
    clock.advance(days=40)
    await service.submit(BEN, Submission(THESIS, Stance.DISAGREE, comment="neu"), channel="test")
    clock.advance(days=1)
    purged = await service.purge_older_than(30)
    assert (purged.stances, purged.comments, purged.participants) == (1, 1, 1)
    assert _rows(settings, "SELECT body FROM comments") == [("neu",)]


async def test_without_a_configured_key_a_private_local_key_is_created_once(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "data" / "console.db", KNOWLEDGE_DIR, Thresholds())
    async with open_services(settings) as services:
        await services.feedback.submit(ANNA, Submission(THESIS, Stance.AGREE), channel="console")
    key = _read(settings.local_key_path)
    assert _mode(settings.local_key_path) == 0o600
    async with open_services(settings) as services:
        assert len((await services.feedback.personal_data(ANNA)).stances) == 1
    assert _read(settings.local_key_path) == key


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
