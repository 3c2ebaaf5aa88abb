"""How the bot answers an interaction: one place that picks the initial response or a follow-up, one way to defer
before anything slow, and one way to answer a failure, privately and without losing what the user typed.

Discord drops an interaction that has no initial response within 3 seconds ("This interaction failed"), so every
path that touches the database or may wait defers first, and every failure, from a slash command (the command
tree's ``on_error``) or from a button, select or form (:func:`answers_failures`), ends in :func:`answer_failure`.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import sqlite3
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.errors import UserError
from bot.storage.errors import DatabaseError
from bot.texts import text
from cogs._checks import NotModerator
from cogs._escape import shown
from cogs._i18n import language_of
from cogs._limits import CONTENT_LIMIT, fit_content, fit_embeds

log = logging.getLogger(__name__)

STORAGE_ERRORS = (DatabaseError, sqlite3.Error)
UNKNOWN_INTERACTION, ALREADY_ACKNOWLEDGED = 10062, 40060
TYPED_LIMIT = 100
TEXT_INPUT = 4
FENCE = "```"

Owner = TypeVar("Owner")
Callback = Callable[[Owner, discord.Interaction[Any]], Coroutine[Any, Any, None]]


async def respond(
    interaction: discord.Interaction[Any],
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] = (),
    view: discord.ui.View | None = None,
    file: discord.File | None = None,
    ephemeral: bool = False,
) -> None:
    """The initial response, or a follow-up once the interaction has one (after :func:`defer_privately`);
    fitted to Discord's limits."""
    content, embeds = fit_content(content), fit_embeds(embeds)
    if interaction.response.is_done():
        await interaction.followup.send(
            content or discord.utils.MISSING,
            embeds=list(embeds) or discord.utils.MISSING,
            view=view or discord.utils.MISSING,
            file=file or discord.utils.MISSING,
            ephemeral=ephemeral,
        )
    else:
        await interaction.response.send_message(
            content,
            embeds=list(embeds) or discord.utils.MISSING,
            view=view or discord.utils.MISSING,
            file=file or discord.utils.MISSING,
            ephemeral=ephemeral,
        )


async def respond_pages(
    interaction: discord.Interaction[Any],
    pages: Sequence[discord.Embed],
    *,
    file: discord.File | None = None,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """One message per page (Discord's 6,000 characters are per message); the file goes with the first page, the
    view below the last."""
    for number, page in enumerate(pages, start=1):
        last = number == len(pages)
        await respond(
            interaction,
            embeds=[page],
            file=file if number == 1 else None,
            view=view if last else None,
            ephemeral=ephemeral,
        )


async def reply_privately(interaction: discord.Interaction[Any], message: str) -> None:
    await respond(interaction, message, ephemeral=True)


async def defer_privately(interaction: discord.Interaction[Any]) -> None:
    """Shows "thinking …" to the user alone; the answer follows with :func:`respond`. Call it before anything
    that touches the database or may wait."""
    await interaction.response.defer(ephemeral=True, thinking=True)


async def answer_failure(interaction: discord.Interaction[Any], error: Exception) -> None:
    """Answers privately, in the user's language: why it failed, that nothing was stored when storage failed, and
    the text the user typed into a form, to copy. Logs what the user cannot fix."""
    if isinstance(error, app_commands.CommandInvokeError) and isinstance(error.original, Exception):
        error = error.original
    if isinstance(error, discord.HTTPException) and error.code in (UNKNOWN_INTERACTION, ALREADY_ACKNOWLEDGED):
        log.warning("interaction could not be answered any more", extra={"code": error.code})
        return
    language = language_of(interaction)
    message = _failure_message(interaction, error, language)
    typed = "\n\n".join(value for value in form_values(interaction).values() if value.strip())
    file = None
    if typed:
        quoted = f"{message}\n\n{text('typed_text_copy', language)}\n{FENCE}\n{typed}\n{FENCE}"
        if FENCE not in typed and len(quoted) <= CONTENT_LIMIT:
            message = quoted
        else:
            message = f"{message}\n\n{text('typed_text_attached', language)}"
            file = discord.File(io.BytesIO(typed.encode()), filename="vielfalt-ihr-text.txt")
    try:
        await respond(interaction, message, file=file, ephemeral=True)
    except discord.HTTPException as failed:
        log.warning("could not send the failure message", extra={"status": failed.status, "code": failed.code})


def answers_failures(callback: Callback[Owner]) -> Callback[Owner]:
    """For the callbacks of buttons, selects and forms, whose exceptions discord.py would only log."""

    @functools.wraps(callback)
    async def answered(owner: Owner, interaction: discord.Interaction[Any]) -> None:
        try:
            await callback(owner, interaction)
        except Exception as error:
            await answer_failure(interaction, error)

    return answered


def form_values(interaction: discord.Interaction[Any]) -> dict[str, str]:
    """The text inputs of a submitted form by custom id, however deeply Discord nested them."""
    values: dict[str, str] = {}

    def walk(components: list[dict[str, Any]]) -> None:
        for component in components:
            if component.get("type") == TEXT_INPUT and "custom_id" in component:
                values[str(component["custom_id"])] = str(component.get("value") or "")
            walk([*component.get("components", []), *([component["component"]] if "component" in component else [])])

    if interaction.type is discord.InteractionType.modal_submit:
        data: dict[str, Any] = dict(interaction.data or {})
        walk(list(data.get("components", [])))
    return values


def _failure_message(interaction: discord.Interaction[Any], error: Exception, language: str) -> str:
    if isinstance(error, app_commands.CommandOnCooldown):
        return text("cooldown", language, seconds=math.ceil(error.retry_after))
    if isinstance(error, NotModerator):
        return text("moderators_only", language)
    if isinstance(error, UserError):
        # What the user typed comes back escaped and cut, like all user text the bot shows.
        values = {
            key: shown(value, TYPED_LIMIT) if isinstance(value, str) else value for key, value in error.values.items()
        }
        return text(error.key, language, **values)
    where = _where(interaction)
    if isinstance(error, STORAGE_ERRORS):
        log.error("storage failed while answering an interaction", extra={"where": where}, exc_info=error)
        return text("storage_failed", language)
    log.error("interaction failed", extra={"where": where}, exc_info=error)
    return text("error", language)


def _where(interaction: discord.Interaction[Any]) -> str:
    """The command or component that failed, for the log (never user text or ids)."""
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    custom_id = str(dict(interaction.data or {}).get("custom_id", ""))
    return ":".join(custom_id.split(":")[:2]) or interaction.type.name
