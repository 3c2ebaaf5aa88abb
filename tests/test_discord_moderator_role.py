"""The moderator role counts by id; by name only while exactly one role has that name (issue 14.15)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.config import Settings
from bot.operations.heartbeat import heartbeat_file, read_heartbeat
from tests.discord_harness import running_bot
from tests.fake_discord import EPHEMERAL, FakeDiscord, Member, Role

LOOKALIKE_ROLE = 900000000000000090
REFUSED = "Dieser Befehl ist nur für die Moderation."


def _with_lookalike() -> tuple[FakeDiscord, Member]:
    """Someone allowed to create roles made a second "Orga-Team" and gave it to themselves."""
    fake = FakeDiscord()
    fake.roles.append(Role(LOOKALIKE_ROLE, "Orga-Team", 0, 3))
    return fake, Member(900000000000000091, "Trickser", (LOOKALIKE_ROLE,))


async def _post_theses(fake: FakeDiscord, member: Member) -> str:
    fake.allow_command("thesen-posten", LOOKALIKE_ROLE)
    fake.allow_command("thesen-posten", fake.orga_role_id)
    answer = await fake.answer_to(fake.slash("thesen-posten", member=member))
    assert answer["flags"] & EPHEMERAL
    return str(answer["content"])


async def test_the_role_configured_by_id_counts(settings: Settings) -> None:
    fake, trickster = _with_lookalike()
    async with running_bot(settings, moderator_role=str(fake.orga_role_id), fake=fake) as (fake, bot):
        assert "Thesen mit Feedback-Knöpfen gepostet" in await _post_theses(fake, fake.organiser)
        assert await _post_theses(fake, trickster) == REFUSED
        await bot.beat()
        beat = await asyncio.to_thread(read_heartbeat, heartbeat_file(settings.database_path))
    assert beat is not None
    assert beat.moderator_role == "id"


async def test_a_name_that_several_roles_share_counts_for_nobody_and_is_reported(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    fake, trickster = _with_lookalike()
    with caplog.at_level(logging.WARNING, logger="cogs._checks"):
        async with running_bot(settings, moderator_role="Orga-Team", fake=fake) as (fake, bot):
            assert await _post_theses(fake, trickster) == REFUSED
            assert await _post_theses(fake, fake.organiser) == REFUSED
            await bot.beat()
            beat = await asyncio.to_thread(read_heartbeat, heartbeat_file(settings.database_path))
    assert beat is not None
    assert beat.moderator_role == "ambiguous"
    assert "several roles are named like VIELFALT_MODERATOR_ROLE" in caplog.text


async def test_a_unique_name_counts_and_members_with_manage_server_always_do(settings: Settings) -> None:
    async with running_bot(settings, moderator_role="Orga-Team") as (fake, bot):
        assert "gepostet" in await _post_theses(fake, fake.organiser)
        assert "gepostet" in await _post_theses(fake, fake.moderator)
        await bot.beat()
        beat = await asyncio.to_thread(read_heartbeat, heartbeat_file(settings.database_path))
    assert beat is not None
    assert beat.moderator_role == "name"
