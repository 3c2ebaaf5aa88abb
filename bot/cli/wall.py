"""``vielfalt-bot wall``: the projector wall on its own, beside a running bot or after it (it only reads).

``vielfalt-bot run --wall`` serves the same page from inside the bot instead.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from typing import TYPE_CHECKING

from bot.cli._common import EXIT_OK, CommandError, database_services
from bot.cli._wording import say
from bot.config import Settings
from bot.texts import LANGUAGES
from bot.web.access import DEFAULT_HOST, DEFAULT_PORT, is_public, wall_token

if TYPE_CHECKING:
    from bot.web.wall import WallOptions


def add_wall_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument(
        f"--{prefix}host",
        default=DEFAULT_HOST,
        metavar="H",
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only; any other needs the secret link)",
    )
    parser.add_argument(f"--{prefix}port", type=int, default=DEFAULT_PORT, metavar="P", help=f"default {DEFAULT_PORT}")


def configure(parser: argparse.ArgumentParser) -> None:
    add_wall_options(parser)
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the page (default: the locale's)")
    parser.set_defaults(handler=_wall)


def wall_options(settings: Settings, host: str, port: int, language: str) -> WallOptions:
    """The options for :mod:`bot.web.wall`; refuses a public address while there is no key to derive a token from."""
    from bot.web.wall import WallOptions

    token = wall_token(os.environ, settings.pseudonym_key, settings.local_key_path)
    if is_public(host) and token is None:
        raise CommandError("wall_needs_token", host=host)
    return WallOptions(host, port, language, token)


async def _wall(args: argparse.Namespace, settings: Settings) -> int:
    from bot.web.wall import serve_wall

    language = args.lang or args.language
    options = wall_options(settings, args.host, args.port, language)
    async with database_services(settings, reading=True) as services:
        try:
            async with serve_wall(services, options) as wall:
                print(say("wall_serving", args.language, url=wall.url), flush=True)
                await _until_stopped()
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandError("wall_port_busy", host=args.host, port=args.port, reason=reason) from None
    return EXIT_OK


async def _until_stopped() -> None:
    """Ctrl-C or SIGTERM end the wall cleanly (exit 0): stopping a screen is the normal way to end it."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
