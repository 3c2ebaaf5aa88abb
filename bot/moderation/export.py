"""Feedback exports for the research team, streamed so memory does not grow with the number of rows.

Rows come from SQLite in batches with thesis titles already filled in by SQL. Every file is created readable by
its owner only: exports are personal data.
"""

from __future__ import annotations

import asyncio
import csv
import json
import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.knowledge.model import KnowledgeBase
from bot.moderation.statistics import ThesisStatistics
from bot.storage.database import Database
from bot.storage.files import open_private

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Format = Literal["csv", "xlsx", "json"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "json")
COLUMNS = (
    "kind",
    "id",
    "thesis_id",
    "thesis",
    "stance",
    "comment",
    "status",
    "created_at",
    "edited_at",
    "participant",
    "name",
    "anonymous",
    "channel",
    "session",
    "votes",
)
ANONYMOUS_COLUMN = COLUMNS.index("anonymous")
PARTICIPANT_PREFIX = 12
BATCH = 2000
# Cells a spreadsheet would read as a formula (OWASP, CSV injection), also in their full-width forms.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Where a spreadsheet may start a new cell when it opens the file with another list separator (or splits
# the text into columns): a formula start right after one of these is as dangerous as one at the cell start.
CELL_BREAKS = (",", ";", "\t", "\r", "\n")
# Invisible characters spreadsheets skip before deciding that a cell is a formula.
_IGNORED = "\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_STARTS = re.escape("".join(FORMULA_STARTS))
_ANY_START = re.compile(f"[{_STARTS}]")
_AT_START = re.compile(f"[{_IGNORED}]*[{_STARTS}]")
_AFTER_BREAK = re.compile(f"(?<=[{re.escape(''.join(CELL_BREAKS))}])(?=[{_IGNORED}]*[{_STARTS}])")

_ROWS_SQL = """
SELECT kind, id, thesis_id, {title}, stance, comment, status, created_at, edited_at, participant, name,
       anonymous, channel, NULL AS session, NULL AS votes
FROM (
    SELECT 'stance' AS kind, id, thesis_id, stance, NULL AS comment,
           CASE WHEN withdrawn = 1 THEN 'withdrawn' WHEN superseded_at IS NULL THEN 'current' ELSE 'superseded' END
               AS status,
           created_at, NULL AS edited_at, substr(pseudonym, 1, :prefix) AS participant, display_name AS name,
           anonymous, channel
    FROM stances
    UNION ALL
    SELECT 'comment', id, thesis_id, NULL, body,
           CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN edited_at IS NOT NULL THEN 'edited'
                ELSE 'current' END,
           created_at, edited_at, substr(pseudonym, 1, :prefix), display_name, anonymous, channel
    FROM comments
)
WHERE (:thesis IS NULL OR thesis_id = :thesis) AND (:since IS NULL OR created_at >= :since)
  AND (:until IS NULL OR created_at < :until)
ORDER BY created_at, kind, id
"""


@dataclass(frozen=True, slots=True)
class ExportFilter:
    thesis_id: str | None = None
    since: date | None = None
    until: date | None = None

    def parameters(self) -> dict[str, object]:
        """``until`` is inclusive: everything before the next day counts."""
        return {
            "thesis": self.thesis_id,
            "prefix": PARTICIPANT_PREFIX,
            "since": self.since.isoformat() if self.since else None,
            "until": (self.until + timedelta(days=1)).isoformat() if self.until else None,
        }


@dataclass(frozen=True, slots=True)
class ExportOptions:
    format: Format
    delimiter: str = ";"
    bom: bool = True


def neutralise_formula(value: object) -> object:
    """Puts an apostrophe before every place a spreadsheet could read as the start of a formula: the cell start
    and any separator or line break inside the cell, even after spaces or invisible characters. Spreadsheets
    show a cell starting with an apostrophe as plain text; quoting alone does not help, because a file opened
    with the other list separator (`;` vs `,`) splits quoted cells too."""
    if not isinstance(value, str) or not _ANY_START.search(value):
        return value
    value = _AFTER_BREAK.sub("'", value)
    return "'" + value if _AT_START.match(value) else value


def _neutralised_row(row: Sequence[Any]) -> list[Any]:
    return [neutralise_formula(value) for value in row]


def _query(knowledge: KnowledgeBase, selection: ExportFilter) -> tuple[str, dict[str, object]]:
    parameters = selection.parameters()
    cases = []
    for number, thesis in enumerate(knowledge.theses):
        parameters[f"id{number}"] = thesis.id
        parameters[f"title{number}"] = thesis.title.de
        cases.append(f"WHEN :id{number} THEN :title{number}")
    title_sql = f"CASE thesis_id {' '.join(cases)} ELSE '' END" if cases else "''"
    return _ROWS_SQL.format(title=title_sql), parameters


async def export_batches(
    database: Database, knowledge: Callable[[], KnowledgeBase], selection: ExportFilter
) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """Batches of rows in COLUMNS order from one consistent snapshot.

    The next batch is fetched in SQLite's thread while the caller writes the current one, so reading and
    writing overlap instead of taking turns.
    """
    sql, parameters = _query(knowledge(), selection)
    async with database.snapshot() as reader, reader.execute(sql, parameters) as cursor:
        pending = asyncio.ensure_future(cursor.fetchmany(BATCH))
        try:
            while rows := list(await pending):
                pending = asyncio.ensure_future(cursor.fetchmany(BATCH))
                yield rows
        finally:
            pending.cancel()


async def write_export(
    target: Path,
    batches: AsyncIterator[Sequence[Sequence[Any]]],
    options: ExportOptions,
    summary: Sequence[ThesisStatistics],
) -> int:
    """Writes the rows to ``target`` in the chosen format and returns how many there were."""
    if options.format == "csv":
        return await _write_csv(target, batches, options)
    if options.format == "json":
        return await _write_json(target, batches)
    return await _write_xlsx(target, batches, summary)


async def _write_csv(target: Path, batches: AsyncIterator[Sequence[Sequence[Any]]], options: ExportOptions) -> int:
    """Every field quoted and every cell neutralised (see :func:`neutralise_formula`)."""
    count = 0
    with open_private(target, encoding="utf-8-sig" if options.bom else "utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=options.delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        async for batch in batches:
            writer.writerows(map(_neutralised_row, batch))
            count += len(batch)
    return count


async def _write_json(target: Path, batches: AsyncIterator[Sequence[Sequence[Any]]]) -> int:
    """A JSON array written element by element; text stays exactly as submitted (JSON is not a spreadsheet)."""
    count = 0
    with open_private(target, encoding="utf-8") as file:
        file.write("[")
        async for batch in batches:
            for row in batch:
                record = dict(zip(COLUMNS, row, strict=True))
                record["anonymous"] = bool(row[ANONYMOUS_COLUMN])
                file.write(",\n" if count else "\n")
                file.write(json.dumps(record, ensure_ascii=False))
                count += 1
        file.write("\n]\n")
    return count


async def _write_xlsx(
    target: Path, batches: AsyncIterator[Sequence[Sequence[Any]]], summary: Sequence[ThesisStatistics]
) -> int:
    """openpyxl's write-only mode streams rows to disk; every text cell is typed as text so that a comment
    starting with "=" can never become a formula. openpyxl is pure Python and slow, so each batch and the final
    save run in a worker thread while the event loop keeps answering. Imported here: it is slow to import."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet("Feedback")
    sheet.append(list(COLUMNS))
    count = 0
    async for batch in batches:
        await asyncio.to_thread(_append_rows, sheet, batch)
        count += len(batch)
    overview: WriteOnlyWorksheet = workbook.create_sheet("Zusammenfassung")
    overview.append(["These", "Zustimmung", "teilweise", "Ablehnung", "neutral", "Kommentare"])
    for item in summary:
        overview.append([_text_cell(overview, item.title), *item.stance_counts, item.comments])
    await asyncio.to_thread(_save_private, workbook, target)
    return count


def _append_rows(sheet: WriteOnlyWorksheet, batch: Sequence[Sequence[Any]]) -> None:
    for row in batch:
        values = [_text_cell(sheet, value) for value in row]
        values[ANONYMOUS_COLUMN] = bool(row[ANONYMOUS_COLUMN])
        sheet.append(values)


def _save_private(workbook: Workbook, target: Path) -> None:
    with open_private(target, "wb") as file:
        workbook.save(file)


def _text_cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell
