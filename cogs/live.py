"""Keeps the bot's public messages current: the stance bars under posted theses and the vote count and status of
published podium questions.

The database says when anything changed (SQLite's ``data_version``, which also notices other programs such as the
console); clicks in this process nudge the loop so it need not wait for its next look. Each message is edited at
most once every ``EDIT_INTERVAL_SECONDS``: the first change is shown at once, later ones are collected and shown
together when the interval is over, so a full hall voting costs a few edits instead of one per click, within
Discord's rate limits (discord.py waits when Discord's headers say a bucket is empty). What each message shows is
stored with it, so after a restart every message that fell behind is brought up to date.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math

import discord
from discord.ext import commands

from bot.feedback.model import Stance
from bot.moderation.statistics import thesis_statistics
from bot.podium.store import LiveMessage
from cogs._bot import VielfaltBot
from cogs._limits import fit_embeds
from cogs._opinion import counts_by_thesis, opinion_key, thesis_message
from cogs._podium_ui import LIVE_COG, question_message, question_shown_key

log = logging.getLogger(__name__)

EDIT_INTERVAL_SECONDS = 5.0
POLL_SECONDS = 0.5


class LiveCog(commands.Cog, name=LIVE_COG):
    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot
        self._changed = asyncio.Event()
        self._last_edit: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None
        self.edit_interval = EDIT_INTERVAL_SECONDS
        self.poll_interval = POLL_SECONDS

    async def cog_load(self) -> None:
        self._task = asyncio.create_task(self._run(), name="vielfalt-live-messages")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def nudge(self) -> None:
        self._changed.set()

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        store = self.bot.services.podium.store
        loop = asyncio.get_running_loop()
        version: int | None = None
        due_at: float | None = None
        while not self.bot.is_closed():
            try:
                current = await store.data_version()
                if current != version or (due_at is not None and loop.time() >= due_at):
                    version = current
                    wait = await self.update()
                    due_at = None if wait is None else loop.time() + wait
            except Exception:
                log.exception("could not bring the live messages up to date; trying again")
                due_at = loop.time() + self.poll_interval
            poll = self.poll_interval
            timeout = poll if due_at is None else max(0.0, min(poll, due_at - loop.time()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)
            self._changed.clear()

    async def update(self) -> float | None:
        """Edits every message that shows something outdated and may be edited now; returns how long until the
        next one may be (None when none is waiting)."""
        services = self.bot.services
        messages = await services.podium.store.live_messages()
        if not messages:
            return None
        knowledge = services.questions.knowledge
        counts = counts_by_thesis(await thesis_statistics(services.database, knowledge))
        loop = asyncio.get_running_loop()
        waiting: list[float] = []
        for message in messages:
            if message.kind == "thesis":
                key = opinion_key(counts.get(message.ref, {}))
            else:
                question = await services.podium.question(int(message.ref))
                key = question_shown_key(question)
            if key == message.shown:
                continue
            since = loop.time() - self._last_edit.get(message.message_id, -math.inf)
            if since < self.edit_interval:
                waiting.append(self.edit_interval - since)
                continue
            await self._edit(message, key, counts)
        return min(waiting) if waiting else None

    async def _edit(self, message: LiveMessage, key: str, counts: dict[str, dict[Stance, int]]) -> None:
        services = self.bot.services
        partial = self.bot.get_partial_messageable(int(message.channel_id)).get_partial_message(int(message.message_id))
        self._last_edit[message.message_id] = asyncio.get_running_loop().time()
        try:
            if message.kind == "thesis":
                thesis = services.questions.knowledge.thesis(message.ref)
                if thesis is None:
                    await services.podium.store.forget_live_message(message.message_id)
                    return
                embeds, view = thesis_message(
                    services.questions.knowledge, thesis, counts.get(message.ref, {}), message.language
                )
                await partial.edit(embeds=fit_embeds(embeds), view=view)
            else:
                question = await services.podium.question(int(message.ref))
                content, shown_embeds, buttons = question_message(question, message.language)
                await partial.edit(content=content, embeds=fit_embeds(shown_embeds), view=buttons)
        except discord.NotFound:
            log.info("a live message was deleted in Discord; no longer updated", extra={"kind": message.kind})
            await services.podium.store.forget_live_message(message.message_id)
            return
        if key == "gone":
            await services.podium.store.forget_live_message(message.message_id)
        else:
            await services.podium.store.mark_shown(message.message_id, key)


async def setup(bot: VielfaltBot) -> None:
    await bot.add_cog(LiveCog(bot))
