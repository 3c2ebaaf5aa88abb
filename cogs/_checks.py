"""Who may use moderator commands: Manage Server permission or the configured moderator role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

T = TypeVar("T")


class NotModerator(app_commands.CheckFailure):
    """Raised for non-moderators; the error handler answers privately and does nothing else."""


def is_moderator(member: discord.Member | discord.User, moderator_role: str | None) -> bool:
    if not isinstance(member, discord.Member):
        return False
    if member.guild_permissions.manage_guild:
        return True
    if moderator_role is None:
        return False
    return any(str(role.id) == moderator_role or role.name == moderator_role for role in member.roles)


def moderator_only() -> Callable[[T], T]:
    """Checked at run time even though ``default_permissions`` already hides the command from others."""

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        settings = getattr(interaction.client, "discord_settings", None)
        role = settings.moderator_role if settings is not None else None
        if not is_moderator(interaction.user, role):
            raise NotModerator()
        return True

    return app_commands.check(predicate)
