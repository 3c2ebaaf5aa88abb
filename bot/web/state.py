"""What the wall shows, as plain data: the session, the question being discussed, the most-voted approved
questions and the stance counts of the session's theses. No personal data but the display names of askers who
did not ask anonymously, and those only when the organiser switched them on (``show_names_on_wall``)."""

from __future__ import annotations

from typing import Any

from bot.feedback.model import Stance
from bot.knowledge.model import KnowledgeBase
from bot.moderation.statistics import ThesisStatistics, thesis_statistics
from bot.podium.model import PodiumQuestion
from bot.services import Services
from bot.texts import LANGUAGES, stance_label, text, thesis_title

TOP_QUESTIONS = 6
LABELS = (
    "wall_title",
    "wall_discussing_now",
    "wall_top_questions",
    "wall_no_questions",
    "wall_opinion",
    "votes",
    "live_opinion_empty",
)


async def wall_states(services: Services) -> dict[str, dict[str, Any]]:
    """The state in every language, from one reading, so that no two languages ever show different counts."""
    podium = services.podium
    board = await podium.board(limit=TOP_QUESTIONS)
    show_names = podium.sessions.show_names_on_wall
    knowledge = services.questions.knowledge
    statistics = await thesis_statistics(services.database, knowledge)
    shown = [item for item in statistics if item.thesis_id in set(board.session.thesis_ids)]
    highlighted = _question(board.highlighted, show_names) if board.highlighted else None
    top = [_question(question, show_names) for question in board.top]
    return {
        language: {
            "language": language,
            "session": board.session.name.get(language),
            "highlighted": highlighted,
            "top": top,
            "theses": [_thesis(knowledge, item, language) for item in shown],
            "labels": {key: text(key, language) for key in LABELS},
        }
        for language in LANGUAGES
    }


def _thesis(knowledge: KnowledgeBase, item: ThesisStatistics, language: str) -> dict[str, Any]:
    thesis = knowledge.thesis(item.thesis_id)
    title = thesis_title(thesis.number, thesis.title).get(language) if thesis else item.title
    counts = [
        {"label": stance_label(stance, language), "stance": stance.value, "count": item.stances.get(stance, 0)}
        for stance in Stance
    ]
    return {"number": item.number, "title": title, "counts": counts, "total": sum(item.stances.values())}


def _question(question: PodiumQuestion, show_names: bool) -> dict[str, Any]:
    name = question.display_name if show_names and not question.anonymous else None
    return {"id": question.id, "text": question.body, "votes": question.votes, "name": name}
