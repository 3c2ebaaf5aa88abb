"""Who did what as a moderator: exports and knowledge reloads, recorded with a keyed actor value that differs
from the participant pseudonyms in exports; "delete my data" replaces it with "gelöscht"."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    details: dict[str, object]


class AuditLog:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record(self, actor: str, action: str, details: dict[str, object]) -> None:
        await self._database.write(partial(insert_entry, actor=actor, action=action, details=details))

    async def recent(self, limit: int = 15, since: str | None = None) -> list[AuditEntry]:
        """Newest first; ``since`` is an ISO date or time (UTC): only entries from then on."""
        async with self._database.reading() as connection:
            rows = await connection.execute_fetchall(
                "SELECT at, actor, action, details FROM audit_log WHERE ? IS NULL OR at >= ? ORDER BY id DESC LIMIT ?",
                (since, since, limit),
            )
        return [AuditEntry(str(r[0]), str(r[1]), str(r[2]), json.loads(r[3])) for r in rows]


def insert_entry(connection: sqlite3.Connection, actor: str, action: str, details: dict[str, object]) -> None:
    """Runs inside a write transaction: :meth:`AuditLog.record`, or a one-shot command's own."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    serialised = json.dumps(details, ensure_ascii=False, default=str)
    connection.execute(
        "INSERT INTO audit_log (at, actor, action, details) VALUES (?, ?, ?, ?)", (at, actor, action, serialised)
    )
