"""``vielfalt-bot audit``: the moderation log (who exported or reloaded what, and when), as ``/audit`` shows it."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from bot.cli._common import EXIT_OK, database_services, whole_number
from bot.cli._table import table
from bot.cli._wording import say
from bot.config import Settings
from bot.moderation.audit import AuditEntry

DEFAULT_LIMIT = 50


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--limit", type=whole_number(1), default=DEFAULT_LIMIT, metavar="N", help=f"newest N (default {DEFAULT_LIMIT})"
    )
    parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="only from this day on (UTC)")
    parser.set_defaults(handler=_audit)


async def _audit(args: argparse.Namespace, settings: Settings) -> int:
    since = args.since.isoformat() if args.since else None
    async with database_services(settings, reading=True) as services:
        entries = await services.moderation.audit_entries(args.limit, since)
    print(render_audit(entries, args.language) if entries else _empty(since, args.language))
    return EXIT_OK


def render_audit(entries: list[AuditEntry], language: str) -> str:
    rows: list[list[str | int]] = [[_time(e.at), e.actor, e.action, _details(e.details)] for e in entries]
    return table(say("audit_columns", language).split("|"), rows)


def _empty(since: str | None, language: str) -> str:
    return say("audit_empty_since", language, since=since) if since else say("audit_empty", language)


def _time(stored: str) -> str:
    return datetime.fromisoformat(stored).strftime("%Y-%m-%d %H:%M")


def _details(details: dict[str, object]) -> str:
    return " ".join(f"{key}={value}" for key, value in details.items() if value is not None)
