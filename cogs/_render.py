"""Turns domain results into Discord embeds and views; ``_limits`` fits them to Discord's limits when sent."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import discord

from bot import custom_ids
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis, Town
from bot.presentation import shown_sources
from bot.qa import Answer
from bot.texts import text, thesis_title
from cogs._bot import services_of
from cogs._i18n import language_of
from cogs._limits import BUTTON_LABEL_LIMIT, FIELD_LIMIT, cut, pages
from cogs._replies import answers_failures, reply_privately, respond

COLOUR = discord.Colour.from_rgb(0, 110, 140)


def answer_embed(answer: Answer, capabilities: str) -> discord.Embed:
    """The entry's title as heading, then the answering sentence(s) and their context, then the sources by
    title (three at most), the same order as the terminal's ``render_answer``."""
    if answer.status == "answer":
        embed = discord.Embed(title=answer.title or None, description=answer.text, colour=COLOUR)
        if answer.sources:
            embed.add_field(name=text("sources", answer.language), value=_source_titles(answer), inline=False)
        return embed
    if answer.status == "suggest":
        return discord.Embed(description=answer.text, colour=COLOUR)
    return discord.Embed(
        description=f"{text('unknown', answer.language)}\n\n{capabilities}", colour=discord.Colour.light_grey()
    )


def _source_titles(answer: Answer) -> str:
    shown, more = shown_sources(answer.sources, answer.language)
    lines = [f"{number}. [{_link_text(source.title)}]({source.url})" for number, source in enumerate(shown, start=1)]
    return cut("\n".join(lines + ([more] if more else [])), FIELD_LIMIT)


def _link_text(title: str) -> str:
    """Masked-link text must not close the bracket early."""
    return cut(title.replace("[", "(").replace("]", ")"), 200)


def answer_view(answer: Answer) -> discord.ui.View | None:
    if answer.status != "suggest":
        return None
    view = discord.ui.View(timeout=None)
    for number, suggestion in enumerate(answer.suggestions, start=1):
        view.add_item(AnswerButton(suggestion.entry_id, f"{number}. {suggestion.title}"))
    return view


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.ANSWER_BUTTON):
    """A "did you mean" choice; dynamic, so it keeps working after a restart."""

    def __init__(self, entry_id: str, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=cut(label or entry_id, BUTTON_LABEL_LIMIT),
                style=discord.ButtonStyle.secondary,
                custom_id=custom_ids.answer_button(entry_id),
            )
        )
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AnswerButton:
        return cls(match["entry"])

    @answers_failures
    async def callback(self, interaction: discord.Interaction) -> None:
        service = services_of(interaction.client).questions
        language = language_of(interaction)
        if self.entry_id not in service.knowledge.by_id:
            await reply_privately(interaction, text("entry_gone", language))
            return
        answer = service.entry_answer(self.entry_id, language)
        await respond(interaction, embeds=[answer_embed(answer, "")], ephemeral=True)


def town_embed(town: Town, language: str) -> discord.Embed:
    embed = discord.Embed(title=town.name, description=town.aspects.profile.get(language), colour=COLOUR)
    embed.add_field(name=text("state", language), value=town.state)
    embed.add_field(name=text("district", language), value=town.district)
    lines = [
        f"{_number(p.value, language)} ({p.year or text('year_unknown', language)}; {p.note})" for p in town.population
    ]
    embed.add_field(name=text("population", language), value="\n".join(lines), inline=False)
    return _with_sources(embed, [str(url) for url in town.sources], language)


def theses_pages(knowledge: KnowledgeBase, language: str) -> list[discord.Embed]:
    """Every thesis, on as many pages as their titles need."""
    return pages(
        text("theses_heading", language),
        intro=f"*{knowledge.thesis_label.get(language)}*\n",
        lines=[f"**{t.number}.** {t.title.get(language)}" for t in knowledge.theses],
        colour=COLOUR,
    )


def thesis_embed(knowledge: KnowledgeBase, thesis: Thesis, language: str) -> discord.Embed:
    description = f"*{knowledge.thesis_label.get(language)}*\n\n{thesis.statement.get(language)}"
    title = thesis_title(thesis.number, thesis.title).get(language)
    embed = discord.Embed(title=title, description=description, colour=COLOUR)
    embed.add_field(name=text("thesis_basis", language), value=thesis.basis.get(language), inline=False)
    return _with_sources(embed, [str(url) for url in thesis.sources], language)


def help_embed(capabilities: str, language: str) -> discord.Embed:
    description = f"{text('help_commands', language)}\n\n{capabilities}"
    return discord.Embed(title=text("help_title", language), description=description, colour=COLOUR)


def _with_sources(embed: discord.Embed, sources: Iterable[str], language: str) -> discord.Embed:
    """Sources as numbered lines, split over as many fields as Discord's 1,024-character limit needs."""
    chunk: list[str] = []
    for number, url in enumerate(sources, start=1):
        line = f"{number}. {url}"
        if chunk and len("\n".join([*chunk, line])) > FIELD_LIMIT:
            embed.add_field(name=text("sources", language), value="\n".join(chunk), inline=False)
            chunk = []
        chunk.append(cut(line, FIELD_LIMIT))
    if chunk:
        embed.add_field(name=text("sources", language), value="\n".join(chunk), inline=False)
    return embed


def _number(value: int, language: str) -> str:
    formatted = f"{value:,}"
    return formatted.replace(",", ".") if language == "de" else formatted
