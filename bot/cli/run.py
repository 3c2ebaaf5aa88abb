"""``vielfalt-bot run``: start the Discord bot; the only command that loads discord.py.

When Discord cannot be reached at the start (no network yet, a proxy down), ``run`` tries again after 1, 2, 4 …
seconds with one plain line per attempt, and gives up after ``--retries`` with exit code 3. Once connected,
discord.py reconnects by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from importlib import import_module

from bot.cli._common import EXIT_OK, EXIT_UNREACHABLE, CommandError, check_database, whole_number
from bot.cli._wording import say
from bot.cli.wall import add_wall_options, wall_options
from bot.config import NEW_DATABASE_HELP, ConfigError, DiscordSettings, Settings
from bot.errors import DiscordUnreachable
from bot.operations.discord_token import check_token

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
DEFAULT_RETRIES = 5


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-database", action="store_true", help=NEW_DATABASE_HELP)
    parser.add_argument(
        "--retries",
        type=whole_number(0),
        default=DEFAULT_RETRIES,
        metavar="N",
        help=f"how often to retry when Discord cannot be reached at the start (default {DEFAULT_RETRIES})",
    )
    parser.add_argument(
        "--wall", action="store_true", help="also serve the projector wall (see 'vielfalt-bot wall --help')"
    )
    add_wall_options(parser, prefix="wall-")
    parser.set_defaults(handler=_run, default_log_level="info")


def backoff_seconds(attempt: int) -> float:
    """The wait after failed attempt ``attempt`` (1-based): doubling from one second, at most a minute."""
    return min(FIRST_DELAY_SECONDS * 2.0 ** (attempt - 1), MAX_DELAY_SECONDS)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.new_database:
        settings = dataclasses.replace(settings, allow_new_database=True)
    discord_settings = DiscordSettings.from_env()
    token = check_token(discord_settings.token)
    if token.problem:
        raise ConfigError(token.problem)
    if settings.pseudonym_key is None:
        raise ConfigError("key_missing")
    check_database(settings.database_path, must_exist=False)
    wall = wall_options(settings, args.wall_host, args.wall_port, args.language) if args.wall else None
    runner = import_module("cogs._runner")  # imported here so that the core never loads discord.py
    attempt = 1
    while True:
        try:
            await runner.run_bot(settings, discord_settings, wall=wall)
            return EXIT_OK
        except DiscordUnreachable as error:
            reason = say(f"unreachable_{error.kind}", args.language)
            if attempt > args.retries:
                raise CommandError(
                    "discord_gave_up", EXIT_UNREACHABLE, attempts=attempt, target=error.target, reason=reason
                ) from None
            delay = backoff_seconds(attempt)
            line = say(
                "discord_unreachable",
                args.language,
                target=error.target,
                reason=reason,
                attempt=attempt,
                attempts=args.retries + 1,
                seconds=f"{delay:g}",
            )
            print(line, file=sys.stderr, flush=True)
            await asyncio.sleep(delay)
            attempt += 1
