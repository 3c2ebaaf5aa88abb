"""``vielfalt-bot console``: an offline chat over the same services as the Discord bot."""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys

from bot.cli._common import EXIT_OK
from bot.config import NEW_DATABASE_HELP, Settings
from bot.console import Console
from bot.feedback.model import Identity
from bot.services import open_services


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-database", action="store_true", help=NEW_DATABASE_HELP)
    parser.set_defaults(handler=_console)


async def _console(args: argparse.Namespace, settings: Settings) -> int:
    if args.new_database:
        settings = dataclasses.replace(settings, allow_new_database=True)
    user = getpass.getuser()
    async with open_services(settings) as services:
        await Console(
            services.questions, services.feedback, Identity("console", user, user), sys.stdin, sys.stdout
        ).run()
    return EXIT_OK
