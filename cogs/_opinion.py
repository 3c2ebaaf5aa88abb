"""The stance distribution shown under posted theses: counts and a bar per stance, in a code block so the bars
line up. Only counts go in, never user text."""

from __future__ import annotations

import discord

from bot.feedback.model import Stance
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis
from bot.moderation.statistics import ThesisStatistics
from bot.texts import stance_label, text
from cogs._feedback_ui import thesis_feedback_view
from cogs._render import thesis_embed

BAR_WIDTH = 12
FULL, EMPTY = "█", "░"


def bar(count: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * count / total) if total else 0
    return FULL * filled + EMPTY * (width - filled)


def opinion_text(counts: dict[Stance, int], language: str) -> str:
    total = sum(counts.values())
    if not total:
        return text("live_opinion_empty", language)
    labels = {stance: stance_label(stance, language) for stance in Stance}
    width = max(len(label) for label in labels.values())
    digits = len(str(max(counts.values(), default=0)))
    lines = [
        f"{labels[stance]:<{width}} {bar(counts.get(stance, 0), total)} {counts.get(stance, 0):>{digits}}"
        for stance in Stance
    ]
    return "```\n" + "\n".join(lines) + "\n```"


def opinion_key(counts: dict[Stance, int]) -> str:
    """What a thesis message shows, to tell whether it needs an edit."""
    return ",".join(f"{stance.code}={counts.get(stance, 0)}" for stance in Stance)


def thesis_message(
    knowledge: KnowledgeBase, thesis: Thesis, counts: dict[Stance, int], language: str
) -> tuple[list[discord.Embed], discord.ui.View]:
    embed = thesis_embed(knowledge, thesis, language)
    total = sum(counts.values())
    name = f"{text('live_opinion', language)} ({total})" if total else text("live_opinion", language)
    embed.add_field(name=name, value=opinion_text(counts, language), inline=False)
    return [embed], thesis_feedback_view(thesis.id, language)


def counts_by_thesis(statistics: list[ThesisStatistics]) -> dict[str, dict[Stance, int]]:
    return {item.thesis_id: dict(item.stances) for item in statistics}
