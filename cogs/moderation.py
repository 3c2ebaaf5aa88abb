"""Moderator commands: /export, /statistik, /unbeantwortet, /kb neu-laden, /audit."""

from __future__ import annotations

import asyncio
import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.errors import UserError
from bot.moderation.export import ExportFilter, ExportOptions, Format
from bot.moderation.statistics import ThesisStatistics, bar_chart_png
from bot.moderation.unanswered import READ_LIMIT, group_unanswered, unanswered_line
from bot.podium.model import SessionStatistics
from bot.texts import stance_label, text
from cogs._bot import VielfaltBot
from cogs._checks import moderator_only
from cogs._choices import thesis_choices
from cogs._escape import shown
from cogs._feedback_ui import identity_of
from cogs._i18n import language_of
from cogs._limits import pages
from cogs._render import COLOUR
from cogs._replies import defer_privately, reply_privately, respond, respond_pages

MODERATORS = discord.Permissions(manage_guild=True)
LIST_LIMIT = 15
CHART = "statistik.png"
QUESTION_LIMIT = 150
FORMAT_CHOICES = [app_commands.Choice(name=name, value=name) for name in ("csv", "xlsx", "json")]
DELIMITER_CHOICES = [
    app_commands.Choice(name=locale_str("Semikolon (Excel deutsch)", en="semicolon (German Excel)"), value=";"),
    app_commands.Choice(name=locale_str("Komma", en="comma"), value=","),
]


class ModerationCog(commands.Cog):
    kb = app_commands.Group(
        name="kb",
        description=locale_str("Wissensbasis pflegen", en="Curate the knowledge base"),
        default_permissions=MODERATORS,
        guild_only=True,
    )

    def __init__(self, bot: VielfaltBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=locale_str("export", en="export"),
        description=locale_str("Rückmeldungen als Datei exportieren", en="Export feedback as a file"),
    )
    @app_commands.rename(
        format=locale_str("format", en="format"),
        these=locale_str("these", en="thesis"),
        von=locale_str("von", en="since"),
        bis=locale_str("bis", en="until"),
        trennzeichen=locale_str("trennzeichen", en="delimiter"),
    )
    @app_commands.describe(
        von=locale_str("Ab Datum (JJJJ-MM-TT)", en="From date (YYYY-MM-DD)"),
        bis=locale_str("Bis Datum (JJJJ-MM-TT)", en="Until date (YYYY-MM-DD)"),
    )
    @app_commands.choices(format=FORMAT_CHOICES, trennzeichen=DELIMITER_CHOICES)
    @app_commands.autocomplete(these=thesis_choices)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def export(
        self,
        interaction: discord.Interaction,
        format: app_commands.Choice[str],
        these: str | None = None,
        von: str | None = None,
        bis: str | None = None,
        trennzeichen: app_commands.Choice[str] | None = None,
    ) -> None:
        await defer_privately(interaction)
        selection = ExportFilter(these, _date(von), _date(bis))
        options = ExportOptions(_format(format.value), trennzeichen.value if trennzeichen else ";")
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"vielfalt-feedback.{options.format}"
            result = await self.bot.services.moderation.export(identity_of(interaction), target, selection, options)
            await self._send_export(interaction, target, result.rows, options, language_of(interaction))

    async def _send_export(
        self, interaction: discord.Interaction, target: Path, rows: int, options: ExportOptions, language: str
    ) -> None:
        """Attach as is, zipped when that keeps it under the upload limit, or explain how to get it otherwise."""
        limit = interaction.filesize_limit
        target, size, zipped = await asyncio.to_thread(_fit_upload, target, limit)
        message_key = "export_zipped" if zipped else "export_done"
        if size > limit:
            command = f"vielfalt-bot export --format {options.format} --out vielfalt-feedback.{options.format}"
            await reply_privately(
                interaction,
                text("export_too_big", language, rows=rows, size=_bytes(size), limit=_bytes(limit), command=command),
            )
            return
        message = text(message_key, language, rows=rows, size=_bytes(size))
        await respond(interaction, message, file=discord.File(target), ephemeral=True)

    @app_commands.command(
        name=locale_str("statistik", en="statistics"),
        description=locale_str("Haltungen und Kommentare je These", en="Stances and comments per thesis"),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def statistics(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        items = await self.bot.services.moderation.statistics(language)
        fields = [
            (item.title, text("statistics_line", language, stances=_stances(item, language), comments=item.comments))
            for item in items
        ]
        shown_pages = pages(text("statistics_title", language), fields=fields, colour=COLOUR)
        podium = await self.bot.services.podium.statistics(language)
        if podium:
            podium_fields = [(shown(item.name, 200), podium_line(item, language)) for item in podium]
            shown_pages += pages(text("podium_statistics_title", language), fields=podium_fields, colour=COLOUR)
        chart = await asyncio.to_thread(bar_chart_png, items, language)
        shown_pages[0].set_image(url=f"attachment://{CHART}")
        chart_file = discord.File(fp=io.BytesIO(chart), filename=CHART)
        await respond_pages(interaction, shown_pages, file=chart_file, ephemeral=True)

    @app_commands.command(
        name=locale_str("unbeantwortet", en="unanswered"),
        description=locale_str(
            "Häufigste Fragen ohne sichere Antwort", en="Most frequent questions without a confident answer"
        ),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def unanswered(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        services = self.bot.services
        logged = await services.moderation.unanswered(READ_LIMIT)
        groups = group_unanswered(logged, services.questions, language, LIST_LIMIT)
        lines = [unanswered_line(group, language, QUESTION_LIMIT, render=shown) for group in groups]
        embed = discord.Embed(
            title=text("unanswered_title", language),
            description="\n".join(lines) or text("nothing_yet", language),
            colour=COLOUR,
        )
        await respond(interaction, embeds=[embed], ephemeral=True)

    @kb.command(
        name=locale_str("neu-laden", en="reload"),
        description=locale_str(
            "knowledge/ neu laden (fehlerhafte Dateien ändern nichts)",
            en="Reload knowledge/ (broken files change nothing)",
        ),
    )
    @moderator_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        result = await self.bot.services.moderation.reload_knowledge(identity_of(interaction))
        lines = [text("reload_ok" if result.ok else "reload_failed", language, entries=result.entries)]
        lines += [f"- {shown(problem)}" for problem in result.problems]
        if result.warnings:
            lines += [text("reload_warnings", language), *(f"- {shown(warning)}" for warning in result.warnings)]
        await reply_privately(interaction, "\n".join(lines))

    @app_commands.command(
        name=locale_str("audit", en="audit"),
        description=locale_str("Letzte Exporte und Neuladungen", en="Recent exports and reloads"),
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @moderator_only()
    async def audit(self, interaction: discord.Interaction) -> None:
        await defer_privately(interaction)
        language = language_of(interaction)
        entries = await self.bot.services.moderation.audit_entries(LIST_LIMIT)
        lines = [
            f"`{e.at}` {e.action} – {shown(e.actor)} – {shown(', '.join(f'{k}={v}' for k, v in e.details.items()))}"
            for e in entries
        ]
        embed = discord.Embed(
            title=text("audit_title", language),
            description="\n".join(lines) or text("nothing_yet", language),
            colour=COLOUR,
        )
        await respond(interaction, embeds=[embed], ephemeral=True)


def podium_line(item: SessionStatistics, language: str) -> str:
    statuses = ", ".join(
        f"{text(f'podium_status_{status}', language)}: {count}" for status, count in sorted(item.by_status.items())
    )
    return text(
        "podium_statistics_line", language, questions=item.questions, statuses=statuses or "–", votes=item.votes
    )


def _stances(item: ThesisStatistics, language: str) -> str:
    counts = ", ".join(f"{stance_label(stance, language)}: {count}" for stance, count in item.stances.items())
    return counts or "–"


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError("date_invalid", typed=value) from None


def _format(value: str) -> Format:
    formats: dict[str, Format] = {"csv": "csv", "xlsx": "xlsx", "json": "json"}
    return formats[value]


def _fit_upload(path: Path, limit: int) -> tuple[Path, int, bool]:
    """The file to upload, its size, and whether it had to be zipped to get under ``limit``."""
    size = path.stat().st_size
    if size <= limit:
        return path, size, False
    archive = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        zipped.write(path, arcname=path.name)
    return archive, archive.stat().st_size, True


def _bytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


async def setup(bot: VielfaltBot) -> None:
    await bot.add_cog(ModerationCog(bot))
