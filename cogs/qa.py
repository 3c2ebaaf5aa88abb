"""Answering questions: /frage (/ask), @mentions, and optionally every message in Q&A channels."""

from __future__ import annotations

import math
import re

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.qa import MAX_QUESTION_LENGTH, Answer, InvalidQuestion
from bot.texts import text
from cogs._bot import VielfaltBot
from cogs._i18n import language_of
from cogs._limits import fit_embeds
from cogs._podium_ui import forward_buttons, question_footer
from cogs._render import AnswerButton, answer_embed, answer_view
from cogs._replies import respond

QUESTIONS_PER_WINDOW = 5
WINDOW_SECONDS = 60.0


class QuestionCog(commands.Cog):
    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot
        self._message_cooldown = commands.CooldownMapping.from_cooldown(
            QUESTIONS_PER_WINDOW, WINDOW_SECONDS, commands.BucketType.user
        )

    @app_commands.command(
        name=locale_str("frage", en="ask"),
        description=locale_str(
            "Eine Frage zum Projekt, den Städten oder dem Positionspapier stellen",
            en="Ask about the project, the towns or the position paper",
        ),
    )
    @app_commands.rename(frage=locale_str("frage", en="question"))
    @app_commands.describe(frage=locale_str("Ihre Frage", en="Your question"))
    @app_commands.checks.cooldown(QUESTIONS_PER_WINDOW, WINDOW_SECONDS, key=lambda i: i.user.id)
    async def ask(
        self, interaction: discord.Interaction, frage: app_commands.Range[str, 1, MAX_QUESTION_LENGTH]
    ) -> None:
        """Answers before it notes an unanswered question, which may wait for the database."""
        questions = self.bot.services.questions
        answer = await questions.ask(frage, language=language_of(interaction), channel="discord", record=False)
        embed, view = self._rendered(answer)
        await respond(interaction, embeds=[embed], view=view)
        await questions.record_unanswered(answer, channel="discord")

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot:
            return
        in_qa_channel = message.channel.id in self.bot.discord_settings.qa_channel_ids
        if me not in message.mentions and not in_qa_channel:
            return
        question = _without_mentions_of(me.id, message.content)
        service = self.bot.services.questions
        if not question:
            await message.reply(service.capabilities("de"), mention_author=False)
            return
        retry_after = self._message_cooldown.get_bucket(message).update_rate_limit()  # type: ignore[union-attr]
        if retry_after:
            await message.reply(text("cooldown", "de", seconds=math.ceil(retry_after)), mention_author=False)
            return
        try:
            answer = await service.ask(question, channel="discord", record=False)
        except InvalidQuestion as error:
            await message.reply(error.message("de"), mention_author=False)
            return
        embed, view = self._rendered(answer)
        await message.reply(embeds=fit_embeds([embed]), view=view or discord.utils.MISSING, mention_author=False)
        await service.record_unanswered(answer, channel="discord")

    def _rendered(self, answer: Answer) -> tuple[discord.Embed, discord.ui.View | None]:
        """An answer the bot cannot give (unknown, or only suggestions) offers to pass the question on to the
        podium; the question goes in the footer, as plain text, for the button to read back."""
        capabilities = self.bot.services.questions.capabilities(answer.language)
        embed, view = answer_embed(answer, capabilities), answer_view(answer)
        if answer.status == "answer":
            return embed, view
        embed.set_footer(text=question_footer(answer.question, answer.language))
        view = view or discord.ui.View(timeout=None)
        for button in forward_buttons(answer.language):
            view.add_item(button)
        return embed, view


def _without_mentions_of(user_id: int, content: str) -> str:
    return " ".join(re.sub(rf"<@!?{user_id}>", " ", content).split())


async def setup(bot: VielfaltBot) -> None:
    bot.add_dynamic_items(AnswerButton)
    await bot.add_cog(QuestionCog(bot))
