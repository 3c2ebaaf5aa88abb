"""The ``vielfalt-bot`` command line: ask questions, check and evaluate the knowledge base, chat offline."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from datetime import UTC, date, datetime
from importlib import import_module
from pathlib import Path
from typing import Any, TextIO

from dotenv import load_dotenv

from bot.config import KEY_HINT, ConfigError, DiscordSettings, Settings
from bot.console import Console
from bot.errors import UserError
from bot.evaluation import EvalFileError, evaluate, format_report, load_cases
from bot.feedback.model import Identity
from bot.knowledge.lint import lint
from bot.knowledge.loader import KnowledgeError
from bot.logs import FORMATS as LOG_FORMATS
from bot.logs import LEVELS, LogSettings, configure_logging
from bot.moderation.export import FORMATS, ExportFilter, ExportOptions
from bot.operations.discord_token import check_token
from bot.operations.doctor import diagnose, health, problems, render_health, render_report
from bot.operations.wording import wording
from bot.presentation import render_answer
from bot.qa import InvalidQuestion, QuestionService
from bot.services import load_matcher, open_services
from bot.storage.backup import backup_database
from bot.storage.database import DatabaseError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]
Standalone = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]  # diagnoses settings, so must not need them


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    load_dotenv(Path.cwd() / ".env", override=False)
    try:
        configure_logging(_log_settings(args))
        if args.standalone:
            standalone: Standalone = args.standalone
            return asyncio.run(standalone(args))
        handler: Handler = args.handler
        return asyncio.run(handler(args, Settings.from_env()))
    except ConfigError as error:
        for problem in error.problems:
            print(f"Konfigurationsfehler / configuration error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except KnowledgeError as error:
        print("Die Wissensbasis ist fehlerhaft / the knowledge base is invalid:", file=sys.stderr)
        print("\n".join(error.problems), file=sys.stderr)
        return EXIT_INVALID
    except DatabaseError as error:
        print(f"Datenbankfehler / database error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _log_settings(args: argparse.Namespace) -> LogSettings:
    try:
        return LogSettings.resolve(args.log_level, args.log_format, os.environ, args.default_log_level)
    except ConfigError:
        if args.standalone:  # doctor and health report a bad log setting themselves
            return LogSettings()
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vielfalt-bot", description=__doc__)
    commands = _Commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))

    ask = commands.add_parser("ask", help="answer a question (or one per line from stdin with '-')")
    ask.add_argument("question", help="the question, or '-' to read one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per question (stable contract)")
    ask.add_argument("--lang", choices=["de", "en"], help="answer language (default: the question's)")
    ask.add_argument("--no-log", action="store_true", help="do not record unanswered questions")
    ask.set_defaults(handler=_ask)

    run = commands.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=_run, default_log_level="info")

    export = commands.add_parser("export", help="export feedback (streaming, any size) for the research team")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", type=Path, required=True, help="file to write (must not exist yet)")
    export.add_argument("--thesis", help="only this thesis id")
    export.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD", help="from this day on")
    export.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="up to this day")
    export.add_argument("--delimiter", choices=[";", ","], default=";", help="CSV only (default ';' for German Excel)")
    export.add_argument("--no-bom", action="store_true", help="CSV only: omit the UTF-8 byte order mark")
    export.set_defaults(handler=_export)

    purge = commands.add_parser("purge", help="delete feedback and logged questions older than a number of days")
    purge.add_argument(
        "--older-than", type=int, metavar="DAYS", help="retention in days (default: VIELFALT_RETENTION_DAYS)"
    )
    purge.set_defaults(handler=_purge)

    backup = commands.add_parser("backup", help="consistent copy of the database, also while the bot runs")
    backup.add_argument("file", type=Path, help="where to write the copy (must not exist yet)")
    backup.set_defaults(handler=_backup)

    console = commands.add_parser("console", help="offline chat in the terminal (no Discord token needed)")
    console.set_defaults(handler=_console)

    doctor = commands.add_parser("doctor", help="check the setup and say in plain words what is missing")
    doctor.add_argument("--lang", choices=["de", "en"], help="language of the report (default: from LANG, else de)")
    doctor.set_defaults(standalone=_doctor)

    health = commands.add_parser("health", help="container health check: database and knowledge base usable")
    health.add_argument("--bot", action="store_true", help="also require a running, connected bot")
    health.set_defaults(standalone=_health)

    kb = _Commands(
        commands.add_group("kb", help="knowledge base tools").add_subparsers(dest="kb_command", required=True)
    )
    kb.add_parser("check", help="validate and lint knowledge/").set_defaults(handler=_kb_check)
    show = kb.add_parser("show", help="list all entries")
    show.add_argument("--json", action="store_true", help="all entries as JSON")
    show.set_defaults(handler=_kb_show)
    evaluate_cmd = kb.add_parser("eval", help="accuracy report over a YAML file of questions")
    evaluate_cmd.add_argument("file", type=Path)
    evaluate_cmd.add_argument(
        "--min-in-scope",
        type=float,
        default=0.0,
        metavar="RATIO",
        help="exit 1 if fewer in-scope questions are answered correctly (e.g. 0.95)",
    )
    evaluate_cmd.add_argument(
        "--min-refusal",
        type=float,
        default=0.0,
        metavar="RATIO",
        help="exit 1 if fewer off-topic questions are refused (e.g. 0.95)",
    )
    evaluate_cmd.set_defaults(handler=_kb_eval)
    return parser


class _Commands:
    """Adds subcommands that all accept the logging options, after the command as users tend to type them."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers
        self._common = argparse.ArgumentParser(add_help=False)
        self._common.add_argument(
            "--log-level", type=str.lower, choices=LEVELS, help="default: VIELFALT_LOG_LEVEL, else info for run"
        )
        self._common.add_argument(
            "--log-format", choices=LOG_FORMATS, help="text (default) or json lines; or VIELFALT_LOG_FORMAT"
        )
        self._common.set_defaults(default_log_level="warning", standalone=None)

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._subparsers.add_parser(name, parents=[self._common], **kwargs)
        return parser

    def add_group(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A command that only holds subcommands, so it takes no options of its own."""
        parser: argparse.ArgumentParser = self._subparsers.add_parser(name, **kwargs)
        return parser


async def _ask(args: argparse.Namespace, settings: Settings) -> int:
    questions = _stdin_questions(sys.stdin) if args.question == "-" else [args.question]
    if args.no_log:
        service = QuestionService(load_matcher(settings))
        return await _answer_all(service, questions, args)
    async with open_services(settings) as services:
        return await _answer_all(services.questions, questions, args)


def _stdin_questions(stream: TextIO) -> list[str]:
    return [line for line in (raw.strip() for raw in stream) if line]


async def _answer_all(service: QuestionService, questions: Sequence[str], args: argparse.Namespace) -> int:
    status = EXIT_OK
    for question in questions:
        try:
            answer = await service.ask(question, language=args.lang, channel="cli")
        except InvalidQuestion as error:
            status = EXIT_INVALID
            message = error.message(args.lang or "de")
            if args.json:
                _print_json(
                    {
                        "question": question,
                        "status": "unknown",
                        "entry_id": None,
                        "score": 0.0,
                        "answer": "",
                        "sources": [],
                        "suggestions": [],
                        "error": message,
                    }
                )
            else:
                print(message, file=sys.stderr)
            continue
        if args.json:
            _print_json(answer.to_json())
        else:
            print(render_answer(answer, service.capabilities(answer.language)), end="\n\n", flush=True)
    return status


def _print_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    discord_settings = DiscordSettings.from_env()
    token = check_token(discord_settings.token)
    if token.problem:
        raise ConfigError(wording(token.problem, "en"))
    if settings.pseudonym_key is None:
        raise ConfigError(f"VIELFALT_PSEUDONYM_KEY is not set, so Discord ids cannot be pseudonymised; {KEY_HINT}")
    runner = import_module("cogs._runner")  # imported here so that the core never loads discord.py
    await runner.run_bot(settings, discord_settings)
    return EXIT_OK


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    if args.out.exists():
        raise ConfigError(f"{args.out} exists already; choose a new file name so no export is overwritten")
    user = getpass.getuser()
    async with open_services(settings) as services:
        try:
            result = await services.moderation.export(
                Identity("cli", user, user),
                args.out,
                ExportFilter(args.thesis, args.since, args.until),
                ExportOptions(args.format, args.delimiter, not args.no_bom),
            )
        except UserError as error:
            print(error.message("en"), file=sys.stderr)
            return EXIT_INVALID
    print(f"exported {result.rows} rows to {result.path} ({result.size:,} bytes)")
    return EXIT_OK


async def _purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.older_than or settings.retention_days
    if days is None:
        raise ConfigError("give --older-than DAYS or set VIELFALT_RETENTION_DAYS")
    async with open_services(settings) as services:
        try:
            purged = await services.feedback.purge_older_than(days)
        except UserError as error:
            print(error.message("en"), file=sys.stderr)
            return EXIT_INVALID
    print(
        f"deleted (older than {days} days): {purged.stances} stances, {purged.comments} comments, "
        f"{purged.questions} logged questions, {purged.participants} participants without feedback"
    )
    return EXIT_OK


async def _backup(args: argparse.Namespace, settings: Settings) -> int:
    size = await asyncio.to_thread(backup_database, settings.database_path, args.file)
    print(f"backup written to {args.file} ({size:,} bytes, integrity check ok)")
    return EXIT_OK


async def _console(args: argparse.Namespace, settings: Settings) -> int:
    user = getpass.getuser()
    async with open_services(settings) as services:
        await Console(
            services.questions, services.feedback, Identity("console", user, user), sys.stdin, sys.stdout
        ).run()
    return EXIT_OK


async def _doctor(args: argparse.Namespace) -> int:
    findings = await asyncio.to_thread(diagnose, dict(os.environ), datetime.now(UTC))
    print(render_report(findings, args.lang or _locale_language(os.environ)))
    return EXIT_INVALID if problems(findings) else EXIT_OK


async def _health(args: argparse.Namespace) -> int:
    findings = await asyncio.to_thread(health, dict(os.environ), datetime.now(UTC), bot_must_run=args.bot)
    print(render_health(findings, _locale_language(os.environ)))
    return EXIT_INVALID if problems(findings) else EXIT_OK


def _locale_language(env: Mapping[str, str]) -> str:
    """German first; English only for people whose system speaks English."""
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "de"


async def _kb_check(args: argparse.Namespace, settings: Settings) -> int:
    matcher = load_matcher(settings)
    result = lint(matcher)
    for warning in result.warnings:
        print(f"warning: {warning}")
    if result.errors:
        print("\n".join(result.errors), file=sys.stderr)
        return EXIT_INVALID
    knowledge = matcher.knowledge
    print(
        f"OK: {len(knowledge.entries)} entries, {matcher.variant_count} question variants, "
        f"{len(knowledge.towns)} towns, {len(knowledge.theses)} theses"
    )
    return EXIT_OK


async def _kb_show(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = load_matcher(settings).knowledge
    if args.json:
        entries = [
            {
                "id": e.id,
                "category": e.category,
                "scope": e.scope,
                "title": e.title.model_dump(),
                "answer": e.answer.model_dump(),
                "sources": list(e.sources),
                "questions": [{"text": v.text, "language": v.language} for v in e.variants],
            }
            for e in knowledge.entries
        ]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for entry in knowledge.entries:
            print(f"{entry.id:40} {entry.title.de}")
    return EXIT_OK


async def _kb_eval(args: argparse.Namespace, settings: Settings) -> int:
    service = QuestionService(load_matcher(settings))
    try:
        cases = load_cases(args.file, set(service.knowledge.by_id))
    except EvalFileError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return EXIT_INVALID
    report = await evaluate(service, cases)
    print(format_report(report))
    passed = report.in_scope_accuracy >= args.min_in_scope and report.refusal_accuracy >= args.min_refusal
    return EXIT_OK if passed else EXIT_INVALID
