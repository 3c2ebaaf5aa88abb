"""Moderator commands through discord.py's real code path; everyone else is refused and nothing happens."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from cogs._bot import VielfaltBot
from tests.discord_harness import running_bot
from tests.fake_discord import FakeDiscord, Request

EPHEMERAL = 64


@pytest.fixture
async def discord_bot(settings: Settings) -> AsyncIterator[tuple[FakeDiscord, VielfaltBot]]:
    async with running_bot(settings) as (fake, bot):
        for number in range(30):
            user = Identity("discord", str(number), f"Person {number}")
            await bot.services.feedback.submit(
                user,
                Submission("these-koordination", list(Stance)[number % 4], f"Kommentar {number} " + "x" * 80),
                channel="test",
            )
        yield fake, bot


async def _followup(fake: FakeDiscord, payload: dict[str, Any]) -> Request:
    request = await fake.answer_request(payload)
    assert request.path.startswith("/api/v10/webhooks/"), "moderator commands answer after deferring"
    return request


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("export", [{"name": "format", "type": 3, "value": "csv"}]),
        ("statistik", []),
        ("unbeantwortet", []),
        ("audit", []),
    ],
)
async def test_non_moderators_are_refused_privately(
    discord_bot: tuple[FakeDiscord, VielfaltBot], command: str, options: list[dict[str, Any]]
) -> None:
    fake, bot = discord_bot
    fake.allow_command(command, fake.orga_role_id)  # the server shows it to them; the bot still refuses
    callback = await fake.answer_to(fake.slash(command, options, member=fake.organiser))
    assert callback["flags"] & EPHEMERAL
    assert callback["content"] == "Dieser Befehl ist nur für die Moderation."
    assert await bot.services.moderation.audit_entries() == []


async def test_kb_reload_refuses_non_moderators(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    fake.allow_command("kb", fake.orga_role_id)
    callback = await fake.answer_to(fake.subcommand("kb", "neu-laden", member=fake.organiser))
    assert callback["content"] == "Dieser Befehl ist nur für die Moderation."


async def test_export_sends_the_csv_privately_and_is_audited(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    options = [{"name": "format", "type": 3, "value": "csv"}, {"name": "trennzeichen", "type": 3, "value": ","}]
    followup = await _followup(fake, fake.slash("export", options, member=fake.moderator))
    assert followup.body["flags"] & EPHEMERAL
    assert followup.body["content"].startswith("60 Zeilen exportiert")
    [(name, content)] = followup.files.items()
    assert name == "vielfalt-feedback.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=","))
    assert len(rows) == 60
    [entry] = await bot.services.moderation.audit_entries()
    assert (entry.action, entry.details["format"], entry.details["rows"]) == ("export", "csv", 60)


async def test_an_export_over_the_upload_limit_is_zipped(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    payload = fake.slash(
        "export", [{"name": "format", "type": 3, "value": "json"}], member=fake.moderator, upload_limit=6000
    )
    followup = await _followup(fake, payload)
    assert "komprimiert" in followup.body["content"]
    [(name, content)] = followup.files.items()
    assert name == "vielfalt-feedback.json.zip"
    assert zipfile.ZipFile(io.BytesIO(content)).namelist() == ["vielfalt-feedback.json"]


async def test_an_export_too_big_even_zipped_explains_the_command_line(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    payload = fake.slash(
        "export", [{"name": "format", "type": 3, "value": "xlsx"}], member=fake.moderator, upload_limit=100
    )
    followup = await _followup(fake, payload)
    assert followup.files == {}
    assert "vielfalt-bot export --format xlsx" in followup.body["content"]


async def test_export_with_an_unreadable_date_explains_the_format(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, _ = discord_bot
    options = [{"name": "format", "type": 3, "value": "csv"}, {"name": "von", "type": 3, "value": "gestern"}]
    followup = await _followup(fake, fake.slash("export", options, member=fake.moderator))
    assert "JJJJ-MM-TT" in followup.body["content"]


async def test_statistik_shows_counts_and_a_chart(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, _ = discord_bot
    followup = await _followup(fake, fake.slash("statistik", member=fake.moderator))
    fields = {field["name"]: field["value"] for field in followup.body["embeds"][0]["fields"]}
    assert "Kommentare: 30" in fields["These 2: Koordination statt weiterer Einzelmaßnahmen"]
    assert followup.files["statistik.png"].startswith(b"\x89PNG")


async def test_unbeantwortet_lists_the_most_frequent_open_questions(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    for _ in range(3):
        await bot.services.questions.ask("Wie wird das Wetter morgen?", channel="test")
    callback = await fake.answer_to(fake.slash("unbeantwortet", member=fake.moderator))
    assert "3× „Wie wird das Wetter morgen?“" in callback["embeds"][0]["description"]


async def test_kb_reload_reports_success_and_is_audited(discord_bot: tuple[FakeDiscord, VielfaltBot]) -> None:
    fake, bot = discord_bot
    followup = await _followup(fake, fake.subcommand("kb", "neu-laden", member=fake.moderator))
    assert followup.body["content"].startswith("Wissensbasis neu geladen:")
    callback = await fake.answer_to(fake.slash("audit", member=fake.moderator))
    assert "reload" in callback["embeds"][0]["description"]
    assert [e.action for e in await bot.services.moderation.audit_entries()] == ["reload"]


async def test_kb_reload_with_a_broken_file_keeps_answering(settings: Settings, knowledge_copy: Path) -> None:
    broken = Settings(settings.database_path, knowledge_copy, settings.thresholds, settings.pseudonym_key)
    async with running_bot(broken) as (fake, bot):
        (knowledge_copy / "begriffe.yaml").write_text("entries: [\n", encoding="utf-8")
        followup = await _followup(fake, fake.subcommand("kb", "neu-laden", member=fake.moderator))
        answer = await bot.services.questions.ask("Was ist der AMIF?", channel="test")
    assert followup.body["content"].startswith("Nicht neu geladen")
    assert "begriffe.yaml:line" in followup.body["content"]
    assert answer.entry_id == "begriff-amif"


async def test_unbeantwortet_groups_alike_questions_and_names_the_closest_entry(
    discord_bot: tuple[FakeDiscord, VielfaltBot],
) -> None:
    fake, bot = discord_bot
    for question in ("Wer ist Bürgermeister von Ilmenau?", "Bürgermeister Ilmenau"):
        await bot.services.questions.ask(question, channel="test")
    callback = await fake.answer_to(fake.slash("unbeantwortet", member=fake.moderator))
    description = callback["embeds"][0]["description"]
    assert "(+1 ähnliche) → am nächsten: Ilmenau – Steckbrief (stadt-ilmenau)" in description
