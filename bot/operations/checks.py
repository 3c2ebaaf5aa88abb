"""Each check looks at one part of a setup and reports findings; ``doctor`` and ``health`` pick which to run.

Checks never change anything: no database is created or migrated and nothing is sent to Discord.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from bot.config import (
    ConfigError,
    DiscordSettings,
    Problem,
    Settings,
    cache_dir,
    database_path,
    knowledge_dir,
    retention_days,
)
from bot.feedback.pseudonyms import MIN_KEY_LENGTH
from bot.knowledge.lint import lint
from bot.knowledge.loader import KnowledgeError, load_knowledge
from bot.logs import LogSettings
from bot.matching.cache import matcher_for
from bot.matching.thresholds import Thresholds
from bot.operations.discord_token import check_token, invite_url
from bot.operations.heartbeat import STALE_AFTER_SECONDS, heartbeat_file, read_heartbeat
from bot.storage.files import earlier_traces
from bot.storage.migrations import MIGRATIONS
from bot.storage.probe import probe_database

Status = Literal["ok", "note", "problem"]
LOW_DISK_BYTES = 200 * 1024 * 1024
MAX_LISTED_PROBLEMS = 10


@dataclass(frozen=True, slots=True)
class Finding:
    """``key`` names the wording in :mod:`bot.operations.wording`; ``values`` fill it in."""

    status: Status
    key: str
    values: Mapping[str, str | int] = field(default_factory=dict)


def configuration(env: Mapping[str, str]) -> list[Finding]:
    problems: list[Problem] = []
    for parse in (Settings.from_env, _discord_options, _log_settings):
        try:
            parse(env)
        except ConfigError as error:
            problems.extend(error.problems)
    if not problems:
        return [Finding("ok", "config_ok")]
    return [Finding("problem", problem.key, problem.values) for problem in problems]


def _discord_options(env: Mapping[str, str]) -> DiscordSettings:
    """Everything but the token, which :func:`discord_token` explains in more detail."""
    return DiscordSettings.from_env({**env, "DISCORD_TOKEN": "checked separately"})


def _log_settings(env: Mapping[str, str]) -> LogSettings:
    return LogSettings.resolve(None, None, env, "info")


def discord_token(env: Mapping[str, str]) -> list[Finding]:
    result = check_token(env.get("DISCORD_TOKEN", ""))
    if result.problem or result.application_id is None:
        return [Finding("problem", result.problem or "token_malformed")]
    return [Finding("ok", "token_ok", {"invite": invite_url(result.application_id)})]


def pseudonym_key(env: Mapping[str, str]) -> list[Finding]:
    key = env.get("VIELFALT_PSEUDONYM_KEY", "").strip()
    if not key:
        return [Finding("problem", "key_missing")]
    if len(key) < MIN_KEY_LENGTH:
        return []  # reported by configuration(); an OK line here would contradict it
    return [Finding("ok", "key_ok")]


def discord_options(env: Mapping[str, str]) -> list[Finding]:
    try:
        options = _discord_options(env)
    except ConfigError:
        return []  # reported by configuration()
    findings = [
        Finding("ok", "guilds_set", {"count": len(options.guild_ids)})
        if options.guild_ids
        else Finding("note", "guilds_missing")
    ]
    if options.needs_message_content:
        findings.append(Finding("note", "message_content_needed"))
    return findings


def moderator_role(env: Mapping[str, str]) -> list[Finding]:
    """Says whether the role is matched by id or by name and what the running bot found on the server (from its
    heartbeat), and that its members without Manage Server need a per-command override to see the commands."""
    try:
        role = _discord_options(env).moderator_role
    except ConfigError:
        return []  # reported by configuration()
    if role is None:
        return [Finding("note", "moderator_role_missing")]
    beat = read_heartbeat(heartbeat_file(database_path(env)))
    found = beat.moderator_role if beat is not None else None
    values = {"role": role}
    if found == "ambiguous":
        finding = Finding("problem", "moderator_role_ambiguous", values)
    elif found == "missing":
        finding = Finding("problem", "moderator_role_not_found", values)
    elif not role.isdigit():
        finding = Finding("note", "moderator_role_name", values)
    elif found == "name":
        finding = Finding("note", "moderator_role_matched_by_name", values)
    else:
        finding = Finding("ok", "moderator_role_id", values)
    return [finding, Finding("note", "moderator_role_override", values)]


def retention(env: Mapping[str, str]) -> list[Finding]:
    try:
        days = retention_days(env)
    except ConfigError:
        return []  # reported by configuration()
    return [Finding("ok", "retention_set", {"days": days})] if days else [Finding("note", "retention_missing")]


def data_folder(env: Mapping[str, str]) -> list[Finding]:
    """Where every command looks for the data, so an organiser can tell at once whether it is the right place."""
    return [Finding("ok", "data_dir", {"path": str(database_path(env).parent)})]


def database(env: Mapping[str, str], *, try_write_lock: bool, must_exist: bool) -> list[Finding]:
    path = database_path(env)
    state = probe_database(path, try_write_lock=try_write_lock)
    findings: list[Finding] = []
    if not state.exists:
        traces = earlier_traces(path)
        if traces:
            names = ", ".join(trace.name for trace in traces)
            findings.append(Finding("problem", "db_vanished", {"path": str(path), "traces": names}))
        elif must_exist:
            findings.append(Finding("problem", "db_missing_for_bot", {"path": str(path)}))
        elif state.folder_writable:
            findings.append(Finding("ok", "db_will_be_created", {"path": str(path)}))
        else:
            findings.append(Finding("problem", "db_folder_not_writable", {"path": str(path)}))
    elif not (state.folder_writable and state.file_writable):
        findings.append(Finding("problem", "db_storage_read_only", {"path": str(path)}))
    elif state.error:
        findings.append(Finding("problem", "db_unreadable", {"path": str(path), "error": state.error}))
    elif state.newer_than_program:
        findings.append(
            Finding(
                "problem", "db_too_new", {"path": str(path), "version": state.schema_version, "known": len(MIGRATIONS)}
            )
        )
    elif state.integrity != "ok":
        findings.append(Finding("problem", "db_damaged", {"path": str(path), "error": state.integrity}))
    elif state.writable is False:
        findings.append(Finding("problem", "db_not_writable", {"path": str(path)}))
    else:
        findings.append(
            Finding(
                "ok",
                "db_ok",
                {"path": str(path), "size_kb": state.size // 1024, "participants": state.participants},
            )
        )
    if state.free_bytes is not None and state.free_bytes < LOW_DISK_BYTES:
        findings.append(Finding("problem", "disk_low", {"free_mb": state.free_bytes // (1024 * 1024)}))
    return findings


def knowledge(env: Mapping[str, str], *, with_lint: bool) -> list[Finding]:
    folder = knowledge_dir(env)
    if not folder.is_dir():
        return [Finding("problem", "kb_missing", {"path": str(folder)})]
    try:
        matcher = matcher_for(folder, Thresholds(), cache_dir(env)) if with_lint else None
        knowledge_base = matcher.knowledge if matcher else load_knowledge(folder)
    except KnowledgeError as error:
        return _listed("kb_invalid", error.problems, folder)
    if matcher:
        result = lint(matcher)
        if result.errors:
            return _listed("kb_invalid", result.errors, folder)
        if result.warnings:
            return [Finding("note", "kb_warnings", {"count": len(result.warnings), "path": str(folder)})]
    return [
        Finding(
            "ok",
            "kb_ok",
            {"path": str(folder), "entries": len(knowledge_base.entries), "theses": len(knowledge_base.theses)},
        )
    ]


def sessions(env: Mapping[str, str]) -> list[Finding]:
    """The event's sessions file, validated against the knowledge base like the bot does at start."""
    from bot.podium.sessions import SessionsError, load_plan

    try:
        settings = Settings.from_env(env)
        knowledge_base = load_knowledge(settings.knowledge_dir)
    except (ConfigError, KnowledgeError):
        return []  # reported by configuration() and knowledge()
    path = settings.sessions_path
    try:
        plan = load_plan(path, knowledge_base)
    except SessionsError as error:
        return _listed("sessions_invalid", error.problems, path)
    if not plan.defined:
        return [Finding("note", "sessions_none", {"path": str(path)})]
    return [Finding("ok", "sessions_ok", {"path": str(path), "count": len(plan.sessions)})]


def wall(env: Mapping[str, str]) -> list[Finding]:
    """The projector wall's links: on this machine, and from others with the secret token."""
    from bot.web.access import DEFAULT_HOST, DEFAULT_PORT, wall_token, wall_url

    local = wall_url(DEFAULT_HOST, DEFAULT_PORT, None)
    key = env.get("VIELFALT_PSEUDONYM_KEY", "").strip() or None
    try:
        local_key = Settings.from_env(env).local_key_path
    except ConfigError:
        local_key = None
    token = wall_token(env, key, local_key)
    if token is None:
        return [Finding("note", "wall_local_only", {"url": local})]
    public = wall_url("<HOST>", DEFAULT_PORT, token)
    return [Finding("ok", "wall_links", {"url": local, "public": public})]


def _listed(key: str, problems: list[str], folder: Path) -> list[Finding]:
    shown = [Finding("problem", key, {"path": str(folder), "problem": problem}) for problem in problems]
    if len(shown) > MAX_LISTED_PROBLEMS:
        rest = len(shown) - MAX_LISTED_PROBLEMS
        shown = [*shown[:MAX_LISTED_PROBLEMS], Finding("problem", "more_problems", {"count": rest})]
    return shown


def heartbeat(env: Mapping[str, str], now: datetime, *, bot_must_run: bool) -> list[Finding]:
    beat = read_heartbeat(heartbeat_file(database_path(env)))
    if beat is None:
        return [Finding("problem" if bot_must_run else "note", "bot_not_running")]
    age = round(beat.age_seconds(now))
    if age > STALE_AFTER_SECONDS:
        return [Finding("problem" if bot_must_run else "note", "bot_silent", {"seconds": age})]
    return [Finding("ok", "bot_running", {"seconds": max(age, 0), "guilds": beat.guilds})]
