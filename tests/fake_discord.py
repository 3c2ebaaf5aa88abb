"""A fake Discord on 127.0.0.1 that discord.py's real HTTP client and gateway code talk to.

It answers the REST routes the bot uses, runs a gateway websocket (HELLO, IDENTIFY, READY, GUILD_CREATE,
heartbeats) and dispatches events on demand. Every request is recorded; any route it does not know is
recorded in ``unexpected`` so the test fails visibly instead of passing by accident.

It is as strict as Discord: what Discord would refuse (see :mod:`tests.discord_limits`) gets Discord's error
response and is recorded in ``violations``, as is every breach of the interaction protocol: a second initial
response to one interaction, an initial response more than 3 s after the interaction was dispatched, a follow-up
before the initial response, a command whose ``default_member_permissions`` differ from what the test expects,
and a message that would notify anyone (the bot pings nobody). The harness fails the test that caused any of
them. The fake also knows its members and their roles, computes their permissions as Discord does, and refuses to
build an interaction Discord would never send: a command invoked by a member it is hidden from.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_limits import choices_problems, commands_problems, message_problems, modal_problems

API = "/api/v10"
NOW = datetime(2026, 11, 25, tzinfo=UTC).isoformat()
ALL_PERMISSIONS = (1 << 50) - 1
WAIT_SECONDS = 10.0
RESPONSE_SECONDS = 3.0  # Discord forgets an interaction that has no initial response by then
# Message edits share one rate-limit bucket per channel. Discord does not publish the numbers (its docs say to read
# them from the X-RateLimit-* headers of each response); 5 per 5 seconds is what it announces for this route.
EDITS_PER_WINDOW = 5
EDIT_WINDOW_SECONDS = 5.0
JsonObject = dict[str, Any]

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6
MESSAGE_CONTENT_INTENT = 1 << 15
DISALLOWED_INTENTS = 4014  # gateway close code when a privileged intent is not switched on
MENTION = re.compile(r"(?P<everyone>@everyone|@here)|<@(?P<role>&)?!?(?P<id>\d+)>")

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE, CHOICES, MODAL = 4, 5, 6, 7, 8, 9
# Which initial responses Discord accepts for which kind of interaction.
ALLOWED_RESPONSES = {
    APPLICATION_COMMAND: {MESSAGE, DEFERRED_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE, MODAL},
    AUTOCOMPLETE: {CHOICES},
    MODAL_SUBMIT: {MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE},
}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = 0.0  # the fake's clock when the request arrived


@dataclass(frozen=True)
class Role:
    id: int
    name: str
    permissions: int = 0
    position: int = 1


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    roles: tuple[int, ...] = ()


@dataclass
class _Interaction:
    """What the fake remembers of an interaction it dispatched, keyed by its token."""

    id: str
    kind: int
    dispatched_at: float
    responded: bool = False


def _user(user_id: int, name: str, *, bot: bool = False) -> JsonObject:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


def _member(user: JsonObject, roles: tuple[int, ...] = (), permissions: int = 0) -> JsonObject:
    return {
        "user": user,
        "roles": [str(role) for role in roles],
        "joined_at": NOW,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "permissions": str(permissions),
    }


def _error(status: int, message: str, code: int, **extra: Any) -> web.Response:
    return _json({"message": message, "code": code, **extra}, status=status)


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
    moderator_id: int = 900000000000000070
    organiser_id: int = 900000000000000080
    message_content_enabled: bool = True  # the developer portal's switch for the privileged intent
    clock: Callable[[], float] = time.monotonic  # self-tests move time on instead of waiting for it
    roles: list[Role] = field(default_factory=list)
    expected_permissions: dict[str, int | None] | None = None  # command name → default_member_permissions
    command_overrides: dict[str, set[int]] = field(default_factory=dict)  # Server Settings → Integrations
    requests: list[Request] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    response_seconds: dict[str, float] = field(default_factory=dict)  # interaction id → first response
    identify: JsonObject | None = None
    port: int = 0
    _runner: web.AppRunner | None = None
    _socket: web.WebSocketResponse | None = None
    _sequence: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(950000000000000000))
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _commands: dict[str, JsonObject] = field(default_factory=dict)
    _interactions: dict[str, _Interaction] = field(default_factory=dict)
    _edit_buckets: dict[str, list[float]] = field(default_factory=dict)  # channel id → times of recent edits

    def __post_init__(self) -> None:
        if not self.roles:
            self.roles = [
                Role(self.guild_id, "@everyone", 0, 0),
                Role(self.moderator_role_id, "Moderation", MANAGE_GUILD, 1),
                Role(self.orga_role_id, "Orga-Team", 0, 2),
            ]

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

    # --- members and permissions ---------------------------------------------------------------------

    @property
    def participant(self) -> Member:
        """An ordinary member without roles."""
        return Member(self.participant_id, "Teilnehmerin")

    @property
    def moderator(self) -> Member:
        """Has the role that grants Manage Server."""
        return Member(self.moderator_id, "Moderatorin", (self.moderator_role_id,))

    @property
    def organiser(self) -> Member:
        """Has the organisers' role, which grants no permissions."""
        return Member(self.organiser_id, "Organisator", (self.orga_role_id,))

    def permissions_of(self, member: Member) -> int:
        """As Discord computes a member's server permissions: the owner and administrators have all."""
        granted = 0
        for role in self.roles:
            if role.id == self.guild_id or role.id in member.roles:
                granted |= role.permissions
        return ALL_PERMISSIONS if member.id == self.owner_id or granted & ADMINISTRATOR else granted

    def allow_command(self, name: str, role_id: int) -> None:
        """A per-command override under Server Settings → Integrations: the role may use the command although
        its ``default_member_permissions`` would hide it."""
        self.command_overrides.setdefault(name, set()).add(role_id)

    def _may_use(self, member: Member, name: str) -> bool:
        command = self._commands.get(name)
        if command is None:
            return not self._commands  # before any sync (self-tests), every command name is accepted
        required = command.get("default_member_permissions")
        if required is None:
            return True
        allowed = self.command_overrides.get(name, set())
        granted = self.permissions_of(member)
        if granted == ALL_PERMISSIONS or member.id in allowed or any(role in allowed for role in member.roles):
            return True
        needed = int(required)
        return needed != 0 and granted & needed == needed

    def take_violations(self) -> list[str]:
        """Returns the violations so far and forgets them: for tests that cause one on purpose."""
        taken, self.violations = self.violations, []
        return taken

    # --- lifecycle --------------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        routes = [
            ("GET", f"{API}/users/@me", self._me),
            ("GET", f"{API}/oauth2/applications/@me", self._application),
            ("GET", f"{API}/gateway/bot", self._gateway_bot),
            ("PUT", f"{API}/applications/{{app}}/commands", self._sync_commands),
            ("PUT", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._sync_commands),
            ("POST", f"{API}/channels/{{channel}}/messages", self._create_message),
            ("PATCH", f"{API}/channels/{{channel}}/messages/{{message}}", self._edit_message),
            ("POST", f"{API}/interactions/{{interaction}}/{{token}}/callback", self._callback),
            ("POST", f"{API}/webhooks/{{app}}/{{token}}", self._followup),
            ("GET", f"{API}/webhooks/{{app}}/{{token}}/messages/@original", self._original),
            ("PATCH", f"{API}/webhooks/{{app}}/{{token}}/messages/@original", self._original),
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
        if event == "INTERACTION_CREATE":
            # A redelivered interaction keeps its token and what Discord knows about it.
            self._interactions.setdefault(data["token"], _Interaction(data["id"], data["type"], self.clock()))
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

    async def answer_request(self, payload: JsonObject) -> Request:
        """Dispatches an interaction and returns the request carrying what its user finally sees: the initial
        response, or the first follow-up when the bot deferred."""
        since = len(self.requests)
        callback = await self.run_interaction(payload)
        marker = f"/interactions/{payload['id']}/" if callback["type"] != DEFERRED_MESSAGE else None
        webhook = f"{API}/webhooks/{self.application_id}/{payload['token']}"
        return await self.wait_for(
            lambda r: (
                (marker is not None and r.method == "POST" and marker in r.path)
                or (marker is None and r.method in ("POST", "PATCH") and r.path.startswith(webhook))
            ),
            since,
        )

    async def answer_to(self, payload: JsonObject) -> JsonObject:
        """The message (or form, or choices) the user finally sees for an interaction."""
        request = await self.answer_request(payload)
        message: JsonObject = request.body["data"] if request.path.endswith("/callback") else request.body
        return message

    def slash(
        self,
        name: str,
        options: list[JsonObject] | None = None,
        *,
        locale: str = "de",
        member: Member | None = None,
        upload_limit: int = 10 * 1024 * 1024,
    ) -> JsonObject:
        """Like Discord, refuses to let a member invoke a command that is hidden from them."""
        member = member or self.participant
        if not self._may_use(member, name):
            raise AssertionError(
                f"Discord would not show /{name} to {member.name}: the member lacks its default_member_permissions "
                "and no override under Server Settings → Integrations allows it (fake.allow_command)"
            )
        data = {
            "id": str(self._commands.get(name, {}).get("id", 1)),
            "name": name,
            "type": 1,
            "options": options or [],
            "guild_id": str(self.guild_id),
        }
        payload = self._interaction(APPLICATION_COMMAND, data, locale, member)
        payload["attachment_size_limit"] = upload_limit
        return payload

    def subcommand(self, group: str, name: str, *, locale: str = "de", member: Member | None = None) -> JsonObject:
        return self.slash(group, [{"name": name, "type": 1, "options": []}], locale=locale, member=member)

    def modal_submit(
        self,
        custom_id: str,
        fields: dict[str, str],
        *,
        interaction_id: int | None = None,
        locale: str = "de",
        member: Member | None = None,
    ) -> JsonObject:
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]} for key, value in fields.items()
        ]
        payload = self._interaction(MODAL_SUBMIT, {"custom_id": custom_id, "components": rows}, locale, member)
        if interaction_id is not None:
            payload["id"] = str(interaction_id)
            payload["token"] = f"token-{interaction_id}"
        return payload

    def select(
        self,
        custom_id: str,
        values: list[str],
        components: list[Any],
        *,
        locale: str = "de",
        member: Member | None = None,
    ) -> JsonObject:
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        payload = self._interaction(MESSAGE_COMPONENT, data, locale, member)
        payload["message"] = self._message(self.bot_user, "", components=components)
        return payload

    def autocomplete(self, name: str, option: str, typed: str, *, locale: str = "de") -> JsonObject:
        options = [{"name": option, "type": 3, "value": typed, "focused": True}]
        data = {
            "id": str(self._commands.get(name, {}).get("id", 1)),
            "name": name,
            "type": 1,
            "options": options,
            "guild_id": str(self.guild_id),
        }
        return self._interaction(AUTOCOMPLETE, data, locale)

    def button_click(
        self,
        custom_id: str,
        components: list[Any],
        *,
        locale: str = "de",
        member: Member | None = None,
        message: JsonObject | None = None,
    ) -> JsonObject:
        """Like Discord, sends along the message that carries the button (discord.py rebuilds the view from it);
        ``message`` gives that message's content and embeds."""
        payload = self._interaction(MESSAGE_COMPONENT, {"custom_id": custom_id, "component_type": 2}, locale, member)
        shown = message or {}
        payload["message"] = self._message(
            self.bot_user, shown.get("content") or "", embeds=shown.get("embeds"), components=components
        )
        return payload

    def mention_message(self, text: str) -> JsonObject:
        return self.channel_message(f"<@{self.bot_id}> {text}", mentions=[self.bot_user])

    def channel_message(self, content: str, mentions: list[JsonObject] | None = None) -> JsonObject:
        author = self.participant
        message = self._message(_user(author.id, author.name), content, mentions=mentions)
        message["member"] = {k: v for k, v in _member(message["author"]).items() if k != "user"}
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
        recorded = Request(request.method, request.path, dict(request.query), body, files, self.clock())
        async with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()
        return recorded

    def _refuse(self, request: Request, problems: list[str]) -> web.Response | None:
        """Discord's answer to a body it does not accept ("Invalid Form Body"), or None when all is well."""
        if not problems:
            return None
        self.violations += [f"{request.method} {request.path}: {problem}" for problem in problems]
        return _error(400, "Invalid Form Body", 50035, errors={"fake": problems})

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
                "owner": _user(self.owner_id, "Owner"),
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
        if refused := self._refuse(recorded, commands_problems(recorded.body)):
            return refused
        self._check_permissions(recorded)
        synced = []
        for command in recorded.body:
            command_id = self._commands.get(command["name"], {}).get("id") or str(next(self._ids))
            synced.append({**command, "id": command_id, "application_id": str(self.application_id), "version": "1"})
        self._commands = {command["name"]: command for command in synced}
        return _json(synced)

    def _check_permissions(self, request: Request) -> None:
        """Who may see each command is the bot's to declare; the test says what it must be."""
        if self.expected_permissions is None:
            return
        for command in request.body:
            name = command["name"]
            if name not in self.expected_permissions:
                self.violations.append(f"{request.method} {request.path}: /{name} is not a command the test expects")
                continue
            declared = command.get("default_member_permissions")
            actual = None if declared is None else int(declared)
            if actual != self.expected_permissions[name]:
                self.violations.append(
                    f"{request.method} {request.path}: /{name} has default_member_permissions {declared}, "
                    f"the test expects {self.expected_permissions[name]}"
                )

    async def _create_message(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        body = recorded.body or {}
        if refused := self._refuse(recorded, message_problems(body)):
            return refused
        return _json(self._sent_message(recorded))

    async def _edit_message(self, request: web.Request) -> web.Response:
        """Rate-limited as Discord does: every answer says how many edits remain in the channel's bucket and when
        it resets; an edit beyond them gets 429 and is a violation (the bot must wait as the headers say)."""
        recorded = await self._record(request)
        channel = request.match_info["channel"]
        now = self.clock()
        recent = [at for at in self._edit_buckets.get(channel, []) if now - at < EDIT_WINDOW_SECONDS]
        if len(recent) >= EDITS_PER_WINDOW:
            retry_after = EDIT_WINDOW_SECONDS - (now - recent[0])
            self.violations.append(
                f"{recorded.method} {recorded.path}: rate limited (429), retry after {retry_after:.2f} s"
            )
            self._edit_buckets[channel] = recent
            response = _error(
                429, "You are being rate limited.", 0, retry_after=round(retry_after, 3), **{"global": False}
            )
            response.headers.update(self._bucket_headers(recent, now, retry_after))
            return response
        recent.append(now)
        self._edit_buckets[channel] = recent
        if refused := self._refuse(recorded, message_problems(recorded.body or {})):
            return refused
        message = self._sent_message(recorded)
        message["id"] = request.match_info["message"]
        message["channel_id"] = channel
        response = _json(message)
        reset_after = EDIT_WINDOW_SECONDS - (now - recent[0])
        response.headers.update(self._bucket_headers(recent, now, reset_after))
        return response

    @staticmethod
    def _bucket_headers(recent: list[float], now: float, reset_after: float) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(EDITS_PER_WINDOW),
            "X-RateLimit-Remaining": str(max(0, EDITS_PER_WINDOW - len(recent))),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": "fake-message-edits",
        }

    def edits(self, message_id: str | None = None) -> list[Request]:
        """The message edits the bot sent (PATCH of a channel message), oldest first."""
        return [
            r
            for r in self.requests
            if r.method == "PATCH"
            and "/channels/" in r.path
            and (message_id is None or r.path.endswith(f"/messages/{message_id}"))
        ]

    def posts(self) -> list[Request]:
        """Messages the bot posted into channels (not interaction responses)."""
        return [r for r in self.requests if r.method == "POST" and re.search(r"/channels/\d+/messages$", r.path)]

    async def _callback(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        interaction = self._interactions.get(request.match_info["token"])
        if interaction is None or interaction.id != request.match_info["interaction"]:
            self.violations.append(f"{recorded.path}: response to an interaction the fake never dispatched")
            return _error(404, "Unknown interaction", 10062)
        if interaction.responded:
            self.violations.append(f"interaction {interaction.id}: a second initial response")
            return _error(400, "Interaction has already been acknowledged.", 40060)
        seconds = self.clock() - interaction.dispatched_at
        self.response_seconds.setdefault(interaction.id, seconds)
        if seconds > RESPONSE_SECONDS:
            self.violations.append(f"interaction {interaction.id}: initial response after {seconds:.2f} s")
            return _error(404, "Unknown interaction", 10062)
        kind = recorded.body["type"]
        data = recorded.body.get("data") or {}
        if kind not in ALLOWED_RESPONSES[interaction.kind]:
            self.violations.append(
                f"interaction {interaction.id}: response type {kind} to an interaction of type {interaction.kind}"
            )
            return _error(400, "Interaction callback type invalid", 50035)
        problems = {MESSAGE: message_problems, UPDATE: message_problems, CHOICES: choices_problems}.get(kind)
        checked = modal_problems(data) if kind == MODAL else problems(data) if problems else []
        if refused := self._refuse(recorded, checked):
            return refused
        interaction.responded = True
        answer: JsonObject = {"id": interaction.id, "type": kind}
        if kind != MESSAGE:
            return _json({"interaction": answer})
        message = self._sent_message(recorded, data)
        answer.update(
            response_message_id=message["id"],
            response_message_loading=False,
            response_message_ephemeral=bool(data.get("flags", 0) & EPHEMERAL),
        )
        return _json({"interaction": answer, "resource": {"type": MESSAGE, "message": message}})

    async def _followup(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        if not self._acknowledged(recorded, request.match_info["token"]):
            return _error(404, "Unknown Webhook", 10015)
        if refused := self._refuse(recorded, message_problems(recorded.body or {})):
            return refused
        return _json(self._sent_message(recorded))

    async def _original(self, request: web.Request) -> web.Response:
        recorded = await self._record(request)
        if not self._acknowledged(recorded, request.match_info["token"]):
            return _error(404, "Unknown Message", 10008)
        if refused := self._refuse(recorded, message_problems(recorded.body or {})):
            return refused
        return _json(self._sent_message(recorded))

    def _acknowledged(self, request: Request, token: str) -> bool:
        """Follow-ups and the original response exist only once the interaction has its initial response."""
        interaction = self._interactions.get(token)
        if interaction is not None and interaction.responded:
            return True
        self.violations.append(f"{request.method} {request.path}: before the initial response")
        return False

    def _sent_message(self, request: Request, body: JsonObject | None = None) -> JsonObject:
        """The message Discord creates; whom it would notify is recorded as a violation (the bot pings nobody)."""
        if body is None:
            body = request.body or {}
        self.violations += [f"{request.method} {request.path}: would ping {who}" for who in _pinged(body)]
        return self._message(
            self.bot_user,
            body.get("content") or "",
            embeds=body.get("embeds", []),
            components=body.get("components", []),
        )

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
        return {
            "id": str(self.guild_id),
            "name": "Fachtagung Vielfalt",
            "icon": None,
            "owner_id": str(self.owner_id),
            "roles": [_role(role) for role in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [self._channel()],
            "threads": [],
            "members": [_member(self.bot_user)],
            "member_count": 4,
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

    def _interaction(self, kind: int, data: JsonObject, locale: str, member: Member | None = None) -> JsonObject:
        interaction_id = next(self._ids)
        member = member or self.participant
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
            "member": _member(_user(member.id, member.name), member.roles, self.permissions_of(member)),
            "locale": locale,
            "guild_locale": "de",
            "app_permissions": str(ALL_PERMISSIONS),
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


def _pinged(message: JsonObject) -> list[str]:
    """Whom Discord notifies for a message: mentions in its content that ``allowed_mentions`` does not switch off,
    and the author of the message it replies to (by default, when ``allowed_mentions`` is missing)."""
    allowed = message.get("allowed_mentions")
    if allowed is None:
        allowed = {"parse": ["everyone", "roles", "users"], "replied_user": True}
    parse = set(allowed.get("parse") or [])
    pinged = []
    for match in MENTION.finditer(message.get("content") or ""):
        kind, target = ("everyone", None) if match["everyone"] else ("roles" if match["role"] else "users", match["id"])
        if kind in parse or target in (allowed.get(kind) or []):
            pinged.append(match[0])
    if message.get("message_reference") and allowed.get("replied_user"):
        pinged.append("the author of the replied-to message")
    return pinged


def _role(role: Role) -> JsonObject:
    return {
        "id": str(role.id),
        "name": role.name,
        "permissions": str(role.permissions),
        "position": role.position,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def _json(data: Any, status: int = 200) -> web.Response:
    """discord.py parses JSON only for exactly ``application/json`` (no charset), so set it by hand."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})
