"""Input and output of the console: an interactive terminal for people, plain lines for pipes and tests."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import threading
from typing import Protocol, TextIO

from bot.presentation import wrap


class EndOfInput(Exception):
    """The person quit (Ctrl-D, Ctrl-C) or the piped input ended."""


class Terminal(Protocol):
    async def read(self, prompt: str, *, remember: bool = False) -> str:
        """The next line without its line break; raises :class:`EndOfInput`. ``remember`` puts it into the
        history that the arrow keys browse (questions and commands, not the answers inside a dialog)."""
        ...

    def say(self, message: str) -> None: ...


class PlainTerminal:
    """Lines from any text stream: a pipe, a file, a test's ``StringIO``.

    Lines are read in a daemon thread, so Ctrl-C ends the console at once instead of waiting for a line that
    never comes. Output is wrapped only when a width is given (a terminal), never for a pipe or a file.
    """

    def __init__(self, lines: TextIO, out: TextIO, width: int | None = None) -> None:
        self._lines = lines
        self._out = out
        self._width = width

    async def read(self, prompt: str, *, remember: bool = False) -> str:
        self._out.write(prompt)
        self._out.flush()
        line = await _read_line(self._lines)
        if not line:
            raise EndOfInput
        return line.rstrip("\r\n")

    def say(self, message: str) -> None:
        self._out.write((wrap(message, self._width) if self._width else message) + "\n\n")
        self._out.flush()


class PromptTerminal:
    """A person at a terminal: line editing, arrow keys and a history of this session's questions.

    prompt_toolkit reads keys on the event loop itself, so Ctrl-C and Ctrl-D end the console immediately;
    ``input()`` with readline would block a worker thread that Ctrl-C cannot interrupt. The history stays in
    memory: questions are not written to disk.
    """

    def __init__(self, out: TextIO) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory

        self._out = out
        self._commands: PromptSession[str] = PromptSession(history=InMemoryHistory())
        self._answers: PromptSession[str] = PromptSession()

    async def read(self, prompt: str, *, remember: bool = False) -> str:
        session = self._commands if remember else self._answers
        try:
            return await session.prompt_async(prompt)
        except (EOFError, KeyboardInterrupt):
            raise EndOfInput from None

    def say(self, message: str) -> None:
        self._out.write(wrap(message, shutil.get_terminal_size().columns) + "\n\n")
        self._out.flush()


def open_terminal(stdin: TextIO, stdout: TextIO) -> Terminal:
    """The interactive terminal when a person types into one, plain lines when input or output is redirected."""
    if not stdout.isatty():
        return PlainTerminal(stdin, stdout)
    if stdin.isatty():
        return PromptTerminal(stdout)
    return PlainTerminal(stdin, stdout, shutil.get_terminal_size().columns)


async def _read_line(stream: TextIO) -> str:
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def read() -> None:
        try:
            line = stream.readline()
        except (OSError, ValueError):  # a closed or unreadable stream ends the input like its end
            line = ""
        with contextlib.suppress(RuntimeError):  # the console ended meanwhile (Ctrl-C) and closed its loop
            loop.call_soon_threadsafe(_settle, future, line)

    threading.Thread(target=read, name="console-input", daemon=True).start()
    return await future


def _settle(future: asyncio.Future[str], line: str) -> None:
    if not future.done():
        future.set_result(line)
