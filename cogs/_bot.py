"""The Discord client: owns the services for its lifetime and loads every extension in ``cogs/``."""

from __future__ import annotations

import asyncio
import logging
import math
import pkgutil
from contextlib import AsyncExitStack
from datetime import UTC, datetime

import discord
import yarl
from discord import app_commands
from discord.ext import commands, tasks

import cogs
from bot.config import DiscordSettings, Settings
from bot.operations.heartbeat import INTERVAL_SECONDS, Heartbeat, heartbeat_file, remove_heartbeat, write_heartbeat
from bot.services import Services, open_services
from bot.web.wall import WallOptions, serve_wall
from cogs._checks import log_role_match, role_state
from cogs._i18n import Translator
from cogs._replies import answer_failure

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 10.0
_HANDLER_TASK_PREFIXES = ("discord.py: ", "CommandTree-invoker", "discord-ui-")


def extension_names() -> list[str]:
    """Every module in ``cogs/`` is an extension, except helpers whose names start with an underscore."""
    return [f"cogs.{module.name}" for module in pkgutil.iter_modules(cogs.__path__) if not module.name.startswith("_")]


def intents_for(settings: DiscordSettings) -> discord.Intents:
    """Only what the features need: guilds for commands, messages for mentions, content only for Q&A channels."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.needs_message_content
    return intents


class VielfaltTree(app_commands.CommandTree[discord.Client]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Users get a short private message in their language; the log gets the traceback."""
        await answer_failure(interaction, error)


class VielfaltBot(commands.Bot):
    def __init__(
        self,
        settings: Settings,
        discord_settings: DiscordSettings,
        *,
        guild_ready_timeout: float = 2.0,
        wall: WallOptions | None = None,
    ) -> None:
        """``guild_ready_timeout`` is how long discord.py waits after the last GUILD_CREATE before it is ready;
        a test against a fake that sends every guild at once has no reason to wait out Discord's 2 s. ``wall``
        serves the projector wall from this process, over the bot's services."""
        super().__init__(
            command_prefix=(),  # no text commands: mentions are questions, handled by the Q&A extension
            intents=intents_for(discord_settings),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=VielfaltTree,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.settings = settings
        self.discord_settings = discord_settings
        self._resources = AsyncExitStack()
        self._services: Services | None = None
        self._heartbeat_file = heartbeat_file(settings.database_path)
        self._connected = False  # is_ready() stays true across gateway outages, so track them from the events
        self._shutdown: asyncio.Task[None] | None = None
        self._wall = wall

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are opened in setup_hook; the bot has not been set up yet")
        return self._services

    async def setup_hook(self) -> None:
        await self._use_gateway_of_api()
        self._services = await self._resources.enter_async_context(open_services(self.settings))
        if self._wall is not None:
            wall = await self._resources.enter_async_context(serve_wall(self._services, self._wall))
            log.info("projector wall started", extra={"port": wall.port})
        await self.tree.set_translator(Translator())
        for name in extension_names():
            await self.load_extension(name)
        await self._sync_commands()
        self._heartbeat.start()

    async def on_ready(self) -> None:
        self._connected = True
        log.info("connected to Discord", extra={"guilds": len(self.guilds)})
        await self.beat()

    async def on_guild_available(self, guild: discord.Guild) -> None:
        log_role_match(guild, self.discord_settings.moderator_role)

    async def on_resumed(self) -> None:
        self._connected = True
        await self.beat()

    async def on_disconnect(self) -> None:
        self._connected = False

    async def close(self) -> None:
        """Stops taking events, lets running handlers finish (their replies still reach Discord), then closes the
        HTTP session and the database. Every caller waits for the same shutdown."""
        if self._shutdown is None:
            self._shutdown = asyncio.create_task(self._shut_down(), name="vielfalt-shutdown")
        await asyncio.shield(self._shutdown)

    def is_closed(self) -> bool:
        """Closed from the moment shutdown starts, so discord.py does not reconnect the gateway closed first."""
        return self._shutdown is not None or super().is_closed()

    async def _shut_down(self) -> None:
        self._heartbeat.cancel()
        try:
            if self.ws is not None and self.ws.open:
                await self.ws.close(code=1000)  # no new events; the HTTP session stays open for the replies
            await self.handlers_finished(SHUTDOWN_GRACE_SECONDS)
            await super().close()
        finally:
            await asyncio.to_thread(remove_heartbeat, self._heartbeat_file)
            await self._resources.aclose()
            log.info("stopped; database closed")

    @tasks.loop(seconds=INTERVAL_SECONDS)
    async def _heartbeat(self) -> None:
        await self.beat()

    async def beat(self) -> None:
        """Written only while connected: a missing or stale file tells the health check the bot is not."""
        if not self._connected or self.is_closed():
            return
        latency = None if math.isnan(self.latency) or math.isinf(self.latency) else round(self.latency * 1000, 1)
        role = role_state(self.guilds, self.discord_settings.moderator_role)
        beat = Heartbeat(datetime.now(UTC), len(self.guilds), latency, role)
        try:
            await asyncio.to_thread(write_heartbeat, self._heartbeat_file, beat)
        except OSError:
            log.exception("could not write the heartbeat file", extra={"path": str(self._heartbeat_file)})

    async def _use_gateway_of_api(self) -> None:
        """discord.py connects to its built-in gateway URL; behind a custom API base, ask that API instead."""
        if self.discord_settings.api_base and not self.discord_settings.gateway_url:
            _, url, _ = await self.http.get_bot_gateway()
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    async def _sync_commands(self) -> None:
        if not self.discord_settings.guild_ids:
            synced = await self.tree.sync()
            log.info("commands synced globally (may take up to an hour to appear)", extra={"commands": len(synced)})
            return
        for guild_id in self.discord_settings.guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error(
                    "cannot sync commands: is the bot invited with the applications.commands scope?",
                    extra={"guild": guild_id},
                )
            else:
                log.info("commands synced", extra={"guild": guild_id, "commands": len(synced)})

    async def handlers_finished(self, seconds: float) -> None:
        """Waits (at most ``seconds``) for the event, command and component handlers running now, including the
        work they do after replying, such as noting an unanswered question."""
        current = asyncio.current_task()
        running = [
            task
            for task in asyncio.all_tasks()
            if task is not current and task.get_name().startswith(_HANDLER_TASK_PREFIXES)
        ]
        if running:
            await asyncio.wait(running, timeout=seconds)


def services_of(client: discord.Client) -> Services:
    if not isinstance(client, VielfaltBot):
        raise TypeError("Vielfalt extensions only run on VielfaltBot")
    return client.services
