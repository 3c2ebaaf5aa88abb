"""``vielfalt-bot export``: the same export as ``/export``, streamed so memory stays flat at any size.

It runs without asyncio on plain sqlite3 (:func:`~bot.moderation.export.export_file`) and reads the thesis titles
from ``theses.yaml``: no knowledge base is validated and no matcher is built, which would cost more than
exporting ten thousand rows.
"""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli._common import EXIT_INVALID, EXIT_OK, CommandError, check_database, check_new_file
from bot.cli._wording import grouped, say
from bot.config import Settings
from bot.errors import UserError
from bot.keyed_database import pseudonymizer_for
from bot.moderation.export import FORMATS, ExportFilter, ExportOptions, export_file, read_thesis_titles
from bot.storage.files import EXPORTS_FOLDER, make_private_folder
from bot.texts import thesis_title

if TYPE_CHECKING:
    from bot.moderation.statistics import ThesisStatistics


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, help="file to write (must not exist yet)")
    parser.add_argument("--thesis", help="only this thesis: its number (4), id or title words")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="from this day on")
    parser.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="up to this day")
    parser.add_argument("--delimiter", choices=[";", ","], default=";", help="CSV only (default ';' for German Excel)")
    parser.add_argument("--no-bom", action="store_true", help="CSV only: omit the UTF-8 byte order mark")
    parser.set_defaults(handler=_export)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    check_new_file(args.out)
    user = getpass.getuser()
    check_database(settings.database_path, must_exist=True)
    titles = read_thesis_titles(settings.knowledge_dir)
    thesis_id = None
    if args.thesis:
        thesis_id, label = _thesis(settings, args.thesis, args.language)
        print(say("export_thesis", args.language, thesis=label))
    keys = pseudonymizer_for(settings)
    if args.out.parent == settings.data_dir / EXPORTS_FOLDER:  # where the retention purge removes old exports
        make_private_folder(args.out.parent)
    try:
        result = export_file(
            settings.database_path,
            keys,
            keys.owner("cli", user).audit_actor,
            args.out,
            titles,
            ExportFilter(thesis_id, args.since, args.until),
            ExportOptions(args.format, args.delimiter, not args.no_bom),
            partial(_summary, settings),
        )
    except UserError as error:
        print(error.message(args.language), file=sys.stderr)
        return EXIT_INVALID
    size = grouped(result.size, args.language)
    print(say("export_done", args.language, rows=result.rows, path=str(result.path), size=size))
    return EXIT_OK


def _thesis(settings: Settings, typed: str, language: str) -> tuple[str, str]:
    """The id and title of the thesis ``--thesis`` names by number, id or title words, as in the console's
    feedback dialog; only a filtered export pays for loading the knowledge base to resolve it."""
    from bot.catalog import match_theses
    from bot.knowledge.loader import load_knowledge

    knowledge = load_knowledge(settings.knowledge_dir)
    found = match_theses(knowledge, typed)
    if len(found) == 1:
        return found[0].id, thesis_title(found[0].number, found[0].title).get(language)
    listing = "\n".join(f"  {thesis_title(t.number, t.title).get(language)}" for t in found or knowledge.theses)
    key = "thesis_ambiguous" if found else "no_such_thesis"
    raise CommandError(key, EXIT_INVALID, typed=typed[:100], theses=listing)


def _summary(settings: Settings, connection: sqlite3.Connection) -> Sequence[ThesisStatistics]:
    """The XLSX overview sheet numbers and titles the theses as the bot shows them, so only that format loads the
    knowledge base (validated, without building the matcher)."""
    from bot.knowledge.loader import load_knowledge
    from bot.moderation.statistics import count_feedback

    return count_feedback(connection, load_knowledge(settings.knowledge_dir).theses)
