"""``vielfalt-bot doctor``: checks the whole setup and says in plain words what is missing."""

from __future__ import annotations

import argparse
import asyncio
import os
from datetime import UTC, datetime

from bot.cli._common import EXIT_INVALID, EXIT_OK
from bot.operations.doctor import diagnose, problems, render_report


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["de", "en"], help="language of the report (default: from LANG, else de)")
    parser.set_defaults(standalone=_doctor)


async def _doctor(args: argparse.Namespace) -> int:
    findings = await asyncio.to_thread(diagnose, dict(os.environ), datetime.now(UTC))
    print(render_report(findings, args.lang or args.language))
    return EXIT_INVALID if problems(findings) else EXIT_OK
