"""``vielfalt-bot doctor`` and ``vielfalt-bot health``: which checks each runs and how the result reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.operations import checks
from bot.operations.checks import Finding
from bot.operations.wording import wording


def diagnose(env: Mapping[str, str], now: datetime) -> list[Finding]:
    """Everything ``vielfalt-bot run`` needs, for a person setting the bot up."""
    return [
        *checks.configuration(env),
        *checks.discord_token(env),
        *checks.pseudonym_key(env),
        *checks.discord_options(env),
        *checks.moderator_role(env),
        *checks.retention(env),
        *checks.data_folder(env),
        *checks.database(env, try_write_lock=True, must_exist=False),
        *checks.knowledge(env, with_lint=True),
        *checks.sessions(env),
        *checks.wall(env),
        *checks.heartbeat(env, now, bot_must_run=False),
    ]


def health(env: Mapping[str, str], now: datetime, *, bot_must_run: bool) -> list[Finding]:
    """What a container health check needs, and nothing that competes with the running bot for the database."""
    findings = [
        *checks.database(env, try_write_lock=False, must_exist=bot_must_run),
        *checks.knowledge(env, with_lint=False),
    ]
    if bot_must_run:
        findings += checks.heartbeat(env, now, bot_must_run=True)
    return findings


def problems(findings: Sequence[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.status == "problem"]


def render_report(findings: Sequence[Finding], language: str) -> str:
    width = max(len(wording(status, language)) for status in ("ok", "note", "problem"))
    lines = [wording("title", language), ""]
    for finding in findings:
        label = wording(finding.status, language).ljust(width)
        lines.append(f"{label}  {wording(finding.key, language, **finding.values)}")
    found = len(problems(findings))
    lines += ["", wording("summary_problems", language, count=found) if found else wording("summary_ok", language)]
    return "\n".join(lines)


def render_health(findings: Sequence[Finding], language: str) -> str:
    """One line per problem, or one word: health check output ends up in ``docker inspect``."""
    failed = problems(findings)
    if not failed:
        return wording("healthy", language)
    return "\n".join(wording(finding.key, language, **finding.values) for finding in failed)
