"""``vielfalt-bot unanswered``: logged questions without a confident answer, grouped, each with the closest entry.

Reads the database read-only and never creates it: without a database file it says which path it looked at.
"""

from __future__ import annotations

import argparse
import json
import sqlite3

from bot.cli._common import EXIT_OK, EXIT_USAGE
from bot.config import Settings
from bot.moderation.unanswered import UnansweredGroup, group_unanswered, read_logged
from bot.qa import QuestionService
from bot.services import load_matcher

SHOWN_ALIKE = 3


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=20, help="how many groups to show (default 20)")
    parser.add_argument("--lang", choices=["de", "en"], default="de", help="language of entry titles")
    parser.add_argument("--json", action="store_true", help="the groups as JSON")
    parser.set_defaults(handler=_unanswered)


async def _unanswered(args: argparse.Namespace, settings: Settings) -> int:
    path = settings.database_path
    if not path.is_file():
        print(f"No database at {path} yet, so no questions have been logged (set VIELFALT_DB to look elsewhere).")
        return EXIT_OK
    try:
        logged = read_logged(path)
    except sqlite3.Error as error:
        print(f"Cannot read the logged questions in {path}: {error}")
        return EXIT_USAGE
    groups = group_unanswered(logged, QuestionService(load_matcher(settings)), args.lang, max(1, args.limit))
    if args.json:
        print(json.dumps([_as_json(group) for group in groups], ensure_ascii=False, indent=2))
    elif not groups:
        print(f"No unanswered questions logged in {path}.")
    else:
        total = sum(group.count for group in groups)
        print(f"{total} unanswered questions in {len(groups)} groups (database: {path}), most asked first:\n")
        print("\n\n".join(_as_text(number, group) for number, group in enumerate(groups, start=1)))
    return EXIT_OK


def _as_text(number: int, group: UnansweredGroup) -> str:
    lines = [f"{number}. {group.count}× „{group.example}“ (last asked {group.last_asked[:10]})"]
    alike = [q.example for q in group.questions[1 : 1 + SHOWN_ALIKE]]
    if alike:
        more = len(group.questions) - 1 - len(alike)
        lines.append("   alike: " + "; ".join(f"„{q}“" for q in alike) + (f" (+{more} more)" if more > 0 else ""))
    closest = group.closest
    if closest is None:
        lines.append("   closest entry: none – a new topic; add an entry with this question")
    elif closest.answered_now:
        lines.append(f"   answered by now from {closest.entry_id} ({closest.origin})")
    else:
        lines.append(
            f"   closest entry: {closest.entry_id} „{closest.title}“ in {closest.origin} (score {closest.score:.0f})"
            " – add the missing fact or this question there"
        )
    return "\n".join(lines)


def _as_json(group: UnansweredGroup) -> dict[str, object]:
    closest = group.closest
    return {
        "example": group.example,
        "count": group.count,
        "last_asked": group.last_asked,
        "questions": [{"question": q.example, "count": q.count} for q in group.questions],
        "closest": None
        if closest is None
        else {
            "entry_id": closest.entry_id,
            "title": closest.title,
            "file": closest.origin,
            "score": round(closest.score, 1),
            "answered_now": closest.answered_now,
        },
    }
