"""The podium section of the feedback export: one row per question, in the export's columns.

A question's text goes in ``comment`` and is neutralised like a comment in CSV and typed as text in XLSX;
``edited_at`` is when its status last changed, ``session`` its session and ``votes`` how many people voted for
it. Votes appear only as that count: who voted for what is not in any export. An anonymous question's
``participant`` is the keyed value of that one row, unlinkable to its author's other rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from bot.moderation.export import BATCH, PARTICIPANT_PREFIX, ExportFilter
from bot.storage.database import Database

KIND = "podium_question"
_SQL = """
SELECT :kind, id, NULL, NULL, NULL, body, status, created_at, status_at, substr(pseudonym, 1, :prefix),
       display_name, anonymous, channel, session_id, votes
FROM podium_questions
WHERE (:since IS NULL OR created_at >= :since) AND (:until IS NULL OR created_at < :until)
ORDER BY created_at, id
"""


async def podium_batches(database: Database, selection: ExportFilter) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """Nothing when the export is for one thesis: podium questions belong to sessions, not theses."""
    if selection.thesis_id is not None:
        return
    parameters = {**selection.parameters(), "kind": KIND, "prefix": PARTICIPANT_PREFIX}
    async with database.snapshot() as reader, reader.execute(_SQL, parameters) as cursor:
        while rows := list(await cursor.fetchmany(BATCH)):
            yield rows


async def chained(*sources: AsyncIterator[Sequence[Sequence[Any]]]) -> AsyncIterator[Sequence[Sequence[Any]]]:
    for source in sources:
        async for batch in source:
            yield batch
