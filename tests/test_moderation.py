"""Moderation services: exports that round-trip exactly and cannot inject formulas, statistics, reload, audit."""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.config import Settings
from bot.errors import UserError
from bot.feedback.model import Identity, Stance, Submission
from bot.feedback.validation import clean_comment
from bot.knowledge.model import KnowledgeBase
from bot.moderation.export import (
    CELL_BREAKS,
    COLUMNS,
    FORMULA_STARTS,
    ExportFilter,
    ExportOptions,
    _neutralised_row,
    neutralise_formula,
    read_thesis_titles,
)
from bot.services import Services, open_services
from tests.cli_helpers import create_database, run_cli
from tests.conftest import KNOWLEDGE_DIR
from tests.feedback_helpers import ANNA, BEN

MODERATOR = Identity("discord", "999", "Moderatorin")
MALLORY = Identity("discord", "666", '=HYPERLINK("http://example.invalid","klick")')
TRICKY = ["=1+1", "+49 30 123", "-minus", "@SUM(A1)", "\tTab", "Zeile 1\nZeile 2", 'Er sagte "ja"; und?', "Größe ß ✓"]


@pytest.fixture
async def opened(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as services:
        for number, comment in enumerate(TRICKY):
            author = ANNA if number % 2 else BEN
            await services.feedback.submit(
                author,
                Submission("these-koordination", list(Stance)[number % 4], comment, anonymous=number == 3),
                channel="test",
            )
        await services.feedback.submit(
            ANNA, Submission("these-austausch", Stance.AGREE, "Andere These"), channel="test"
        )
        await services.feedback.submit(MALLORY, Submission("these-austausch", Stance.DISAGREE), channel="test")
        yield services


STORED = sorted([*(clean_comment(comment) for comment in TRICKY), "Andere These"])
# Anna's stances switch named -> anonymous -> named on one thesis: each switch deletes the replaced stance of the
# other kind instead of keeping it as superseded (that would link her anonymous and named rows by time).
EXPORTED_ROWS = 17


async def _export(
    services: Services, tmp_path: Path, options: ExportOptions, selection: ExportFilter | None = None
) -> Path:
    target = tmp_path / f"export.{options.format}"
    await services.moderation.export(MODERATOR, target, selection or ExportFilter(), options)
    return target


def _read_csv(path: Path, delimiter: str = ";") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=delimiter))


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


async def test_json_export_contains_exactly_what_was_submitted(opened: Services, tmp_path: Path) -> None:
    rows = json.loads(_text(await _export(opened, tmp_path, ExportOptions("json"))))
    comments = [row["comment"] for row in rows if row["kind"] == "comment"]
    assert sorted(comments) == STORED
    anonymous = [row for row in rows if row["comment"] == "@SUM(A1)"]
    assert [(row["name"], row["anonymous"]) for row in anonymous] == [(None, True)]


async def test_csv_export_is_excel_ready_and_round_trips(opened: Services, tmp_path: Path) -> None:
    path = await _export(opened, tmp_path, ExportOptions("csv"))
    assert _raw(path).startswith(b'\xef\xbb\xbf"kind";"id";"thesis_id";')
    comments = [_unescape(row["comment"]) for row in _read_csv(path) if row["kind"] == "comment"]
    assert sorted(comments) == STORED


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised_with_an_apostrophe(start: str) -> None:
    assert neutralise_formula(f"{start}cmd") == f"'{start}cmd"
    assert neutralise_formula(f"ok {start}") == f"ok {start}"
    assert neutralise_formula(42) == 42


async def test_formula_comments_and_display_names_are_neutralised_in_csv(opened: Services, tmp_path: Path) -> None:
    rows = _read_csv(await _export(opened, tmp_path, ExportOptions("csv")))
    cells = [row["comment"] for row in rows] + [row["name"] for row in rows]
    dangerous = [cell for cell in cells if cell.lstrip("'").startswith(("=", "+", "-", "@"))]
    assert len(dangerous) == 5
    assert all(cell.startswith("'") for cell in dangerous)


HOSTILE = [
    "Gute Idee;=1+1",
    "Gute Idee,=1+1",
    "Gute Idee\t=1+1",
    "Zeile 1\n@SUM(A1)",
    "   =1+1",
    "\u200b=1+1",
    "a; \u2060\u200b-2+3",
    "\uff1d1+1",
    "Text \uff0b1",
    "x,\uff20SUM(A1)",
    "x;\uff0d1",
]
# A fragment a spreadsheet may see as a cell: text after a quote, spaces or invisible characters.
_CELL_PREFIX = re.compile('["\\s\u200b-\u200f\u2060\ufeff]*')


def _fragments(raw: str) -> list[str]:
    """Every piece a spreadsheet could make a cell of, whichever list separator it assumes."""
    pieces = re.split(f"[{re.escape(''.join(CELL_BREAKS))}]", raw)
    return [_CELL_PREFIX.sub("", piece, count=1) for piece in pieces]


@pytest.mark.parametrize("delimiter", [";", ","])
async def test_no_csv_fragment_starts_a_formula_whichever_separator_a_spreadsheet_uses(
    settings: Settings, tmp_path: Path, delimiter: str
) -> None:
    async with open_services(settings) as services:
        for number, comment in enumerate(HOSTILE):
            author = Identity("discord", str(number), "=cmd|' /C calc'!A0" if number == 0 else f"Person {number}")
            await services.feedback.submit(author, Submission("these-koordination", comment=comment), channel="t")
        target = tmp_path / "hostile.csv"
        await services.moderation.export(MODERATOR, target, ExportFilter(), ExportOptions("csv", delimiter))
    raw = target.read_text(encoding="utf-8-sig")
    dangerous = [piece for piece in _fragments(raw) if piece.startswith(FORMULA_STARTS)]
    assert dangerous == []
    rows = _read_csv(target, delimiter)
    assert sorted(row["comment"].replace("'", "") for row in rows) == sorted(clean_comment(c) for c in HOSTILE)


async def test_csv_quotes_every_field(opened: Services, tmp_path: Path) -> None:
    path = await _export(opened, tmp_path, ExportOptions("csv"))
    header, first = path.read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header.split(";") == [f'"{column}"' for column in COLUMNS]
    assert all(field.startswith('"') and field.endswith('"') for field in first.split(";"))


@pytest.mark.parametrize(
    ("cell", "neutralised"),
    [
        ("Gute Idee;=1+1", "Gute Idee;'=1+1"),
        ("  =1", "'  =1"),
        ("\u200b\uff1d1", "'\u200b\uff1d1"),
        ("a\n- b", "a\n'- b"),
        ("2026-11-25T10:00:00+00:00", "2026-11-25T10:00:00+00:00"),
        ("Ja, gern; warum nicht", "Ja, gern; warum nicht"),
    ],
)
def test_formula_starts_are_neutralised_at_the_start_and_after_every_separator(cell: str, neutralised: str) -> None:
    assert neutralise_formula(cell) == neutralised


# Cells the bot writes itself, as they look in an export: none of them can start a formula.
_BOT_CELLS: dict[str, object] = {
    "kind": "comment",
    "id": 7,
    "thesis_id": "these-koordination",
    "stance": "teilweise",
    "status": "edited",
    "created_at": "2026-11-25T10:00:00.000001+00:00",
    "edited_at": "2026-11-25T11:00:00.000000+00:00",
    "participant": "0123456789ab",
    "anonymous": 1,
    "channel": "discord",
    "session": "podium-1",  # session ids match the knowledge base's id pattern, checked when sessions.yaml loads
    "votes": 3,
}


@given(title=st.text(), comment=st.none() | st.text(), name=st.none() | st.text())
def test_a_csv_row_is_what_neutralising_every_cell_gives_though_only_comment_and_name_are_checked(
    title: str, comment: str | None, name: str | None
) -> None:
    """The thesis title comes out of the query already neutralised; neutralising again changes nothing."""
    cells = {**_BOT_CELLS, "thesis": neutralise_formula(title), "comment": comment, "name": name}
    row = tuple(cells[column] for column in COLUMNS)
    assert list(_neutralised_row(row)) == [neutralise_formula(cell) for cell in row]


def test_export_titles_read_from_the_theses_file_are_the_knowledge_bases(knowledge: KnowledgeBase) -> None:
    assert read_thesis_titles(KNOWLEDGE_DIR) == {thesis.id: thesis.title.de for thesis in knowledge.theses}


def test_the_command_line_export_loads_neither_the_knowledge_schema_nor_the_matcher(
    settings: Settings, tmp_path: Path
) -> None:
    """Validating the knowledge base and building the matcher cost more than exporting ten thousand rows."""
    create_database(settings.database_path)
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key)}
    code = (
        "import sys\nfrom bot.cli import main\n"
        f"assert main(['export', '--format', 'csv', '--out', {str(tmp_path / 'out.csv')!r}]) == 0\n"
        "print(sorted(m for m in ('pydantic', 'rapidfuzz', 'bot.matching.matcher', 'bot.knowledge.loader') "
        "if m in sys.modules))"
    )
    environment = {**os.environ, **environment}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_a_thesis_without_a_german_title_stops_the_command_line_export_and_is_named(
    settings: Settings, tmp_path: Path, knowledge_copy: Path
) -> None:
    theses = knowledge_copy / "theses.yaml"
    theses.write_text(theses.read_text(encoding="utf-8").replace("      de: Vom Krisenmodus zur Daueraufgabe\n", "", 1))
    create_database(settings.database_path)
    environment = {
        "VIELFALT_DB": str(settings.database_path),
        "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key),
        "VIELFALT_KNOWLEDGE_DIR": str(knowledge_copy),
    }
    result = run_cli(["export", "--format", "csv", "--out", str(tmp_path / "out.csv")], environment)
    assert result.returncode == 1
    assert "theses.yaml:these-daueraufgabe:title.de:" in result.stderr
    assert not (tmp_path / "out.csv").exists()


async def test_xlsx_is_built_and_saved_off_the_event_loop(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    calls: list[tuple[str, bool]] = []
    loop_thread = threading.get_ident()
    append, save = WriteOnlyWorksheet.append, Workbook.save

    def recording_append(sheet: WriteOnlyWorksheet, row: object) -> None:
        calls.append(("append", threading.get_ident() == loop_thread))
        append(sheet, row)

    def recording_save(workbook: Workbook, target: Any) -> None:
        calls.append(("save", threading.get_ident() == loop_thread))
        save(workbook, target)

    monkeypatch.setattr(WriteOnlyWorksheet, "append", recording_append)
    monkeypatch.setattr(Workbook, "save", recording_save)
    async with open_services(settings) as services:
        theses = len(services.questions.knowledge.theses)
        _insert_comments(settings.database_path, 3000)
        await services.moderation.export(MODERATOR, tmp_path / "big.xlsx", ExportFilter(), ExportOptions("xlsx"))
    on_loop = [name for name, loop in calls if loop]
    off_loop = [name for name, loop in calls if not loop]
    assert off_loop == ["append"] * (1 + 3000 + 1 + theses) + ["save"], "headers, rows, one summary row per thesis"
    assert on_loop == []


async def test_csv_delimiter_and_bom_can_be_chosen(opened: Services, tmp_path: Path) -> None:
    path = await _export(opened, tmp_path, ExportOptions("csv", delimiter=",", bom=False))
    assert _raw(path).startswith(b'"kind","id","thesis_id",')
    assert len(_read_csv(path, ",")) == EXPORTED_ROWS


async def test_xlsx_export_keeps_formulas_as_text_and_has_a_summary(opened: Services, tmp_path: Path) -> None:
    workbook = load_workbook(await _export(opened, tmp_path, ExportOptions("xlsx")))
    feedback = list(workbook["Feedback"].iter_rows(values_only=True))
    formula_cells = [cell for row in workbook["Feedback"].iter_rows() for cell in row if cell.value == "=1+1"]
    assert [(cell.data_type, cell.value) for cell in formula_cells] == [("s", "=1+1")]
    assert len(feedback) == EXPORTED_ROWS + 1
    summary = {row[0]: row[1:] for row in workbook["Zusammenfassung"].iter_rows(min_row=2, values_only=True)}
    assert summary["These 2: Koordination statt weiterer Einzelmaßnahmen"][-1] == len(TRICKY)


async def test_export_filters_by_thesis_and_dates(opened: Services, tmp_path: Path) -> None:
    only = await _export(opened, tmp_path, ExportOptions("json"), ExportFilter("these-austausch"))
    assert {row["thesis_id"] for row in json.loads(_text(only))} == {"these-austausch"}
    (tmp_path / "export.json").unlink()
    future = await _export(opened, tmp_path, ExportOptions("json"), ExportFilter(since=date(2999, 1, 1)))
    assert json.loads(_text(future)) == []


@pytest.mark.parametrize(
    ("selection", "key"),
    [
        (ExportFilter("these-gibt-es-nicht"), "no_such_thesis"),
        (ExportFilter(since=date(2026, 12, 1), until=date(2026, 11, 1)), "date_range_reversed"),
    ],
)
async def test_an_impossible_export_is_refused(
    opened: Services, tmp_path: Path, selection: ExportFilter, key: str
) -> None:
    with pytest.raises(UserError) as raised:
        await _export(opened, tmp_path, ExportOptions("csv"), selection)
    assert raised.value.key == key


async def test_exports_and_reloads_are_audited_with_a_pseudonym(opened: Services, tmp_path: Path) -> None:
    await _export(opened, tmp_path, ExportOptions("csv"))
    await opened.moderation.reload_knowledge(MODERATOR)
    entries = await opened.moderation.audit_entries()
    assert [(e.action, e.details.get("rows"), e.details.get("ok")) for e in entries] == [
        ("reload", None, True),
        ("export", EXPORTED_ROWS, None),
    ]
    assert all(len(e.actor) == 12 and "999" not in e.actor for e in entries)


async def test_statistics_count_current_stances_and_comments(opened: Services) -> None:
    items = {item.thesis_id: item for item in await opened.moderation.statistics()}
    assert sum(items["these-koordination"].stance_counts) == 2
    assert items["these-koordination"].comments == len(TRICKY)
    assert items["these-daueraufgabe"].stance_counts == [0, 0, 0, 0]


async def test_a_broken_knowledge_file_keeps_the_running_knowledge_base(
    settings: Settings, knowledge_copy: Path
) -> None:
    async with open_services(_with_knowledge(settings, knowledge_copy)) as services:
        (knowledge_copy / "begriffe.yaml").write_text("entries:\n  - id: [kaputt\n", encoding="utf-8")
        result = await services.moderation.reload_knowledge(MODERATOR)
        assert not result.ok
        assert result.problems[0].startswith("begriffe.yaml:line ")
        answer = await services.questions.ask("Was ist der AMIF?", channel="test")
        assert answer.entry_id == "begriff-amif"


async def test_a_valid_knowledge_change_is_live_after_reload(settings: Settings, knowledge_copy: Path) -> None:
    async with open_services(_with_knowledge(settings, knowledge_copy)) as services:
        path = knowledge_copy / "begriffe.yaml"
        path.write_text(
            _text(path).replace('"Was ist der AMIF?"', '"Was ist der AMIF?", "Was heißt Asylfonds?"'),
            encoding="utf-8",
        )
        result = await services.moderation.reload_knowledge(MODERATOR)
        answer = await services.questions.ask("Was heißt Asylfonds?", channel="test")
    assert result.ok
    assert answer.entry_id == "begriff-amif"


def test_a_hundred_thousand_rows_export_from_the_command_line(settings: Settings, tmp_path: Path) -> None:
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key)}
    create_database(settings.database_path)
    _insert_comments(settings.database_path, 100_000)
    result = run_cli(["export", "--format", "csv", "--out", str(tmp_path / "all.csv")], environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("100000 Zeilen exportiert")
    assert _line_count(tmp_path / "all.csv") == 100_001


def test_the_command_line_export_loads_neither_asyncio_nor_aiosqlite_and_is_audited(
    settings: Settings, tmp_path: Path
) -> None:
    create_database(settings.database_path)
    _insert_comments(settings.database_path, 3)
    out = tmp_path / "all.csv"
    code = (
        "import sys\nfrom bot.cli import main\n"
        f"status = main(['export', '--format', 'csv', '--out', {str(out)!r}])\n"
        "print(status, 'asyncio' in sys.modules, 'aiosqlite' in sys.modules)"
    )
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **environment}, timeout=60
    )
    assert result.stdout.split()[-3:] == ["0", "False", "False"], result.stderr
    assert _line_count(out) == 4
    with sqlite3.connect(settings.database_path) as connection:
        details = connection.execute("SELECT details FROM audit_log WHERE action = 'export'").fetchall()
    assert [json.loads(row[0])["rows"] for row in details] == [3]


def test_a_command_line_export_that_cannot_be_audited_leaves_no_file(settings: Settings, tmp_path: Path) -> None:
    create_database(settings.database_path)
    _insert_comments(settings.database_path, 3)
    out = tmp_path / "all.csv"
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key)}
    with closing(sqlite3.connect(settings.database_path, isolation_level=None)) as other_program:
        other_program.execute("BEGIN IMMEDIATE")  # holds the write lock past the 2 s busy timeout
        result = run_cli(["export", "--format", "csv", "--out", str(out)], environment)
        other_program.execute("ROLLBACK")
    assert result.returncode == 2
    assert "ist belegt" in result.stderr
    assert not out.exists()


def test_a_command_line_xlsx_export_sums_up_the_rows_it_contains(settings: Settings, tmp_path: Path) -> None:
    create_database(settings.database_path)
    _insert_comments(settings.database_path, 2)
    with sqlite3.connect(settings.database_path) as connection:
        connection.execute(
            "INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at) "
            "VALUES (?, 'these-koordination', 'zustimmung', 0, 'Person', 'load', '2026-11-25T10:00:00')",
            ("a" * 64,),
        )
    environment = {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key)}
    result = run_cli(["export", "--format", "xlsx", "--out", str(tmp_path / "all.xlsx")], environment)
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(tmp_path / "all.xlsx")
    assert workbook["Feedback"].max_row == 4
    summary = {row[0]: row[1:] for row in workbook["Zusammenfassung"].iter_rows(min_row=2, values_only=True)}
    coordination = next(counts for title, counts in summary.items() if "Koordination" in str(title))
    assert coordination == (1, 0, 0, 0, 2)


def _insert_comments(database: Path, count: int) -> None:
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at) "
            "VALUES (?, 'these-koordination', ?, 0, 'Person', 'load', '2026-11-25T10:00:00')",
            ((f"{n % 997:064x}", f"Kommentar Nummer {n}") for n in range(count)),
        )


def _with_knowledge(settings: Settings, directory: Path) -> Settings:
    return Settings(settings.database_path, directory, settings.thresholds, settings.pseudonym_key)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _raw(path: Path) -> bytes:
    return path.read_bytes()


def _line_count(path: Path) -> int:
    with path.open(encoding="utf-8-sig") as file:
        return sum(1 for _ in file)
