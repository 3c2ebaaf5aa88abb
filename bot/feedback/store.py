"""SQL for feedback. Every public method is one transaction: it is stored completely or not at all."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

import aiosqlite

from bot.feedback.model import CommentRecord, PersonalData, Receipt, Stance, StanceRecord
from bot.feedback.pseudonyms import Owner
from bot.storage.database import Database

ERASED_ACTOR = "gelöscht"
# A clean-up that has to wait for a reader goes on in the background; the confirmation says so.
CLEAN_UP_WAIT_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class NewFeedback:
    """A submission after validation, ready to be written. ``pseudonym`` is the one this row carries (named or
    anonymous, see :mod:`bot.feedback.pseudonyms`); ``other_pseudonym`` is the same person's other one on this
    thesis, whose current stance a new stance replaces."""

    pseudonym: str
    other_pseudonym: str
    thesis_id: str
    stance: Stance | None
    comment: str | None
    anonymous: bool
    display_name: str | None
    channel: str
    idempotency_key: str | None


@dataclass(frozen=True, slots=True)
class Erased:
    rows: int
    audit_entries: int
    log_cleared: bool


@dataclass(frozen=True, slots=True)
class Purged:
    stances: int
    comments: int
    questions: int
    participants: int
    podium_questions: int = 0


class FeedbackStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def submit(self, feedback: NewFeedback, now: str) -> Receipt:
        """Stored through the database's group commit: many participants at once share a transaction, and the
        statements of all of them run in one call into the database thread."""
        return await self._database.write(lambda connection: _store(connection, feedback, now))

    async def edit_comment(self, owner: Owner, comment_id: int, body: str, now: str) -> bool:
        """Keeps the replaced text as a revision; False when the comment is not this participant's."""
        async with self._database.transaction() as connection:
            row = await _own_comment(connection, owner, comment_id)
            if row is None:
                return False
            if row != body:
                await connection.execute(
                    "INSERT INTO comment_revisions (comment_id, body, replaced_at) VALUES (?, ?, ?)",
                    (comment_id, row, now),
                )
                await connection.execute(
                    "UPDATE comments SET body = ?, edited_at = ? WHERE id = ?", (body, now, comment_id)
                )
        return True

    async def withdraw_stance(self, owner: Owner, thesis_id: str, now: str) -> bool:
        """The current stance, named or anonymous: a person has one current stance per thesis."""
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE stances SET superseded_at = ?, withdrawn = 1 "
                "WHERE pseudonym IN (?, ?) AND thesis_id = ? AND superseded_at IS NULL",
                (now, owner.for_row(thesis_id, False), owner.for_row(thesis_id, True), thesis_id),
            )
        return cursor.rowcount > 0

    async def withdraw_comment(self, owner: Owner, comment_id: int, now: str) -> bool:
        async with self._database.transaction() as connection:
            if await _own_comment(connection, owner, comment_id) is None:
                return False
            await connection.execute("UPDATE comments SET withdrawn_at = ? WHERE id = ?", (now, comment_id))
        return True

    async def personal_data(self, owner: Owner) -> PersonalData:
        async with self._database.reading() as connection:
            return await _personal_data(connection, owner)

    async def erase(self, owner: Owner) -> Erased:
        """Deletes the participant's named and anonymous pseudonyms and, by cascade, every stance, comment and
        revision; removes the person from the audit log (the actions stay, without actor). Then the WAL is
        cleaned, in the background if a reader holds it."""
        async with self._database.transaction() as connection:
            data = await _personal_data(connection, owner)
            pseudonyms = owner.all_pseudonyms(await _thesis_ids(connection))
            await connection.execute(
                f"DELETE FROM participants WHERE pseudonym IN ({_placeholders(pseudonyms)})", pseudonyms
            )
            audit = await connection.execute(
                "UPDATE audit_log SET actor = ? WHERE actor = ?", (ERASED_ACTOR, owner.audit_actor)
            )
        cleared = await self._database.clear_log(CLEAN_UP_WAIT_SECONDS)
        rows = len(data.stances) + len(data.comments) + sum(len(comment.revisions) for comment in data.comments)
        return Erased(rows, audit.rowcount, cleared)

    async def purge_before(self, cutoff: str) -> Purged:
        async with self._database.transaction() as connection:
            stances = await _delete(connection, "DELETE FROM stances WHERE created_at < ?", cutoff)
            comments = await _delete(connection, "DELETE FROM comments WHERE created_at < ?", cutoff)
            questions = await _delete(connection, "DELETE FROM question_log WHERE asked_at < ?", cutoff)
            participants = await _delete(
                connection,
                "DELETE FROM participants WHERE created_at < ? "
                "AND NOT EXISTS (SELECT 1 FROM stances s WHERE s.pseudonym = participants.pseudonym) "
                "AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.pseudonym = participants.pseudonym)",
                cutoff,
            )
        await self._database.clear_log(CLEAN_UP_WAIT_SECONDS)
        return Purged(stances, comments, questions, participants)


def _placeholders(values: list[str]) -> str:
    return ", ".join("?" * len(values))


async def _thesis_ids(connection: aiosqlite.Connection) -> list[str]:
    """Every thesis with feedback, also theses no longer in the knowledge base: anonymous rows are found by
    recomputing their pseudonym per thesis, so none may be missed."""
    rows = await connection.execute_fetchall("SELECT thesis_id FROM stances UNION SELECT thesis_id FROM comments")
    return [str(row[0]) for row in rows]


async def _own_comment(connection: aiosqlite.Connection, owner: Owner, comment_id: int) -> str | None:
    """The text of a current comment if ``owner`` wrote it (named, or anonymously on its thesis)."""
    async with connection.execute(
        "SELECT body, thesis_id, anonymous, pseudonym FROM comments WHERE id = ? AND withdrawn_at IS NULL",
        (comment_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None or row[3] != owner.for_row(str(row[1]), bool(row[2])):
        return None
    return str(row[0])


async def _personal_data(connection: aiosqlite.Connection, owner: Owner) -> PersonalData:
    pseudonyms = owner.all_pseudonyms(await _thesis_ids(connection))
    among = f"IN ({_placeholders(pseudonyms)})"
    async with connection.execute(
        "SELECT id, thesis_id, stance, anonymous, display_name, created_at, superseded_at, withdrawn "
        f"FROM stances WHERE pseudonym {among} ORDER BY created_at, id",
        pseudonyms,
    ) as cursor:
        stances = tuple(
            StanceRecord(r[0], r[1], Stance(r[2]), bool(r[3]), r[4], r[5], r[6], bool(r[7]))
            for r in await cursor.fetchall()
        )
    revisions: defaultdict[int, list[str]] = defaultdict(list)
    async with connection.execute(
        "SELECT r.comment_id, r.body FROM comment_revisions r JOIN comments c ON c.id = r.comment_id "
        f"WHERE c.pseudonym {among} ORDER BY r.id",
        pseudonyms,
    ) as cursor:
        for comment_id, body in await cursor.fetchall():
            revisions[comment_id].append(body)
    async with connection.execute(
        "SELECT id, thesis_id, body, anonymous, display_name, created_at, edited_at, withdrawn_at "
        f"FROM comments WHERE pseudonym {among} ORDER BY created_at, id",
        pseudonyms,
    ) as cursor:
        comments = tuple(
            CommentRecord(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], tuple(revisions[r[0]]))
            for r in await cursor.fetchall()
        )
    return PersonalData(owner.pseudonym, stances, comments)


def _store(connection: sqlite3.Connection, feedback: NewFeedback, now: str) -> Receipt:
    """Runs in the database thread, as part of a group-commit batch. The triggers of schema step 2 register the
    participant and retire the previous stance under the same pseudonym."""
    values = _values(feedback, now)
    stance_added = _insert_stance(connection, values) if feedback.stance else False
    comment_id = _insert_comment(connection, values) if feedback.comment else None
    if feedback.idempotency_key and not stance_added and comment_id is None:
        earlier = _receipt_for_key(connection, feedback.idempotency_key)
        if earlier:
            return earlier
    if feedback.comment and comment_id is None:
        comment_id = _same_comment(connection, feedback)
    return Receipt(
        feedback.thesis_id, feedback.stance, feedback.comment, comment_id, feedback.anonymous, feedback.display_name
    )


def _values(feedback: NewFeedback, now: str) -> dict[str, object]:
    return {
        "pseudonym": feedback.pseudonym,
        "thesis": feedback.thesis_id,
        "stance": feedback.stance,
        "comment": feedback.comment,
        "anonymous": int(feedback.anonymous),
        "name": feedback.display_name,
        "other": feedback.other_pseudonym,
        "channel": feedback.channel,
        "now": now,
        "key": feedback.idempotency_key,
    }


def _insert_stance(connection: sqlite3.Connection, values: dict[str, object]) -> bool:
    """Adds the stance unless this submission was stored before or it repeats the current stance.

    A new stance replaces the person's current one of the other kind (named <-> anonymous) on this thesis by
    deleting it: marking it superseded at this moment would tie the two pseudonyms together by time.
    """
    cursor = connection.execute(
        "INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at, "
        "idempotency_key) SELECT :pseudonym, :thesis, :stance, :anonymous, :name, :channel, :now, :key "
        "WHERE NOT EXISTS (SELECT 1 FROM stances WHERE idempotency_key = :key) "
        "AND NOT EXISTS (SELECT 1 FROM stances WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
        "AND superseded_at IS NULL AND stance = :stance AND anonymous = :anonymous AND display_name IS :name)",
        values,
    )
    if cursor.rowcount == 0:
        return False
    connection.execute(
        "DELETE FROM stances WHERE pseudonym = :other AND thesis_id = :thesis AND superseded_at IS NULL", values
    )
    return True


def _insert_comment(connection: sqlite3.Connection, values: dict[str, object]) -> int | None:
    """The new comment's id, or None when it was stored before or repeats one of the participant's comments."""
    rows = connection.execute(
        "INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at, "
        "idempotency_key) SELECT :pseudonym, :thesis, :comment, :anonymous, :name, :channel, :now, :key "
        "WHERE NOT EXISTS (SELECT 1 FROM comments WHERE idempotency_key = :key) "
        "AND NOT EXISTS (SELECT 1 FROM comments WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
        "AND body = :comment AND withdrawn_at IS NULL) RETURNING id",
        values,
    ).fetchall()
    return next((int(row[0]) for row in rows), None)


def _same_comment(connection: sqlite3.Connection, feedback: NewFeedback) -> int | None:
    rows = connection.execute(
        "SELECT id FROM comments WHERE pseudonym = ? AND thesis_id = ? AND body = ? AND withdrawn_at IS NULL",
        (feedback.pseudonym, feedback.thesis_id, feedback.comment),
    ).fetchall()
    return next((int(row[0]) for row in rows), None)


def _receipt_for_key(connection: sqlite3.Connection, key: str) -> Receipt | None:
    stance = connection.execute(
        "SELECT thesis_id, stance, anonymous, display_name FROM stances WHERE idempotency_key = ?", (key,)
    ).fetchone()
    comment = connection.execute(
        "SELECT thesis_id, body, id, anonymous, display_name FROM comments WHERE idempotency_key = ?", (key,)
    ).fetchone()
    if stance is not None:
        thesis_id, anonymous, display_name = stance[0], stance[2], stance[3]
    elif comment is not None:
        thesis_id, anonymous, display_name = comment[0], comment[3], comment[4]
    else:
        return None
    return Receipt(
        thesis_id,
        Stance(stance[1]) if stance else None,
        comment[1] if comment else None,
        comment[2] if comment else None,
        bool(anonymous),
        display_name,
        duplicate=True,
    )


async def _delete(connection: aiosqlite.Connection, statement: str, cutoff: str) -> int:
    cursor = await connection.execute(statement, (cutoff,))
    return cursor.rowcount
