"""Buttons, forms and confirmations for feedback.

Every component carries what it needs in its custom id and is handled without in-memory state, so a
button or form from before a restart still works and still stores what the participant sent.
"""

from __future__ import annotations

import asyncio
import math
import re
from typing import Any

import discord

from bot import custom_ids
from bot.catalog import thesis_name
from bot.feedback.model import Identity, PersonalData, Receipt, Stance, Submission
from bot.feedback.validation import MAX_COMMENT_LENGTH, FeedbackError
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Thesis
from bot.texts import stance_label, text, thesis_title
from cogs._bot import services_of
from cogs._escape import plain, shown
from cogs._i18n import language_of
from cogs._limits import (
    BUTTON_LABEL_LIMIT,
    FORM_TITLE_LIMIT,
    OPTION_LIMIT,
    OPTIONS_PER_SELECT,
    SELECTS_PER_MESSAGE,
    cut,
    pages,
)
from cogs._render import COLOUR
from cogs._replies import answers_failures, defer_privately, form_values, reply_privately, respond

COMMENT_FIELD = "kommentar"
FEEDBACK_FORM = re.compile(custom_ids.FEEDBACK_FORM)
EDIT_FORM = re.compile(custom_ids.EDIT_FORM)
FORM_TIMEOUT_SECONDS = 30 * 60
READ_BUDGET_SECONDS = 2.0  # of Discord's 3 s for the initial response


def identity_of(interaction: discord.Interaction[Any]) -> Identity:
    return Identity("discord", str(interaction.user.id), interaction.user.display_name)


def _button(custom_id: str, label: str, style: discord.ButtonStyle) -> discord.ui.Button[Any]:
    return discord.ui.Button(label=cut(label, BUTTON_LABEL_LIMIT), style=style, custom_id=custom_id)


def thesis_feedback_view(thesis_id: str, language: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for stance in Stance:
        view.add_item(StanceButton(stance, thesis_id, stance_label(stance, language)))
    view.add_item(CommentButton(thesis_id, text("comment_button", language)))
    return view


class FeedbackForm(discord.ui.Modal):
    """Only renders the form: submissions are stored by the feedback extension's interaction listener,
    which needs no in-memory state, so a form opened before a restart is not lost."""

    def __init__(self, *, custom_id: str, title: str, label: str, default: str | None, required: bool) -> None:
        super().__init__(title=cut(title, FORM_TITLE_LIMIT), custom_id=custom_id, timeout=FORM_TIMEOUT_SECONDS)
        self.add_item(
            discord.ui.TextInput(
                label=cut(label, FORM_TITLE_LIMIT),
                custom_id=COMMENT_FIELD,
                style=discord.TextStyle.paragraph,
                required=required,
                default=default,
                max_length=MAX_COMMENT_LENGTH,
            )
        )

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        return None


def feedback_form(thesis: Thesis, stance: Stance | None, anonymous: bool, language: str) -> FeedbackForm:
    return FeedbackForm(
        custom_id=custom_ids.feedback_form(thesis.id, stance.code if stance else None, anonymous),
        title=thesis_title(thesis.number, thesis.title).get(language),
        label=text(
            "comment_label_optional" if stance else "comment_label_required",
            language,
            limit=f"{MAX_COMMENT_LENGTH:,}".replace(",", "."),
        ),
        default=None,
        required=stance is None,
    )


def edit_form(comment_id: int, body: str, language: str) -> FeedbackForm:
    return FeedbackForm(
        custom_id=custom_ids.edit_form(comment_id),
        title=text("edit_comment_title", language),
        label=text("comment_label_required", language, limit=MAX_COMMENT_LENGTH),
        default=body,
        required=True,
    )


def submitted_comment(interaction: discord.Interaction[Any]) -> str:
    """The comment field's value from a form submission."""
    return form_values(interaction).get(COMMENT_FIELD, "")


async def submit(interaction: discord.Interaction[Any], submission: Submission) -> None:
    """Stores and confirms privately; call it after deferring. A refused submission raises
    :class:`FeedbackError` and nothing is stored."""
    services = services_of(interaction.client)
    receipt = await services.feedback.submit(identity_of(interaction), submission, channel="discord")
    embed = receipt_embed(services.questions.knowledge, receipt, language_of(interaction))
    await respond(interaction, embeds=[embed], ephemeral=True)


def receipt_embed(knowledge: KnowledgeBase, receipt: Receipt, language: str) -> discord.Embed:
    title = thesis_name(knowledge, receipt.thesis_id, language)
    key = "feedback_already_stored" if receipt.duplicate else "feedback_stored"
    embed = discord.Embed(title=title, description=text(key, language, thesis=title), colour=COLOUR)
    if receipt.stance:
        embed.add_field(name=text("stance", language), value=stance_label(receipt.stance, language))
    if receipt.comment:
        embed.add_field(name=text("comment", language), value=shown(receipt.comment, one_line=False), inline=False)
    stored_as = text("anonymous", language) if receipt.anonymous else shown(receipt.display_name or "–")
    embed.add_field(name=text("stored_as", language), value=stored_as)
    return embed


def my_feedback_pages(knowledge: KnowledgeBase, data: PersonalData, language: str) -> list[discord.Embed]:
    lines = [
        f"**{thesis_name(knowledge, s.thesis_id, language)}** – {stance_label(s.stance, language)}"
        for s in data.current_stances
    ]
    lines += [
        f"**{thesis_name(knowledge, c.thesis_id, language)}** – „{shown(c.body, 120)}“" for c in data.current_comments
    ]
    lines = lines or [text("no_feedback_yet", language)]
    return pages(text("my_feedback_title", language), lines=lines, colour=COLOUR)


def my_feedback_view(knowledge: KnowledgeBase, data: PersonalData, language: str) -> discord.ui.View | None:
    """Selects of 25 options each, as many as one message holds (125 pieces of feedback)."""

    def name(thesis_id: str) -> str:
        return thesis_name(knowledge, thesis_id, language)

    options = [
        _option(f"{name(s.thesis_id)}: {stance_label(s.stance, language)}", custom_ids.stance_option(s.thesis_id))
        for s in data.current_stances
    ]
    options += [
        _option(f"{name(c.thesis_id)}: {c.body}", custom_ids.comment_option(c.id)) for c in data.current_comments
    ]
    if not options:
        return None
    view = discord.ui.View(timeout=None)
    for page in range(min(math.ceil(len(options) / OPTIONS_PER_SELECT), SELECTS_PER_MESSAGE)):
        chunk = options[page * OPTIONS_PER_SELECT : (page + 1) * OPTIONS_PER_SELECT]
        view.add_item(MyFeedbackSelect(page, chunk, text("pick_feedback", language)))
    return view


def _option(label: str, value: str) -> discord.SelectOption:
    return discord.SelectOption(label=plain(label, OPTION_LIMIT), value=value)


class StanceButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.STANCE_BUTTON):
    def __init__(self, stance: Stance, thesis_id: str, label: str = "") -> None:
        super().__init__(
            _button(
                custom_ids.stance_button(stance.code, thesis_id), label or stance.value, discord.ButtonStyle.primary
            )
        )
        self.stance = stance
        self.thesis_id = thesis_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> StanceButton:
        return cls(Stance.from_code(match["code"]), match["thesis"])

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        await submit(interaction, Submission(self.thesis_id, self.stance, idempotency_key=str(interaction.id)))


class CommentButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.COMMENT_BUTTON):
    def __init__(self, thesis_id: str, label: str = "") -> None:
        super().__init__(
            _button(custom_ids.comment_button(thesis_id), label or "Kommentieren", discord.ButtonStyle.secondary)
        )
        self.thesis_id = thesis_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> CommentButton:
        return cls(match["thesis"])

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        services = services_of(interaction.client)
        thesis = services.questions.knowledge.thesis(self.thesis_id)
        if thesis is None:
            raise FeedbackError("no_such_thesis", typed=self.thesis_id)
        services.feedback.ensure_open(thesis.id)  # in memory: a closed discussion is refused, no form
        await interaction.response.send_modal(feedback_form(thesis, None, False, language_of(interaction)))


class MyFeedbackSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=custom_ids.OWN_FEEDBACK_SELECT):
    def __init__(self, page: int, options: list[discord.SelectOption] | None = None, placeholder: str = "") -> None:
        select = discord.ui.Select[Any](
            custom_id=custom_ids.own_feedback_select(page), options=options or [], placeholder=placeholder or None
        )
        super().__init__(select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MyFeedbackSelect:
        return cls(int(match["page"] or 0))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        language = language_of(interaction)
        values = self.item.values
        kind, _, key = (values[0] if values else "").partition(":")
        view = discord.ui.View(timeout=None)
        if kind == "s":
            for stance in Stance:
                view.add_item(StanceButton(stance, key, stance_label(stance, language)))
        elif kind == "c" and key.isdigit():
            view.add_item(EditButton(int(key), text("edit", language)))
        else:
            raise FeedbackError("no_such_feedback")
        view.add_item(WithdrawButton(kind, key, text("withdraw", language)))
        await respond(interaction, text("what_to_do", language), view=view, ephemeral=True)


class EditButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.EDIT_BUTTON):
    def __init__(self, comment_id: int, label: str = "") -> None:
        super().__init__(
            _button(custom_ids.edit_button(comment_id), label or "Bearbeiten", discord.ButtonStyle.secondary)
        )
        self.comment_id = comment_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> EditButton:
        return cls(int(match["comment"]))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """A form must be the initial response, so it cannot wait behind a deferral: the current text is read
        within a budget that leaves time to answer, and a busy database gets a "try again" instead."""
        language = language_of(interaction)
        feedback = services_of(interaction.client).feedback
        try:
            data = await asyncio.wait_for(feedback.personal_data(identity_of(interaction)), READ_BUDGET_SECONDS)
        except TimeoutError:
            await reply_privately(interaction, text("busy_try_again", language))
            return
        comment = next((c for c in data.current_comments if c.id == self.comment_id), None)
        if comment is None:
            raise FeedbackError("no_such_feedback")
        await interaction.response.send_modal(edit_form(comment.id, comment.body, language))


class WithdrawButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.WITHDRAW_BUTTON):
    def __init__(self, kind: str, key: str, label: str = "") -> None:
        super().__init__(
            _button(custom_ids.withdraw_button(kind, key), label or "Zurückziehen", discord.ButtonStyle.danger)
        )
        self.kind = kind
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> WithdrawButton:
        return cls(match["kind"], match["key"])

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        feedback = services_of(interaction.client).feedback
        if self.kind == "s":
            await feedback.withdraw_stance(identity_of(interaction), self.key)
        elif self.key.isdigit():
            await feedback.withdraw_comment(identity_of(interaction), int(self.key))
        else:
            raise FeedbackError("no_such_feedback")
        await reply_privately(interaction, text("withdrawn", language_of(interaction)))


class EraseButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.ERASE_BUTTON):
    def __init__(self, confirm: bool, label: str = "") -> None:
        super().__init__(
            _button(
                custom_ids.erase_button(confirm),
                label or ("Ja" if confirm else "Nein"),
                discord.ButtonStyle.danger if confirm else discord.ButtonStyle.secondary,
            )
        )
        self.confirm = confirm

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> EraseButton:
        return cls(match["answer"] == "ja")

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        language = language_of(interaction)
        if not self.confirm:
            await reply_privately(interaction, text("erase_cancelled", language))
            return
        await defer_privately(interaction)
        erasure = await services_of(interaction.client).feedback.erase(identity_of(interaction))
        await reply_privately(interaction, text(erasure.text_key, language, count=erasure.records))


def erase_view(language: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(EraseButton(True, text("erase_yes", language)))
    view.add_item(EraseButton(False, text("erase_no", language)))
    return view


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    StanceButton,
    CommentButton,
    MyFeedbackSelect,
    EditButton,
    WithdrawButton,
    EraseButton,
)
