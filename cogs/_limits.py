"""Discord's limits for what the bot sends, and the one place that makes every message fit them.

Every message goes out through :func:`fit_content` and :func:`fit_embeds` (``respond`` in ``_replies`` and the
channel posts call them), so no knowledge base or user input can make Discord refuse one. Lists that may grow
(statistics, theses, own feedback) are split into pages with :func:`pages` first, so nothing is cut from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import discord

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
FIELDS_PER_EMBED = 25
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000  # all the text of all embeds of one message
BUTTON_LABEL_LIMIT = 80
OPTION_LIMIT = 100  # select option label and description
OPTIONS_PER_SELECT = 25
SELECTS_PER_MESSAGE = 5  # one action row each
FORM_TITLE_LIMIT = 45  # also the label of a form's text input
CHOICE_LIMIT = 100  # autocomplete choice name
LEFT_OUT = "…"
PAGE_RESERVE = 12  # for " (12/12)" after the title of a page


def cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + LEFT_OUT


def fit_content(content: str | None) -> str | None:
    return None if content is None else cut(content, CONTENT_LIMIT)


def fit_embeds(embeds: Sequence[discord.Embed]) -> list[discord.Embed]:
    """The embeds of one message within Discord's limits: every text cut to its length, fields beyond 25 left out,
    and, from the last embed backwards, whatever takes the message over 6,000 characters (fields first, marked
    with "…", then the description)."""
    data = [_fit_parts(cast("dict[str, Any]", embed.to_dict())) for embed in embeds[:EMBEDS_PER_MESSAGE]]
    excess = sum(embed_characters(item) for item in data) - EMBED_TOTAL_LIMIT
    for item in reversed(data):
        if excess <= 0:
            break
        excess = _shed(item, excess)
    return [discord.Embed.from_dict(item) for item in data]


def pages(
    title: str,
    *,
    fields: Sequence[tuple[str, str]] = (),
    lines: Sequence[str] = (),
    intro: str = "",
    colour: discord.Colour | None = None,
) -> list[discord.Embed]:
    """As many embeds as Discord's limits need to show every field or line, one per message: each has at most 25
    fields, a description within 4,096 characters and 6,000 characters in all. The title says "(2/3)"."""
    budget = EMBED_TOTAL_LIMIT - len(title) - PAGE_RESERVE
    filled: list[discord.Embed] = []
    page = discord.Embed(description=cut(intro, DESCRIPTION_LIMIT) if intro else None, colour=colour)
    for name, value in ((cut(n or LEFT_OUT, FIELD_NAME_LIMIT), cut(v or "–", FIELD_LIMIT)) for n, v in fields):
        if len(page.fields) == FIELDS_PER_EMBED or len(page) + len(name) + len(value) > budget:
            filled.append(page)
            page = discord.Embed(colour=colour)
        page.add_field(name=name, value=value, inline=False)
    text_budget = min(DESCRIPTION_LIMIT, budget)
    for line in (cut(line, text_budget) for line in lines):
        described = page.description or ""
        if described and len(described) + 1 + len(line) > text_budget:
            filled.append(page)
            page = discord.Embed(colour=colour)
            described = ""
        page.description = f"{described}\n{line}" if described else line
    filled.append(page)
    for number, embed in enumerate(filled, start=1):
        embed.title = title if len(filled) == 1 else f"{title} ({number}/{len(filled)})"
    return filled


def embed_characters(embed: dict[str, Any]) -> int:
    """What counts towards the 6,000 characters of one message's embeds."""
    fields = embed.get("fields") or []
    texts = [
        embed.get("title"),
        embed.get("description"),
        (embed.get("footer") or {}).get("text"),
        (embed.get("author") or {}).get("name"),
        *(field.get("name") for field in fields),
        *(field.get("value") for field in fields),
    ]
    return sum(len(text or "") for text in texts)


def _fit_parts(embed: dict[str, Any]) -> dict[str, Any]:
    for key, limit in (("title", TITLE_LIMIT), ("description", DESCRIPTION_LIMIT)):
        if embed.get(key):
            embed[key] = cut(embed[key], limit)
    for key, part, limit in (("footer", "text", FOOTER_LIMIT), ("author", "name", AUTHOR_LIMIT)):
        if (embed.get(key) or {}).get(part):
            embed[key][part] = cut(embed[key][part], limit)
    fields = embed.get("fields") or []
    if len(fields) > FIELDS_PER_EMBED:
        fields = [*fields[: FIELDS_PER_EMBED - 1], {"name": LEFT_OUT, "value": LEFT_OUT, "inline": False}]
    embed["fields"] = [
        {
            **field,
            "name": cut(field["name"] or LEFT_OUT, FIELD_NAME_LIMIT),
            "value": cut(field["value"] or "–", FIELD_LIMIT),
        }
        for field in fields
    ]
    return embed


def _shed(embed: dict[str, Any], excess: int) -> int:
    """Leaves out fields from the end (marking the place with "…"), then shortens the description and the title,
    until ``excess`` characters are gone; returns what is left to shed."""
    fields = embed["fields"]
    marker = {"name": LEFT_OUT, "value": LEFT_OUT, "inline": False}
    if fields and excess > 0:
        while fields and excess + embed_characters({"fields": [marker]}) > 0:
            removed = fields.pop()
            excess -= len(removed["name"]) + len(removed["value"])
        fields.append(marker)
        excess += embed_characters({"fields": [marker]})
    for key in ("description", "title"):
        text = embed.get(key) or ""
        if excess > 0 and text:
            shorter = cut(text, max(len(text) - excess, 1))
            excess -= len(text) - len(shorter)
            embed[key] = shorter
    return excess
