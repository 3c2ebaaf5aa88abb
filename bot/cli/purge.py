"""``vielfalt-bot purge``: delete feedback and logged questions older than the retention period."""

from __future__ import annotations

import argparse
import sys

from bot.cli._common import EXIT_INVALID, EXIT_OK
from bot.config import ConfigError, Settings
from bot.errors import UserError
from bot.services import open_services


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--older-than", type=int, metavar="DAYS", help="retention in days (default: VIELFALT_RETENTION_DAYS)"
    )
    parser.set_defaults(handler=_purge)


async def _purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.older_than or settings.retention_days
    if days is None:
        raise ConfigError("give --older-than DAYS or set VIELFALT_RETENTION_DAYS")
    async with open_services(settings) as services:
        try:
            purged = await services.feedback.purge_older_than(days)
        except UserError as error:
            print(error.message("en"), file=sys.stderr)
            return EXIT_INVALID
    print(
        f"deleted (older than {days} days): {purged.stances} stances, {purged.comments} comments, "
        f"{purged.questions} logged questions, {purged.participants} participants without feedback"
    )
    return EXIT_OK
