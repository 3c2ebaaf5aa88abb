"""Questions to the podium, sessions and live messages end to end through discord.py and the strict fake Discord."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.podium.model import Status
from bot.services import open_services
from cogs._bot import VielfaltBot
from tests.discord_harness import running_bot
from tests.fake_discord import FakeDiscord, Member, Request
from tests.podium_helpers import person, session, write_sessions

EPHEMERAL = 64
MESSAGE = 4
MODAL = 9
EDIT_INTERVAL = 1.0


def quick_edits(bot: VielfaltBot) -> None:
    """Debouncing as in production, over a shorter interval so that the tests stay fast. (discord.py loads each
    extension as a module object of its own, so the cog is reached through the bot, not through an import.)"""
    live: Any = bot.get_cog("LiveCog")
    assert live is not None
    live.edit_interval, live.poll_interval = EDIT_INTERVAL, 0.05


@pytest.fixture
async def premoderated(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    write_sessions(settings.sessions_path, session("eins", theses=[1], premoderation=True))
    async with running_bot(settings) as running:
        quick_edits(running[1])
        yield running


@pytest.fixture
async def discord_bot(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    write_sessions(settings.sessions_path, session("eins", theses=[1]))
    async with running_bot(settings) as running:
        quick_edits(running[1])
        yield running


def _buttons(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for row in components for item in row["components"]]


def _row(custom_id: str) -> list[dict[str, Any]]:
    """A message carrying just this button: Discord sends the clicked button's message along."""
    return [{"type": 1, "components": [{"type": 2, "style": 2, "label": "x", "custom_id": custom_id}]}]


def _podium(question: str, anonymous: bool = False) -> list[dict[str, Any]]:
    return [{"name": "frage", "type": 3, "value": question}, {"name": "anonym", "type": 5, "value": anonymous}]


def _second_participant(fake: FakeDiscord) -> Member:
    return Member(900000000000000099, "Zweiter Gast")


async def _edit_showing(fake: FakeDiscord, message_id: str, words: str, since: int = 0) -> Request:
    return await fake.wait_for(
        lambda r: r.method == "PATCH" and r.path.endswith(f"/messages/{message_id}") and words in str(r.body), since
    )


async def test_question_goes_from_submission_through_approval_votes_and_highlight_to_answered(
    premoderated: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = premoderated
    asked = await fake.answer_to(fake.slash("podium", _podium("Wie geht es nach dem Projekt weiter?")))
    assert asked["flags"] & EPHEMERAL
    assert "sobald die Moderation sie freigibt" in asked["content"]
    assert fake.posts() == []

    queue = await fake.answer_to(fake.slash("podium-liste", member=fake.moderator))
    assert "Wie geht es nach dem Projekt weiter?" in queue["embeds"][0]["description"]
    [select] = _buttons(queue["components"])
    [option] = select["options"]
    picked = await fake.answer_to(
        fake.select(select["custom_id"], [option["value"]], queue["components"], member=fake.moderator)
    )
    approve = next(b for b in _buttons(picked["components"]) if b["custom_id"].startswith("vielfalt:pm:approve:"))
    done = await fake.answer_to(fake.button_click(approve["custom_id"], picked["components"], member=fake.moderator))
    assert "offen" in done["content"]
    post = await fake.wait_for(lambda r: r in fake.posts())
    [vote] = _buttons(post.body["components"])
    assert vote["label"] == "👍 0"
    assert post.body["allowed_mentions"] == {"parse": []}

    second = _second_participant(fake)
    counted = await fake.answer_to(fake.button_click(vote["custom_id"], post.body["components"], member=second))
    assert "Stimmen für die Frage jetzt: 1" in counted["content"]
    withdrawn = await fake.answer_to(fake.button_click(vote["custom_id"], post.body["components"], member=second))
    assert "zurückgenommen" in withdrawn["content"]
    again = await fake.answer_to(fake.button_click(vote["custom_id"], post.body["components"]))
    assert "Stimmen für die Frage jetzt: 1" in again["content"]

    question_id = int(option["value"])
    for action in ("highlight", "answer"):
        button = f"vielfalt:pm:{action}:{question_id}"
        await fake.answer_to(fake.button_click(button, _row(button), member=fake.moderator))
    question = await bot.services.podium.question(question_id)
    assert question is not None
    assert (question.status, question.votes, question.highlighted) == (Status.ANSWERED, 1, False)
    published = await bot.services.podium.store.live_message_for("question", str(question_id))
    assert published is not None
    answered = await _edit_showing(fake, published.message_id, "Beantwortet")
    assert answered.body["components"] == []


async def test_a_moderator_button_does_nothing_for_a_participant(premoderated: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = premoderated
    await fake.answer_to(fake.slash("podium", _podium("Eine Frage zur Moderation?")))
    [question] = await bot.services.podium.queue()
    button = f"vielfalt:pm:approve:{question.id}"
    refused = await fake.answer_to(fake.button_click(button, _row(button)))
    assert refused["flags"] & EPHEMERAL
    assert "nur für die Moderation" in refused["content"]
    assert (await bot.services.podium.question(question.id)).status is Status.PENDING  # type: ignore[union-attr]


async def test_an_unanswerable_question_can_be_passed_on_to_the_podium(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    question = "Wie wird das Wetter morgen auf der Tagung?"
    answer = await fake.answer_to(fake.slash("frage", [{"name": "frage", "type": 3, "value": question}]))
    assert answer["embeds"][0]["footer"]["text"] == f"Ihre Frage: {question}"
    forward = next(b for b in _buttons(answer["components"]) if b["custom_id"] == "vielfalt:weiter:1")
    form = await fake.run_interaction(fake.button_click(forward["custom_id"], answer["components"], message=answer))
    assert form["type"] == MODAL
    field = form["data"]["components"][0]["components"][0]
    assert (field["custom_id"], field["value"]) == ("frage", question)
    assert await bot.services.podium.queue() == []  # nothing before the person confirms
    stored = await fake.answer_to(fake.modal_submit(form["data"]["custom_id"], {"frage": question}))
    assert "beim Podium" in stored["content"]
    [kept] = await bot.services.podium.queue()
    assert (kept.body, kept.anonymous, kept.display_name) == (question, True, None)
    post = await fake.wait_for(lambda r: r in fake.posts())
    assert post.body["embeds"][0]["footer"]["text"].startswith("anonym gefragt")


async def test_a_similar_question_is_offered_for_an_upvote_or_can_be_submitted_anyway(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await fake.answer_to(fake.slash("podium", _podium("Wie wird die Koordination finanziert?")))
    second = _second_participant(fake)
    offer = await fake.answer_to(
        fake.slash("podium", _podium("Wie wird Koordination eigentlich finanziert"), member=second)
    )
    assert offer["flags"] & EPHEMERAL
    assert "Eine ähnliche Frage gibt es schon" in offer["embeds"][0]["description"]
    instead, anyway = _buttons(offer["components"])
    voted = await fake.answer_to(fake.button_click(instead["custom_id"], offer["components"], member=second))
    assert "Stimmen für die Frage jetzt: 1" in voted["content"]
    form = await fake.run_interaction(
        fake.button_click(anyway["custom_id"], offer["components"], member=second, message=offer)
    )
    assert form["data"]["components"][0]["components"][0]["value"] == "Wie wird Koordination eigentlich finanziert"
    await fake.answer_to(
        fake.modal_submit(
            form["data"]["custom_id"], {"frage": "Wie wird Koordination eigentlich finanziert"}, member=second
        )
    )
    questions = await bot.services.podium.queue()
    assert sorted((q.body, q.votes) for q in questions) == [
        ("Wie wird Koordination eigentlich finanziert", 0),
        ("Wie wird die Koordination finanziert?", 1),
    ]


async def test_a_closed_session_refuses_questions_and_feedback_in_friendly_words(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    close = [{"name": "schließen", "type": 1, "options": [{"name": "sitzung", "type": 3, "value": "eins"}]}]
    closed = await fake.answer_to(fake.slash("sitzung", close, member=fake.moderator))
    assert "ist geschlossen" in closed["content"]
    refused = await fake.answer_to(fake.slash("podium", _podium("Darf ich noch fragen?")))
    assert refused["flags"] & EPHEMERAL
    assert "„Sitzung eins“ ist geschlossen" in refused["content"]
    button = "vielfalt:haltung:z:these-daueraufgabe"
    stance = await fake.answer_to(fake.button_click(button, _row(button)))
    assert "Die Diskussion zu dieser These ist geschlossen" in stance["content"]
    data = await bot.services.feedback.personal_data(Identity("discord", str(fake.participant_id), None))
    assert data.is_empty
    assert await bot.services.podium.queue() == []


async def _close_session_eins(fake: FakeDiscord) -> None:
    close = [{"name": "schließen", "type": 1, "options": [{"name": "sitzung", "type": 3, "value": "eins"}]}]
    await fake.answer_to(fake.slash("sitzung", close, member=fake.moderator))


def _feedback_options(thesis: str) -> list[dict[str, Any]]:
    return [{"name": "these", "type": 3, "value": thesis}, {"name": "haltung", "type": 3, "value": "zustimmung"}]


@pytest.mark.parametrize("opened_by", ["/feedback", "comment button"])
async def test_feedback_on_a_closed_discussion_is_refused_privately_instead_of_opening_the_form(
    discord_bot: tuple[FakeDiscord, VielfaltBot], opened_by: str
) -> None:
    fake, _ = discord_bot
    await _close_session_eins(fake)
    button = "vielfalt:kommentieren:these-daueraufgabe"
    if opened_by == "/feedback":
        interaction = fake.slash("feedback", _feedback_options("1"))
    else:
        interaction = fake.button_click(button, _row(button))
    callback = await fake.run_interaction(interaction)
    assert callback["type"] == MESSAGE
    assert callback["data"]["flags"] & EPHEMERAL
    assert "Die Diskussion zu dieser These ist geschlossen (Sitzung „Sitzung eins“)" in callback["data"]["content"]
    assert "nimmt der Bot gerade nicht an" in callback["data"]["content"]
    assert fake.violations == []


async def test_the_refusal_before_the_form_follows_the_users_language(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    await _close_session_eins(fake)
    callback = await fake.run_interaction(fake.slash("feedback", _feedback_options("1"), locale="en-US"))
    assert callback["type"] == MESSAGE
    assert "The discussion of this thesis is closed (session 'Session eins')" in callback["data"]["content"]


async def test_feedback_on_a_thesis_of_an_open_session_still_opens_the_form(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    await _close_session_eins(fake)
    callback = await fake.run_interaction(fake.slash("feedback", _feedback_options("2")))
    assert callback["type"] == MODAL


async def test_a_session_closed_while_the_form_is_open_refuses_on_submit_and_hands_back_the_text(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    button = "vielfalt:kommentieren:these-daueraufgabe"
    form = await fake.run_interaction(fake.button_click(button, _row(button)))
    assert form["type"] == MODAL
    await _close_session_eins(fake)
    refused = await fake.answer_to(fake.modal_submit(form["data"]["custom_id"], {"kommentar": "Mein langer Text"}))
    assert refused["flags"] & EPHEMERAL
    assert "Die Diskussion zu dieser These ist geschlossen" in refused["content"]
    assert "Ihr Text zum Kopieren:" in refused["content"]
    assert "Mein langer Text" in refused["content"]
    data = await bot.services.feedback.personal_data(Identity("discord", str(fake.participant_id), None))
    assert data.is_empty


async def test_posted_theses_show_live_counts_with_debounced_edits(
    discord_bot: tuple[FakeDiscord, VielfaltBot], settings: Settings
) -> None:
    fake, bot = discord_bot
    await fake.answer_to(fake.slash("thesen-posten", member=fake.moderator))
    [message] = [m for m in await bot.services.podium.store.live_messages() if m.ref == "these-koordination"]
    started = len(fake.requests)
    stances = [Stance.AGREE] * 4 + [Stance.DISAGREE] * 2
    for number, stance in enumerate(stances):
        await bot.services.feedback.submit(person(number), Submission("these-koordination", stance), channel="x")
        await asyncio.sleep(0.1)
    last_stance = fake.clock()
    final = await _edit_showing(fake, message.message_id, "(6)", started)
    assert final.at - last_stance <= EDIT_INTERVAL + 0.5, "the last change is shown once the interval is over"
    edits = [r for r in fake.edits(message.message_id) if fake.requests.index(r) >= started]
    assert 1 <= len(edits) <= 2, "six stances in 0.6 s must cost at most two edits"
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(edits)]
    assert all(gap >= EDIT_INTERVAL - 0.05 for gap in gaps)
    opinion = next(f for f in final.body["embeds"][0]["fields"] if f["name"].startswith("Stimmungsbild"))
    assert "Zustimmung" in opinion["value"]
    assert " 4" in opinion["value"]
    assert fake.violations == []


async def test_after_a_restart_thesis_messages_catch_up_with_stances_given_meanwhile(settings: Settings) -> None:
    write_sessions(settings.sessions_path, session("eins", theses=[1]))
    async with running_bot(settings) as (fake, bot):
        await fake.answer_to(fake.slash("thesen-posten", member=fake.moderator))
        [message] = [m for m in await bot.services.podium.store.live_messages() if m.ref == "these-ressourcen"]
    async with open_services(settings) as services:  # e.g. the console, while the bot is down
        await services.feedback.submit(person(1), Submission("these-ressourcen", Stance.PARTLY), channel="console")
    async with running_bot(settings) as (fake, _):
        edit = await _edit_showing(fake, message.message_id, "(1)")
        assert edit.body["embeds"][0]["title"].startswith("These 7")
        assert len(fake.edits()) == 1
