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

from bot.cli._common import EXIT_INVALID, EXIT_OK
from bot.config import ConfigError, Settings
from bot.errors import UserError
from bot.feedback.model import Identity
from bot.keyed_database import open_keyed_database
from bot.moderation.export import FORMATS, Exporter, ExportFilter, ExportOptions, read_thesis_titles
from bot.storage.database import Database
from bot.storage.files import EXPORTS_FOLDER, make_private_folder

if TYPE_CHECKING:
    from bot.moderation.statistics import ThesisStatistics


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, help="file to write (must not exist yet)")
    parser.add_argument("--thesis", help="only this thesis id")
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="from this day on")
    parser.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="up to this day")
    parser.add_argument("--delimiter", choices=[";", ","], default=";", help="CSV only (default ';' for German Excel)")
    parser.add_argument("--no-bom", action="store_true", help="CSV only: omit the UTF-8 byte order mark")
    parser.set_defaults(handler=_export)


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    if args.out.exists():
        raise ConfigError(f"{args.out} exists already; choose a new file name so no export is overwritten")
    user = getpass.getuser()
    titles = read_thesis_titles(settings.knowledge_dir)
    async with open_keyed_database(settings, create=False) as keyed:
        if args.out.parent == settings.data_dir / EXPORTS_FOLDER:  # where the retention purge removes old exports
            make_private_folder(args.out.parent)
        summary = partial(_summary, settings, keyed.database)
        exporter = Exporter(keyed.database, keyed.pseudonymizer, lambda: titles, summary)
        try:
            result = await exporter.export(
                Identity("cli", user, user),
                args.out,
                ExportFilter(args.thesis, args.since, args.until),
                ExportOptions(args.format, args.delimiter, not args.no_bom),
            )
        except UserError as error:
            print(error.message("en"), file=sys.stderr)
            return EXIT_INVALID
    print(f"exported {result.rows} rows to {result.path} ({result.size:,} bytes)")
    return EXIT_OK


async def _summary(settings: Settings, database: Database) -> list[ThesisStatistics]:
    """The XLSX overview sheet numbers and titles the theses as the bot shows them, so only that format loads the
    knowledge base (validated, without building the matcher)."""
    from bot.knowledge.loader import load_knowledge
    from bot.moderation.statistics import thesis_statistics

    return await thesis_statistics(database, load_knowledge(settings.knowledge_dir))
