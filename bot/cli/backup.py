"""``vielfalt-bot backup``: a consistent online copy through SQLite's backup API."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.cli._common import EXIT_OK, check_database, check_new_file
from bot.cli._wording import grouped, say
from bot.config import Settings
from bot.storage.backup import backup_database


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="where to write the copy (must not exist yet)")
    parser.set_defaults(handler=_backup)


async def _backup(args: argparse.Namespace, settings: Settings) -> int:
    check_database(settings.database_path, must_exist=True)
    check_new_file(args.file)
    size = await asyncio.to_thread(backup_database, settings.database_path, args.file)
    print(say("backup_done", args.language, path=str(args.file), size=grouped(size, args.language)))
    return EXIT_OK
