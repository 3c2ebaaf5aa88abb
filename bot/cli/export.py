"""``vielfalt-bot export``: the same export as ``/export``, streamed so memory stays flat at any size.

It opens only the database with its keys and reads the thesis titles from ``theses.yaml``: no knowledge base is
validated and no matcher is built, which would cost more than exporting ten thousand rows.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli._common import EXIT_INVALID, EXIT_OK, CommandError, check_database, check_new_file
from bot.cli._wording import say
from bot.config import Settings
from bot.errors import UserError
from bot.feedback.model import Identity
from bot.keyed_database import open_keyed_database
from bot.moderation.export import FORMATS, Exporter, ExportFilter, ExportOptions, read_thesis_titles
from bot.storage.database import Database
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


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    check_new_file(args.out)
    user = getpass.getuser()
    check_database(settings.database_path, must_exist=True)
    titles = read_thesis_titles(settings.knowledge_dir)
    thesis_id = _thesis_id(settings, args.thesis, args.language) if args.thesis else None
    async with open_keyed_database(settings, create=False) as keyed:
        if args.out.parent == settings.data_dir / EXPORTS_FOLDER:  # where the retention purge removes old exports
            make_private_folder(args.out.parent)
        summary = partial(_summary, settings, keyed.database)
        exporter = Exporter(keyed.database, keyed.pseudonymizer, lambda: titles, summary)
        try:
            result = await exporter.export(
                Identity("cli", user, user),
                args.out,
                ExportFilter(thesis_id, args.since, args.until),
                ExportOptions(args.format, args.delimiter, not args.no_bom),
            )
        except UserError as error:
            print(error.message(args.language), file=sys.stderr)
            return EXIT_INVALID
    print(say("export_done", args.language, rows=result.rows, path=str(result.path), size=f"{result.size:,}"))
    return EXIT_OK


def _thesis_id(settings: Settings, typed: str, language: str) -> str:
    """The thesis ``--thesis`` names by number, id or title words, as in the console's feedback dialog; only a
    filtered export pays for loading the knowledge base to resolve it."""
    from bot.catalog import match_theses
    from bot.knowledge.loader import load_knowledge

    knowledge = load_knowledge(settings.knowledge_dir)
    found = match_theses(knowledge, typed)
    if len(found) == 1:
        return found[0].id
    listing = "\n".join(f"  {thesis_title(t.number, t.title).get(language)}" for t in found or knowledge.theses)
    key = "thesis_ambiguous" if found else "no_such_thesis"
    raise CommandError(key, EXIT_INVALID, typed=typed[:100], theses=listing)


async def _summary(settings: Settings, database: Database) -> list[ThesisStatistics]:
    """The XLSX overview sheet numbers and titles the theses as the bot shows them, so only that format loads the
    knowledge base (validated, without building the matcher)."""
    from bot.knowledge.loader import load_knowledge
    from bot.moderation.statistics import thesis_statistics

    return await thesis_statistics(database, load_knowledge(settings.knowledge_dir))
