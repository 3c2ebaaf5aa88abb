"""No knowledge base that passes ``kb check`` makes the bot send what Discord refuses (issue 14.13).

One helper fits every message to Discord's limits, lists are split into pages instead of being cut, and ``kb check``
refuses an id that would make a custom id too long. The strict fake Discord fails the test on any oversized request.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

import discord
import pytest
import yaml

from bot import custom_ids
from bot.config import Settings
from bot.knowledge.lint import lint
from bot.knowledge.loader import load_knowledge
from bot.matching.matcher import Matcher
from cogs._limits import fit_embeds, pages
from tests.discord_harness import running_bot
from tests.discord_limits import message_problems
from tests.fake_discord import FakeDiscord, Request

THESES = 30
LONGEST_THESIS_ID = custom_ids.longest_fitting_id(custom_ids.THESIS_ID_USES)
JsonObject = dict[str, Any]


def _words(rng: random.Random, characters: int) -> str:
    text = ""
    while len(text) < characters:
        text += "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 11))) + " "
    return text[:characters].strip()


def _sources(number: int, count: int) -> list[str]:
    return [f"https://example.org/{number}/{index}/" + "p" * 180 for index in range(count)]


def _register_sources(folder: Path, urls: list[str], rng: random.Random) -> list[str]:
    """Adds the URLs to sources.yaml with titles as long as the schema allows; returns their keys."""
    path = folder / "sources.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = [f"X{index}" for index in range(len(spec["sources"]), len(spec["sources"]) + len(urls))]
    spec["sources"].update({key: {"url": url, "title": _words(rng, 300)} for key, url in zip(keys, urls, strict=True)})
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return keys


def _oversized_knowledge(folder: Path) -> list[str]:
    """30 theses and one entry at sizes the schema allows but Discord does not; returns the thesis titles."""
    rng = random.Random(14)
    path = folder / "theses.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["theses"] = [
        {
            "id": f"these-{number:02d}-".ljust(LONGEST_THESIS_ID, "a"),
            "number": number,
            "title": {"de": _words(rng, 240), "en": _words(rng, 240)},
            "statement": {"de": _words(rng, 5000)},
            "basis": {"de": _words(rng, 1500)},
            "sources": _sources(number, 30),
        }
        for number in range(1, THESES + 1)
    ]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    keys = _register_sources(folder, _sources(0, 40), rng)
    entry = {
        "id": "gross-" + "b" * 74,
        "category": "projekt",
        "title": {"de": "Riesiger Eintrag " + _words(rng, 600)},
        "questions": {"de": ["Was steht im riesigen Eintrag?"]},
        "facts": [
            {
                "de": f"Der riesige Eintrag, Abschnitt {name}: " + _words(rng, 2500),
                "questions": {"de": [f"Was steht im Abschnitt {name} des riesigen Eintrags?"]},
                "sources": keys[number::4],
            }
            for number, name in enumerate(("Anfang", "Bergkamm", "Chorraum", "Dachboden"))
        ],
    }
    (folder / "gross.yaml").write_text(yaml.safe_dump({"entries": [entry]}), encoding="utf-8")
    return [thesis["title"]["de"] for thesis in spec["theses"]]


def _sent_messages(fake: FakeDiscord, since: int) -> list[JsonObject]:
    """Every message the bot sent from request ``since`` on: responses, follow-ups and channel posts."""

    def message(request: Request) -> JsonObject | None:
        if request.path.endswith("/callback"):
            return dict(request.body.get("data") or {})
        if "/webhooks/" in request.path or request.path.endswith("/messages"):
            return dict(request.body)
        return None

    return [found for request in fake.requests[since:] if (found := message(request)) is not None]


def test_one_oversized_embed_is_fitted_to_every_limit() -> None:
    embed = discord.Embed(title="T" * 500, description="D" * 65000)
    embed.set_footer(text="F" * 3000)
    embed.set_author(name="A" * 300)
    for number in range(30):
        embed.add_field(name="N" * 300, value="V" * 2000 if number else "")
    fitted = fit_embeds([embed])
    assert message_problems({"embeds": [item.to_dict() for item in fitted]}) == []
    assert fitted[0].fields[-1].value == "…"


def test_many_embeds_of_one_message_share_the_six_thousand_characters() -> None:
    embeds = [discord.Embed(title=f"{number}", description="x" * 4000) for number in range(12)]
    fitted = fit_embeds(embeds)
    assert len(fitted) == 10
    assert message_problems({"embeds": [item.to_dict() for item in fitted]}) == []
    assert fitted[0].description == "x" * 4000


def test_pages_hold_every_field_and_line_and_each_fits_one_message() -> None:
    fields = [(f"{number}: " + "n" * 250, "v" * 300) for number in range(60)]
    lines = [f"{number}. " + "l" * 900 for number in range(40)]
    for shown in (pages("Titel", fields=fields), pages("Titel", lines=lines, intro="*Hinweis*")):
        assert all(message_problems({"embeds": [page.to_dict()]}) == [] for page in shown)
        assert shown[0].title == f"Titel (1/{len(shown)})"
    assert [field.name for page in pages("Titel", fields=fields) for field in page.fields] == [n for n, _ in fields]
    described = "\n".join(page.description or "" for page in pages("Titel", lines=lines))
    assert all(line in described for line in lines)


def test_a_single_page_has_no_page_number() -> None:
    assert [page.title for page in pages("Titel", lines=["kurz"])] == ["Titel"]


@pytest.mark.parametrize(("length", "refused"), [(LONGEST_THESIS_ID, False), (LONGEST_THESIS_ID + 1, True)])
def test_kb_check_refuses_a_thesis_id_that_would_overflow_a_custom_id(
    knowledge_copy: Path, length: int, refused: bool
) -> None:
    path = knowledge_copy / "theses.yaml"
    long_id = "these-koordination".ljust(length, "x")
    path.write_text(path.read_text(encoding="utf-8").replace("id: these-koordination", f"id: {long_id}"), "utf-8")
    errors = lint(Matcher(load_knowledge(knowledge_copy))).errors
    expected = (
        f"theses.yaml:{long_id}:id: too long for Discord: it makes the custom id 'vielfalt:kommentieren:{long_id}' "
        f"{len(long_id) + 22} characters long (at most 100); shorten the id to at most 78 characters"
    )
    assert errors == ([expected] if refused else [])


def test_the_longest_id_the_schema_allows_fits_every_answer_button() -> None:
    assert custom_ids.longest_fitting_id(custom_ids.ENTRY_ID_USES) >= 80


async def test_a_knowledge_base_that_passes_kb_check_never_makes_the_bot_exceed_discords_limits(
    settings: Settings, knowledge_copy: Path
) -> None:
    titles = _oversized_knowledge(knowledge_copy)
    assert lint(Matcher(load_knowledge(knowledge_copy))).errors == []
    oversized = Settings(settings.database_path, knowledge_copy, settings.thresholds, settings.pseudonym_key)
    async with running_bot(oversized) as (fake, bot):
        thesis = bot.services.questions.knowledge.theses[6]
        since = len(fake.requests)
        await fake.answer_to(fake.slash("thesen"))
        await fake.answer_to(fake.slash("these", [{"name": "these", "type": 3, "value": thesis.id}]))
        await fake.answer_to(fake.slash("frage", [{"name": "frage", "type": 3, "value": "These 7"}]))
        await fake.answer_to(fake.slash("frage", [{"name": "frage", "type": 3, "value": "riesiger Eintrag"}]))
        await fake.answer_to(fake.autocomplete("these", "these", ""))
        stance = custom_ids.stance_button("z", thesis.id)
        row = [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": stance}]}]
        await fake.answer_to(fake.button_click(stance, row))
        await fake.answer_to(fake.slash("thesen-posten", member=fake.moderator))
        statistics = await fake.answer_request(fake.slash("statistik", member=fake.moderator))
        await bot.handlers_finished(10.0)
        messages = _sent_messages(fake, since)
    assert len(statistics.body["embeds"][0]["fields"]) <= 25
    assert [m for m in messages if message_problems(m)] == []
    listed = "\n".join(embed.get("description", "") for m in messages for embed in m.get("embeds", []))
    assert all(f"**{number}.** {title}" in listed for number, title in enumerate(titles, start=1))
    counted = [field["name"] for m in messages for embed in m.get("embeds", []) for field in embed.get("fields", [])]
    assert all(f"These {number}: {title}" in counted for number, title in enumerate(titles, start=1))
