"""Who may use moderator commands: Manage Server permission or the configured moderator role.

The role is matched by id. A name is accepted only while exactly one role of the server has it: anyone allowed to
create roles could otherwise make a look-alike role with the same name and pass.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.operations.heartbeat import MODERATOR_ROLE_STATES

T = TypeVar("T")
log = logging.getLogger(__name__)


class NotModerator(app_commands.CheckFailure):
    """Raised for non-moderators; the error handler answers privately and does nothing else."""


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """``how``: "id", "name" (the only role of that name), "ambiguous" (several have it: none counts), "missing"."""

    role: discord.Role | None
    how: str


def moderator_role(guild: discord.Guild, configured: str) -> RoleMatch:
    if configured.isdigit() and (role := guild.get_role(int(configured))) is not None:
        return RoleMatch(role, "id")
    named = [role for role in guild.roles if role.name == configured]
    if len(named) == 1:
        return RoleMatch(named[0], "name")
    return RoleMatch(None, "ambiguous" if named else "missing")


def is_moderator(member: discord.Member | discord.User, configured: str | None) -> bool:
    if not isinstance(member, discord.Member):
        return False
    if member.guild_permissions.manage_guild:
        return True
    if configured is None:
        return False
    role = moderator_role(member.guild, configured).role
    return role is not None and member.get_role(role.id) is not None


def role_state(guilds: Iterable[discord.Guild], configured: str | None) -> str | None:
    """The worst match over all servers, for the heartbeat that ``doctor`` reads; None when no role is configured."""
    if configured is None:
        return None
    found = {moderator_role(guild, configured).how for guild in guilds}
    return next((state for state in MODERATOR_ROLE_STATES if state in found), None)


def log_role_match(guild: discord.Guild, configured: str | None) -> None:
    if configured is None:
        return
    match = moderator_role(guild, configured)
    if match.how == "ambiguous":
        log.warning(
            "several roles are named like VIELFALT_MODERATOR_ROLE, so none of them counts; set the role id instead",
            extra={"guild": guild.id},
        )
    elif match.how == "missing":
        log.warning("no role matches VIELFALT_MODERATOR_ROLE", extra={"guild": guild.id})
    else:
        log.info("moderator role found", extra={"guild": guild.id, "matched_by": match.how})


def moderator_only() -> Callable[[T], T]:
    """Checked at run time even though ``default_permissions`` already hides the command from others."""

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        settings = getattr(interaction.client, "discord_settings", None)
        role = settings.moderator_role if settings is not None else None
        if not is_moderator(interaction.user, role):
            raise NotModerator()
        return True

    return app_commands.check(predicate)
