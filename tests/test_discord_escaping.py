"""User text shown in Discord cannot format, link, ping, reorder or hide anything (issue 14.11)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.config import Settings
from cogs._escape import plain, shown
from tests.discord_harness import running_bot
from tests.fake_discord import Member

HOSTILE = [
    "**fett** __unterstrichen__ ~~durch~~ ||Spoiler|| `Code` ```Block```",
    "[Hier klicken](https://evil.example/login) und [noch einer](https://evil.example) *dazwischen*",
    "@everyone @here <@123456789012345678> <@&123456789012345678> <#123456789012345678>",
    "</frage:123456789012345678> <t:1700000000:R> <:emoji:123456789012345678>",
    "\u202eevil\u202c \u2066isoliert\u2069 \u200bunsichtbar\ufeff",
    "NUL\x00Byte \x1b[31mANSI\x1b[0m Glocke\x07",
    "# Überschrift",
    "> Zitat",
    "-# klein",
    "1. Liste",
    "\\*schon\\* \\\\*escaped\\\\* \\[x](y)",
    "Zeile eins\nZeile zwei\u2028Zeile drei",
]
TOKENS = ["*", "_", "~", "|", "`", "\\", "[", "]", "(", ")", "<", ">", "#", "-", "1.", "@", "@everyone", "@here"]
TOKENS += ["https://", "\n", " ", "\x00", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "a", "Ä", "👩🏽‍💻", "🩷"]
SPECIAL = set("*_~|`[<\\")


def _unescaped(rendered: str) -> str:
    """What a reader sees: Discord drops a backslash only before punctuation; the mention breakers are invisible."""
    return re.sub(r"\\([^0-9A-Za-z\s])", r"\1", rendered.replace("\u200b", ""))


def _active_markdown(rendered: str) -> list[str]:
    """Characters Discord would read as markdown, a mention or a link."""
    found = []
    escaped = False
    for index, char in enumerate(rendered):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in SPECIAL:
            found.append(f"{char!r} at {index}")
    for line in rendered.split("\n"):
        if re.match(r"\s*([>#*+-]|\d+\.\s)", line):
            found.append(f"line start {line[:5]!r}")
    found += re.findall(r"@(?:everyone|here|[!&]?\d{17,20})", rendered)
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_typed_without_any_effect(text: str) -> None:
    rendered = shown(text, one_line=False)
    assert _active_markdown(rendered) == []
    assert _unescaped(rendered) == plain(text, one_line=False)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\u202a-\u202e\u2066-\u2069\ufeff]", rendered)


def test_controls_are_stripped_and_emoji_sequences_kept() -> None:
    assert plain("\u202eevil\u202c NUL\x00 \x1b[31m 👩🏽‍💻 🏳️‍🌈") == "evil NUL [31m 👩🏽‍💻 🏳️‍🌈"


def test_on_one_line_every_line_break_becomes_one_space() -> None:
    assert plain("eins\n\nzwei\r\ndrei\u2028vier\tfünf") == "eins zwei drei vier fünf"


def test_text_is_cut_before_it_is_escaped() -> None:
    assert shown("*" * 200, 10) == "\\*" * 9 + "…"


@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=30).map("".join))
@example("*\n\u2028-")  # a list marker after an empty line: escape_markdown misplaces its backslash
@example("a\\\n\n-")
def test_any_text_reads_as_typed_and_nothing_in_it_is_markdown(text: str) -> None:
    for one_line in (True, False):
        rendered = shown(text, one_line=one_line)
        assert _active_markdown(rendered) == []
        assert _unescaped(rendered) == plain(text, one_line=one_line)


async def test_unanswered_questions_reach_moderators_escaped(settings: Settings) -> None:
    async with running_bot(settings) as (fake, bot):
        for question in HOSTILE[:6]:
            await bot.services.questions.ask(question, channel="test")
        stored = [item.example for item in await bot.services.question_log.most_frequent()]
        answer = await fake.answer_to(fake.slash("unbeantwortet", member=fake.moderator))
    listing = answer["embeds"][0]["description"]
    lines = [line.split("„", 1)[1].rsplit("“", 1)[0] for line in listing.split("\n")]
    assert len(stored) == len(HOSTILE[:6])
    assert sorted(_unescaped(line) for line in lines) == sorted(plain(question, 150) for question in stored)
    assert [line for line in lines if _active_markdown(line)] == []


async def test_a_display_name_and_comment_are_escaped_in_the_receipt(settings: Settings) -> None:
    async with running_bot(settings) as (fake, _):
        member = Member(900000000000000099, "**Boss** @everyone")
        submit = fake.modal_submit(
            "vielfalt:fb:these-koordination:z:0", {"kommentar": "[Link](https://evil.example) *wow*"}, member=member
        )
        answer = await fake.answer_to(submit)
    fields = {field["name"]: field["value"] for field in answer["embeds"][0]["fields"]}
    assert fields["Gespeichert als"] == "\\*\\*Boss\\*\\* @\u200beveryone"
    assert fields["Kommentar"] == "\\[Link](https://evil.example) \\*wow\\*"


async def test_what_the_user_typed_comes_back_escaped_in_an_error(settings: Settings) -> None:
    async with running_bot(settings) as (fake, _):
        payload = fake.slash("stadt", [{"name": "name", "type": 3, "value": "[Hamburg](https://evil.example) @here"}])
        answer = await fake.answer_to(payload)
    assert answer["content"].startswith("„\\[Hamburg](https://evil.example) @\u200bhere“ ist keine")
