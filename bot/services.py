"""Builds the services every front end uses (Discord, CLI, console) from one set of settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.config import Settings
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.keyed_database import open_keyed_database
from bot.matching.cache import matcher_for
from bot.matching.matcher import Matcher
from bot.moderation.audit import AuditLog
from bot.moderation.service import ModerationService
from bot.podium.service import PodiumService
from bot.podium.sessions import SessionBoard
from bot.podium.store import PodiumStore
from bot.qa import QuestionService
from bot.storage.database import Database
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
    return matcher_for(settings.knowledge_dir, settings.thresholds, settings.cache_dir)


@asynccontextmanager
async def open_services(settings: Settings, *, create: bool = True) -> AsyncIterator[Services]:
    """Loads the knowledge base before touching the database, so a broken KB changes nothing on disk.

    ``create`` as for :func:`~bot.keyed_database.open_keyed_database`. Commands that need no questions answered
    (``export``) open only the database with its keys, without loading the knowledge base and building the matcher.
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
    async with open_keyed_database(settings, create=create) as keyed:
        database = keyed.database
        question_log = QuestionLog(database)
        questions = QuestionService(matcher, question_log)
        pseudonymizer = keyed.pseudonymizer
        board = SessionBoard(settings.sessions_path, lambda: questions.knowledge)
        podium_store = PodiumStore(database)
        podium = PodiumService(podium_store, board, pseudonymizer, AuditLog(database))
        await podium.start()
        feedback = FeedbackService(
            FeedbackStore(database), lambda: questions.knowledge, pseudonymizer, sessions=board, podium=podium_store
        )
        moderation = ModerationService(database, questions, question_log, pseudonymizer, lambda: load_matcher(settings))
        yield Services(settings, database, questions, question_log, feedback, moderation, podium)
