"""The ``vielfalt-bot`` command line: one module per command (group), imported only when that command runs.

Like pip, the table below names every command with its summary, so ``vielfalt-bot --help`` prints it without
importing any command module, and each command loads only what it needs: ``export`` never builds the matcher,
and nothing but ``run`` loads discord.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

PROG = "vielfalt-bot"
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # as for programs killed by SIGPIPE
DESCRIPTION = "Vielfalt-Bot: questions, feedback and moderation for the Difu project 'Vielfalt in den Zentren'."

# name -> (module, summary); the summary is what --help shows, the module is imported only to run the command.
COMMANDS: dict[str, tuple[str, str]] = {
    "ask": ("bot.cli.ask", "answer a question (or one per line from stdin with '-')"),
    "console": ("bot.cli.console", "offline chat in the terminal (no Discord token needed)"),
    "run": ("bot.cli.run", "start the Discord bot (needs DISCORD_TOKEN)"),
    "export": ("bot.cli.export", "export feedback (streaming, any size) for the research team"),
    "purge": ("bot.cli.purge", "delete feedback and logged questions older than a number of days"),
    "backup": ("bot.cli.backup", "consistent copy of the database, also while the bot runs"),
    "stats": ("bot.cli.stats", "stances and comments per thesis, as a table (and a chart with --chart)"),
    "audit": ("bot.cli.audit", "the moderation log: who exported or reloaded what, and when"),
    "doctor": ("bot.cli.doctor", "check the setup and say in plain words what is missing"),
    "health": ("bot.cli.health", "container health check: database and knowledge base usable"),
    "kb": ("bot.cli.kb", "knowledge base tools: check, show, eval"),
    "unanswered": ("bot.cli.unanswered", "logged questions without an answer, grouped, with the closest entry"),
    "wall": ("bot.cli.wall", "the projector wall: podium questions and live stances for the big screen"),
    "report": ("bot.cli.report", "self-contained HTML report of the event for the research team"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Output piped into a reader that stops early (``| head``) ends the command quietly with exit code 141."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush cannot fail again
        return EXIT_BROKEN_PIPE


def _main(arguments: list[str]) -> int:
    if not arguments or arguments[0] in ("-h", "--help"):
        print(_overview())
        return EXIT_OK if arguments else EXIT_USAGE
    name = arguments[0]
    if name not in COMMANDS:
        from bot.cli._wording import locale_language, say

        print(f"{say('unknown_command', locale_language(os.environ), name=name)}\n\n{_overview()}", file=sys.stderr)
        return EXIT_USAGE
    parser = argparse.ArgumentParser(prog=f"{PROG} {name}", description=COMMANDS[name][1])
    _configure(name, parser)
    args = parser.parse_args(arguments[1:])
    args.command = name
    from bot.cli._common import execute  # after --help, which must not pay for settings and logging imports

    return execute(args)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line in one parser, for documentation checks; ``main`` builds only what it runs."""
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, summary) in COMMANDS.items():
        _configure(name, subparsers.add_parser(name, help=summary, description=summary))
    return parser


def _configure(name: str, parser: argparse.ArgumentParser) -> None:
    """A command group (``kb``) gives each of its subcommands the logging options; other commands take them."""
    module = import_module(COMMANDS[name][0])
    if not getattr(module, "IS_GROUP", False):
        from bot.cli._common import add_log_options

        add_log_options(parser)
    module.configure(parser)


def _overview() -> str:
    width = max(len(name) for name in COMMANDS)
    rows = "\n".join(f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items())
    return (
        f"usage: {PROG} COMMAND [options]\n\n{DESCRIPTION}\n\ncommands:\n{rows}\n\n"
        f"'{PROG} COMMAND --help' shows a command's options."
    )
