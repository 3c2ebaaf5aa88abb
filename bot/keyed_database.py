"""The database opened together with the pseudonym keys its rows are keyed with.

Every service needs this; commands that only read or prune data need nothing else: no knowledge base, no matcher,
so they start quickly (``export`` needs only the keys).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.feedback.pseudonyms import Pseudonymizer, local_key
from bot.storage.errors import DatabaseMissingError

if TYPE_CHECKING:
    from bot.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class KeyedDatabase:
    database: Database
    pseudonymizer: Pseudonymizer


def pseudonymizer_for(settings: Settings) -> Pseudonymizer:
    """Without a configured pseudonym key (console use) a local one is created in the data folder; ``vielfalt-bot
    run`` refuses to start without a configured key instead."""
    return Pseudonymizer(settings.pseudonym_key or local_key(settings.local_key_path))


@asynccontextmanager
async def open_keyed_database(settings: Settings, *, create: bool = True) -> AsyncIterator[KeyedDatabase]:
    """``create=False`` is for commands that only read or prune data: they fail with a message naming the path
    instead of starting an empty database (see :func:`pseudonymizer_for` for the key)."""
    from bot.storage.database import Database  # aiosqlite and asyncio: not for commands that only need the keys

    if not create and not settings.database_path.exists():
        raise DatabaseMissingError(settings.database_path)  # before a local key could be made beside nothing
    pseudonymizer = pseudonymizer_for(settings)
    database = await Database.open(
        settings.database_path, create=create, allow_new=settings.allow_new_database, keys=pseudonymizer
    )
    log.info("database opened", extra={"path": str(settings.database_path)})
    try:
        yield KeyedDatabase(database, pseudonymizer)
    finally:
        await database.close()
