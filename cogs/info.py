"""Browsing: /stadt (/town), /thesen (/theses), /these (/thesis), /hilfe (/help)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.catalog import thesis_for, town_for
from bot.errors import UserError
from bot.knowledge.model import KnowledgeBase
from cogs._bot import VielfaltBot
from cogs._choices import thesis_choices, town_choices
from cogs._feedback_ui import thesis_feedback_view
from cogs._i18n import language_of
from cogs._render import help_embed, theses_pages, thesis_embed, town_embed
from cogs._replies import respond, respond_pages


class InfoCog(commands.Cog):
    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot

    @property
    def knowledge(self) -> KnowledgeBase:
        return self.bot.services.questions.knowledge

    @app_commands.command(
        name=locale_str("stadt", en="town"),
        description=locale_str("Steckbrief einer Projektkommune", en="Profile of a partner town"),
    )
    @app_commands.rename(name=locale_str("name", en="name"))
    @app_commands.describe(name=locale_str("Name der Stadt", en="Name of the town"))
    @app_commands.autocomplete(name=town_choices)
    async def town(self, interaction: discord.Interaction, name: str) -> None:
        language = language_of(interaction)
        town = town_for(self.knowledge, name)
        if town is None:
            raise UserError("no_such_town", typed=name)
        await respond(interaction, embeds=[town_embed(town, language)])

    @app_commands.command(
        name=locale_str("thesen", en="theses"),
        description=locale_str("Alle Diskussionsthesen", en="All discussion theses"),
    )
    async def theses(self, interaction: discord.Interaction) -> None:
        await respond_pages(interaction, theses_pages(self.knowledge, language_of(interaction)))

    @app_commands.command(
        name=locale_str("these", en="thesis"),
        description=locale_str("Eine Diskussionsthese im Detail", en="One discussion thesis in detail"),
    )
    @app_commands.rename(these=locale_str("these", en="thesis"))
    @app_commands.describe(these=locale_str("Nummer oder Stichwort", en="Number or keyword"))
    @app_commands.autocomplete(these=thesis_choices)
    async def thesis(self, interaction: discord.Interaction, these: str) -> None:
        language = language_of(interaction)
        found = thesis_for(self.knowledge, these)
        if found is None:
            raise UserError("no_such_thesis", typed=these)
        await respond(
            interaction,
            embeds=[thesis_embed(self.knowledge, found, language)],
            view=thesis_feedback_view(found.id, language),
        )

    @app_commands.command(
        name=locale_str("hilfe", en="help"), description=locale_str("Was der Bot kann", en="What the bot can do")
    )
    async def help(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction)
        capabilities = self.bot.services.questions.capabilities(language)
        await respond(interaction, embeds=[help_embed(capabilities, language)], ephemeral=True)


async def setup(bot: VielfaltBot) -> None:
    await bot.add_cog(InfoCog(bot))
