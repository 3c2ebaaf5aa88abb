"""``vielfalt-bot health``: the container health check (database, knowledge base, optionally the bot)."""

from __future__ import annotations

import argparse
import asyncio
import os
from datetime import UTC, datetime

from bot.cli._common import EXIT_INVALID, EXIT_OK
from bot.operations.doctor import health, problems, render_health


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bot", action="store_true", help="also require a running, connected bot")
    parser.set_defaults(standalone=_health)


async def _health(args: argparse.Namespace) -> int:
    findings = await asyncio.to_thread(health, dict(os.environ), datetime.now(UTC), bot_must_run=args.bot)
    print(render_health(findings, args.language))
    return EXIT_INVALID if problems(findings) else EXIT_OK
