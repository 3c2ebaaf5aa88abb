"""What every command shares: exit codes, the logging options, and running a handler with plain error messages."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

from bot.config import ConfigError, Settings
from bot.knowledge.errors import KnowledgeError
from bot.logs import FORMATS as LOG_FORMATS
from bot.logs import LEVELS, LogSettings, configure_logging
from bot.storage.errors import DatabaseError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]
Standalone = Callable[[argparse.Namespace], Coroutine[Any, Any, int]]  # diagnoses settings, so must not need them


def add_command(subparsers: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
    """A (sub)command that accepts the logging options after its name, where users tend to type them."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, **kwargs)
    add_log_options(parser)
    return parser


def add_log_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-level", type=str.lower, choices=LEVELS, help="default: VIELFALT_LOG_LEVEL, else info for run"
    )
    parser.add_argument(
        "--log-format", choices=LOG_FORMATS, help="text (default) or json lines; or VIELFALT_LOG_FORMAT"
    )
    parser.set_defaults(default_log_level="warning", standalone=None, handler=None)


def execute(args: argparse.Namespace) -> int:
    """Runs the command the parsed arguments chose; ordinary problems end in one plain line and an exit code."""
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
        return EXIT_INTERRUPTED


def _log_settings(args: argparse.Namespace) -> LogSettings:
    try:
        return LogSettings.resolve(args.log_level, args.log_format, os.environ, args.default_log_level)
    except ConfigError:
        if args.standalone:  # doctor and health report a bad log setting themselves
            return LogSettings()
        raise


def print_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


def locale_language(env: Mapping[str, str]) -> str:
    """German first; English only for people whose system speaks English."""
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "de"
