"""``vielfalt-bot console``: an offline chat over the same services as the Discord bot."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from bot.cli._common import EXIT_OK, locale_language
from bot.config import Settings
from bot.console.app import Console
from bot.console.terminal import open_terminal
from bot.feedback.model import Identity
from bot.services import open_services


def configure(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(handler=_console)


async def _console(args: argparse.Namespace, settings: Settings) -> int:
    user = getpass.getuser()
    terminal = open_terminal(sys.stdin, sys.stdout)
    async with open_services(settings) as services:
        console = Console(
            services.questions,
            services.feedback,
            Identity("console", user, user),
            terminal,
            locale_language(os.environ),
        )
        try:
            await console.run()
        except asyncio.CancelledError:  # Ctrl-C outside the prompt (piped input, or while answering)
            sys.stdout.write("\n")
            console.say_goodbye()
    return EXIT_OK
