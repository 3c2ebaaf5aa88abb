"""Autocomplete shared by every command that takes a thesis or a town."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.catalog import find_theses, find_towns
from bot.texts import thesis_title
from cogs._bot import services_of
from cogs._i18n import language_of
from cogs._limits import CHOICE_LIMIT, cut


async def thesis_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    knowledge = services_of(interaction.client).questions.knowledge
    language = language_of(interaction)
    return [
        app_commands.Choice(name=cut(thesis_title(t.number, t.title).get(language), CHOICE_LIMIT), value=t.id)
        for t in find_theses(knowledge, current)
    ]


async def town_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    knowledge = services_of(interaction.client).questions.knowledge
    return [app_commands.Choice(name=cut(t.name, CHOICE_LIMIT), value=t.id) for t in find_towns(knowledge, current)]
