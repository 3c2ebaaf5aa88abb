"""Starts the real bot against the fake Discord and restores discord.py's global endpoints afterwards."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import discord

from bot.config import DiscordSettings, Settings
from cogs._bot import VielfaltBot
from cogs._runner import configure_endpoints
from tests.fake_discord import MANAGE_GUILD, FakeDiscord

READY_TIMEOUT = 15.0
GUILD_READY_SECONDS = 0.05  # the fake sends its one guild right after READY
POLL_SECONDS = 0.02
MODERATOR_COMMANDS = frozenset(
    {"export", "statistik", "unbeantwortet", "kb", "audit", "thesen-posten", "podium-liste", "sitzung"}
)
PUBLIC_COMMANDS = frozenset(
    {"frage", "stadt", "thesen", "these", "hilfe", "feedback", "meine-feedbacks", "meine-daten", "podium"}
)
# What Discord shows to whom: moderator commands only to members with Manage Server (or an override).
COMMAND_PERMISSIONS: dict[str, int | None] = {
    **dict.fromkeys(PUBLIC_COMMANDS),
    **dict.fromkeys(MODERATOR_COMMANDS, MANAGE_GUILD),
}


async def file_appears(path: Path, seconds: float) -> bool:
    """Polls, bounded: the heartbeat is written off the event loop or by another process, so there is nothing
    in this one to wait on."""
    for _ in range(int(seconds / POLL_SECONDS)):
        if await asyncio.to_thread(path.exists):
            return True
        await asyncio.sleep(POLL_SECONDS)
    return False


@asynccontextmanager
async def running_bot(
    settings: Settings,
    *,
    qa_channel: bool = False,
    moderator_role: str | None = None,
    fake: FakeDiscord | None = None,
) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    """``qa_channel`` makes the fake's channel a Q&A channel, where every message is a question. The test fails
    on anything the fake Discord refused or did not know."""
    fake = fake or FakeDiscord()
    fake.expected_permissions = COMMAND_PERMISSIONS
    await fake.start()
    saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    discord_settings = DiscordSettings(
        token=fake.token,
        guild_ids=(fake.guild_id,),
        api_base=fake.api_base,
        gateway_url=fake.gateway_url,
        qa_channel_ids=(fake.channel_id,) if qa_channel else (),
        moderator_role=moderator_role,
    )
    configure_endpoints(discord_settings)
    bot = VielfaltBot(settings, discord_settings, guild_ready_timeout=GUILD_READY_SECONDS)
    task = asyncio.create_task(bot.start(discord_settings.token))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), READY_TIMEOUT)
        yield fake, bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, READY_TIMEOUT)
        await fake.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
    assert fake.unexpected == [], f"the bot called routes the fake does not know: {fake.unexpected}"
    assert fake.violations == [], "Discord would have refused:\n" + "\n".join(fake.violations)
