"""Every interaction gets its first response within Discord's 3 seconds, even while another process holds the
database's write lock for 4 seconds (issue 14.10). Bounded: one lock, nine interactions, all on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, PersonalData, Stance, Submission
from cogs import _feedback_ui
from tests.discord_harness import running_bot
from tests.fake_discord import EPHEMERAL, RESPONSE_SECONDS

THESIS = "these-koordination"
LOCK_SECONDS = 4.0


def _hold_write_lock(path: Path, taken: threading.Event, seconds: float) -> None:
    """What another process does to the database: takes the write lock and keeps it."""
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("BEGIN IMMEDIATE")
        taken.set()
        threading.Event().wait(seconds)
        connection.execute("COMMIT")
    connection.close()


async def test_every_interaction_is_answered_in_time_while_another_process_holds_the_write_lock(
    settings: Settings,
) -> None:
    async with running_bot(settings) as (fake, bot):
        await bot.services.feedback.submit(
            Identity("discord", str(fake.participant_id), "Teilnehmerin"),
            Submission(THESIS, Stance.AGREE, "Schon da"),
            channel="test",
        )
        asked = await bot.services.podium.submit(
            Identity("discord", "1", "Gast"), "Wer bezahlt die Koordination?", anonymous=False, channel="test"
        )
        assert asked.question is not None
        vote = f"vielfalt:stimme:{asked.question.id}"
        stance = f"vielfalt:haltung:t:{THESIS}"
        payloads = {
            "stance button": fake.button_click(
                stance, [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": stance}]}]
            ),
            "form submit": fake.modal_submit(f"vielfalt:fb:{THESIS}:z:0", {"kommentar": "Unter Last"}),
            "unknown /frage": fake.slash("frage", [{"name": "frage", "type": 3, "value": "Wie wird das Wetter?"}]),
            "/meine-daten": fake.subcommand("meine-daten", "anzeigen"),
            "/export": fake.slash("export", [{"name": "format", "type": 3, "value": "csv"}], member=fake.moderator),
            "/podium": fake.slash("podium", [{"name": "frage", "type": 3, "value": "Was kostet ein Leerstand?"}]),
            "vote button": fake.button_click(
                vote, [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": vote}]}]
            ),
            "podium form": fake.modal_submit("vielfalt:pf:1:0", {"frage": "Anonym unter Last?"}),
            "/podium-liste": fake.slash("podium-liste", member=fake.moderator),
        }
        taken = threading.Event()
        holder = asyncio.create_task(asyncio.to_thread(_hold_write_lock, settings.database_path, taken, LOCK_SECONDS))
        assert await asyncio.to_thread(taken.wait, LOCK_SECONDS)
        answers = await asyncio.gather(*(fake.answer_to(payload) for payload in payloads.values()))
        await holder
        first_responses = {name: fake.response_seconds[payload["id"]] for name, payload in payloads.items()}
    assert all(seconds < RESPONSE_SECONDS for seconds in first_responses.values()), first_responses
    assert all(answer.get("content") or answer.get("embeds") for answer in answers)


async def test_the_edit_button_asks_to_click_again_when_the_database_does_not_answer_in_time(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its answer must be a form, which cannot come after a deferral, so it may wait only a part of the 3 s."""
    monkeypatch.setattr(_feedback_ui, "READ_BUDGET_SECONDS", 0.05)
    async with running_bot(settings) as (fake, bot):
        never = asyncio.Event()

        async def stuck(*args: object) -> PersonalData:
            await never.wait()
            raise AssertionError("unreachable")

        monkeypatch.setattr(bot.services.feedback, "personal_data", stuck)
        edit = "vielfalt:edit:1"
        row = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "Bearbeiten", "custom_id": edit}]}]
        answer = await fake.answer_to(fake.button_click(edit, row))
    assert answer["flags"] & EPHEMERAL
    assert answer["content"].startswith("Die Datenbank ist gerade beschäftigt.")
