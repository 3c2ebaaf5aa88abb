"""Buttons, forms and messages for questions to the podium.

Like the feedback components, each carries what it needs in its custom id (a question number, the anonymous
choice) and works after a restart. A question to pass on, or to submit despite a similar one, is read back from the
message its button sits under (the footer, which Discord shows as plain text), so no text needs to live in memory.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot import custom_ids
from bot.errors import UserError
from bot.feedback.validation import MAX_COMMENT_LENGTH
from bot.podium.model import Action, PodiumQuestion, Status, Submitted
from bot.podium.store import LiveMessage
from bot.texts import text
from cogs._bot import VielfaltBot, services_of
from cogs._checks import NotModerator, is_moderator
from cogs._escape import plain, shown
from cogs._feedback_ui import identity_of
from cogs._i18n import language_of
from cogs._limits import BUTTON_LABEL_LIMIT, FOOTER_LIMIT, FORM_TITLE_LIMIT, OPTION_LIMIT, cut
from cogs._render import COLOUR
from cogs._replies import answers_failures, defer_privately, form_values, reply_privately, respond

QUESTION_FIELD = "frage"
PODIUM_FORM = re.compile(custom_ids.PODIUM_FORM)
FORM_TIMEOUT_SECONDS = 30 * 60
HIGHLIGHT_COLOUR = discord.Colour.from_rgb(200, 120, 0)
MUTED_COLOUR = discord.Colour.light_grey()
_FOOTER_SEPARATOR = ": "
LIVE_COG = "LiveCog"


def question_footer(question: str, language: str) -> str:
    """The question as plain text in an embed footer, where Discord renders no markdown, links or mentions."""
    prefix = text("podium_your_question", language) + _FOOTER_SEPARATOR
    return prefix + plain(question, min(FOOTER_LIMIT - len(prefix), MAX_COMMENT_LENGTH))


def question_from(message: discord.Message | None) -> str:
    """The question a forward or "submit anyway" button refers to: the footer of the message it sits under."""
    if message is None or not message.embeds or not message.embeds[0].footer.text:
        return ""
    footer = message.embeds[0].footer.text
    return footer.split(_FOOTER_SEPARATOR, 1)[1] if _FOOTER_SEPARATOR in footer else footer


def forward_buttons(language: str) -> list[discord.ui.Item[Any]]:
    return [
        ForwardButton(False, text("podium_forward", language)),
        ForwardButton(True, text("podium_forward_anonymous", language)),
    ]


def question_embed(question: PodiumQuestion, language: str) -> discord.Embed:
    """A published question as everyone sees it: the text escaped, the asker's display name only if they gave it."""
    colour = (
        HIGHLIGHT_COLOUR if question.highlighted else COLOUR if question.status is Status.APPROVED else MUTED_COLOUR
    )
    title = text("podium_question_title", language)
    if question.highlighted:
        title = f"🎤 {title} – {text('podium_highlighted', language)}"
    embed = discord.Embed(title=title, description=shown(question.body, one_line=False), colour=colour)
    asker = (
        text("podium_asked_anonymously", language)
        if question.anonymous or not question.display_name
        else text("podium_asked_by", language, name=plain(question.display_name))
    )
    status = text(f"podium_status_{question.status.value}", language)
    embed.set_footer(text=f"{asker} · {status} · {question.votes} {text('votes', language)}")
    return embed


def question_view(question: PodiumQuestion, language: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(question.id, question.votes, disabled=question.status is not Status.APPROVED))
    return view


def question_message(
    question: PodiumQuestion | None, language: str
) -> tuple[str | None, list[discord.Embed], discord.ui.View | None]:
    """Content, embeds and view of a published question's message; withdrawn or hidden ones keep only a note."""
    if question is None:
        return text("podium_withdrawn_public", language), [], None
    if question.status is Status.HIDDEN:
        return text("podium_hidden_public", language), [], None
    if question.status is Status.ANSWERED:
        embed = question_embed(question, language)
        embed.add_field(name="✅", value=text("podium_answered_public", language), inline=False)
        return None, [embed], None
    return None, [question_embed(question, language)], question_view(question, language)


def question_shown_key(question: PodiumQuestion | None) -> str:
    """What a question's message shows, to tell whether it needs an edit."""
    if question is None:
        return "gone"
    return f"{question.status.value}|{question.votes}|{int(question.highlighted)}"


class PodiumForm(discord.ui.Modal):
    """Only renders the form: submissions are stored by the podium extension's interaction listener."""

    def __init__(self, *, anonymous: bool, force: bool, default: str, language: str) -> None:
        title = text("podium_form_title_anonymous" if anonymous else "podium_form_title", language)
        super().__init__(
            title=cut(title, FORM_TITLE_LIMIT),
            custom_id=custom_ids.podium_form(anonymous, force),
            timeout=FORM_TIMEOUT_SECONDS,
        )
        label = text("podium_form_label", language, limit=f"{MAX_COMMENT_LENGTH:,}".replace(",", "."))
        self.add_item(
            discord.ui.TextInput(
                label=cut(label, FORM_TITLE_LIMIT),
                custom_id=QUESTION_FIELD,
                style=discord.TextStyle.paragraph,
                required=True,
                default=cut(default, MAX_COMMENT_LENGTH) or None,
                max_length=MAX_COMMENT_LENGTH,
            )
        )

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        return None


def submitted_question(interaction: discord.Interaction[Any]) -> str:
    return form_values(interaction).get(QUESTION_FIELD, "")


async def submit_question(
    interaction: discord.Interaction[Any], question: str, *, anonymous: bool, force: bool
) -> None:
    """Stores the question (call after deferring) and answers privately; a similar public question is offered for a
    vote instead, with the person's own text kept in the offer so that "submit anyway" can bring it back."""
    client = interaction.client
    services = services_of(client)
    language = language_of(interaction)
    result = await services.podium.submit(
        identity_of(interaction),
        question,
        anonymous=anonymous,
        channel="discord",
        post_channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        force=force,
        idempotency_key=str(interaction.id),
    )
    await _answer_submission(interaction, result, question, anonymous, language)


async def _answer_submission(
    interaction: discord.Interaction[Any], result: Submitted, typed: str, anonymous: bool, language: str
) -> None:
    if result.duplicate is not None:
        existing = result.duplicate
        embed = discord.Embed(
            description=text("podium_duplicate", language, votes=existing.votes, question=shown(existing.body, 500)),
            colour=COLOUR,
        )
        embed.set_footer(text=question_footer(typed, language))
        view = discord.ui.View(timeout=None)
        view.add_item(VoteInsteadButton(existing.id, text("podium_vote_instead", language)))
        view.add_item(SubmitAnywayButton(anonymous, text("podium_submit_anyway", language)))
        await respond(interaction, embeds=[embed], view=view, ephemeral=True)
        return
    question = result.question
    assert question is not None
    session = services_of(interaction.client).podium.sessions.session(question.session_id)
    name = session.name.get(language) if session else question.session_id
    if result.replayed:
        message = text("podium_replayed", language)
    elif question.status is Status.PENDING:
        message = text("podium_stored_pending", language, session=plain(name))
    else:
        message = text("podium_stored", language, session=plain(name))
    await reply_privately(interaction, message)
    if question.status is Status.APPROVED and not result.replayed:
        await publish(interaction.client, question)


async def publish(client: discord.Client, question: PodiumQuestion) -> None:
    """Posts a question everyone may now see, with its vote button, and registers the message so that its count
    and status stay up to date (see the live extension)."""
    bot = client if isinstance(client, VielfaltBot) else None
    if bot is None:
        return
    store = bot.services.podium.store
    if await store.live_message_for("question", str(question.id)) is not None:
        return
    channel_id = bot.discord_settings.podium_channel_id or (
        int(question.post_channel_id) if question.post_channel_id else None
    )
    if channel_id is None:
        return
    content, embeds, view = question_message(question, "de")
    message = await bot.get_partial_messageable(channel_id).send(
        content, embeds=embeds, view=view or discord.utils.MISSING
    )
    await store.add_live_message(
        LiveMessage(str(message.id), str(channel_id), "question", str(question.id), "de", question_shown_key(question))
    )


def _moderator_or_refuse(interaction: discord.Interaction[Any]) -> None:
    settings = getattr(interaction.client, "discord_settings", None)
    if not is_moderator(interaction.user, settings.moderator_role if settings else None):
        raise NotModerator()


def _button(custom_id: str, label: str, style: discord.ButtonStyle, disabled: bool = False) -> discord.ui.Button[Any]:
    return discord.ui.Button(label=cut(label, BUTTON_LABEL_LIMIT), style=style, custom_id=custom_id, disabled=disabled)


class VoteButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.VOTE_BUTTON):
    """Shows the count; a click adds the clicker's vote, a second click withdraws it. The message itself is
    updated by the live extension, at most every few seconds, so a full hall voting stays within Discord's limits."""

    def __init__(self, question_id: int, votes: int = 0, *, disabled: bool = False) -> None:
        super().__init__(
            _button(custom_ids.vote_button(question_id), f"👍 {votes}", discord.ButtonStyle.primary, disabled)
        )
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["question"]))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        vote = await services_of(interaction.client).podium.toggle_vote(identity_of(interaction), self.question_id)
        key = "vote_counted" if vote.counted else "vote_withdrawn"
        await reply_privately(interaction, text(key, language_of(interaction), votes=vote.question.votes))
        _nudge(interaction.client)


class VoteInsteadButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.VOTE_INSTEAD_BUTTON):
    def __init__(self, question_id: int, label: str = "") -> None:
        super().__init__(
            _button(
                custom_ids.vote_instead_button(question_id), f"👍 {label or 'Stimmen'}", discord.ButtonStyle.primary
            )
        )
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteInsteadButton:
        return cls(int(match["question"]))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        vote = await services_of(interaction.client).podium.vote(identity_of(interaction), self.question_id)
        await reply_privately(interaction, text("vote_counted", language_of(interaction), votes=vote.question.votes))
        _nudge(interaction.client)


class ForwardButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.FORWARD_BUTTON):
    """Under an answer the bot could not give: opens the podium form with the question filled in; sending the
    form is the confirmation."""

    def __init__(self, anonymous: bool, label: str = "") -> None:
        super().__init__(
            _button(custom_ids.forward_button(anonymous), label or "Podium", discord.ButtonStyle.secondary)
        )
        self.anonymous = anonymous

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ForwardButton:
        return cls(match["anonymous"] == "1")

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _open_form(interaction, self.anonymous, force=False)


class SubmitAnywayButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.SUBMIT_ANYWAY_BUTTON):
    def __init__(self, anonymous: bool, label: str = "") -> None:
        super().__init__(
            _button(custom_ids.submit_anyway_button(anonymous), label or "OK", discord.ButtonStyle.secondary)
        )
        self.anonymous = anonymous

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SubmitAnywayButton:
        return cls(match["anonymous"] == "1")

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _open_form(interaction, self.anonymous, force=True)


async def _open_form(interaction: discord.Interaction[Any], anonymous: bool, *, force: bool) -> None:
    """The podium form, filled in with the question of the message the button is under."""
    form = PodiumForm(
        anonymous=anonymous, force=force, default=question_from(interaction.message), language=language_of(interaction)
    )
    await interaction.response.send_modal(form)


def queue_line(number: int, question: PodiumQuestion, language: str) -> str:
    marker = "🎤 " if question.highlighted else ""
    status = text(f"podium_status_{question.status.value}", language)
    return f"**{number}.** {marker}👍 {question.votes} · {status} · „{shown(question.body, 180)}“ (#{question.id})"


def queue_options(questions: list[PodiumQuestion], language: str) -> list[discord.SelectOption]:
    return [
        discord.SelectOption(
            label=plain(f"#{q.id} 👍 {q.votes} · {q.body}", OPTION_LIMIT),
            value=str(q.id),
            description=plain(text(f"podium_status_{q.status.value}", language), OPTION_LIMIT),
        )
        for q in questions
    ]


class PodiumSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=custom_ids.PODIUM_SELECT):
    """Moderators pick a question from the queue; the answer offers what can be done with it."""

    def __init__(self, page: int, options: list[discord.SelectOption] | None = None, placeholder: str = "") -> None:
        select = discord.ui.Select[Any](
            custom_id=custom_ids.podium_select(page), options=options or [], placeholder=placeholder or None
        )
        super().__init__(select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PodiumSelect:
        return cls(int(match["page"]))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        _moderator_or_refuse(interaction)
        values = self.item.values
        if not values or not values[0].isdigit():
            raise UserError("podium_no_such_question")
        await defer_privately(interaction)
        language = language_of(interaction)
        question = await services_of(interaction.client).podium.question(int(values[0]))
        if question is None:
            raise UserError("podium_no_such_question")
        await respond(
            interaction,
            embeds=[question_embed(question, language)],
            view=moderation_view(question, language),
            ephemeral=True,
        )


def moderation_view(question: PodiumQuestion, language: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    actions = []
    if question.status is not Status.APPROVED:
        actions.append((Action.APPROVE, "podium_approve", discord.ButtonStyle.success))
    if question.public:
        actions.append(
            (Action.UNHIGHLIGHT, "podium_unhighlight", discord.ButtonStyle.secondary)
            if question.highlighted
            else (Action.HIGHLIGHT, "podium_highlight", discord.ButtonStyle.primary)
        )
    if question.status is not Status.ANSWERED:
        actions.append((Action.ANSWER, "podium_answer", discord.ButtonStyle.secondary))
    if question.status is not Status.HIDDEN:
        actions.append((Action.HIDE, "podium_hide", discord.ButtonStyle.danger))
    for action, key, style in actions:
        view.add_item(ModerateButton(action, question.id, text(key, language), style))
    return view


class ModerateButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=custom_ids.MODERATE_BUTTON):
    def __init__(
        self,
        action: Action,
        question_id: int,
        label: str = "",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(_button(custom_ids.moderate_button(action.value, question_id), label or action.value, style))
        self.action = action
        self.question_id = question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ModerateButton:
        return cls(Action(match["action"]), int(match["question"]))

    @answers_failures
    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Checked here too: a moderator's private message could be forwarded, its buttons must not work for others."""
        _moderator_or_refuse(interaction)
        await defer_privately(interaction)
        language = language_of(interaction)
        podium = services_of(interaction.client).podium
        question = await podium.moderate(identity_of(interaction), self.question_id, self.action)
        if question.status is Status.APPROVED:
            await publish(interaction.client, question)
        status = text(f"podium_status_{question.status.value}", language)
        if question.highlighted:
            status = text("podium_highlighted", language)
        await reply_privately(interaction, text("podium_moderated", language, number=question.id, status=status))
        _nudge(interaction.client)


def _nudge(client: discord.Client) -> None:
    """Tells the live extension that something changed, so it need not wait for its next look."""
    live = client.get_cog(LIVE_COG) if isinstance(client, VielfaltBot) else None
    nudge = getattr(live, "nudge", None)
    if callable(nudge):
        nudge()


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    VoteButton,
    VoteInsteadButton,
    ForwardButton,
    SubmitAnywayButton,
    PodiumSelect,
    ModerateButton,
)
