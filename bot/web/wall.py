"""The projector wall's server: one page, its state as JSON, and server-sent events that push every change.

It runs inside the bot (``vielfalt-bot run --wall``) or on its own (``vielfalt-bot wall``) over the same services,
and notices changes the same way in both cases: SQLite's ``data_version`` tells it when anyone (the bot, the
console, another process) committed, so it looks a few times a second and pushes a new state only when what the
wall shows changed. It only reads.

It binds 127.0.0.1 unless told otherwise. Bound to any other address it refuses every request without the secret
token in the link (see :mod:`bot.web.access`); ``doctor`` prints it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.services import Services
from bot.texts import LANGUAGES, text
from bot.web.access import DEFAULT_HOST, DEFAULT_PORT, is_public, wall_url
from bot.web.page import wall_page
from bot.web.state import wall_states

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
REFRESH_SECONDS = 5.0  # sessions start and end by the clock, without any write to notice
KEEPALIVE_SECONDS = 15.0
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'"
    ),
}


class WallError(Exception):
    """The wall cannot start as asked (a public address without a token)."""


@dataclass(frozen=True, slots=True)
class WallOptions:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    language: str = "de"
    token: str | None = None  # required when ``host`` is public

    @property
    def needs_token(self) -> bool:
        return is_public(self.host)


class Wall:
    def __init__(self, services: Services, options: WallOptions) -> None:
        if options.needs_token and not options.token:
            raise WallError(f"the wall on {options.host} is reachable from other machines and needs a token")
        self._services = services
        self._options = options
        self._states: dict[str, str] = {}
        self._version = 0
        self._changed = asyncio.Condition()
        self.port = options.port

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/state", self._state)
        app.router.add_get("/events", self._events)
        return app

    @property
    def url(self) -> str:
        return wall_url(self._options.host, self.port, self._options.token if self._options.needs_token else None)

    async def refresh(self) -> bool:
        """Recomputes what the wall shows; True (and every open page is told) when it changed."""
        states = {
            language: json.dumps(state, ensure_ascii=False)
            for language, state in (await wall_states(self._services)).items()
        }
        if states == self._states:
            return False
        async with self._changed:
            self._states = states
            self._version += 1
            self._changed.notify_all()
        return True

    async def watch(self) -> None:
        """Looks for commits a few times a second; recomputes on a change and every few seconds anyway."""
        store = self._services.podium.store
        loop = asyncio.get_running_loop()
        seen: int | None = None
        refreshed = loop.time()
        while True:
            try:
                version = await store.data_version()
                if version != seen or loop.time() - refreshed >= REFRESH_SECONDS:
                    seen, refreshed = version, loop.time()
                    await self.refresh()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the wall could not read the current state; trying again")
            await asyncio.sleep(POLL_SECONDS)

    def _language(self, request: web.Request) -> str:
        wanted = request.query.get("lang", self._options.language)
        return wanted if wanted in LANGUAGES else self._options.language

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self._options.needs_token:
            given = request.query.get("token", "")
            assert self._options.token is not None
            if not hmac.compare_digest(given.encode(), self._options.token.encode()):
                message = text("wall_forbidden", self._language(request))
                return web.Response(status=403, text=message, headers=_HEADERS)
        response: web.StreamResponse = await handler(request)
        return response

    async def _page(self, request: web.Request) -> web.Response:
        language = self._language(request)
        state = json.loads(self._states.get(language) or "null") or (await wall_states(self._services))[language]
        return web.Response(text=wall_page(state), content_type="text/html", charset="utf-8", headers=_HEADERS)

    async def _state(self, request: web.Request) -> web.Response:
        language = self._language(request)
        state = self._states.get(language) or json.dumps((await wall_states(self._services))[language])
        return web.Response(text=state, content_type="application/json", headers=_HEADERS)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Sends the current state at once, then each new one; a comment now and then keeps proxies from closing."""
        language = self._language(request)
        response = web.StreamResponse(
            headers={**_HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        )
        await response.prepare(request)
        sent = -1
        while request.transport is not None and not request.transport.is_closing():
            version, state = await self._next_state(language, sent)
            try:
                if version == sent or state is None:
                    await response.write(b": still here\n\n")
                    continue
                sent = version
                await response.write(f"event: state\ndata: {state}\n\n".encode())
            except ConnectionResetError:
                break  # the page was closed or reloaded
        return response

    async def _next_state(self, language: str, sent: int) -> tuple[int, str | None]:
        """The state after version ``sent``, or the same version again after the keep-alive interval."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: self._version != sent), KEEPALIVE_SECONDS)
            return self._version, self._states.get(language)


@asynccontextmanager
async def serve_wall(services: Services, options: WallOptions) -> AsyncIterator[Wall]:
    """Serves the wall until the block ends; open event streams are closed at once then."""
    wall = Wall(services, options)
    await wall.refresh()
    runner = web.AppRunner(wall.application(), shutdown_timeout=0.5, access_log=None)
    await runner.setup()
    watcher = asyncio.create_task(wall.watch(), name="vielfalt-wall-watch")
    try:
        site = web.TCPSite(runner, options.host, options.port)
        await site.start()
        addresses = runner.addresses
        if addresses:
            wall.port = int(addresses[0][1])
        log.info(
            "projector wall serving", extra={"host": options.host, "port": wall.port, "public": options.needs_token}
        )
        yield wall
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await runner.cleanup()
