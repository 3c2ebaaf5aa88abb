"""Everything the report shows, read in one consistent snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.schema import Localized
from bot.moderation.statistics import ThesisStatistics, thesis_statistics
from bot.podium.model import PodiumQuestion, Status
from bot.podium.sessions import Session
from bot.services import Services
from bot.storage.question_log import FrequentQuestion

UNANSWERED_BOT_QUESTIONS = 30


@dataclass(frozen=True, slots=True)
class ReportComment:
    thesis_id: str
    body: str
    name: str | None  # None for anonymous comments: the report never names their authors
    created_at: str


@dataclass(frozen=True, slots=True)
class ReportData:
    theses: list[ThesisStatistics]
    comments: dict[str, list[ReportComment]]
    sessions: list[Session]
    questions: dict[str, list[PodiumQuestion]]
    unanswered_podium: list[PodiumQuestion]
    unanswered_bot: list[FrequentQuestion]


async def report_data(services: Services, language: str) -> ReportData:
    theses = await thesis_statistics(services.database, services.questions.knowledge, language)
    async with services.database.reading() as connection:
        rows = await connection.execute_fetchall(
            "SELECT thesis_id, body, anonymous, display_name, created_at FROM comments "
            "WHERE withdrawn_at IS NULL ORDER BY created_at, id"
        )
    comments: dict[str, list[ReportComment]] = {}
    for thesis_id, body, anonymous, name, created_at in rows:
        comments.setdefault(str(thesis_id), []).append(
            ReportComment(str(thesis_id), str(body), None if anonymous else name, str(created_at))
        )
    everything = await services.podium.queue(None, "votes")
    sessions = list(services.podium.sessions.sessions())
    known = {session.id for session in sessions}
    questions: dict[str, list[PodiumQuestion]] = {}
    for question in everything:
        questions.setdefault(question.session_id, []).append(question)
    unanswered = [q for q in everything if q.status in (Status.PENDING, Status.APPROVED)]
    return ReportData(
        theses,
        comments,
        [s for s in sessions if s.id in questions or services.podium.sessions.plan.defined]
        + [Session(i, Localized(de=i), None, None, (), False, False) for i in sorted(set(questions) - known)],
        questions,
        unanswered,
        await services.moderation.unanswered(UNANSWERED_BOT_QUESTIONS),
    )
