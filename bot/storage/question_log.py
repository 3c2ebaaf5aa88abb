"""Questions the bot could not answer confidently, kept so curators know what to add.

Only the question text is stored – no user, channel or server identifiers. Mentions and ids inside the text are
replaced here, in the one place every front end's questions pass through before they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.storage.database import Database
from bot.storage.redaction import redact_discord_ids


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    question: str
    normalized: str
    status: str
    best_entry_id: str | None
    score: float
    language: str
    channel: str


@dataclass(frozen=True, slots=True)
class FrequentQuestion:
    example: str
    count: int
    last_asked: str
    best_entry_id: str | None


class QuestionLog:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record(self, item: LoggedQuestion) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO question_log (asked_at, question, normalized, status, best_entry_id, score, "
                "language, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    redact_discord_ids(item.question),
                    redact_discord_ids(item.normalized),
                    item.status,
                    item.best_entry_id,
                    item.score,
                    item.language,
                    item.channel,
                ),
            )

    async def most_frequent(self, limit: int = 10) -> list[FrequentQuestion]:
        query = (
            "SELECT MAX(question), COUNT(*), MAX(asked_at), MAX(best_entry_id) FROM question_log "
            "GROUP BY normalized ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT ?"
        )
        async with self._database.reading() as connection, connection.execute(query, (limit,)) as cursor:
            rows = await cursor.fetchall()
        return [FrequentQuestion(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]
