"""Starts the Discord bot with endpoint overrides and graceful shutdown on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

import aiohttp
import discord
import yarl

from bot.config import ConfigError, DiscordSettings, Settings
from bot.errors import DiscordUnreachable
from bot.web.wall import WallOptions
from cogs._bot import VielfaltBot

log = logging.getLogger(__name__)


def configure_endpoints(settings: DiscordSettings) -> None:
    """Points discord.py at another REST base and gateway (HTTP proxies, or a local fake in tests).

    Both are class attributes in discord.py, so this affects the whole process.
    """
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


async def run_bot(settings: Settings, discord_settings: DiscordSettings, *, wall: WallOptions | None = None) -> None:
    configure_endpoints(discord_settings)
    discord.VoiceClient.warn_nacl = False  # the bot has no voice features; the warning only confuses operators
    bot = VielfaltBot(settings, discord_settings, wall=wall)
    loop = asyncio.get_running_loop()
    shutdown: set[asyncio.Task[None]] = set()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _stop, bot, signum.name, shutdown)
    try:
        async with bot:
            try:
                await bot.start(discord_settings.token)
            except discord.LoginFailure:
                raise ConfigError("token_rejected") from None
            except discord.PrivilegedIntentsRequired:
                raise ConfigError("intent_missing") from None
            except (aiohttp.ClientError, TimeoutError, discord.GatewayNotFound, discord.DiscordServerError) as error:
                if not shutdown:  # once stopping was asked for, the closed session's errors are expected
                    raise DiscordUnreachable(_target(), _unreachable_kind(error)) from None
        # start() returns as soon as the connection is closed, while the shutdown task is still draining handlers
        # and closing the database; asyncio.run would cancel it half-way.
        await asyncio.gather(*shutdown)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):  # a retry's wait must be interruptible again
            loop.remove_signal_handler(signum)


def _target() -> str:
    url = yarl.URL(discord.http.Route.BASE)
    return f"{url.host}:{url.port}"


def _unreachable_kind(error: BaseException) -> str:
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return "dns"
    if isinstance(error, aiohttp.ClientConnectorError) and isinstance(error.os_error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout"
    if isinstance(error, discord.DiscordServerError):
        return "outage"
    return "other"


def _stop(bot: VielfaltBot, signal_name: str, shutdown: set[asyncio.Task[None]]) -> None:
    log.info("shutting down", extra={"signal": signal_name})
    shutdown.add(asyncio.create_task(bot.close()))
