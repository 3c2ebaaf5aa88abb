"""The fake Discord must catch what it does not know, or the Discord tests could pass by accident."""

from __future__ import annotations

import aiohttp

from tests.fake_discord import FakeDiscord


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
