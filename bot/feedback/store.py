"""SQL for feedback. Every public method is one transaction: it is stored completely or not at all."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import aiosqlite

from bot.feedback.model import CommentRecord, PersonalData, Receipt, Stance, StanceRecord
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class NewFeedback:
    """A submission after validation, ready to be written."""

    pseudonym: str
    thesis_id: str
    stance: Stance | None
    comment: str | None
    anonymous: bool
    display_name: str | None
    channel: str
    idempotency_key: str | None


@dataclass(frozen=True, slots=True)
class Purged:
    stances: int
    comments: int
    questions: int
    participants: int


class FeedbackStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def submit(self, feedback: NewFeedback, now: str) -> Receipt:
        """Stored through the database's group commit: many participants at once share a transaction."""
        return await self._database.write(lambda connection: _store(connection, feedback, now))

    async def edit_comment(self, pseudonym: str, comment_id: int, body: str, now: str) -> bool:
        """Keeps the replaced text as a revision; False when the comment is not this participant's."""
        async with self._database.transaction() as connection:
            async with connection.execute(
                "SELECT body FROM comments WHERE id = ? AND pseudonym = ? AND withdrawn_at IS NULL",
                (comment_id, pseudonym),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return False
            if row[0] != body:
                await connection.execute(
                    "INSERT INTO comment_revisions (comment_id, body, replaced_at) VALUES (?, ?, ?)",
                    (comment_id, row[0], now),
                )
                await connection.execute(
                    "UPDATE comments SET body = ?, edited_at = ? WHERE id = ?", (body, now, comment_id)
                )
        return True

    async def withdraw_stance(self, pseudonym: str, thesis_id: str, now: str) -> bool:
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE stances SET superseded_at = ?, withdrawn = 1 "
                "WHERE pseudonym = ? AND thesis_id = ? AND superseded_at IS NULL",
                (now, pseudonym, thesis_id),
            )
        return cursor.rowcount > 0

    async def withdraw_comment(self, pseudonym: str, comment_id: int, now: str) -> bool:
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE comments SET withdrawn_at = ? WHERE id = ? AND pseudonym = ? AND withdrawn_at IS NULL",
                (now, comment_id, pseudonym),
            )
        return cursor.rowcount > 0

    async def personal_data(self, pseudonym: str) -> PersonalData:
        async with self._database.reading() as connection:
            return await _personal_data(connection, pseudonym)

    async def erase(self, pseudonym: str) -> int:
        """Deletes the participant and, by cascade, every stance, comment and revision; returns the count."""
        async with self._database.transaction() as connection:
            data = await _personal_data(connection, pseudonym)
            await connection.execute("DELETE FROM participants WHERE pseudonym = ?", (pseudonym,))
        await self._database.checkpoint()
        return len(data.stances) + len(data.comments) + sum(len(comment.revisions) for comment in data.comments)

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
        await self._database.checkpoint()
        return Purged(stances, comments, questions, participants)


async def _personal_data(connection: aiosqlite.Connection, pseudonym: str) -> PersonalData:
    async with connection.execute(
        "SELECT id, thesis_id, stance, anonymous, display_name, created_at, superseded_at, withdrawn "
        "FROM stances WHERE pseudonym = ? ORDER BY created_at, id",
        (pseudonym,),
    ) as cursor:
        stances = tuple(
            StanceRecord(r[0], r[1], Stance(r[2]), bool(r[3]), r[4], r[5], r[6], bool(r[7]))
            for r in await cursor.fetchall()
        )
    revisions: defaultdict[int, list[str]] = defaultdict(list)
    async with connection.execute(
        "SELECT r.comment_id, r.body FROM comment_revisions r JOIN comments c ON c.id = r.comment_id "
        "WHERE c.pseudonym = ? ORDER BY r.id",
        (pseudonym,),
    ) as cursor:
        for comment_id, body in await cursor.fetchall():
            revisions[comment_id].append(body)
    async with connection.execute(
        "SELECT id, thesis_id, body, anonymous, display_name, created_at, edited_at, withdrawn_at "
        "FROM comments WHERE pseudonym = ? ORDER BY created_at, id",
        (pseudonym,),
    ) as cursor:
        comments = tuple(
            CommentRecord(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], tuple(revisions[r[0]]))
            for r in await cursor.fetchall()
        )
    return PersonalData(pseudonym, stances, comments)


async def _store(connection: aiosqlite.Connection, feedback: NewFeedback, now: str) -> Receipt:
    """At most three statements, because every round trip to SQLite's thread costs more than the rows:
    the triggers of schema step 2 register the participant and retire the previous stance."""
    stance_added = await _insert_stance(connection, feedback, now) if feedback.stance else False
    comment_id = await _insert_comment(connection, feedback, now) if feedback.comment else None
    if feedback.idempotency_key and not stance_added and comment_id is None:
        earlier = await _receipt_for_key(connection, feedback.idempotency_key)
        if earlier:
            return earlier
    if feedback.comment and comment_id is None:
        comment_id = await _same_comment(connection, feedback)
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
        "channel": feedback.channel,
        "now": now,
        "key": feedback.idempotency_key,
    }


async def _insert_stance(connection: aiosqlite.Connection, feedback: NewFeedback, now: str) -> bool:
    """Adds the stance unless this submission was stored before or it repeats the current stance."""
    cursor = await connection.execute(
        "INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at, "
        "idempotency_key) SELECT :pseudonym, :thesis, :stance, :anonymous, :name, :channel, :now, :key "
        "WHERE NOT EXISTS (SELECT 1 FROM stances WHERE idempotency_key = :key) "
        "AND NOT EXISTS (SELECT 1 FROM stances WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
        "AND superseded_at IS NULL AND stance = :stance AND anonymous = :anonymous AND display_name IS :name)",
        _values(feedback, now),
    )
    return cursor.rowcount > 0


async def _insert_comment(connection: aiosqlite.Connection, feedback: NewFeedback, now: str) -> int | None:
    """The new comment's id, or None when it was stored before or repeats one of the participant's comments."""
    rows = await connection.execute_fetchall(
        "INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at, "
        "idempotency_key) SELECT :pseudonym, :thesis, :comment, :anonymous, :name, :channel, :now, :key "
        "WHERE NOT EXISTS (SELECT 1 FROM comments WHERE idempotency_key = :key) "
        "AND NOT EXISTS (SELECT 1 FROM comments WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
        "AND body = :comment AND withdrawn_at IS NULL) RETURNING id",
        _values(feedback, now),
    )
    return next((int(row[0]) for row in rows), None)


async def _same_comment(connection: aiosqlite.Connection, feedback: NewFeedback) -> int | None:
    rows = await connection.execute_fetchall(
        "SELECT id FROM comments WHERE pseudonym = ? AND thesis_id = ? AND body = ? AND withdrawn_at IS NULL",
        (feedback.pseudonym, feedback.thesis_id, feedback.comment),
    )
    return next((int(row[0]) for row in rows), None)


async def _receipt_for_key(connection: aiosqlite.Connection, key: str) -> Receipt | None:
    async with connection.execute(
        "SELECT thesis_id, stance, anonymous, display_name FROM stances WHERE idempotency_key = ?", (key,)
    ) as cursor:
        stance = await cursor.fetchone()
    async with connection.execute(
        "SELECT thesis_id, body, id, anonymous, display_name FROM comments WHERE idempotency_key = ?", (key,)
    ) as cursor:
        comment = await cursor.fetchone()
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
