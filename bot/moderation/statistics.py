"""Counts per thesis: current stances by kind and comments that were not withdrawn."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from bot.feedback.model import Stance
from bot.texts import stance_label, text, thesis_title

if TYPE_CHECKING:
    from bot.knowledge.model import KnowledgeBase
    from bot.knowledge.schema import Thesis
    from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class ThesisStatistics:
    thesis_id: str
    number: int
    title: str
    stances: dict[Stance, int]
    comments: int

    @property
    def stance_counts(self) -> list[int]:
        return [self.stances.get(stance, 0) for stance in Stance]


async def thesis_statistics(
    database: Database, knowledge: KnowledgeBase, language: str = "de"
) -> list[ThesisStatistics]:
    return await database.read(partial(count_feedback, theses=knowledge.theses, language=language))


def count_feedback(
    connection: sqlite3.Connection, theses: Sequence[Thesis], language: str = "de"
) -> list[ThesisStatistics]:
    """The counts in one read of ``connection``: for an export, the same snapshot its rows come from."""
    stance_rows = connection.execute(
        "SELECT thesis_id, stance, COUNT(*) FROM stances WHERE superseded_at IS NULL GROUP BY thesis_id, stance"
    ).fetchall()
    comment_rows = connection.execute(
        "SELECT thesis_id, COUNT(*) FROM comments WHERE withdrawn_at IS NULL GROUP BY thesis_id"
    ).fetchall()
    stances: dict[str, dict[Stance, int]] = {}
    for thesis_id, stance, count in stance_rows:
        stances.setdefault(thesis_id, {})[Stance(stance)] = count
    comments = {thesis_id: count for thesis_id, count in comment_rows}
    return [
        ThesisStatistics(
            t.id, t.number, thesis_title(t.number, t.title).get(language), stances.get(t.id, {}), comments.get(t.id, 0)
        )
        for t in theses
    ]


def bar_chart_png(statistics: Sequence[ThesisStatistics], language: str) -> bytes:
    """A stacked bar per thesis; matplotlib is imported here, with the headless Agg backend, only when needed."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(9, 0.6 * len(statistics) + 1.5))
    try:
        labels = [f"{text('thesis', language)} {item.number}" for item in reversed(statistics)]
        left = [0] * len(statistics)
        for index, stance in enumerate(Stance):
            values = [item.stance_counts[index] for item in reversed(statistics)]
            axes.barh(labels, values, left=left, label=stance_label(stance, language))
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_xlabel(text("stance_count", language))
        axes.legend(loc="lower right")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100)
    finally:
        pyplot.close(figure)
    return buffer.getvalue()
