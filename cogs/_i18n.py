"""Command names and descriptions in English for English Discord clients; German is the default."""

from __future__ import annotations

import discord
from discord import app_commands

ENGLISH_LOCALES = frozenset({discord.Locale.american_english, discord.Locale.british_english})


class Translator(app_commands.Translator):
    """Reads the English text from ``locale_str(..., en=...)`` so every string is defined where it is used."""

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        if locale in ENGLISH_LOCALES:
            english = string.extras.get("en")
            return str(english) if english else None
        return None


def language_of(interaction: discord.Interaction) -> str:
    return "en" if interaction.locale in ENGLISH_LOCALES else "de"
