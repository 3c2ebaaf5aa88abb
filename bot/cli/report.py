"""``vielfalt-bot report``: the event in one self-contained HTML file for the research team."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
from pathlib import Path

from bot.cli._common import EXIT_OK, check_new_file, database_services
from bot.cli._wording import say
from bot.config import Settings
from bot.storage.files import open_private
from bot.texts import LANGUAGES


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the report (must not exist yet)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the report (default: the locale's)")
    parser.set_defaults(handler=_report)


async def _report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.report.data import report_data
    from bot.report.html import render_report

    check_new_file(args.out)
    language = args.lang or args.language
    async with database_services(settings, reading=True) as services:
        data = await report_data(services, language)
    page = render_report(data, language, datetime.now().astimezone())
    await asyncio.to_thread(_write, args.out, page)
    print(say("report_written", args.language, path=str(args.out)))
    return EXIT_OK


def _write(path: Path, page: str) -> None:
    """Owner-only: the report holds comments and display names."""
    with open_private(path, encoding="utf-8") as file:
        file.write(page)
