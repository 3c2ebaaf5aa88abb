"""``vielfalt-bot purge``: delete feedback and logged questions older than the retention period."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from bot.cli._common import EXIT_INVALID, EXIT_OK
from bot.config import ConfigError, Settings
from bot.errors import UserError
from bot.services import open_services
from bot.storage.files import EXPORTS_FOLDER, remove_files_older_than

SECONDS_PER_DAY = 86_400


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--older-than", type=int, metavar="DAYS", help="retention in days (default: VIELFALT_RETENTION_DAYS)"
    )
    parser.set_defaults(handler=_purge)


async def _purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.older_than or settings.retention_days
    if days is None:
        raise ConfigError("give --older-than DAYS or set VIELFALT_RETENTION_DAYS")
    async with open_services(settings, create=False) as services:
        try:
            purged = await services.feedback.purge_older_than(days)
        except UserError as error:
            print(error.message("en"), file=sys.stderr)
            return EXIT_INVALID
    exports = settings.data_dir / EXPORTS_FOLDER
    files = await asyncio.to_thread(remove_files_older_than, exports, time.time() - days * SECONDS_PER_DAY)
    print(
        f"deleted (older than {days} days): {purged.stances} stances, {purged.comments} comments, "
        f"{purged.questions} logged questions, {purged.participants} participants without feedback, "
        f"{files} export files in {exports}"
    )
    return EXIT_OK
