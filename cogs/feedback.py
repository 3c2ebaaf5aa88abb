"""Feedback on theses: /feedback, stance and comment buttons, own feedback, own data, posting theses (whose stance
bars the live extension keeps current)."""

from __future__ import annotations

import io
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.catalog import thesis_for
from bot.feedback.model import Stance, Submission
from bot.feedback.validation import FeedbackError
from bot.podium.store import LiveMessage
from bot.texts import text
from cogs._bot import VielfaltBot
from cogs._checks import moderator_only
from cogs._choices import thesis_choices
from cogs._feedback_ui import (
    DYNAMIC_ITEMS,
    EDIT_FORM,
    FEEDBACK_FORM,
    erase_view,
    feedback_form,
    identity_of,
    my_feedback_pages,
    my_feedback_view,
    submit,
    submitted_comment,
)
from cogs._i18n import language_of
from cogs._limits import fit_embeds
from cogs._opinion import counts_by_thesis, opinion_key, thesis_message
from cogs._render import COLOUR
from cogs._replies import answers_failures, defer_privately, reply_privately, respond, respond_pages

STANCE_CHOICES = [
    app_commands.Choice(name=locale_str("Zustimmung", en="Agree"), value=Stance.AGREE.value),
    app_commands.Choice(name=locale_str("teilweise", en="Partly"), value=Stance.PARTLY.value),
    app_commands.Choice(name=locale_str("Ablehnung", en="Disagree"), value=Stance.DISAGREE.value),
    app_commands.Choice(name=locale_str("neutral", en="Neutral"), value=Stance.NEUTRAL.value),
]


class FeedbackCog(commands.Cog):
    my_data = app_commands.Group(
        name=locale_str("meine-daten", en="my-data"),
        description=locale_str("Was über Sie gespeichert ist", en="What is stored about you"),
    )

    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=locale_str("feedback", en="feedback"),
        description=locale_str("Rückmeldung zu einer These geben", en="Give feedback on a thesis"),
    )
    @app_commands.rename(
        these=locale_str("these", en="thesis"),
        haltung=locale_str("haltung", en="stance"),
        anonym=locale_str("anonym", en="anonymous"),
    )
    @app_commands.describe(
        these=locale_str("Nummer oder Stichwort", en="Number or keyword"),
        haltung=locale_str("Ihre Haltung zur These", en="Your stance on the thesis"),
        anonym=locale_str("Ohne Ihren Anzeigenamen speichern", en="Store without your display name"),
    )
    @app_commands.autocomplete(these=thesis_choices)
    @app_commands.choices(haltung=STANCE_CHOICES)
    async def feedback(
        self, interaction: discord.Interaction, these: str, haltung: app_commands.Choice[str], anonym: bool = False
    ) -> None:
        thesis = thesis_for(self.bot.services.questions.knowledge, these)
        if thesis is None:
            raise FeedbackError("no_such_thesis", typed=these)
        self.bot.services.feedback.ensure_open(thesis.id)  # in memory: a closed discussion is refused, no form
        form = feedback_form(thesis, Stance(haltung.value), anonym, language_of(interaction))
        await interaction.response.send_modal(form)

    @app_commands.command(
        name=locale_str("meine-feedbacks", en="my-feedback"),
        description=locale_str(
            "Eigene Rückmeldungen ansehen, ändern, zurückziehen", en="See, change or withdraw your feedback"
        ),
    )
    async def my_feedback(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        data = await self.bot.services.feedback.personal_data(identity_of(interaction))
        knowledge = self.bot.services.questions.knowledge
        view = my_feedback_view(knowledge, data, language)
        await respond_pages(interaction, my_feedback_pages(knowledge, data, language), view=view, ephemeral=True)

    @my_data.command(
        name=locale_str("anzeigen", en="show"),
        description=locale_str("Alles anzeigen, was über Sie gespeichert ist", en="Show everything stored about you"),
    )
    async def show_my_data(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        data = await self.bot.services.feedback.personal_data(identity_of(interaction))
        if data.is_empty:
            await reply_privately(interaction, text("my_data_empty", language))
            return
        summary = text(
            "my_data_summary",
            language,
            stances=len(data.stances),
            comments=len(data.comments),
            questions=len(data.podium_questions),
            votes=len(data.podium_votes),
        )
        embed = discord.Embed(title=text("my_data_title", language), description=summary, colour=COLOUR)
        copy = discord.File(io.BytesIO(data.to_json().encode()), filename="vielfalt-meine-daten.json")
        await respond(interaction, embeds=[embed], file=copy, ephemeral=True)

    @my_data.command(
        name=locale_str("löschen", en="delete"),
        description=locale_str("Alle Ihre Rückmeldungen endgültig löschen", en="Delete all your feedback for good"),
    )
    async def delete_my_data(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction)
        await respond(interaction, text("erase_question", language), view=erase_view(language), ephemeral=True)

    @app_commands.command(
        name=locale_str("thesen-posten", en="post-theses"),
        description=locale_str(
            "Alle Thesen mit Feedback-Knöpfen in diesen Kanal posten",
            en="Post all theses with feedback buttons to this channel",
        ),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def post_theses(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        if not isinstance(channel, discord.abc.Messageable):
            return
        await defer_privately(interaction)
        services = self.bot.services
        knowledge = services.questions.knowledge
        theses = knowledge.theses
        counts = counts_by_thesis(await services.moderation.statistics())
        for thesis in theses:
            embeds, view = thesis_message(knowledge, thesis, counts.get(thesis.id, {}), "de")
            message = await channel.send(embeds=fit_embeds(embeds), view=view)
            shown = opinion_key(counts.get(thesis.id, {}))
            await services.podium.store.add_live_message(
                LiveMessage(str(message.id), str(message.channel.id), "thesis", thesis.id, "de", shown)
            )
        await reply_privately(interaction, text("theses_posted", language_of(interaction), count=len(theses)))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Every feedback form lands here, including forms opened before a restart."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = _custom_id(interaction)
        if FEEDBACK_FORM.fullmatch(custom_id) or EDIT_FORM.fullmatch(custom_id):
            await self._store_form(interaction)

    @answers_failures
    async def _store_form(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        custom_id = _custom_id(interaction)
        if match := FEEDBACK_FORM.fullmatch(custom_id):
            stance = None if match["stance"] == "-" else Stance.from_code(match["stance"])
            submission = Submission(
                match["thesis"],
                stance,
                submitted_comment(interaction) or None,
                match["anonymous"] == "1",
                idempotency_key=str(interaction.id),
            )
            await submit(interaction, submission)
        elif match := EDIT_FORM.fullmatch(custom_id):
            comment_id = int(match["comment"])
            await self.bot.services.feedback.edit_comment(
                identity_of(interaction), comment_id, submitted_comment(interaction)
            )
            await reply_privately(interaction, text("comment_edited", language_of(interaction)))


def _custom_id(interaction: discord.Interaction) -> str:
    data: dict[str, Any] = dict(interaction.data or {})
    return str(data.get("custom_id", ""))


async def setup(bot: VielfaltBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(FeedbackCog(bot))
