"""The Discord bot, driven through discord.py's real HTTP and gateway code against a fake Discord."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Settings
from bot.operations.heartbeat import heartbeat_file, read_heartbeat
from cogs._bot import VielfaltBot
from tests.discord_harness import file_appears, running_bot
from tests.fake_discord import FakeDiscord

EPHEMERAL = 64
HANDLER_SECONDS = 10.0


@pytest.fixture
async def discord_bot(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    async with running_bot(settings) as running:
        yield running


def _question(text: str) -> list[dict[str, Any]]:
    return [{"name": "frage", "type": 3, "value": text}]


async def test_commands_are_synced_to_the_configured_guild_with_english_names(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    sync = await fake.wait_for(lambda r: r.method == "PUT" and f"/guilds/{fake.guild_id}/commands" in r.path)
    commands = {command["name"]: command for command in sync.body}
    assert set(commands) == {
        "export",
        "statistik",
        "unbeantwortet",
        "kb",
        "audit",
        "frage",
        "stadt",
        "thesen",
        "these",
        "hilfe",
        "feedback",
        "meine-feedbacks",
        "meine-daten",
        "thesen-posten",
        "podium",
        "podium-liste",
        "sitzung",
    }
    assert int(commands["thesen-posten"]["default_member_permissions"]) == 1 << 5
    assert commands["podium"]["name_localizations"]["en-US"] == "ask-panel"
    assert commands["frage"]["name_localizations"]["en-US"] == "ask"
    assert commands["stadt"]["name_localizations"]["en-GB"] == "town"


async def test_bot_identifies_without_the_privileged_message_content_intent(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    assert fake.identify is not None
    message_content = 1 << 15
    assert fake.identify["intents"] & message_content == 0


async def test_frage_answers_with_title_text_and_sources_and_pings_nobody(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    callback = await fake.run_interaction(fake.slash("frage", _question("Wann war die Abschlusstagung?")))
    assert callback["type"] == 4
    embed = callback["data"]["embeds"][0]
    assert embed["title"].startswith("Abschlusstagung")
    assert "26. April 2018" in embed["description"]
    assert embed["fields"][0]["name"] == "Quellen"
    assert "https://" in embed["fields"][0]["value"]
    assert callback["data"]["allowed_mentions"]["parse"] == []


async def test_frage_from_an_english_client_is_answered_in_english(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    payload = fake.slash("frage", _question("Abschlusstagung Datum"), locale="en-US")
    embed = (await fake.answer_to(payload))["embeds"][0]
    assert "26 April 2018" in embed["description"]
    assert embed["fields"][0]["name"] == "Sources"


async def test_unsure_answer_offers_buttons_and_a_click_shows_that_answer(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    callback = await fake.answer_to(fake.slash("frage", _question("Who is the mayor of Zittau?")))
    buttons = [button for row in callback["components"] for button in row["components"]]
    suggestions = [button for button in buttons if button["custom_id"].startswith("vielfalt:antwort:")]
    assert suggestions
    assert [button["custom_id"] for button in buttons[len(suggestions) :]] == ["vielfalt:weiter:0", "vielfalt:weiter:1"]
    target = next(b for b in buttons if b["custom_id"] == "vielfalt:antwort:stadt-zittau")
    clicked = await fake.answer_to(fake.button_click(target["custom_id"], callback["components"]))
    assert clicked["flags"] & EPHEMERAL
    assert "Zittau" in clicked["embeds"][0]["description"]


async def test_unknown_question_is_answered_honestly_and_logged(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    callback = await fake.answer_to(fake.slash("frage", _question("Wie wird das Wetter morgen?")))
    assert "Dazu weiß ich leider nichts" in callback["embeds"][0]["description"]
    await bot.handlers_finished(HANDLER_SECONDS)  # noted after the answer
    frequent = await bot.services.question_log.most_frequent()
    assert [item.example for item in frequent] == ["Wie wird das Wetter morgen?"]


async def test_too_many_questions_get_a_friendly_cooldown_message(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    for _ in range(5):
        await fake.answer_to(fake.slash("frage", _question("Wer hat das Projekt geleitet?")))
    callback = await fake.answer_to(fake.slash("frage", _question("Wer hat das Projekt geleitet?")))
    assert callback["flags"] & EPHEMERAL
    assert callback["content"].startswith("Langsam, bitte")


async def test_town_autocomplete_offers_matching_towns(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    callback = await fake.run_interaction(fake.autocomplete("stadt", "name", "gos"))
    assert callback["type"] == 8
    assert callback["data"]["choices"] == [{"name": "Goslar", "value": "goslar"}]


async def test_stadt_shows_the_town_profile_with_state_and_population(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    callback = await fake.answer_to(fake.slash("stadt", [{"name": "name", "type": 3, "value": "goslar"}]))
    embed = callback["embeds"][0]
    assert embed["title"] == "Goslar"
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Bundesland"] == "Niedersachsen"
    assert "50.000" in fields["Einwohner"]


async def test_stadt_with_an_unknown_town_answers_privately(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    callback = await fake.answer_to(fake.slash("stadt", [{"name": "name", "type": 3, "value": "Hamburg"}]))
    assert callback["flags"] & EPHEMERAL
    assert "keine der neun Projektkommunen" in callback["content"]


async def test_thesen_lists_all_theses_with_the_derived_label(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    embed = (await fake.answer_to(fake.slash("thesen")))["embeds"][0]
    assert "kein Zitat aus dem Positionspapier" in embed["description"]
    assert all(t.title.de in embed["description"] for t in bot.services.questions.knowledge.theses)


async def test_these_autocomplete_and_detail(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    choices = (await fake.answer_to(fake.autocomplete("these", "these", "koord")))["choices"]
    assert choices == [{"name": "These 2: Koordination statt weiterer Einzelmaßnahmen", "value": "these-koordination"}]
    callback = await fake.answer_to(fake.slash("these", [{"name": "these", "type": 3, "value": "these-koordination"}]))
    embed = callback["embeds"][0]
    assert embed["title"] == "These 2: Koordination statt weiterer Einzelmaßnahmen"
    assert "kein Zitat aus dem Positionspapier" in embed["description"]


async def test_hilfe_lists_the_commands_privately(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    callback = await fake.answer_to(fake.slash("hilfe", locale="en-GB"))
    assert callback["flags"] & EPHEMERAL
    assert "/ask" in callback["embeds"][0]["description"]


async def test_mention_is_answered_as_a_reply_that_pings_nobody(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    await fake.dispatch("MESSAGE_CREATE", fake.mention_message("@everyone Wer hat das Projekt geleitet?"))
    reply = await fake.wait_for(
        lambda r: r.method == "POST" and r.path.endswith(f"/channels/{fake.channel_id}/messages")
    )
    assert "Bettina Reimann" in reply.body["embeds"][0]["description"]
    assert int(reply.body["message_reference"]["channel_id"]) == fake.channel_id
    assert reply.body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_a_failing_command_shows_a_friendly_message(
    discord_bot: tuple[FakeDiscord, VielfaltBot], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, bot = discord_bot

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(bot.services.questions, "ask", broken)
    callback = await fake.answer_to(fake.slash("frage", _question("Wer hat das Projekt geleitet?")))
    assert callback["flags"] & EPHEMERAL
    assert callback["content"] == "Da ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal."


async def test_every_message_in_a_qa_channel_is_a_question_and_needs_message_content(settings: Settings) -> None:
    async with running_bot(settings, qa_channel=True) as (fake, _):
        assert fake.identify is not None
        assert fake.identify["intents"] & (1 << 15)
        await fake.dispatch("MESSAGE_CREATE", fake.channel_message("Wer hat das Projekt geleitet?"))
        reply = await fake.wait_for(lambda r: r.method == "POST" and r.path.endswith("/messages"))
        assert "Bettina Reimann" in reply.body["embeds"][0]["description"]


async def test_plain_messages_outside_qa_channels_are_ignored(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    await fake.dispatch("MESSAGE_CREATE", fake.channel_message("Wer hat das Projekt geleitet?"))
    await fake.dispatch("MESSAGE_CREATE", fake.mention_message("Wann war die Abschlusstagung?"))
    reply = await fake.wait_for(lambda r: r.method == "POST" and r.path.endswith("/messages"))
    assert "26. April 2018" in reply.body["embeds"][0]["description"]
    assert sum(r.path.endswith("/messages") for r in fake.requests) == 1


async def test_closing_the_bot_lets_a_running_handler_finish_its_write(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(settings) as (fake, bot):
        service = bot.services.questions
        real_ask = service.ask
        started = asyncio.Event()

        async def slow_ask(*args: Any, **kwargs: Any) -> Any:
            started.set()
            await asyncio.sleep(0.3)
            return await real_ask(*args, **kwargs)

        monkeypatch.setattr(service, "ask", slow_ask)
        await fake.dispatch("INTERACTION_CREATE", fake.slash("frage", _question("Wie wird das Wetter morgen?")))
        await asyncio.wait_for(started.wait(), 10)
        await bot.close()
    with sqlite3.connect(settings.database_path) as connection:
        rows = connection.execute("SELECT question FROM question_log").fetchall()
    assert rows == [("Wie wird das Wetter morgen?",)]


async def test_an_unknown_question_is_answered_before_it_is_noted_for_the_curators(
    discord_bot: tuple[FakeDiscord, VielfaltBot], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Noting waits for the database, which may be locked for seconds; Discord waits 3 s for the answer."""
    fake, bot = discord_bot
    events: list[str] = []
    real_record = bot.services.question_log.record

    async def record(*args: Any, **kwargs: Any) -> None:
        events.append(f"noted after {len(fake.requests)} requests")
        await real_record(*args, **kwargs)

    monkeypatch.setattr(bot.services.question_log, "record", record)
    since = len(fake.requests)
    await fake.run_interaction(fake.slash("frage", _question("Wie wird das Wetter morgen?")))
    await bot.handlers_finished(HANDLER_SECONDS)
    answered_at = next(i for i, r in enumerate(fake.requests) if i >= since and r.path.endswith("/callback"))
    assert events == [f"noted after {answered_at + 1} requests"]


async def test_closing_the_bot_lets_a_running_handler_send_its_reply_first(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(settings) as (fake, bot):
        matcher = bot.services.questions
        real_ask = matcher.ask
        started = asyncio.Event()

        async def slow_ask(*args: Any, **kwargs: Any) -> Any:
            started.set()
            await asyncio.sleep(0.3)
            return await real_ask(*args, **kwargs)

        monkeypatch.setattr(matcher, "ask", slow_ask)
        payload = fake.slash("frage", _question("Wann war die Abschlusstagung?"))
        await fake.dispatch("INTERACTION_CREATE", payload)
        await asyncio.wait_for(started.wait(), HANDLER_SECONDS)
        await bot.close()
        replies = [r for r in fake.requests if r.path.startswith(f"/api/v10/interactions/{payload['id']}/")]
    assert len(replies) == 1
    assert "26. April 2018" in replies[0].body["data"]["embeds"][0]["description"]


HEARTBEAT_SECONDS = 2.0


async def test_the_heartbeat_is_written_while_connected_and_paused_while_disconnected(settings: Settings) -> None:
    path = heartbeat_file(settings.database_path)
    async with running_bot(settings) as (_, bot):
        assert await file_appears(path, HEARTBEAT_SECONDS)
        first = await asyncio.to_thread(read_heartbeat, path)
        assert first is not None
        assert first.guilds == 1
        await asyncio.to_thread(path.unlink)
        bot.dispatch("disconnect")
        await asyncio.sleep(0)
        await bot.beat()
        assert not await asyncio.to_thread(path.exists)
        bot.dispatch("resumed")
        assert await file_appears(path, HEARTBEAT_SECONDS)
    assert not path.exists(), "a stopped bot leaves no heartbeat behind"
