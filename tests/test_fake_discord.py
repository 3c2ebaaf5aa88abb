"""The fake Discord must refuse what Discord refuses, or the Discord tests could pass by accident.

Each rule is checked at its limit: the largest accepted value passes, one more is refused with Discord's error and
recorded as a violation.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
import pytest

from tests.fake_discord import (
    ADMINISTRATOR,
    EDIT_WINDOW_SECONDS,
    EDITS_PER_WINDOW,
    MANAGE_GUILD,
    FakeDiscord,
    Member,
    Role,
)

JsonObject = dict[str, Any]


@contextmanager
def on_purpose() -> Iterator[None]:
    """Tells the optional OpenAPI check (``-p spec_plugin``, see the developer guide) that what is sent inside
    breaks Discord's rules on purpose; without the plugin it does nothing."""
    plugin = sys.modules.get("spec_plugin")
    if plugin is None:
        yield
        return
    with plugin.get_checker().expecting():
        yield


class Clock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Client:
    """The bot's side of the wire: a connected gateway and plain HTTP requests."""

    def __init__(self, fake: FakeDiscord, session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.session = session

    async def send(self, method: str, path: str, body: Any) -> tuple[int, JsonObject]:
        async with self.session.request(method, f"{self.fake.api_base}{path}", json=body) as response:
            return response.status, await response.json()

    async def message(self, body: JsonObject) -> tuple[int, JsonObject]:
        return await self.send("POST", f"/channels/{self.fake.channel_id}/messages", body)

    async def interaction(self, kind: str = "slash") -> JsonObject:
        payloads = {
            "slash": lambda: self.fake.slash("frage"),
            "button": lambda: self.fake.button_click("x", []),
            "autocomplete": lambda: self.fake.autocomplete("stadt", "name", "go"),
            "modal": lambda: self.fake.modal_submit("form", {"kommentar": "Text"}),
        }
        payload = payloads[kind]()
        await self.fake.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def respond(self, payload: JsonObject, body: JsonObject) -> tuple[int, JsonObject]:
        return await self.send("POST", f"/interactions/{payload['id']}/{payload['token']}/callback", body)

    async def follow_up(self, payload: JsonObject, body: JsonObject) -> tuple[int, JsonObject]:
        return await self.send("POST", f"/webhooks/{self.fake.application_id}/{payload['token']}", body)

    async def sync(self, commands: list[JsonObject]) -> tuple[int, JsonObject]:
        return await self.send("PUT", f"/applications/{self.fake.application_id}/commands", commands)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def client(clock: Clock) -> AsyncIterator[Client]:
    fake = FakeDiscord(clock=clock)
    await fake.start()
    try:
        async with aiohttp.ClientSession() as session, session.ws_connect(fake.gateway_url) as socket:
            await socket.receive()  # HELLO
            await socket.send_json({"op": 2, "d": {"intents": 0}})
            await socket.receive()  # READY: the fake can dispatch from now on
            yield Client(fake, session)
    finally:
        await fake.stop()


def _embed(**fields: Any) -> JsonObject:
    return {"embeds": [fields]}


def _fields(count: int, value: str = "v") -> list[JsonObject]:
    return [{"name": f"n{i}", "value": value} for i in range(count)]


def _row(*items: JsonObject) -> JsonObject:
    return {"type": 1, "components": list(items)}


def _button(custom_id: str = "b", label: str = "OK") -> JsonObject:
    return {"type": 2, "style": 1, "custom_id": custom_id, "label": label}


def _select(options: list[JsonObject], custom_id: str = "s") -> JsonObject:
    return {"type": 3, "custom_id": custom_id, "options": options, "min_values": 1, "max_values": 1}


def _options(count: int) -> list[JsonObject]:
    return [{"label": f"l{i}", "value": f"v{i}"} for i in range(count)]


def _modal(*, title: str = "Form", label: str = "Kommentar", **text_input: Any) -> JsonObject:
    component = {"type": 4, "custom_id": "kommentar", "style": 2, **text_input}
    return {"type": 9, "data": {"custom_id": "form", "title": title, "components": [_labelled(label, component)]}}


def _labelled(label: str, component: JsonObject) -> JsonObject:
    return {"type": 18, "label": label, "component": component}


def _choices(count: int, name: str = "n", value: str = "v") -> JsonObject:
    return {"type": 8, "data": {"choices": [{"name": name, "value": value}] * count}}


def _command(name: str = "frage", **extra: Any) -> JsonObject:
    return {"name": name, "description": "Beschreibung", "type": 1, **extra}


async def test_an_unknown_route_is_recorded_and_answered_404() -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        async with aiohttp.ClientSession() as session, session.delete(f"{fake.api_base}/guilds/1/bans/2") as response:
            status = response.status
    finally:
        await fake.stop()
    assert status == 404
    assert fake.unexpected == ["DELETE /api/v10/guilds/1/bans/2"]


async def test_json_answers_carry_exactly_the_content_type_discord_py_parses() -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        async with aiohttp.ClientSession() as session, session.get(f"{fake.api_base}/users/@me") as response:
            content_type = response.headers["Content-Type"]
    finally:
        await fake.stop()
    assert content_type == "application/json"


# --- messages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accepted", "refused", "problem"),
    [
        ({"content": "x" * 2000}, {"content": "x" * 2001}, "content: 2,001 characters, at most 2,000"),
        (_embed(title="x" * 256), _embed(title="x" * 257), "embeds[0].title: 257 characters"),
        (_embed(description="x" * 4096), _embed(description="x" * 4097), "embeds[0].description: 4,097 characters"),
        (_embed(fields=_fields(25)), _embed(fields=_fields(26)), "embeds[0].fields: 26 items, at most 25"),
        (
            _embed(fields=[{"name": "x" * 256, "value": "v"}]),
            _embed(fields=[{"name": "x" * 257, "value": "v"}]),
            "embeds[0].fields[0].name: 257 characters",
        ),
        (
            _embed(fields=_fields(1, "x" * 1024)),
            _embed(fields=_fields(1, "x" * 1025)),
            "embeds[0].fields[0].value: 1,025 characters",
        ),
        (_embed(fields=_fields(1, "x")), _embed(fields=_fields(1, "")), "embeds[0].fields[0].value: missing or empty"),
        (_embed(footer={"text": "x" * 2048}), _embed(footer={"text": "x" * 2049}), "embeds[0].footer.text: 2,049"),
        (_embed(author={"name": "x" * 256}), _embed(author={"name": "x" * 257}), "embeds[0].author.name: 257"),
        (
            {"embeds": [{"description": "x" * 3000}, {"description": "x" * 3000}]},
            {"embeds": [{"description": "x" * 3000}, {"description": "x" * 3001}]},
            "embeds: 6,001 characters in all, at most 6,000",
        ),
        ({"embeds": [{"title": "t"}] * 10}, {"embeds": [{"title": "t"}] * 11}, "embeds: 11 items, at most 10"),
    ],
    ids=[
        "content",
        "title",
        "description",
        "fields",
        "field-name",
        "field-value",
        "empty-field",
        "footer",
        "author",
        "total",
        "embeds",
    ],
)
async def test_messages_are_refused_beyond_discords_text_limits(
    client: Client, accepted: JsonObject, refused: JsonObject, problem: str
) -> None:
    assert (await client.message(accepted))[0] == 200
    with on_purpose():
        status, body = await client.message(refused)
    assert (status, body["code"]) == (400, 50035)
    [violation] = client.fake.take_violations()
    assert problem in violation


@pytest.mark.parametrize(
    ("accepted", "refused", "problem"),
    [
        ([_row(_button(str(i))) for i in range(5)], [_row(_button(str(i))) for i in range(6)], "components: 6 items"),
        (
            [_row(*(_button(str(i)) for i in range(5)))],
            [_row(*(_button(str(i)) for i in range(6)))],
            "components[0].components: 6 items, must be 1 to 5",
        ),
        ([_row(_button(label="x" * 80))], [_row(_button(label="x" * 81))], "components[0].components[0].label: 81"),
        ([_row(_button(label="x"))], [_row(_button(label=""))], "a button needs a label or an emoji"),
        ([_row(_button("x" * 100))], [_row(_button("x" * 101))], "custom_id: 101 characters, at most 100"),
        ([_row(_button("a"), _button("b"))], [_row(_button("a"), _button("a"))], "custom_id 'a' is used twice"),
        ([_row(_select(_options(25)))], [_row(_select(_options(26)))], "options: 26, must be 1 to 25"),
        (
            [_row(_select([{"label": "x" * 100, "value": "v"}]))],
            [_row(_select([{"label": "x" * 101, "value": "v"}]))],
            "options[0].label: 101 characters",
        ),
        (
            [_row(_select([{"label": "l", "value": "x" * 100}]))],
            [_row(_select([{"label": "l", "value": "x" * 101}]))],
            "options[0].value: 101 characters",
        ),
        (
            [_row(_select([{"label": "l", "value": "v", "description": "x" * 100}]))],
            [_row(_select([{"label": "l", "value": "v", "description": "x" * 101}]))],
            "options[0].description: 101 characters",
        ),
        ([_row(_select(_options(1)))], [_row(_select(_options(1)), _button())], "a select menu must be alone"),
    ],
    ids=[
        "rows",
        "row-items",
        "label",
        "no-label",
        "custom-id",
        "duplicate-id",
        "options",
        "option-label",
        "option-value",
        "option-description",
        "select-alone",
    ],
)
async def test_components_are_refused_beyond_discords_limits(
    client: Client, accepted: list[JsonObject], refused: list[JsonObject], problem: str
) -> None:
    assert (await client.message({"components": accepted}))[0] == 200
    with on_purpose():
        status, _ = await client.message({"components": refused})
    assert status == 400
    [violation] = client.fake.take_violations()
    assert problem in violation


@pytest.mark.parametrize(
    ("message", "pinged"),
    [
        ({"content": "@everyone und <@123> und <@&456>"}, ["@everyone", "<@123>", "<@&456>"]),
        ({"content": "@here", "allowed_mentions": {"parse": ["everyone"]}}, ["@here"]),
        ({"content": "<@!123>", "allowed_mentions": {"parse": [], "users": ["123"]}}, ["<@!123>"]),
        ({"content": "x", "message_reference": {"message_id": "1"}}, ["the author of the replied-to message"]),
        ({"content": "@everyone <@123>", "allowed_mentions": {"parse": []}}, []),
        ({"content": "x", "message_reference": {"message_id": "1"}, "allowed_mentions": {"parse": []}}, []),
    ],
    ids=["no-allowed-mentions", "everyone-allowed", "user-allowed", "reply", "parse-none", "reply-without-ping"],
)
async def test_a_message_that_would_notify_someone_is_a_violation(
    client: Client, message: JsonObject, pinged: list[str]
) -> None:
    assert (await client.message(message))[0] == 200
    path = f"/api/v10/channels/{client.fake.channel_id}/messages"
    assert client.fake.take_violations() == [f"POST {path}: would ping {who}" for who in pinged]


# --- interactions -----------------------------------------------------------------------------------------


async def test_an_interaction_takes_one_initial_response_and_a_second_is_already_acknowledged(client: Client) -> None:
    payload = await client.interaction()
    assert (await client.respond(payload, {"type": 4, "data": {"content": "Antwort"}}))[0] == 200
    status, body = await client.respond(payload, {"type": 4, "data": {"content": "Noch eine"}})
    assert (status, body["code"], body["message"]) == (400, 40060, "Interaction has already been acknowledged.")
    assert client.fake.take_violations() == [f"interaction {payload['id']}: a second initial response"]


async def test_an_initial_response_after_three_seconds_is_an_unknown_interaction(client: Client, clock: Clock) -> None:
    in_time, late = await client.interaction(), await client.interaction()
    clock.now += 3.0
    assert (await client.respond(in_time, {"type": 5})) == (200, {"interaction": {"id": in_time["id"], "type": 5}})
    clock.now += 0.01
    status, body = await client.respond(late, {"type": 5})
    assert (status, body["code"], body["message"]) == (404, 10062, "Unknown interaction")
    assert client.fake.take_violations() == [f"interaction {late['id']}: initial response after 3.01 s"]
    assert client.fake.response_seconds == {in_time["id"]: 3.0, late["id"]: pytest.approx(3.01)}


async def test_a_follow_up_needs_the_initial_response_first(client: Client) -> None:
    payload = await client.interaction()
    status, body = await client.follow_up(payload, {"content": "zu früh"})
    assert (status, body["code"]) == (404, 10015)
    assert "before the initial response" in client.fake.take_violations()[0]
    await client.respond(payload, {"type": 5, "data": {"flags": 64}})
    assert (await client.follow_up(payload, {"content": "jetzt"}))[0] == 200
    with on_purpose():
        status, _ = await client.follow_up(payload, {"content": "x" * 2001})
    assert status == 400
    assert "content: 2,001 characters" in client.fake.take_violations()[0]


async def test_a_response_to_an_interaction_never_dispatched_is_unknown(client: Client) -> None:
    payload = client.fake.slash("frage")
    status, body = await client.respond(payload, {"type": 4, "data": {"content": "?"}})
    assert (status, body["code"]) == (404, 10062)
    assert "never dispatched" in client.fake.take_violations()[0]


@pytest.mark.parametrize(
    ("kind", "response"),
    [("modal", {"type": 9}), ("autocomplete", {"type": 4}), ("slash", {"type": 8}), ("slash", {"type": 6})],
)
async def test_each_kind_of_interaction_accepts_only_its_kinds_of_response(
    client: Client, kind: str, response: JsonObject
) -> None:
    payload = await client.interaction(kind)
    with on_purpose():
        status, _ = await client.respond(payload, {"data": {}, **response})
    assert status == 400
    assert f"response type {response['type']} to an interaction" in client.fake.take_violations()[0]


@pytest.mark.parametrize(
    ("accepted", "refused", "problem"),
    [
        (_modal(title="x" * 45), _modal(title="x" * 46), "title: 46 characters, at most 45"),
        (_modal(label="x" * 45), _modal(label="x" * 46), "components[0].label: 46 characters"),
        (_modal(max_length=4000), _modal(max_length=4001), "max_length: 4001, must be 1 to 4000"),
        (_modal(min_length=5, max_length=5), _modal(min_length=6, max_length=5), "min_length 6 is above max_length 5"),
        (_modal(max_length=3, value="abc"), _modal(max_length=3, value="abcd"), "value: 4 characters, at most 3"),
    ],
    ids=["title", "label", "max-length", "min-above-max", "value"],
)
async def test_forms_are_refused_beyond_discords_limits(
    client: Client, accepted: JsonObject, refused: JsonObject, problem: str
) -> None:
    assert (await client.respond(await client.interaction(), accepted))[0] == 200
    with on_purpose():
        assert (await client.respond(await client.interaction(), refused))[0] == 400
    [violation] = client.fake.take_violations()
    assert problem in violation


@pytest.mark.parametrize(
    ("accepted", "refused", "problem"),
    [
        (_choices(25), _choices(26), "choices: 26 items, at most 25"),
        (_choices(1, name="x" * 100), _choices(1, name="x" * 101), "choices[0].name: 101 characters"),
        (_choices(1, value="x" * 100), _choices(1, value="x" * 101), "choices[0].value: 101 characters"),
    ],
    ids=["count", "name", "value"],
)
async def test_autocomplete_answers_are_refused_beyond_discords_limits(
    client: Client, accepted: JsonObject, refused: JsonObject, problem: str
) -> None:
    assert (await client.respond(await client.interaction("autocomplete"), accepted))[0] == 200
    with on_purpose():
        assert (await client.respond(await client.interaction("autocomplete"), refused))[0] == 400
    [violation] = client.fake.take_violations()
    assert problem in violation


# --- commands and permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        (_command("x" * 33), "is not 1 to 32 lower-case letters"),
        (_command("Frage"), "'Frage' is not 1 to 32 lower-case letters"),
        (_command(description="x" * 101), "/frage.description: 101 characters, must be 1 to 100"),
        (_command(options=[{"type": 5, "name": f"o{i}", "description": "d"} for i in range(26)]), "26 items"),
        (
            _command(
                options=[{"type": 3, "name": "o", "description": "d", "choices": [{"name": "n", "value": "v"}] * 26}]
            ),
            "/frage o.choices: 26 items, at most 25",
        ),
    ],
    ids=["long-name", "upper-case", "description", "options", "choices"],
)
async def test_commands_discord_would_refuse_are_not_synced(client: Client, command: JsonObject, problem: str) -> None:
    assert (await client.sync([_command()]))[0] == 200
    with on_purpose():
        status, _ = await client.sync([command])
    assert status == 400
    [violation] = client.fake.take_violations()
    assert problem in violation


async def test_synced_commands_must_declare_the_permissions_the_test_expects(client: Client) -> None:
    client.fake.expected_permissions = {"frage": None, "export": MANAGE_GUILD}
    await client.sync([_command(), _command("export", default_member_permissions=str(MANAGE_GUILD))])
    assert client.fake.take_violations() == []
    await client.sync([_command(), _command("export"), _command("audit")])
    violations = client.fake.take_violations()
    assert any("/export has default_member_permissions None, the test expects 32" in v for v in violations)
    assert any("/audit is not a command the test expects" in v for v in violations)


async def test_members_get_the_permissions_of_their_roles(client: Client) -> None:
    fake = client.fake
    assert fake.permissions_of(fake.participant) == 0
    assert fake.permissions_of(fake.moderator) == MANAGE_GUILD
    payload = fake.slash("frage", member=fake.moderator)
    assert payload["member"]["roles"] == [str(fake.moderator_role_id)]
    assert int(payload["member"]["permissions"]) & MANAGE_GUILD


async def test_a_command_is_hidden_from_members_without_its_permissions_unless_overridden(client: Client) -> None:
    fake = client.fake
    fake.roles.append(Role(12345, "Admins", ADMINISTRATOR))
    await client.sync([_command("export", default_member_permissions=str(MANAGE_GUILD))])
    with pytest.raises(AssertionError, match="Discord would not show /export to Organisator"):
        fake.slash("export", member=fake.organiser)
    fake.slash("export", member=fake.moderator)
    fake.slash("export", member=Member(999, "Admin", (12345,)))
    fake.slash("export", member=Member(fake.owner_id, "Owner"))
    fake.allow_command("export", fake.orga_role_id)
    fake.slash("export", member=fake.organiser)
    with pytest.raises(AssertionError, match="Discord would not show /export to Teilnehmerin"):
        fake.slash("export")


# --- rate limits ------------------------------------------------------------------------------------------------


async def test_message_edits_announce_their_bucket_and_the_sixth_in_five_seconds_is_rate_limited(
    client: Client, clock: Clock
) -> None:
    path = f"{client.fake.api_base}/channels/{client.fake.channel_id}/messages/1"
    remaining = []
    for _ in range(EDITS_PER_WINDOW):
        async with client.session.patch(path, json={"content": "neu"}) as response:
            assert response.status == 200
            remaining.append(int(response.headers["X-RateLimit-Remaining"]))
            assert float(response.headers["X-RateLimit-Reset-After"]) == pytest.approx(EDIT_WINDOW_SECONDS)
    assert remaining == list(range(EDITS_PER_WINDOW - 1, -1, -1))
    async with client.session.patch(path, json={"content": "zu schnell"}) as response:
        assert response.status == 429
        assert (await response.json())["retry_after"] == pytest.approx(EDIT_WINDOW_SECONDS)
    assert len(client.fake.take_violations()) == 1
    clock.now += EDIT_WINDOW_SECONDS
    async with client.session.patch(path, json={"content": "wieder erlaubt"}) as response:
        assert response.status == 200
    assert client.fake.violations == []


async def test_edits_in_another_channel_have_a_bucket_of_their_own(client: Client) -> None:
    for channel in range(EDITS_PER_WINDOW + 1):
        path = f"{client.fake.api_base}/channels/{channel}/messages/1"
        async with client.session.patch(path, json={"content": "x"}) as response:
            assert response.status == 200
    assert client.fake.violations == []
