"""The projector wall over HTTP: what it shows, what it never shows, who may see it, and live updates."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.podium.model import Action
from bot.services import Services, open_services
from bot.web.access import derive_token, is_public, wall_token, wall_url
from bot.web.page import wall_page
from bot.web.wall import Wall, WallError, WallOptions, serve_wall
from tests.podium_helpers import person, session, write_sessions
from tests.wall_helpers import next_state

SECONDS = 2.0


async def _ask(services: Services, number: int, text: str, *, anonymous: bool = False) -> int:
    stored = await services.podium.submit(person(number, f"Gast {number}"), text, anonymous=anonymous, channel="x")
    assert stored.question is not None
    return stored.question.id


@pytest.fixture
async def client(services: Services) -> AsyncIterator[TestClient[Any, Any]]:
    wall = Wall(services, WallOptions())
    async with TestClient(TestServer(wall.application())) as test_client:
        yield test_client


async def test_the_wall_shows_the_highlighted_and_the_most_voted_questions_without_names(
    services: Services, client: TestClient[Any, Any]
) -> None:
    first = await _ask(services, 1, "Wie geht es nach 2018 weiter?")
    second = await _ask(services, 2, "Welche Rolle spielen Eigentümer?", anonymous=True)
    third = await _ask(services, 3, "Was raten Sie anderen Kommunen?")
    await services.podium.toggle_vote(person(4), third)
    await services.podium.moderate(person(9), first, Action.HIGHLIGHT)
    await services.podium.moderate(person(9), second, Action.HIDE)
    state = await (await client.get("/state")).json()
    assert state["highlighted"] == {"id": first, "text": "Wie geht es nach 2018 weiter?", "votes": 0, "name": None}
    assert [(q["id"], q["votes"], q["name"]) for q in state["top"]] == [(third, 1, None)]
    assert [t["number"] for t in state["theses"]] == list(range(1, 9))


async def test_display_names_appear_only_when_the_organiser_enables_them_and_never_for_anonymous_askers(
    settings: Settings,
) -> None:
    write_sessions(settings.sessions_path, session("eins", theses=[2]), show_names=True)
    async with open_services(settings) as services:
        await _ask(services, 1, "Benannte Frage zur Koordination?")
        await _ask(services, 2, "Anonyme Frage zu Eigentümern?", anonymous=True)
        wall = Wall(services, WallOptions(language="en"))
        async with TestClient(TestServer(wall.application())) as client:
            state = await (await client.get("/state")).json()
    assert sorted((q["text"], q["name"]) for q in state["top"]) == [
        ("Anonyme Frage zu Eigentümern?", None),
        ("Benannte Frage zur Koordination?", "Gast 1"),
    ]
    assert state["session"] == "Session eins"
    assert [t["number"] for t in state["theses"]] == [2]
    assert state["labels"]["wall_title"] == "Questions to the panel"


async def test_the_page_embeds_question_text_so_that_it_cannot_become_markup(
    services: Services, client: TestClient[Any, Any]
) -> None:
    await _ask(services, 1, "</script><img src=x onerror=alert(1)> Frage?")
    page = await (await client.get("/?lang=en")).text()
    assert "</script><img" not in page
    assert "\\u003c/script>\\u003cimg" in page
    assert '<html lang="en">' in page


def test_the_page_sets_question_text_only_as_text() -> None:
    page = wall_page({"language": "de", "labels": {"wall_title": "<Titel>"}})
    assert "innerHTML" not in page
    assert "<title>&lt;Titel&gt;</title>" in page


async def test_a_public_address_needs_the_token_in_the_link(services: Services) -> None:
    with pytest.raises(WallError):
        Wall(services, WallOptions(host="192.0.2.10"))
    wall = Wall(services, WallOptions(host="192.0.2.10", token="geheim-0123456789"))
    async with TestClient(TestServer(wall.application())) as client:
        refused = await client.get("/state")
        wrong = await client.get("/state?token=falsch")
        allowed = await client.get("/state?token=geheim-0123456789")
        assert (refused.status, wrong.status, allowed.status) == (403, 403, 200)
        assert "geheimen Link" in await refused.text()


def test_only_loopback_addresses_count_as_private() -> None:
    assert [is_public(host) for host in ("127.0.0.1", "127.5.5.5", "::1", "localhost")] == [False] * 4
    assert [is_public(host) for host in ("0.0.0.0", "192.168.1.5", "::", "wall.example")] == [True] * 4
    assert wall_url("0.0.0.0", 8765, "abc") == "http://0.0.0.0:8765/?token=abc"


def test_the_token_comes_from_the_setting_or_is_derived_from_the_key() -> None:
    assert wall_token({"VIELFALT_WALL_TOKEN": "selbst"}, "schluessel-0123456789") == "selbst"
    derived = wall_token({}, "schluessel-0123456789")
    assert derived == derive_token("schluessel-0123456789")
    assert derived is not None
    assert len(derived) == 32
    assert "schluessel" not in derived
    assert wall_token({}, None) is None


async def test_a_vote_reaches_an_open_event_stream_without_reloading(services: Services) -> None:
    question = await _ask(services, 1, "Wie geht es weiter?")
    async with (
        serve_wall(services, WallOptions(port=0)) as wall,
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{wall.port}/events") as stream,
    ):
        first = await asyncio.wait_for(next_state(stream), SECONDS)
        assert first["top"][0]["votes"] == 0
        await services.podium.toggle_vote(person(2), question)
        await asyncio.wait_for(_state_with_votes(stream, 1), SECONDS)


async def _state_with_votes(stream: aiohttp.ClientResponse, votes: int) -> None:
    while (await next_state(stream))["top"][0]["votes"] != votes:
        pass
