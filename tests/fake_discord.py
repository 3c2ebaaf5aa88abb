"""A fake Discord on 127.0.0.1 that discord.py's real HTTP client and gateway code talk to.

It answers the REST routes the bot uses, runs a gateway websocket (HELLO, IDENTIFY, READY, GUILD_CREATE,
heartbeats) and dispatches events on demand. Every request is recorded; any route it does not know is
recorded in ``unexpected`` so the test fails visibly instead of passing by accident.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

API = "/api/v10"
NOW = datetime(2026, 11, 25, tzinfo=UTC).isoformat()
ALL_PERMISSIONS = str((1 << 50) - 1)
WAIT_SECONDS = 10.0
JsonObject = dict[str, Any]


MANAGE_GUILD = 1 << 5
MESSAGE_CONTENT_INTENT = 1 << 15
DISALLOWED_INTENTS = 4014  # gateway close code when a privileged intent is not switched on


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: dict[str, bytes] = field(default_factory=dict)


def _user(user_id: int, name: str, *, bot: bool = False) -> JsonObject:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


def _member(user: JsonObject, permissions: str = "0") -> JsonObject:
    return {
        "user": user,
        "roles": [],
        "joined_at": NOW,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "permissions": permissions,
    }


@dataclass
class FakeDiscord:
    bot_id: int = 900000000000000001
    application_id: int = 900000000000000002
    guild_id: int = 900000000000000010
    channel_id: int = 900000000000000020
    participant_id: int = 900000000000000030
    owner_id: int = 900000000000000040
    moderator_role_id: int = 900000000000000050
    orga_role_id: int = 900000000000000060
    message_content_enabled: bool = True  # the developer portal's switch for the privileged intent
    requests: list[Request] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    identify: JsonObject | None = None
    port: int = 0
    _runner: web.AppRunner | None = None
    _socket: web.WebSocketResponse | None = None
    _sequence: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(950000000000000000))
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _command_ids: dict[str, int] = field(default_factory=dict)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def token(self) -> str:
        """Shaped like a real bot token (base64 bot id, timestamp, signature), which ``run`` insists on."""
        encoded_id = base64.urlsafe_b64encode(str(self.bot_id).encode()).decode().rstrip("=")
        return f"{encoded_id}.ZmFrZQ.{'s' * 38}"

    @property
    def bot_user(self) -> JsonObject:
        return _user(self.bot_id, "Vielfalt-Bot", bot=True)

    @property
    def participant(self) -> JsonObject:
        return _user(self.participant_id, "Teilnehmerin")

    async def start(self) -> None:
        app = web.Application()
        routes = [
            ("GET", f"{API}/users/@me", self._me),
            ("GET", f"{API}/oauth2/applications/@me", self._application),
            ("GET", f"{API}/gateway/bot", self._gateway_bot),
            ("PUT", f"{API}/applications/{{app}}/commands", self._sync_commands),
            ("PUT", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._sync_commands),
            ("POST", f"{API}/channels/{{channel}}/messages", self._create_message),
            ("POST", f"{API}/interactions/{{interaction}}/{{token}}/callback", self._callback),
            ("POST", f"{API}/webhooks/{{app}}/{{token}}", self._create_message),
            ("GET", f"{API}/webhooks/{{app}}/{{token}}/messages/@original", self._create_message),
            ("PATCH", f"{API}/webhooks/{{app}}/{{token}}/messages/@original", self._create_message),
            ("GET", "/gateway", self._gateway),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, path, handler)
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- driving the bot -------------------------------------------------------------------------------

    async def dispatch(self, event: str, data: JsonObject) -> None:
        if self._socket is None:
            raise AssertionError("the bot has not connected to the fake gateway")
        self._sequence += 1
        await self._socket.send_str(json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data}))

    async def wait_for(self, matches: Callable[[Request], bool], since: int = 0) -> Request:
        """The first request from index ``since`` on that ``matches``, waiting for it if need be."""

        def found() -> Request | None:
            return next((request for request in self.requests[since:] if matches(request)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), WAIT_SECONDS)
        request = found()
        assert request is not None
        return request

    async def run_interaction(self, payload: JsonObject) -> JsonObject:
        """Dispatches an INTERACTION_CREATE and returns the callback body the bot posted for it."""
        since = len(self.requests)
        await self.dispatch("INTERACTION_CREATE", payload)
        marker = f"/interactions/{payload['id']}/"
        request = await self.wait_for(lambda r: r.method == "POST" and marker in r.path, since)
        body: JsonObject = request.body
        return body

    def slash(
        self,
        name: str,
        options: list[JsonObject] | None = None,
        *,
        locale: str = "de",
        roles: list[int] | None = None,
        upload_limit: int = 10 * 1024 * 1024,
    ) -> JsonObject:
        data = {
            "id": str(self._command_ids.get(name, 1)),
            "name": name,
            "type": 1,
            "options": options or [],
            "guild_id": str(self.guild_id),
        }
        payload = self._interaction(2, data, locale, roles)
        payload["attachment_size_limit"] = upload_limit
        return payload

    def subcommand(self, group: str, name: str, *, locale: str = "de", roles: list[int] | None = None) -> JsonObject:
        return self.slash(group, [{"name": name, "type": 1, "options": []}], locale=locale, roles=roles)

    def modal_submit(
        self, custom_id: str, fields: dict[str, str], *, interaction_id: int | None = None, locale: str = "de"
    ) -> JsonObject:
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]} for key, value in fields.items()
        ]
        payload = self._interaction(5, {"custom_id": custom_id, "components": rows}, locale)
        if interaction_id is not None:
            payload["id"] = str(interaction_id)
        return payload

    def select(self, custom_id: str, values: list[str], components: list[Any], *, locale: str = "de") -> JsonObject:
        payload = self._interaction(3, {"custom_id": custom_id, "component_type": 3, "values": values}, locale)
        payload["message"] = self._message(self.bot_user, "", components=components)
        return payload

    def autocomplete(self, name: str, option: str, typed: str, *, locale: str = "de") -> JsonObject:
        options = [{"name": option, "type": 3, "value": typed, "focused": True}]
        data = {
            "id": str(self._command_ids.get(name, 1)),
            "name": name,
            "type": 1,
            "options": options,
            "guild_id": str(self.guild_id),
        }
        return self._interaction(4, data, locale)

    def button_click(self, custom_id: str, components: list[Any], *, locale: str = "de") -> JsonObject:
        """Like Discord, sends along the message that carries the button (discord.py rebuilds the view from it)."""
        payload = self._interaction(3, {"custom_id": custom_id, "component_type": 2}, locale)
        payload["message"] = self._message(self.bot_user, "", components=components)
        return payload

    def mention_message(self, text: str) -> JsonObject:
        return self.channel_message(f"<@{self.bot_id}> {text}", mentions=[self.bot_user])

    def channel_message(self, content: str, mentions: list[JsonObject] | None = None) -> JsonObject:
        message = self._message(self.participant, content, mentions=mentions)
        message["member"] = {k: v for k, v in _member(self.participant).items() if k != "user"}
        return message

    # --- REST --------------------------------------------------------------------------------------------

    async def _record(self, request: web.Request) -> Request:
        body: Any = None
        if request.content_type == "application/json":
            body = await request.json()
        files: dict[str, bytes] = {}
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            body = json.loads(str(form["payload_json"])) if "payload_json" in form else {}
            files = {str(v.filename): v.file.read() for k, v in form.items() if isinstance(v, web.FileField)}
        recorded = Request(request.method, request.path, dict(request.query), body, files)
        async with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()
        return recorded

    async def _me(self, request: web.Request) -> web.Response:
        """discord.py logs in with this call, so this is where a wrong token is refused, as Discord does."""
        await self._record(request)
        if request.headers.get("Authorization") != f"Bot {self.token}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(self.bot_user)

    async def _application(self, request: web.Request) -> web.Response:
        await self._record(request)
        return _json(
            {
                "id": str(self.application_id),
                "name": "Vielfalt-Bot",
                "description": "",
                "icon": None,
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": self.participant,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
            }
        )

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        await self._record(request)
        return _json(
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
            }
        )

    async def _sync_commands(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        synced = []
        for command in recorded.body:
            command_id = self._command_ids.setdefault(command["name"], next(self._ids))
            synced.append(
                {**command, "id": str(command_id), "application_id": str(self.application_id), "version": "1"}
            )
        return _json(synced)

    async def _create_message(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        body = recorded.body or {}
        return _json(
            self._message(
                self.bot_user,
                body.get("content") or "",
                embeds=body.get("embeds", []),
                components=body.get("components", []),
            )
        )

    async def _callback(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        interaction = {"id": request.match_info["interaction"], "type": recorded.body["type"]}
        data = recorded.body.get("data") or {}
        if recorded.body["type"] != 4:
            return _json({"interaction": interaction})
        message = self._message(
            self.bot_user,
            data.get("content") or "",
            embeds=data.get("embeds", []),
            components=data.get("components", []),
        )
        interaction.update(
            response_message_id=message["id"],
            response_message_loading=False,
            response_message_ephemeral=bool(data.get("flags", 0) & 64),
        )
        return _json({"interaction": interaction, "resource": {"type": 4, "message": message}})

    async def _unknown_route(self, request: web.Request) -> web.Response:
        await self._record(request)
        self.unexpected.append(f"{request.method} {request.path}")
        return _json({"message": "Unknown route in fake Discord", "code": 0}, status=404)

    # --- gateway -----------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == 1:
                await socket.send_str(json.dumps({"op": 11}))
            elif payload["op"] == 2:
                self.identify = payload["d"]
                if payload["d"]["intents"] & MESSAGE_CONTENT_INTENT and not self.message_content_enabled:
                    await socket.close(code=DISALLOWED_INTENTS)
                    break
                await self.dispatch("READY", self._ready())
                await self.dispatch("GUILD_CREATE", self._guild())
            elif payload["op"] != 3:
                self.unexpected.append(f"gateway op {payload['op']}")
        return socket

    def _ready(self) -> JsonObject:
        return {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(self.guild_id), "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "shard": [0, 1],
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
        }

    def _guild(self) -> JsonObject:
        roles = [
            _role(self.guild_id, "@everyone", 0, 0),
            _role(self.moderator_role_id, "Moderation", MANAGE_GUILD, 1),
            _role(self.orga_role_id, "Orga-Team", 0, 2),
        ]
        return {
            "id": str(self.guild_id),
            "name": "Fachtagung Vielfalt",
            "icon": None,
            "owner_id": str(self.owner_id),
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [self._channel()],
            "threads": [],
            "members": [_member(self.bot_user)],
            "member_count": 2,
            "unavailable": False,
            "large": False,
            "joined_at": NOW,
            "preferred_locale": "de",
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "system_channel_flags": 0,
            "premium_tier": 0,
            "nsfw_level": 0,
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
        }

    def _channel(self) -> JsonObject:
        return {
            "id": str(self.channel_id),
            "type": 0,
            "name": "allgemein",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "guild_id": str(self.guild_id),
        }

    def _interaction(self, kind: int, data: JsonObject, locale: str, roles: list[int] | None = None) -> JsonObject:
        interaction_id = next(self._ids)
        member = _member(self.participant, permissions="0")
        member["roles"] = [str(role) for role in roles or []]
        return {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "token": f"token-{interaction_id}",
            "version": 1,
            "data": data,
            "guild_id": str(self.guild_id),
            "channel_id": str(self.channel_id),
            "channel": self._channel(),
            "member": member,
            "locale": locale,
            "guild_locale": "de",
            "app_permissions": ALL_PERMISSIONS,
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(self.guild_id)},
            "context": 0,
        }

    def _message(
        self,
        author: JsonObject,
        content: str,
        *,
        embeds: list[Any] | None = None,
        components: list[Any] | None = None,
        mentions: list[Any] | None = None,
    ) -> JsonObject:
        return {
            "id": str(next(self._ids)),
            "channel_id": str(self.channel_id),
            "guild_id": str(self.guild_id),
            "author": author,
            "content": content,
            "timestamp": NOW,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions or [],
            "mention_roles": [],
            "attachments": [],
            "embeds": embeds or [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": components or [],
        }


def _role(role_id: int, name: str, permissions: int, position: int) -> JsonObject:
    return {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def _json(data: Any, status: int = 200) -> web.Response:
    """discord.py parses JSON only for exactly ``application/json`` (no charset), so set it by hand."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})
