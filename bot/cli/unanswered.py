"""``vielfalt-bot unanswered``: logged questions without a confident answer, grouped, each with the closest entry.

A reading command: it never creates a database, and a missing one is refused with the path it looked at.
"""

from __future__ import annotations

import argparse
import json

from bot.cli._common import EXIT_OK, database_services, whole_number
from bot.cli._wording import say
from bot.config import Settings
from bot.moderation.unanswered import READ_LIMIT, UnansweredGroup, group_unanswered

SHOWN_ALIKE = 3


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=whole_number(1), default=20, metavar="N", help="how many groups (default 20)")
    parser.add_argument("--json", action="store_true", help="the groups as JSON")
    parser.set_defaults(handler=_unanswered)


async def _unanswered(args: argparse.Namespace, settings: Settings) -> int:
    async with database_services(settings, reading=True) as services:
        logged = await services.moderation.unanswered(READ_LIMIT)
        groups = group_unanswered(logged, services.questions, args.language, args.limit)
    path = str(settings.database_path)
    if args.json:
        print(json.dumps([_as_json(group) for group in groups], ensure_ascii=False, indent=2))
    elif not groups:
        print(say("unanswered_none", args.language, path=path))
    else:
        total = sum(group.count for group in groups)
        print(say("unanswered_heading", args.language, total=total, groups=len(groups), path=path) + "\n")
        print("\n\n".join(_as_text(number, group, args.language) for number, group in enumerate(groups, start=1)))
    return EXIT_OK


def _as_text(number: int, group: UnansweredGroup, language: str) -> str:
    lines = [say("unanswered_group", language, number=number, count=group.count, question=group.example)]
    lines[0] += " " + say("unanswered_last", language, last=group.last_asked[:10])
    alike = [q.example for q in group.questions[1 : 1 + SHOWN_ALIKE]]
    if alike:
        more = len(group.questions) - 1 - len(alike)
        line = say("unanswered_alike", language, questions="; ".join(f"„{q}“" for q in alike))
        lines.append(line + (" " + say("unanswered_more", language, count=more) if more > 0 else ""))
    closest = group.closest
    if closest is None:
        lines.append(say("unanswered_new_topic", language))
    elif closest.answered_now:
        lines.append(say("unanswered_answered_now", language, entry=closest.entry_id, file=closest.origin))
    else:
        lines.append(
            say(
                "unanswered_closest",
                language,
                entry=closest.entry_id,
                title=closest.title,
                file=closest.origin,
                score=f"{closest.score:.0f}",
            )
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
