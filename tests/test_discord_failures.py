"""Every interaction path answers when storage fails: privately, saying nothing was saved, and handing back
what the user typed (issue 14.6). Storage failures are injected into the running bot's database, never faked
in the bot's own code."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.storage.database import Database
from cogs._bot import VielfaltBot
from tests.discord_harness import running_bot
from tests.fake_discord import EPHEMERAL, FakeDiscord

THESIS = "these-koordination"
NOT_SAVED = "Es wurde nichts gespeichert oder geändert."
JsonObject = dict[str, Any]


@pytest.fixture
async def discord_bot(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    async with running_bot(settings) as (fake, bot):
        participant = Identity("discord", str(fake.participant_id), "Teilnehmerin")
        await bot.services.feedback.submit(participant, Submission(THESIS, Stance.AGREE, "Alt"), channel="test")
        yield fake, bot


async def _break_writes(database: Database) -> None:
    """Read-only storage as SQLite reports it: every write fails with SQLITE_READONLY."""
    await database.connection.execute("PRAGMA query_only = ON")


def _break_reads(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged file as SQLite reports it on the first read."""

    @asynccontextmanager
    async def damaged(*args: object, **kwargs: object) -> AsyncIterator[Any]:
        raise sqlite3.DatabaseError("database disk image is malformed")
        yield

    monkeypatch.setattr(database, "reading", damaged)
    monkeypatch.setattr(database, "snapshot", damaged)


def _comment_id(bot: VielfaltBot) -> int:
    with sqlite3.connect(bot.settings.database_path) as connection:
        return int(connection.execute("SELECT id FROM comments").fetchone()[0])


def _components(custom_id: str) -> list[JsonObject]:
    return [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": custom_id}]}]


Interaction = Callable[[FakeDiscord, VielfaltBot], JsonObject]

WRITES: dict[str, Interaction] = {
    "stance button": lambda fake, _: fake.button_click(
        f"vielfalt:haltung:n:{THESIS}", _components(f"vielfalt:haltung:n:{THESIS}")
    ),
    "withdraw button": lambda fake, bot: fake.button_click(
        f"vielfalt:zurueck:c:{_comment_id(bot)}", _components(f"vielfalt:zurueck:c:{_comment_id(bot)}")
    ),
    "erase button": lambda fake, _: fake.button_click("vielfalt:loeschen:ja", _components("vielfalt:loeschen:ja")),
}
READS: dict[str, Interaction] = {
    "/meine-feedbacks": lambda fake, _: fake.slash("meine-feedbacks"),
    "/meine-daten anzeigen": lambda fake, _: fake.subcommand("meine-daten", "anzeigen"),
    "edit button": lambda fake, bot: fake.button_click(
        f"vielfalt:edit:{_comment_id(bot)}", _components(f"vielfalt:edit:{_comment_id(bot)}")
    ),
    "/export": lambda fake, _: fake.slash(
        "export", [{"name": "format", "type": 3, "value": "csv"}], member=fake.moderator
    ),
    "/statistik": lambda fake, _: fake.slash("statistik", member=fake.moderator),
    "/unbeantwortet": lambda fake, _: fake.slash("unbeantwortet", member=fake.moderator),
    "/audit": lambda fake, _: fake.slash("audit", member=fake.moderator),
}


@pytest.mark.parametrize("interaction", WRITES.values(), ids=WRITES.keys())
async def test_a_failed_write_is_answered_privately_saying_nothing_was_saved(
    discord_bot: tuple[FakeDiscord, VielfaltBot], interaction: Interaction
) -> None:
    fake, bot = discord_bot
    payload = interaction(fake, bot)
    await _break_writes(bot.services.database)
    answer = await fake.answer_to(payload)
    assert answer["flags"] & EPHEMERAL
    assert NOT_SAVED in answer["content"]


@pytest.mark.parametrize("interaction", READS.values(), ids=READS.keys())
async def test_a_failed_read_is_answered_privately(
    discord_bot: tuple[FakeDiscord, VielfaltBot], interaction: Interaction, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, bot = discord_bot
    payload = interaction(fake, bot)
    _break_reads(bot.services.database, monkeypatch)
    answer = await fake.answer_to(payload)
    assert answer["flags"] & EPHEMERAL
    assert NOT_SAVED in answer["content"]


async def test_a_form_that_cannot_be_stored_hands_the_comment_back_to_copy(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await _break_writes(bot.services.database)
    comment = "Koordination braucht *Personal* und Zeit.\nZweite Zeile."
    answer = await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": comment}))
    assert answer["flags"] & EPHEMERAL
    assert NOT_SAVED in answer["content"]
    assert answer["content"].endswith(f"Ihr Text zum Kopieren:\n```\n{comment}\n```")


async def test_an_edited_comment_that_cannot_be_stored_is_handed_back_in_english(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    custom_id = f"vielfalt:bearbeiten:{_comment_id(bot)}"
    await _break_writes(bot.services.database)
    answer = await fake.answer_to(fake.modal_submit(custom_id, {"kommentar": "Neue Fassung"}, locale="en-US"))
    assert "Nothing was saved or changed." in answer["content"]
    assert answer["content"].endswith("Your text, to copy:\n```\nNeue Fassung\n```")


async def test_a_comment_that_would_break_the_code_block_comes_back_as_a_file(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await _break_writes(bot.services.database)
    comment = "Beispiel: ```code``` im Text"
    request = await fake.answer_request(fake.modal_submit(f"vielfalt:fb:{THESIS}:-:0", {"kommentar": comment}))
    assert "in der angehängten Datei" in request.body["content"]
    assert request.files == {"vielfalt-ihr-text.txt": comment.encode()}


async def test_an_unknown_question_is_answered_even_when_it_cannot_be_noted(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await _break_writes(bot.services.database)
    payload = fake.slash("frage", [{"name": "frage", "type": 3, "value": "Wie wird das Wetter morgen?"}])
    answer = await fake.answer_to(payload)
    assert "Dazu weiß ich leider nichts" in answer["embeds"][0]["description"]
