"""SQL for podium questions, votes, session state and the Discord messages kept up to date.

Kept apart from the feedback store so that each can change on its own. Submissions and votes go through the
database's group commit: a full hall voting at once shares transactions instead of queueing for one each.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import aiosqlite

from bot.feedback.pseudonyms import Owner
from bot.podium.model import OwnQuestion, PodiumQuestion, Sort, Status
from bot.storage.database import Database

_COLUMNS = "id, session_id, body, anonymous, display_name, status, highlighted, votes, created_at, post_channel_id"
# SQLite's default limit of host parameters in one statement is 32,766; stay well below it.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class NewQuestion:
    session_id: str
    pseudonym: str
    nonce: str | None
    body: str
    normalized: str
    anonymous: bool
    display_name: str | None
    status: Status
    channel: str
    post_channel_id: str | None
    idempotency_key: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A public question of a session, for duplicate detection."""

    id: int
    normalized: str


@dataclass(frozen=True, slots=True)
class LiveMessage:
    message_id: str
    channel_id: str
    kind: str  # "thesis" or "question"
    ref: str  # the thesis id or the question id
    language: str
    shown: str


def _question(row: Sequence[object]) -> PodiumQuestion:
    return PodiumQuestion(
        int(str(row[0])),
        str(row[1]),
        str(row[2]),
        bool(row[3]),
        None if row[4] is None else str(row[4]),
        Status(str(row[5])),
        bool(row[6]),
        int(str(row[7])),
        str(row[8]),
        None if row[9] is None else str(row[9]),
    )


class PodiumStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    # --- questions ---------------------------------------------------------------------------------------

    async def insert(self, question: NewQuestion, now: str) -> tuple[PodiumQuestion, bool]:
        """The stored question and whether it was a replay of an earlier submission (same idempotency key)."""

        def work(connection: sqlite3.Connection) -> tuple[PodiumQuestion, bool]:
            if question.idempotency_key is not None:
                earlier = connection.execute(
                    f"SELECT {_COLUMNS} FROM podium_questions WHERE idempotency_key = ?", (question.idempotency_key,)
                ).fetchall()
                if earlier:
                    return _question(next(iter(earlier))), True
            rows = connection.execute(
                "INSERT INTO podium_questions (session_id, pseudonym, nonce, body, normalized, anonymous, "
                "display_name, status, channel, post_channel_id, created_at, status_at, idempotency_key) "
                f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
                (
                    question.session_id,
                    question.pseudonym,
                    question.nonce,
                    question.body,
                    question.normalized,
                    int(question.anonymous),
                    question.display_name,
                    question.status.value,
                    question.channel,
                    question.post_channel_id,
                    now,
                    now,
                    question.idempotency_key,
                ),
            ).fetchall()
            return _question(next(iter(rows))), False

        return await self._database.write(work)

    async def question(self, question_id: int) -> PodiumQuestion | None:
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                f"SELECT {_COLUMNS} FROM podium_questions WHERE id = ?", (question_id,)
            )
        return next((_question(row) for row in rows), None)

    async def candidates(self, session_id: str) -> list[Candidate]:
        """The session's approved questions: only text already public may be offered to someone else."""
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                "SELECT id, normalized FROM podium_questions WHERE session_id = ? AND status = 'approved'",
                (session_id,),
            )
        return [Candidate(int(row[0]), str(row[1])) for row in rows]

    async def questions(
        self, session_id: str | None, statuses: Iterable[Status], sort: Sort, limit: int | None = None
    ) -> list[PodiumQuestion]:
        wanted = [status.value for status in statuses]
        order = "votes DESC, created_at, id" if sort == "votes" else "created_at, id"
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                f"SELECT {_COLUMNS} FROM podium_questions WHERE (? IS NULL OR session_id = ?) "
                f"AND status IN ({_marks(wanted)}) ORDER BY {order} LIMIT ?",
                (session_id, session_id, *wanted, -1 if limit is None else limit),
            )
        return [_question(row) for row in rows]

    async def highlighted(self, session_id: str) -> PodiumQuestion | None:
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                f"SELECT {_COLUMNS} FROM podium_questions WHERE session_id = ? AND highlighted = 1", (session_id,)
            )
        return next((_question(row) for row in rows), None)

    async def set_status(self, question_id: int, status: Status, now: str) -> PodiumQuestion | None:
        """Hidden and answered questions stop being highlighted."""

        def work(connection: sqlite3.Connection) -> PodiumQuestion | None:
            rows = connection.execute(
                "UPDATE podium_questions SET status = ?, status_at = ?, "
                "highlighted = CASE WHEN ? IN ('hidden', 'answered') THEN 0 ELSE highlighted END "
                f"WHERE id = ? RETURNING {_COLUMNS}",
                (status.value, now, status.value, question_id),
            ).fetchall()
            return next((_question(row) for row in rows), None)

        return await self._database.write(work)

    async def highlight(self, question_id: int, on: bool) -> PodiumQuestion | None:
        """At most one highlighted question per session: highlighting one ends the previous one's turn."""

        def work(connection: sqlite3.Connection) -> PodiumQuestion | None:
            found = connection.execute(
                "SELECT session_id FROM podium_questions WHERE id = ?", (question_id,)
            ).fetchall()
            session = next((str(row[0]) for row in found), None)
            if session is None:
                return None
            if on:
                connection.execute(
                    "UPDATE podium_questions SET highlighted = 0 WHERE session_id = ? AND highlighted = 1", (session,)
                )
            rows = connection.execute(
                f"UPDATE podium_questions SET highlighted = ? WHERE id = ? RETURNING {_COLUMNS}",
                (int(on), question_id),
            ).fetchall()
            return next((_question(row) for row in rows), None)

        return await self._database.write(work)

    # --- votes -------------------------------------------------------------------------------------------

    async def toggle_vote(
        self, question_id: int, voter: str, *, only_add: bool = False
    ) -> tuple[PodiumQuestion, bool] | None:
        """Adds the vote, or withdraws it when it was there (unless ``only_add``). Returns the question afterwards
        and whether the vote counts now; None when the question cannot be voted on (gone, not public)."""

        def work(connection: sqlite3.Connection) -> tuple[PodiumQuestion, bool] | None:
            found = connection.execute("SELECT status FROM podium_questions WHERE id = ?", (question_id,)).fetchall()
            if next((str(row[0]) for row in found), None) != Status.APPROVED.value:
                return None
            added = connection.execute(
                "INSERT INTO podium_votes (question_id, voter) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (question_id, voter),
            )
            counted = True
            if added.rowcount == 0 and not only_add:
                connection.execute("DELETE FROM podium_votes WHERE question_id = ? AND voter = ?", (question_id, voter))
                counted = False
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM podium_questions WHERE id = ?", (question_id,)
            ).fetchall()
            return _question(next(iter(rows))), counted

        return await self._database.write(work)

    # --- a person's own rows -----------------------------------------------------------------------------

    async def own(self, owner: Owner) -> tuple[list[OwnQuestion], list[int]]:
        """The person's questions (named, and anonymous ones found by recomputing each row's keyed value) and the
        ids of the questions they voted for."""
        async with self._database.reading() as connection:
            ids = await _own_question_ids(connection, owner)
            rows = await connection.execute_fetchall(
                "SELECT id, session_id, body, anonymous, status, votes, created_at FROM podium_questions "
                f"WHERE id IN ({_marks(ids)}) ORDER BY created_at, id",
                ids,
            )
            voted = await _own_votes(connection, owner)
        questions = [
            OwnQuestion(int(r[0]), str(r[1]), str(r[2]), bool(r[3]), str(r[4]), int(r[5]), str(r[6])) for r in rows
        ]
        return questions, [question_id for question_id, _ in voted]

    async def withdraw(self, owner: Owner, question_id: int) -> bool:
        async with self._database.transaction() as connection:
            if question_id not in await _own_question_ids(connection, owner):
                return False
            await connection.execute("DELETE FROM podium_questions WHERE id = ?", (question_id,))
        return True

    async def erase(self, owner: Owner) -> int:
        """Deletes the person's questions (with every vote on them) and their votes on other questions; the
        caller clears the write-ahead log afterwards, together with the rest of the person's data."""
        async with self._database.transaction() as connection:
            ids = await _own_question_ids(connection, owner)
            voted = await _own_votes(connection, owner)
            for chunk in _chunks(ids):
                await connection.execute(f"DELETE FROM podium_questions WHERE id IN ({_marks(chunk)})", chunk)
            for question_id, voter in voted:
                await connection.execute(
                    "DELETE FROM podium_votes WHERE question_id = ? AND voter = ?", (question_id, voter)
                )
        return len(ids) + len([pair for pair in voted if pair[0] not in ids])

    async def purge_before(self, cutoff: str) -> int:
        async with self._database.transaction() as connection:
            cursor = await connection.execute("DELETE FROM podium_questions WHERE created_at < ?", (cutoff,))
        return cursor.rowcount

    # --- statistics ----------------------------------------------------------------------------------------

    async def statistics(self) -> dict[str, tuple[dict[str, int], int]]:
        """Per session id: the number of questions by status and the votes on them."""
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                "SELECT session_id, status, COUNT(*), SUM(votes) FROM podium_questions GROUP BY session_id, status"
            )
        found: dict[str, tuple[dict[str, int], int]] = {}
        for session_id, status, count, votes in rows:
            by_status, total = found.get(session_id, ({}, 0))
            by_status[str(status)] = int(count)
            found[str(session_id)] = (by_status, total + int(votes or 0))
        return found

    async def vote_count(self) -> int:
        """Every vote row, for checks that each vote was counted exactly once."""
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall("SELECT COUNT(*) FROM podium_votes")
        return int(next(iter(rows))[0])

    # --- sessions ------------------------------------------------------------------------------------------

    async def session_overrides(self) -> dict[str, bool]:
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall("SELECT session_id, open FROM session_state")
        return {str(row[0]): bool(row[1]) for row in rows}

    async def set_session_open(self, session_id: str, open_: bool, now: str) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO session_state (session_id, open, changed_at) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET open = excluded.open, changed_at = excluded.changed_at",
                (session_id, int(open_), now),
            )

    # --- messages kept up to date ------------------------------------------------------------------------------

    async def add_live_message(self, message: LiveMessage) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT OR REPLACE INTO live_messages (message_id, channel_id, kind, ref, language, shown) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (message.message_id, message.channel_id, message.kind, message.ref, message.language, message.shown),
            )

    async def live_messages(self) -> list[LiveMessage]:
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                "SELECT message_id, channel_id, kind, ref, language, shown FROM live_messages ORDER BY message_id"
            )
        return [LiveMessage(*(str(value) for value in row)) for row in rows]

    async def live_message_for(self, kind: str, ref: str) -> LiveMessage | None:
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                "SELECT message_id, channel_id, kind, ref, language, shown FROM live_messages "
                "WHERE kind = ? AND ref = ?",
                (kind, ref),
            )
        return next((LiveMessage(*(str(value) for value in row)) for row in rows), None)

    async def mark_shown(self, message_id: str, shown: str) -> None:
        async with self._database.transaction() as connection:
            await connection.execute("UPDATE live_messages SET shown = ? WHERE message_id = ?", (shown, message_id))

    async def forget_live_message(self, message_id: str) -> None:
        async with self._database.transaction() as connection:
            await connection.execute("DELETE FROM live_messages WHERE message_id = ?", (message_id,))

    # --- what changed ----------------------------------------------------------------------------------------

    async def data_version(self) -> int:
        """SQLite's counter that changes whenever another connection (this process's writer, or another
        program) commits: a cheap way to learn that something may have changed."""
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall("PRAGMA data_version")
        return int(next(iter(rows))[0])


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _chunks(values: Sequence[object]) -> list[list[object]]:
    return [list(values[start : start + _CHUNK]) for start in range(0, len(values), _CHUNK)] if values else []


async def _own_question_ids(connection: aiosqlite.Connection, owner: Owner) -> list[int]:
    """Named rows by the person's pseudonym; anonymous rows by recomputing each row's value from its nonce (one
    keyed hash per anonymous question: the price of values that cannot be linked to each other)."""
    named = await connection.execute_fetchall(
        "SELECT id FROM podium_questions WHERE anonymous = 0 AND pseudonym = ?", (owner.pseudonym,)
    )
    anonymous = await connection.execute_fetchall(
        "SELECT id, pseudonym, nonce FROM podium_questions WHERE anonymous = 1"
    )
    ids = [int(row[0]) for row in named]
    ids += [int(row[0]) for row in anonymous if owner.for_question(True, str(row[2])) == row[1]]
    return sorted(ids)


async def _own_votes(connection: aiosqlite.Connection, owner: Owner) -> list[tuple[int, str]]:
    """(question id, stored vote value) for every vote of the person: their value is recomputed per question."""
    rows = await connection.execute_fetchall("SELECT id FROM podium_questions")
    expected = {owner.voter(int(row[0])): int(row[0]) for row in rows}
    found: list[tuple[int, str]] = []
    voters = list(expected)
    for start in range(0, len(voters), _CHUNK):
        chunk = voters[start : start + _CHUNK]
        hits = await connection.execute_fetchall(
            f"SELECT question_id, voter FROM podium_votes WHERE voter IN ({_marks(chunk)})", chunk
        )
        found += [(int(row[0]), str(row[1])) for row in hits]
    return found
