"""Builds the services every front end uses (Discord, CLI, console) from one set of settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.config import Settings
from bot.feedback.pseudonyms import Pseudonymizer, local_key
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.knowledge.loader import load_knowledge
from bot.matching.matcher import Matcher
from bot.moderation.audit import AuditLog
from bot.moderation.service import ModerationService
from bot.podium.service import PodiumService
from bot.podium.sessions import SessionBoard
from bot.podium.store import PodiumStore
from bot.qa import QuestionService
from bot.storage.database import Database
from bot.storage.errors import DatabaseMissingError
from bot.storage.question_log import QuestionLog

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    database: Database
    questions: QuestionService
    question_log: QuestionLog
    feedback: FeedbackService
    moderation: ModerationService
    podium: PodiumService


def load_matcher(settings: Settings) -> Matcher:
    """Raises :class:`~bot.knowledge.loader.KnowledgeError` when ``knowledge/`` does not validate."""
    return Matcher(load_knowledge(settings.knowledge_dir), settings.thresholds)


@asynccontextmanager
async def open_services(settings: Settings, *, create: bool = True) -> AsyncIterator[Services]:
    """Loads the knowledge base before touching the database, so a broken KB changes nothing on disk.

    ``create=False`` is for commands that only read or prune data (export, purge, statistics): they fail with a
    message naming the path instead of starting an empty database. Without a configured pseudonym key (console
    use) a local one is created in the data folder; ``vielfalt-bot run`` refuses to start without a configured
    key instead.
    """
    matcher = load_matcher(settings)
    log.info(
        "knowledge base loaded",
        extra={
            "path": str(settings.knowledge_dir),
            "entries": len(matcher.knowledge.entries),
            "variants": matcher.variant_count,
        },
    )
    if not create and not settings.database_path.exists():
        raise DatabaseMissingError(settings.database_path)  # before a local key could be made beside nothing
    pseudonymizer = Pseudonymizer(settings.pseudonym_key or local_key(settings.local_key_path))
    database = await Database.open(
        settings.database_path, create=create, allow_new=settings.allow_new_database, keys=pseudonymizer
    )
    log.info("database opened", extra={"path": str(settings.database_path)})
    try:
        question_log = QuestionLog(database)
        questions = QuestionService(matcher, question_log)
        board = SessionBoard(settings.sessions_path, lambda: questions.knowledge)
        podium_store = PodiumStore(database)
        podium = PodiumService(podium_store, board, pseudonymizer, AuditLog(database))
        await podium.start()
        feedback = FeedbackService(
            FeedbackStore(database), lambda: questions.knowledge, pseudonymizer, sessions=board, podium=podium_store
        )
        moderation = ModerationService(database, questions, question_log, pseudonymizer, lambda: load_matcher(settings))
        yield Services(settings, database, questions, question_log, feedback, moderation, podium)
    finally:
        await database.close()
