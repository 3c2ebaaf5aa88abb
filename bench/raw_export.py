"""The export baseline: what ``vielfalt-bot export --format csv`` writes, by a script that knows nothing of ``bot``.

Project-free on purpose (standard library and PyYAML only): the same SQL on a read snapshot, the same columns, the
German thesis titles read from the same ``theses.yaml``, a private output file, UTF-8 with BOM, ``;``, every field
quoted, and the same formula neutralising (an apostrophe before a formula start at the beginning of a cell and
after every separator or line break in it). ``tests/test_bench_fidelity.py`` checks that its output is the
project's, byte for byte. Usage: python bench/raw_export.py DATABASE THESES_YAML OUT
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import yaml

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
# The only columns people type into; the others hold ids, fixed words, timestamps and numbers written by the bot.
COMMENT, NAME = COLUMNS.index("comment"), COLUMNS.index("name")
BATCH = 2000
SQL = """
SELECT kind, id, thesis_id, {title}, stance, comment, status, created_at, edited_at, participant, name,
       anonymous, channel, NULL AS session, NULL AS votes
FROM (
    SELECT 'stance' AS kind, id, thesis_id, stance, NULL AS comment,
           CASE WHEN withdrawn = 1 THEN 'withdrawn' WHEN superseded_at IS NULL THEN 'current' ELSE 'superseded' END
               AS status,
           created_at, NULL AS edited_at, substr(pseudonym, 1, 12) AS participant, display_name AS name,
           anonymous, channel
    FROM stances
    UNION ALL
    SELECT 'comment', id, thesis_id, NULL, body,
           CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN edited_at IS NOT NULL THEN 'edited'
                ELSE 'current' END,
           created_at, edited_at, substr(pseudonym, 1, 12), display_name, anonymous, channel
    FROM comments
)
WHERE (:thesis IS NULL OR thesis_id = :thesis) AND (:since IS NULL OR created_at >= :since)
  AND (:until IS NULL OR created_at < :until)
ORDER BY created_at, kind, id
"""
PODIUM_SQL = """
SELECT 'podium_question', id, NULL, NULL, NULL, body, status, created_at, status_at, substr(pseudonym, 1, 12),
       display_name, anonymous, channel, session_id, votes
FROM podium_questions
WHERE (:since IS NULL OR created_at >= :since) AND (:until IS NULL OR created_at < :until)
ORDER BY created_at, id
"""
STARTS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
BREAKS = ",;\t\r\n"
IGNORED = "\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
ANY_START = re.compile(f"[{re.escape(STARTS)}]")
AT_START = re.compile(f"[{IGNORED}]*[{re.escape(STARTS)}]")
AFTER_BREAK = re.compile(f"(?<=[{re.escape(BREAKS)}])(?=[{IGNORED}]*[{re.escape(STARTS)}])")


def neutralise(value: Any) -> Any:
    if not isinstance(value, str) or not ANY_START.search(value):
        return value
    value = AFTER_BREAK.sub("'", value)
    return "'" + value if AT_START.match(value) else value


def safe_row(row: Sequence[Any]) -> Sequence[Any]:
    comment, name = row[COMMENT], row[NAME]
    if (comment is None or not ANY_START.search(comment)) and (name is None or not ANY_START.search(name)):
        return row
    cells = list(row)
    cells[COMMENT], cells[NAME] = neutralise(comment), neutralise(name)
    return cells


def query(theses: Path) -> tuple[str, dict[str, object]]:
    """Titles go into the SQL, already neutralised, so no row needs a lookup."""
    parameters: dict[str, object] = {"thesis": None, "since": None, "until": None}
    cases = []
    for number, thesis in enumerate(yaml.load(theses.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["theses"]):
        parameters[f"id{number}"] = thesis["id"]
        parameters[f"title{number}"] = neutralise(thesis["title"]["de"])
        cases.append(f"WHEN :id{number} THEN :title{number}")
    return SQL.format(title=f"CASE thesis_id {' '.join(cases)} ELSE '' END"), parameters


def export(database: Path, theses: Path, out: Path) -> int:
    sql, parameters = query(theses)
    count = 0
    uri = f"{database.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as connection:
        connection.execute("BEGIN")
        cursor = connection.execute(sql, parameters)
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, delimiter=";", quoting=csv.QUOTE_ALL)
            writer.writerow(COLUMNS)
            for current in (cursor, connection.execute(PODIUM_SQL, parameters)):
                while rows := current.fetchmany(BATCH):
                    writer.writerows(map(safe_row, rows))
                    count += len(rows)
    return count


if __name__ == "__main__":
    print(f"exported {export(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))} rows")
