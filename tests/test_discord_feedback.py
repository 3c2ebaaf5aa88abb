"""Feedback through discord.py's real code path: commands, forms and buttons store the right rows."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance
from cogs._bot import VielfaltBot
from tests.discord_harness import running_bot
from tests.fake_discord import FakeDiscord

EPHEMERAL = 64
MODAL = 9
THESIS = "these-koordination"


@pytest.fixture
async def discord_bot(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    async with running_bot(settings) as running:
        yield running


def _participant(fake: FakeDiscord) -> Identity:
    return Identity("discord", str(fake.participant_id), "Teilnehmerin")


def _buttons(components: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["custom_id"]: item for row in components for item in row["components"]}


def _form_field(form: dict[str, Any]) -> dict[str, Any]:
    [row] = form["components"]
    field: dict[str, Any] = row["components"][0] if "components" in row else row["component"]
    return field


async def test_feedback_command_opens_a_form_showing_the_length_limit(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    options = [{"name": "these", "type": 3, "value": "2"}, {"name": "haltung", "type": 3, "value": "zustimmung"}]
    callback = await fake.run_interaction(fake.slash("feedback", options))
    assert callback["type"] == MODAL
    form = callback["data"]
    assert form["custom_id"] == f"vielfalt:fb:{THESIS}:z:0"
    field = _form_field(form)
    assert (field["custom_id"], field["max_length"], field["required"]) == ("kommentar", 1000, False)
    assert "1.000 Zeichen" in (field.get("label") or form["components"][0].get("label", ""))


async def test_submitted_form_stores_stance_and_comment_and_confirms_privately(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    submit = fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "Koordination braucht Personal."})
    callback = await fake.answer_to(submit)
    assert callback["flags"] & EPHEMERAL
    fields = {f["name"]: f["value"] for f in callback["embeds"][0]["fields"]}
    assert fields == {
        "Haltung": "Zustimmung",
        "Kommentar": "Koordination braucht Personal.",
        "Gespeichert als": "Teilnehmerin",
    }
    data = await bot.services.feedback.personal_data(_participant(fake))
    assert [(s.thesis_id, s.stance) for s in data.current_stances] == [(THESIS, Stance.AGREE)]
    assert [(c.body, c.display_name) for c in data.comments] == [("Koordination braucht Personal.", "Teilnehmerin")]


async def test_anonymous_form_is_stored_without_the_display_name(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    callback = await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:a:1", {"kommentar": ""}))
    fields = {f["name"]: f["value"] for f in callback["embeds"][0]["fields"]}
    assert fields["Gespeichert als"] == "anonym"
    [stance] = (await bot.services.feedback.personal_data(_participant(fake))).stances
    assert (stance.stance, stance.anonymous, stance.display_name) == (Stance.DISAGREE, True, None)


async def test_a_redelivered_form_submission_is_stored_once(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    """Discord does not take a second response to one interaction, so the redelivery gets none."""
    fake, bot = discord_bot
    submission = fake.modal_submit(f"vielfalt:fb:{THESIS}:t:0", {"kommentar": "Einmal"}, interaction_id=4242)
    first = await fake.answer_to(submission)
    await fake.run_interaction(submission)
    assert "gespeichert" in first["embeds"][0]["description"]
    assert fake.take_violations() == ["interaction 4242: a second initial response"]
    data = await bot.services.feedback.personal_data(_participant(fake))
    assert (len(data.stances), len(data.comments)) == (1, 1)


async def test_an_overlong_comment_is_refused_and_nothing_is_stored(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    callback = await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "x" * 1001}))
    assert callback["flags"] & EPHEMERAL
    assert "1001 Zeichen" in callback["content"]
    assert (await bot.services.feedback.personal_data(_participant(fake))).is_empty


async def test_stance_buttons_under_a_thesis_store_the_stance(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    posted = await fake.answer_to(fake.slash("these", [{"name": "these", "type": 3, "value": THESIS}]))
    buttons = _buttons(posted["components"])
    assert [b["label"] for b in buttons.values()] == ["Zustimmung", "teilweise", "Ablehnung", "neutral", "Kommentieren"]
    clicked = await fake.answer_to(fake.button_click(f"vielfalt:haltung:n:{THESIS}", posted["components"]))
    assert clicked["flags"] & EPHEMERAL
    [stance] = (await bot.services.feedback.personal_data(_participant(fake))).current_stances
    assert stance.stance is Stance.NEUTRAL


async def test_comment_button_opens_a_form_that_requires_text(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    posted = await fake.answer_to(fake.slash("these", [{"name": "these", "type": 3, "value": THESIS}]))
    callback = await fake.run_interaction(fake.button_click(f"vielfalt:kommentieren:{THESIS}", posted["components"]))
    assert callback["type"] == MODAL
    form = callback["data"]
    assert form["custom_id"] == f"vielfalt:fb:{THESIS}:-:0"
    assert _form_field(form)["required"] is True
    await fake.answer_to(fake.modal_submit(form["custom_id"], {"kommentar": "Nur ein Kommentar"}))
    data = await bot.services.feedback.personal_data(_participant(fake))
    assert ([c.body for c in data.comments], data.stances) == (["Nur ein Kommentar"], ())


async def test_buttons_and_forms_from_before_a_restart_still_store(settings: Settings) -> None:
    """A fresh process never sent these components; they must work from their custom ids alone."""
    components = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 1, "label": "Zustimmung", "custom_id": f"vielfalt:haltung:z:{THESIS}"}],
        }
    ]
    async with running_bot(settings) as (fake, bot):
        await fake.answer_to(fake.button_click(f"vielfalt:haltung:z:{THESIS}", components))
        await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:-:0", {"kommentar": "Nach Neustart"}))
        data = await bot.services.feedback.personal_data(_participant(fake))
    assert [s.stance for s in data.current_stances] == [Stance.AGREE]
    assert [c.body for c in data.comments] == ["Nach Neustart"]


async def test_own_feedback_can_be_listed_edited_and_withdrawn(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "Erste Fassung"}))
    listed = await fake.answer_to(fake.slash("meine-feedbacks"))
    assert listed["flags"] & EPHEMERAL
    assert "Erste Fassung" in listed["embeds"][0]["description"]
    [select] = _buttons(listed["components"]).values()
    comment_option = next(o["value"] for o in select["options"] if o["value"].startswith("c:"))
    actions = await fake.answer_to(fake.select(select["custom_id"], [comment_option], listed["components"]))
    comment_id = comment_option.split(":")[1]
    form = await fake.answer_to(fake.button_click(f"vielfalt:edit:{comment_id}", actions["components"]))
    assert _form_field(form)["value"] == "Erste Fassung"
    await fake.answer_to(fake.modal_submit(form["custom_id"], {"kommentar": "Zweite Fassung"}))
    [comment] = (await bot.services.feedback.personal_data(_participant(fake))).comments
    assert (comment.body, comment.revisions) == ("Zweite Fassung", ("Erste Fassung",))
    withdrawn = await fake.answer_to(fake.button_click(f"vielfalt:zurueck:c:{comment_id}", actions["components"]))
    assert withdrawn["content"] == "Zurückgezogen."
    assert (await bot.services.feedback.personal_data(_participant(fake))).current_comments == ()


async def test_my_data_shows_everything_stored_as_a_private_file(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "Sichtbar"}))
    request = await fake.answer_request(fake.subcommand("meine-daten", "anzeigen"))
    assert request.body["flags"] & EPHEMERAL
    [(name, content)] = request.files.items()
    assert name == "vielfalt-meine-daten.json"
    stored = json.loads(content)
    assert [c["body"] for c in stored["comments"]] == ["Sichtbar"]
    assert str(fake.participant_id) not in content.decode()


async def test_deleting_my_data_asks_first_and_then_deletes_everything(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await fake.answer_to(fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "Weg damit"}))
    asked = await fake.answer_to(fake.subcommand("meine-daten", "löschen"))
    assert set(_buttons(asked["components"])) == {"vielfalt:loeschen:ja", "vielfalt:loeschen:nein"}
    assert not (await bot.services.feedback.personal_data(_participant(fake))).is_empty
    done = await fake.answer_to(fake.button_click("vielfalt:loeschen:ja", asked["components"]))
    assert done["content"].startswith("Gelöscht: 2 Einträge")
    assert (await bot.services.feedback.personal_data(_participant(fake))).is_empty


async def test_a_non_moderator_cannot_post_the_theses(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    fake.allow_command("thesen-posten", fake.orga_role_id)
    callback = await fake.answer_to(fake.slash("thesen-posten", member=fake.organiser))
    assert callback["flags"] & EPHEMERAL
    assert callback["content"] == "Dieser Befehl ist nur für die Moderation."
    assert not [r for r in fake.requests if r.path.endswith(f"/channels/{fake.channel_id}/messages")]


async def test_a_moderator_posts_every_thesis_with_feedback_buttons(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    await fake.answer_to(fake.slash("thesen-posten", member=fake.moderator))
    done = await fake.wait_for(lambda r: r.method == "POST" and r.path.startswith("/api/v10/webhooks/"))
    posts = [r for r in fake.requests if r.path.endswith(f"/channels/{fake.channel_id}/messages")]
    assert len(posts) == len(bot.services.questions.knowledge.theses)
    assert all("vielfalt:kommentieren:" in json.dumps(post.body["components"]) for post in posts)
    assert done.body["content"] == f"{len(posts)} Thesen mit Feedback-Knöpfen gepostet."


async def test_the_configured_moderator_role_may_post_the_theses(settings: Settings) -> None:
    async with running_bot(settings, moderator_role="Orga-Team") as (fake, _):
        fake.allow_command("thesen-posten", fake.orga_role_id)  # without Manage Server they need the override
        await fake.answer_to(fake.slash("thesen-posten", member=fake.organiser))
        done = await fake.wait_for(lambda r: r.method == "POST" and r.path.startswith("/api/v10/webhooks/"))
    assert "Thesen mit Feedback-Knöpfen gepostet" in done.body["content"]
