"""Questions to the podium: /podium, the moderators' queue /podium-liste, and /sitzung to open and close sessions."""

from __future__ import annotations

import math
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.feedback.validation import MAX_COMMENT_LENGTH
from bot.podium.model import Sort
from bot.podium.sessions import Session
from bot.texts import text
from cogs._bot import VielfaltBot
from cogs._checks import moderator_only
from cogs._escape import plain, shown
from cogs._feedback_ui import identity_of
from cogs._i18n import language_of
from cogs._limits import CHOICE_LIMIT, OPTIONS_PER_SELECT, SELECTS_PER_MESSAGE, pages
from cogs._podium_ui import (
    DYNAMIC_ITEMS,
    PODIUM_FORM,
    PodiumSelect,
    queue_line,
    queue_options,
    submit_question,
    submitted_question,
)
from cogs._render import COLOUR
from cogs._replies import answers_failures, defer_privately, reply_privately, respond_pages

SORT_CHOICES = [
    app_commands.Choice(name=locale_str("nach Stimmen", en="by votes"), value="votes"),
    app_commands.Choice(name=locale_str("nach Zeit", en="by time"), value="time"),
]


class PodiumCog(commands.Cog):
    session_group = app_commands.Group(
        name=locale_str("sitzung", en="session"),
        description=locale_str("Sitzungen öffnen und schließen", en="Open and close sessions"),
        default_permissions=discord.Permissions(manage_guild=True),
        guild_only=True,
    )

    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=locale_str("podium", en="ask-panel"),
        description=locale_str("Eine Frage ans Podium stellen", en="Put a question to the panel"),
    )
    @app_commands.rename(frage=locale_str("frage", en="question"), anonym=locale_str("anonym", en="anonymous"))
    @app_commands.describe(
        frage=locale_str("Ihre Frage ans Podium", en="Your question to the panel"),
        anonym=locale_str("Ohne Ihren Anzeigenamen stellen", en="Ask without your display name"),
    )
    async def podium(
        self,
        interaction: discord.Interaction,
        frage: app_commands.Range[str, 1, MAX_COMMENT_LENGTH],
        anonym: bool = False,
    ) -> None:
        await defer_privately(interaction)
        await submit_question(interaction, frage, anonymous=anonym, force=False)

    @app_commands.command(
        name=locale_str("podium-liste", en="panel-queue"),
        description=locale_str(
            "Fragen ans Podium moderieren (freigeben, ausblenden, hervorheben)",
            en="Moderate questions to the panel (approve, hide, highlight)",
        ),
    )
    @app_commands.rename(sortierung=locale_str("sortierung", en="sort"), sitzung=locale_str("sitzung", en="session"))
    @app_commands.choices(sortierung=SORT_CHOICES)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def queue(
        self,
        interaction: discord.Interaction,
        sortierung: app_commands.Choice[str] | None = None,
        sitzung: str | None = None,
    ) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        podium = self.bot.services.podium
        session = podium.sessions.session(sitzung) if sitzung else podium.sessions.current_or_last()
        if session is None:
            await reply_privately(interaction, text("no_such_session", language, typed=shown(sitzung or "", 100)))
            return
        sort: Sort = "time" if sortierung and sortierung.value == "time" else "votes"
        questions = await podium.queue(session.id, sort)
        title = text("podium_list_title", language, session=plain(session.name.get(language)))
        lines = [queue_line(number, q, language) for number, q in enumerate(questions, start=1)]
        shown_pages = pages(title, lines=lines or [text("nothing_yet", language)], colour=COLOUR)
        view = _queue_view(questions, language) if questions else None
        await respond_pages(interaction, shown_pages, view=view, ephemeral=True)

    @queue.autocomplete("sitzung")
    async def _session_choices(self, interaction: discord.Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return _session_choices(self.bot, interaction, typed)

    @session_group.command(
        name=locale_str("liste", en="list"),
        description=locale_str("Alle Sitzungen und ob sie offen sind", en="All sessions and whether they are open"),
    )
    @moderator_only()
    async def list_sessions(self, interaction: discord.Interaction) -> None:
        language = language_of(interaction)
        board = self.bot.services.podium.sessions
        if not board.plan.defined:
            await reply_privately(interaction, text("sessions_undefined", language, path=str(board.path)))
            return
        current = board.current()
        lines = []
        for session in board.sessions():
            state = text("session_open" if session.open else "session_is_closed", language)
            extras = [state]
            if session.premoderation:
                extras.append(text("session_premoderation", language))
            if isinstance(current, Session) and current.id == session.id:
                extras.append(f"**{text('session_current', language)}**")
            times = f"{session.start:%d.%m. %H:%M}–{session.end:%H:%M}" if session.start and session.end else ""
            lines.append(f"`{session.id}` {plain(session.name.get(language))} {times} – {', '.join(extras)}")
        await respond_pages(
            interaction, pages(text("sessions_title", language), lines=lines, colour=COLOUR), ephemeral=True
        )

    @session_group.command(
        name=locale_str("öffnen", en="open"),
        description=locale_str("Eine Sitzung öffnen", en="Open a session"),
    )
    @app_commands.rename(sitzung=locale_str("sitzung", en="session"))
    @moderator_only()
    async def open_session(self, interaction: discord.Interaction, sitzung: str) -> None:
        await self._set_open(interaction, sitzung, True)

    @session_group.command(
        name=locale_str("schließen", en="close"),
        description=locale_str("Eine Sitzung schließen", en="Close a session"),
    )
    @app_commands.rename(sitzung=locale_str("sitzung", en="session"))
    @moderator_only()
    async def close_session(self, interaction: discord.Interaction, sitzung: str) -> None:
        await self._set_open(interaction, sitzung, False)

    @open_session.autocomplete("sitzung")
    async def _open_choices(self, interaction: discord.Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return _session_choices(self.bot, interaction, typed)

    @close_session.autocomplete("sitzung")
    async def _close_choices(self, interaction: discord.Interaction, typed: str) -> list[app_commands.Choice[str]]:
        return _session_choices(self.bot, interaction, typed)

    async def _set_open(self, interaction: discord.Interaction, session_id: str, open_: bool) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        session = await self.bot.services.podium.set_session_open(identity_of(interaction), session_id, open_)
        key = "session_opened" if open_ else "session_closed"
        await reply_privately(interaction, text(key, language, session=plain(session.name.get(language))))

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Every podium form lands here, including forms opened before a restart."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        if PODIUM_FORM.fullmatch(str(data.get("custom_id", ""))):
            await self._store_form(interaction)

    @answers_failures
    async def _store_form(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        data: dict[str, Any] = dict(interaction.data or {})
        match = PODIUM_FORM.fullmatch(str(data.get("custom_id", "")))
        assert match is not None
        await submit_question(
            interaction,
            submitted_question(interaction),
            anonymous=match["anonymous"] == "1",
            force=match["force"] == "1",
        )


def _queue_view(questions: list[Any], language: str) -> discord.ui.View:
    """Selects of 25 questions each, as many as one message holds; the list above shows every question."""
    options = queue_options(questions, language)
    view = discord.ui.View(timeout=None)
    for page in range(min(math.ceil(len(options) / OPTIONS_PER_SELECT), SELECTS_PER_MESSAGE)):
        chunk = options[page * OPTIONS_PER_SELECT : (page + 1) * OPTIONS_PER_SELECT]
        view.add_item(PodiumSelect(page, chunk, text("podium_pick", language)))
    return view


def _session_choices(bot: VielfaltBot, interaction: discord.Interaction, typed: str) -> list[app_commands.Choice[str]]:
    language = language_of(interaction)
    wanted = typed.casefold().strip()
    choices = [
        app_commands.Choice(name=plain(f"{s.name.get(language)} ({s.id})", CHOICE_LIMIT), value=s.id)
        for s in bot.services.podium.sessions.sessions()
        if not wanted or wanted in s.id or wanted in s.name.get(language).casefold()
    ]
    return choices[:25]


async def setup(bot: VielfaltBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(PodiumCog(bot))
