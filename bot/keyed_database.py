"""The database opened together with the pseudonym keys its rows are keyed with.

Every service needs this; commands that only read or prune data (``export``) need nothing else: no knowledge base,
no matcher, so they start quickly.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.config import Settings
from bot.feedback.pseudonyms import Pseudonymizer, local_key
from bot.storage.database import Database
from bot.storage.errors import DatabaseMissingError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KeyedDatabase:
    database: Database
    pseudonymizer: Pseudonymizer


@asynccontextmanager
async def open_keyed_database(settings: Settings, *, create: bool = True) -> AsyncIterator[KeyedDatabase]:
    """``create=False`` is for commands that only read or prune data: they fail with a message naming the path
    instead of starting an empty database. Without a configured pseudonym key (console use) a local one is created
    in the data folder; ``vielfalt-bot run`` refuses to start without a configured key instead."""
    if not create and not settings.database_path.exists():
        raise DatabaseMissingError(settings.database_path)  # before a local key could be made beside nothing
    pseudonymizer = Pseudonymizer(settings.pseudonym_key or local_key(settings.local_key_path))
    database = await Database.open(
        settings.database_path, create=create, allow_new=settings.allow_new_database, keys=pseudonymizer
    )
    log.info("database opened", extra={"path": str(settings.database_path)})
    try:
        yield KeyedDatabase(database, pseudonymizer)
    finally:
        await database.close()
