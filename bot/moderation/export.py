"""Feedback exports for the research team, streamed so memory does not grow with the number of rows.

Rows come from SQLite in batches with thesis titles already filled in by SQL. Every file is created readable by
its owner only: exports are personal data. This module imports nothing heavy (no knowledge schema, no matcher, no
asyncio): the command-line export loads only what it needs, the thesis titles from ``theses.yaml``.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bot.errors import UserError
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.yaml_source import YamlProblem, read_yaml
from bot.moderation.audit import insert_entry
from bot.storage.errors import storage_error
from bot.storage.files import open_private
from bot.storage.setup import commit, open_connection, open_snapshot

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from bot.feedback.model import Identity
    from bot.feedback.pseudonyms import Pseudonymizer
    from bot.moderation.statistics import ThesisStatistics
    from bot.storage.database import Database

log = logging.getLogger(__name__)

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
# The columns people write into. The thesis titles (written by organisers) are neutralised once, before they go
# into the query; every other column holds ids, fixed words, timestamps or numbers the bot wrote, which can never
# start a formula.
COMMENT_COLUMN, NAME_COLUMN = COLUMNS.index("comment"), COLUMNS.index("name")
THESES_FILE = "theses.yaml"
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

# The podium section: one row per podium question, in the same columns. Its text goes in ``comment`` (neutralised
# like a comment in CSV, typed as text in XLSX); ``edited_at`` is when its status last changed, ``session`` its
# session and ``votes`` how many people voted for it. Votes appear only as that count: who voted for what is in no
# export. An anonymous question's ``participant`` is the keyed value of that one row, unlinkable to its author's
# other rows. A one-thesis export has no podium rows: podium questions belong to sessions, not theses.
_PODIUM_SQL = """
SELECT 'podium_question', id, NULL, NULL, NULL, body, status, created_at, status_at, substr(pseudonym, 1, :prefix),
       display_name, anonymous, channel, session_id, votes
FROM podium_questions
WHERE (:since IS NULL OR created_at >= :since) AND (:until IS NULL OR created_at < :until)
ORDER BY created_at, id
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


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    rows: int
    size: int


Summary = Callable[[sqlite3.Connection], Sequence["ThesisStatistics"]]


class Exporter:
    """The export of the running services (Discord, console): checks the request, writes the rows of one
    snapshot to the file and records the export in the audit log. One-shot commands do the same through
    :func:`export_file`.

    ``titles`` gives the German title of every thesis by id (from the running bot's knowledge base); ``summary``
    the per-thesis statistics for the XLSX overview sheet, read in the export's snapshot when that format is
    chosen.
    """

    def __init__(
        self,
        database: Database,
        pseudonymizer: Pseudonymizer,
        titles: Callable[[], Mapping[str, str]],
        summary: Summary,
    ) -> None:
        self._database = database
        self._pseudonymizer = pseudonymizer
        self._titles = titles
        self._summary = summary

    async def export(
        self, actor: Identity, target: Path, selection: ExportFilter, options: ExportOptions
    ) -> ExportResult:
        titles = self._titles()
        check_request(titles, selection)
        write = partial(
            write_rows, target=target, titles=titles, selection=selection, options=options, summary=self._summary
        )
        count, size = await self._database.in_snapshot(write)
        audit_actor = self._pseudonymizer.owner(actor.platform, actor.user_id).audit_actor
        record = partial(record_export, actor=audit_actor, selection=selection, options=options, rows=count)
        await self._database.write(record)
        return _done(target, options, count, size)


def export_file(
    database: Path,
    keys: Pseudonymizer,
    actor: str,
    target: Path,
    titles: Mapping[str, str],
    selection: ExportFilter,
    options: ExportOptions,
    summary: Summary,
) -> ExportResult:
    """The same export for a one-shot command, on plain sqlite3: without asyncio and aiosqlite to load, a command
    exporting ten thousand rows starts in a fraction of the time. ``actor`` is the person's audit actor value."""
    check_request(titles, selection)
    with closing(open_connection(database, create=False, keys=keys)) as connection:
        with closing(open_snapshot(database)) as snapshot:
            count, size = write_rows(snapshot, target, titles, selection, options, summary)
        try:
            commit(connection, partial(record_export, actor=actor, selection=selection, options=options, rows=count))
        except sqlite3.Error as error:  # no export without its audit entry
            target.unlink(missing_ok=True)
            raise storage_error(error, database) from error
    return _done(target, options, count, size)


def check_request(titles: Mapping[str, str], selection: ExportFilter) -> None:
    if selection.thesis_id and selection.thesis_id not in titles:
        raise UserError("no_such_thesis", typed=selection.thesis_id[:100])
    if selection.since and selection.until and selection.since > selection.until:
        raise UserError("date_range_reversed")


def record_export(
    connection: sqlite3.Connection, actor: str, selection: ExportFilter, options: ExportOptions, rows: int
) -> None:
    details: dict[str, object] = {
        "format": options.format,
        "thesis": selection.thesis_id,
        "since": selection.since,
        "until": selection.until,
        "rows": rows,
    }
    insert_entry(connection, actor, "export", details)


def _done(target: Path, options: ExportOptions, rows: int, size: int) -> ExportResult:
    log.info("export written", extra={"format": options.format, "rows": rows, "bytes": size})
    return ExportResult(target, rows, size)


def read_thesis_titles(knowledge_dir: Path) -> dict[str, str]:
    """The German title of every thesis in ``theses.yaml``, all an export needs from the knowledge base.

    Reading only this file (no schema validation, no matcher) keeps a command-line export quick; the bot and
    ``vielfalt-bot kb check`` validate the whole knowledge base. Raises :class:`KnowledgeError` when the file
    cannot give every thesis an id and a German title.
    """
    try:
        data = read_yaml(knowledge_dir / THESES_FILE)
    except FileNotFoundError:
        raise KnowledgeError([f"{THESES_FILE}:-:-: file is missing"]) from None
    except OSError as error:
        raise KnowledgeError([f"{THESES_FILE}:-:-: cannot be read ({error.strerror})"]) from None
    except YamlProblem as problem:
        where = f"line {problem.line}" if problem.line else "-"
        raise KnowledgeError([f"{THESES_FILE}:{where}:-: {problem.message}"]) from None
    theses = data.get("theses") if isinstance(data, dict) else None
    if not isinstance(theses, list):
        raise KnowledgeError([f"{THESES_FILE}:-:theses: a list of theses is required"])
    titles: dict[str, str] = {}
    for index, thesis in enumerate(theses):
        thesis_id = thesis.get("id") if isinstance(thesis, dict) else None
        if not isinstance(thesis_id, str):
            raise KnowledgeError([f"{THESES_FILE}:#{index + 1}:id: every thesis needs an id"])
        title = thesis.get("title")
        german = title.get("de") if isinstance(title, dict) else None
        if not isinstance(german, str):
            raise KnowledgeError([f"{THESES_FILE}:{thesis_id}:title.de: every thesis needs a German title"])
        titles[thesis_id] = german.strip()
    return titles


def neutralise_formula(value: object) -> object:
    """Puts an apostrophe before every place a spreadsheet could read as the start of a formula: the cell start
    and any separator or line break inside the cell, even after spaces or invisible characters. Spreadsheets
    show a cell starting with an apostrophe as plain text; quoting alone does not help, because a file opened
    with the other list separator (`;` vs `,`) splits quoted cells too."""
    if not isinstance(value, str) or not _ANY_START.search(value):
        return value
    value = _AFTER_BREAK.sub("'", value)
    return "'" + value if _AT_START.match(value) else value


def _neutralised_row(row: Sequence[Any]) -> Sequence[Any]:
    """The row itself when neither comment nor name could start a formula (nearly always), so a clean row costs two
    regex searches and no copy; see :data:`COMMENT_COLUMN`."""
    comment, name = row[COMMENT_COLUMN], row[NAME_COLUMN]
    if (comment is None or not _ANY_START.search(comment)) and (name is None or not _ANY_START.search(name)):
        return row
    cells = list(row)
    cells[COMMENT_COLUMN], cells[NAME_COLUMN] = neutralise_formula(comment), neutralise_formula(name)
    return cells


def _query(titles: Mapping[str, str], selection: ExportFilter) -> tuple[str, dict[str, object]]:
    parameters = selection.parameters()
    cases = []
    for number, (thesis_id, title) in enumerate(titles.items()):
        parameters[f"id{number}"] = thesis_id
        parameters[f"title{number}"] = title
        cases.append(f"WHEN :id{number} THEN :title{number}")
    title_sql = f"CASE thesis_id {' '.join(cases)} ELSE '' END" if cases else "''"
    return _ROWS_SQL.format(title=title_sql), parameters


def write_rows(
    connection: sqlite3.Connection,
    target: Path,
    titles: Mapping[str, str],
    selection: ExportFilter,
    options: ExportOptions,
    summary: Summary,
) -> tuple[int, int]:
    """Writes the selected rows to ``target`` in the chosen format; returns how many rows and bytes.

    Runs on a read-only snapshot connection, for the services in its own thread (see
    :meth:`Database.in_snapshot`): reading and writing the file then cost no hop per batch, and the event loop
    stays free however large the export is.
    """
    if options.format == "csv":  # once here instead of in every row
        titles = {thesis_id: str(neutralise_formula(title)) for thesis_id, title in titles.items()}
    cursor = connection.execute(*_query(titles, selection))
    batches: Iterator[Sequence[Sequence[Any]]] = iter(partial(cursor.fetchmany, BATCH), [])
    if selection.thesis_id is None:
        podium = connection.execute(_PODIUM_SQL, selection.parameters())
        batches = chain(batches, iter(partial(podium.fetchmany, BATCH), []))
    if options.format == "csv":
        rows = _write_csv(target, batches, options)
    elif options.format == "json":
        rows = _write_json(target, batches)
    else:
        rows = _write_xlsx(target, batches, summary(connection))
    return rows, os.path.getsize(target)


def _write_csv(target: Path, batches: Iterator[Sequence[Sequence[Any]]], options: ExportOptions) -> int:
    """Every field quoted and every cell that could start a formula neutralised (see :func:`neutralise_formula`;
    the thesis titles already are, see :func:`write_rows`)."""
    count = 0
    with open_private(target, encoding="utf-8-sig" if options.bom else "utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=options.delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        for batch in batches:
            writer.writerows(map(_neutralised_row, batch))
            count += len(batch)
    return count


def _write_json(target: Path, batches: Iterator[Sequence[Sequence[Any]]]) -> int:
    """A JSON array written element by element; text stays exactly as submitted (JSON is not a spreadsheet)."""
    count = 0
    with open_private(target, encoding="utf-8") as file:
        file.write("[")
        for batch in batches:
            for row in batch:
                record = dict(zip(COLUMNS, row, strict=True))
                record["anonymous"] = bool(row[ANONYMOUS_COLUMN])
                file.write(",\n" if count else "\n")
                file.write(json.dumps(record, ensure_ascii=False))
                count += 1
        file.write("\n]\n")
    return count


def _write_xlsx(target: Path, batches: Iterator[Sequence[Sequence[Any]]], summary: Sequence[ThesisStatistics]) -> int:
    """openpyxl's write-only mode streams rows to disk; every text cell is typed as text so that a comment
    starting with "=" can never become a formula. Imported here: it is slow to import."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet("Feedback")
    sheet.append(list(COLUMNS))
    count = 0
    for batch in batches:
        _append_rows(sheet, batch)
        count += len(batch)
    overview: WriteOnlyWorksheet = workbook.create_sheet("Zusammenfassung")
    overview.append(["These", "Zustimmung", "teilweise", "Ablehnung", "neutral", "Kommentare"])
    for item in summary:
        overview.append([_text_cell(overview, item.title), *item.stance_counts, item.comments])
    _save_private(workbook, target)
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
