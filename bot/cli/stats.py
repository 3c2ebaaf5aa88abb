"""``vielfalt-bot stats``: stances and comments per thesis, as ``/statistik`` shows them, optionally as a chart."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.cli._common import EXIT_OK, CommandError, check_new_file, database_services
from bot.cli._table import table
from bot.cli._wording import say
from bot.config import Settings
from bot.moderation.statistics import ThesisStatistics, bar_chart_png
from bot.podium.model import SessionStatistics, Status
from bot.texts import text


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chart", type=Path, metavar="FILE.png", help="also write the bar chart (must not exist yet)")
    parser.set_defaults(handler=_stats)


async def _stats(args: argparse.Namespace, settings: Settings) -> int:
    if args.chart:
        if args.chart.suffix.lower() != ".png":
            raise CommandError("chart_not_png", path=str(args.chart))
        check_new_file(args.chart)
    async with database_services(settings, reading=True) as services:
        statistics = await services.moderation.statistics(args.language)
        podium = await services.podium.statistics(args.language)
    print(render_statistics(statistics, args.language))
    if podium:
        print(f"\n{render_podium(podium, args.language)}")
    if args.chart:
        chart = await asyncio.to_thread(bar_chart_png, statistics, args.language)
        await asyncio.to_thread(args.chart.write_bytes, chart)
        print(say("chart_written", args.language, path=str(args.chart)))
    return EXIT_OK


def render_podium(statistics: list[SessionStatistics], language: str) -> str:
    """Questions to the podium per session: by status and the votes they got."""
    statuses = [status.value for status in Status]
    headers = [say("podium_session", language), *(text(f"podium_status_{s}", language) for s in statuses)]
    headers.append(text("votes", language))
    rows: list[list[str | int]] = [
        [item.name, *(item.by_status.get(status, 0) for status in statuses), item.votes] for item in statistics
    ]
    return f"{text('podium_statistics_title', language)}\n\n{table(headers, rows)}"


def render_statistics(statistics: list[ThesisStatistics], language: str) -> str:
    """One row per thesis and a total; the title comes last ("These 4: …" without its prefix)."""
    headers = say("stats_columns", language).split("|")
    counts = [[*item.stance_counts, item.comments] for item in statistics]
    totals = [sum(column) for column in zip(*counts, strict=True)] if counts else [0] * (len(headers) - 2)
    rows: list[list[str | int]] = [
        [item.number, *numbers, item.title.split(": ", 1)[-1]] for item, numbers in zip(statistics, counts, strict=True)
    ]
    rows.append([say("stats_total", language), *totals, ""])
    return f"{say('stats_title', language)}\n\n{table(headers, rows)}"
