"""``vielfalt-bot purge``: delete feedback and logged questions older than the retention period."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from bot.cli._common import EXIT_INVALID, EXIT_OK, CommandError, database_services, whole_number
from bot.cli._wording import say
from bot.config import Settings
from bot.errors import UserError
from bot.storage.files import EXPORTS_FOLDER, remove_files_older_than

SECONDS_PER_DAY = 86_400


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--older-than",
        type=whole_number(0),
        metavar="DAYS",
        help="retention in days; 0 deletes everything up to now (default: VIELFALT_RETENTION_DAYS)",
    )
    parser.set_defaults(handler=_purge)


async def _purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.older_than if args.older_than is not None else settings.retention_days
    if days is None:
        raise CommandError("purge_needs_days")
    async with database_services(settings, reading=True) as services:
        try:
            purged = await services.feedback.purge_older_than(days)
        except UserError as error:
            print(error.message(args.language), file=sys.stderr)
            return EXIT_INVALID
    exports = settings.data_dir / EXPORTS_FOLDER
    files = await asyncio.to_thread(remove_files_older_than, exports, time.time() - days * SECONDS_PER_DAY)
    print(
        say(
            "purge_done",
            args.language,
            days=days,
            stances=purged.stances,
            comments=purged.comments,
            questions=purged.questions,
            podium=purged.podium_questions,
            participants=purged.participants,
            files=files,
            folder=str(exports),
        )
    )
    return EXIT_OK
