"""Moderation as a service: the same exports, statistics and curation for Discord and the command line."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.feedback.model import Identity
from bot.feedback.pseudonyms import Pseudonymizer
from bot.knowledge.lint import lint
from bot.knowledge.loader import KnowledgeError
from bot.matching.matcher import Matcher
from bot.moderation.audit import AuditEntry, AuditLog
from bot.moderation.export import Exporter, ExportFilter, ExportOptions, ExportResult
from bot.moderation.statistics import ThesisStatistics, count_feedback, thesis_statistics
from bot.qa import QuestionService
from bot.storage.database import Database
from bot.storage.question_log import FrequentQuestion, QuestionLog

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    entries: int
    problems: list[str]
    warnings: list[str]


class ModerationService:
    def __init__(
        self,
        database: Database,
        questions: QuestionService,
        question_log: QuestionLog,
        pseudonymizer: Pseudonymizer,
        load_matcher: Callable[[], Matcher],
    ) -> None:
        self._database = database
        self._questions = questions
        self._question_log = question_log
        self._pseudonymizer = pseudonymizer
        self._load_matcher = load_matcher
        self._audit = AuditLog(database)
        self._exporter = Exporter(
            database,
            pseudonymizer,
            lambda: {t.id: t.title.de for t in questions.knowledge.theses},
            lambda connection: count_feedback(connection, questions.knowledge.theses),
        )

    async def export(
        self, actor: Identity, target: Path, selection: ExportFilter, options: ExportOptions
    ) -> ExportResult:
        return await self._exporter.export(actor, target, selection, options)

    async def statistics(self, language: str = "de") -> list[ThesisStatistics]:
        return await thesis_statistics(self._database, self._questions.knowledge, language)

    async def unanswered(self, limit: int = 15) -> list[FrequentQuestion]:
        return await self._question_log.most_frequent(limit)

    async def reload_knowledge(self, actor: Identity) -> ReloadResult:
        """Builds and checks the new knowledge base off the event loop, then swaps it in at once; a broken
        file leaves the running knowledge base untouched."""
        try:
            matcher = await asyncio.to_thread(self._load_matcher)
        except KnowledgeError as error:
            result = ReloadResult(False, len(self._questions.knowledge.entries), error.problems, [])
        else:
            self._questions.replace_matcher(matcher)
            result = ReloadResult(True, len(matcher.knowledge.entries), [], lint(matcher).errors)
        await self._audit.record(
            self._actor(actor), "reload", {"ok": result.ok, "entries": result.entries, "problems": len(result.problems)}
        )
        if result.ok:
            log.info("knowledge base reloaded", extra={"entries": result.entries})
        else:
            log.warning("knowledge base reload refused", extra={"problems": len(result.problems)})
        return result

    async def audit_entries(self, limit: int = 15, since: str | None = None) -> list[AuditEntry]:
        return await self._audit.recent(limit, since)

    def _actor(self, identity: Identity) -> str:
        """A keyed value of its own (see :mod:`bot.feedback.pseudonyms`): the audit log cannot be joined to the
        participant column of exports."""
        return self._pseudonymizer.owner(identity.platform, identity.user_id).audit_actor
