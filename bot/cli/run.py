"""``vielfalt-bot run``: start the Discord bot; the only command that loads discord.py."""

from __future__ import annotations

import argparse
import dataclasses
from importlib import import_module

from bot.cli._common import EXIT_OK
from bot.config import KEY_HINT, NEW_DATABASE_HELP, ConfigError, DiscordSettings, Settings
from bot.operations.discord_token import check_token
from bot.operations.wording import wording


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-database", action="store_true", help=NEW_DATABASE_HELP)
    parser.set_defaults(handler=_run, default_log_level="info")


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.new_database:
        settings = dataclasses.replace(settings, allow_new_database=True)
    discord_settings = DiscordSettings.from_env()
    token = check_token(discord_settings.token)
    if token.problem:
        raise ConfigError(wording(token.problem, "en"))
    if settings.pseudonym_key is None:
        raise ConfigError(f"VIELFALT_PSEUDONYM_KEY is not set, so Discord ids cannot be pseudonymised; {KEY_HINT}")
    runner = import_module("cogs._runner")  # imported here so that the core never loads discord.py
    await runner.run_bot(settings, discord_settings)
    return EXIT_OK
