"""``vielfalt-bot console``: an offline chat over the same services as the Discord bot."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import getpass
import sys

from bot.cli._common import EXIT_OK, database_services
from bot.config import NEW_DATABASE_HELP, Settings
from bot.console.app import Console
from bot.console.terminal import open_terminal
from bot.feedback.model import Identity


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-database", action="store_true", help=NEW_DATABASE_HELP)
    parser.set_defaults(handler=_console)


async def _console(args: argparse.Namespace, settings: Settings) -> int:
    """Ctrl-C and Ctrl-D end the console with a goodbye and exit 0: leaving is not a failure."""
    if args.new_database:
        settings = dataclasses.replace(settings, allow_new_database=True)
    user = getpass.getuser()
    terminal = open_terminal(sys.stdin, sys.stdout)
    async with database_services(settings, reading=False) as services:
        console = Console(
            services.questions,
            services.feedback,
            Identity("console", user, user),
            terminal,
            args.language,
            podium=services.podium,
        )
        try:
            await console.run()
        except asyncio.CancelledError:  # Ctrl-C outside the prompt (piped input, or while answering)
            sys.stdout.write("\n")
            console.say_goodbye()
    return EXIT_OK
