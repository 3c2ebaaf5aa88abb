"""What every command shares: exit codes, the logging options, and running a handler with plain error messages.

Ordinary mistakes end in one plain line in the user's language (German unless the locale is English) and one of
the exit codes below, which the README documents; never in a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotenv import load_dotenv

from bot.cli._wording import locale_language, say
from bot.config import ConfigError, Problem, Settings
from bot.knowledge.errors import KnowledgeError
from bot.logs import FORMATS as LOG_FORMATS
from bot.logs import LEVELS, LogSettings, configure_logging
from bot.operations.wording import wording
from bot.storage.errors import DatabaseError

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INVALID = 1  # invalid input or knowledge base, or a check found problems
EXIT_USAGE = 2  # cannot start: usage, setting, database or file problem
EXIT_UNREACHABLE = 3  # Discord could not be reached
EXIT_INTERRUPTED = 130  # Ctrl-C


class CommandError(Exception):
    """A mistake the command refuses before doing anything, worded in :mod:`bot.cli._wording`."""

    def __init__(self, key: str, exit_code: int = EXIT_USAGE, **values: str | int) -> None:
        super().__init__(key)
        self.key = key
        self.exit_code = exit_code
        self.values = values


# A handler is a coroutine function, or a plain one where asyncio would only cost start-up time (``export``).
Handler = Callable[[argparse.Namespace, Settings], int | Coroutine[Any, Any, int]]
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
    language = args.language = locale_language(os.environ)
    try:
        configure_logging(_log_settings(args))
        if args.standalone:
            standalone: Standalone = args.standalone
            return _finish(standalone(args))
        handler: Handler = args.handler
        return _finish(handler(args, Settings.from_env()))
    except CommandError as error:
        return _fail(say(error.key, language, **error.values), error.exit_code)
    except ConfigError as error:
        for problem in error.problems:
            _fail(say("configuration_error", language, problem=_describe(problem, language)), EXIT_USAGE)
        return EXIT_USAGE
    except KnowledgeError as error:
        return _fail("\n".join([say("knowledge_invalid", language), *error.problems]), EXIT_INVALID)
    except DatabaseError as error:
        return _fail(error.message(language), EXIT_USAGE)
    except sqlite3.Error as error:
        return _fail(say("database_error", language, detail=str(error)), EXIT_USAGE)
    except BrokenPipeError:
        raise  # main() ends quietly
    except OSError as error:
        log.debug("command ended by an operating system error", exc_info=True)
        path = error.filename or "–"
        return _fail(say("file_error", language, path=str(path), reason=error.strerror or str(error)), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail(say("interrupted", language), EXIT_INTERRUPTED)


def _finish(outcome: int | Coroutine[Any, Any, int]) -> int:
    if isinstance(outcome, int):
        return outcome
    import asyncio

    return asyncio.run(outcome)


def _describe(problem: Problem, language: str) -> str:
    return wording(problem.key, language, **problem.values)


def _fail(message: str, exit_code: int) -> int:
    print(message, file=sys.stderr)
    return exit_code


def _log_settings(args: argparse.Namespace) -> LogSettings:
    try:
        return LogSettings.resolve(args.log_level, args.log_format, os.environ, args.default_log_level)
    except ConfigError:
        if args.standalone:  # doctor and health report a bad log setting themselves
            return LogSettings()
        raise


def print_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


def check_database(path: Path, *, must_exist: bool) -> None:
    """Refuses the usual mistakes with ``VIELFALT_DB`` in plain words before SQLite words them cryptically: a
    folder, a read-only file or folder, and (for commands that only read) a database that is not there."""
    if path.is_dir():
        raise CommandError("database_is_folder", path=str(path), suggestion=str(path / "vielfalt.db"))
    if path.exists():
        if not (os.access(path, os.R_OK | os.W_OK) and _writable_folder(path.parent)):
            raise CommandError("database_read_only", path=str(path))
    elif must_exist:
        raise CommandError("database_missing", path=str(path.absolute()))
    elif not _writable_folder(_existing_ancestor(path.parent)):
        raise CommandError("database_folder_not_writable", folder=str(path.parent.absolute()))


def check_new_file(path: Path) -> None:
    """A file a command is about to create: never overwritten, in a folder that exists and can be written."""
    if path.is_dir():
        raise CommandError("target_is_folder", path=str(path))
    if path.exists():
        raise CommandError("file_exists", path=str(path))
    folder = path.absolute().parent
    if not folder.is_dir():
        raise CommandError("folder_missing", folder=str(folder))
    if not _writable_folder(folder):
        raise CommandError("folder_not_writable", folder=str(folder))


@asynccontextmanager
async def database_services(settings: Settings, *, reading: bool) -> AsyncIterator[Services]:
    """The services over a checked database; a command that only reads never creates one."""
    from bot.services import open_services  # loads the knowledge base and aiosqlite: only for commands that need them

    check_database(settings.database_path, must_exist=reading)
    async with open_services(settings, create=not reading) as services:
        yield services


def _writable_folder(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _existing_ancestor(folder: Path) -> Path:
    for candidate in (folder.absolute(), *folder.absolute().parents):
        if candidate.exists():
            return candidate
    return Path("/")


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type for counts typed on the command line: digits only, at least ``minimum``."""

    def parse(raw: str) -> int:
        if not raw.strip().isdecimal() or int(raw) < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number, at least {minimum}, got '{raw}'")
        return int(raw)

    return parse
