"""``vielfalt-bot export``: the same export as ``/export``, streamed so memory stays flat at any size."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from bot.catalog import match_theses
from bot.cli._common import EXIT_INVALID, EXIT_OK, CommandError, check_new_file, database_services
from bot.cli._wording import say
from bot.config import Settings
from bot.errors import UserError
from bot.feedback.model import Identity
from bot.knowledge.model import KnowledgeBase
from bot.moderation.export import FORMATS, ExportFilter, ExportOptions
from bot.storage.files import EXPORTS_FOLDER, make_private_folder
from bot.texts import thesis_title


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
    async with database_services(settings, reading=True) as services:
        if args.out.parent == settings.data_dir / EXPORTS_FOLDER:  # where the retention purge removes old exports
            make_private_folder(args.out.parent)
        thesis_id = _thesis_id(services.questions.knowledge, args.thesis, args.language) if args.thesis else None
        try:
            result = await services.moderation.export(
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


def _thesis_id(knowledge: KnowledgeBase, typed: str, language: str) -> str:
    """The thesis ``--thesis`` names by number, id or title words, as in the console's feedback dialog."""
    found = match_theses(knowledge, typed)
    if len(found) == 1:
        return found[0].id
    listing = "\n".join(f"  {thesis_title(t.number, t.title).get(language)}" for t in found or knowledge.theses)
    key = "thesis_ambiguous" if found else "no_such_thesis"
    raise CommandError(key, EXIT_INVALID, typed=typed[:100], theses=listing)
