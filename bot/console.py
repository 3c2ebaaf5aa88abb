"""An offline chat in the terminal over the same services as the Discord bot; no token needed."""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.console_feedback import FeedbackDialog
from bot.feedback.model import Identity
from bot.feedback.service import FeedbackService
from bot.presentation import render_answer, render_theses
from bot.qa import InvalidQuestion, QuestionService, Suggestion
from bot.texts import text

EXIT_WORDS = frozenset({"ende", "exit", "quit", "beenden", "tschüss"})
HELP_WORDS = frozenset({"hilfe", "help", "?"})
THESES_WORDS = frozenset({"thesen", "theses"})
WITHDRAW_WORDS = ("zurückziehen", "withdraw")


class Console:
    def __init__(
        self, service: QuestionService, feedback: FeedbackService, identity: Identity, lines: TextIO, out: TextIO
    ) -> None:
        self._service = service
        self._lines = lines
        self._out = out
        self._language = "de"
        self._pending: tuple[Suggestion, ...] = ()
        self._feedback = FeedbackDialog(feedback, lambda: service.knowledge, identity, self._prompt, self._say)
        self._commands = {
            "feedback": self._feedback.give,
            "meine feedbacks": self._feedback.list_mine,
            "my feedback": self._feedback.list_mine,
            "meine daten": self._feedback.show_data,
            "my data": self._feedback.show_data,
            "daten löschen": self._feedback.erase,
            "delete data": self._feedback.erase,
        }

    async def run(self) -> None:
        self._say(text("console_welcome", self._language))
        while (line := await self._read()) is not None:
            if line.casefold() in EXIT_WORDS:
                break
            if line:
                await self._handle(line)
        self._say(text("console_bye", self._language))

    async def _read(self) -> str | None:
        return await self._prompt("> ")

    async def _prompt(self, question: str) -> str | None:
        self._out.write(question)
        self._out.flush()
        line = await asyncio.to_thread(self._lines.readline)
        return line.strip() if line else None

    async def _handle(self, line: str) -> None:
        word = " ".join(line.casefold().split())
        command, _, argument = word.rpartition(" ")
        if word in self._commands:
            await self._commands[word](self._language)
        elif command in WITHDRAW_WORDS:
            await self._feedback.withdraw(argument, self._language)
        elif word in HELP_WORDS:
            self._say(self._service.capabilities(self._language))
        elif word in THESES_WORDS:
            self._say(render_theses(self._service.knowledge, self._language))
        elif self._pending and line.isdigit():
            self._choose(int(line))
        else:
            await self._ask(line)

    def _choose(self, number: int) -> None:
        if not 1 <= number <= len(self._pending):
            self._say(text("no_such_choice", self._language, count=len(self._pending)))
            return
        answer = self._service.entry_answer(self._pending[number - 1].entry_id, self._language)
        self._pending = ()
        self._say(render_answer(answer, self._service.capabilities(self._language)))

    async def _ask(self, question: str) -> None:
        try:
            answer = await self._service.ask(question, channel="console")
        except InvalidQuestion as error:
            self._say(error.message(self._language))
            return
        self._language = answer.language
        self._say(render_answer(answer, self._service.capabilities(answer.language)))
        self._pending = answer.suggestions if answer.status == "suggest" else ()
        if self._pending:
            self._say(text("pick_number", answer.language))

    def _say(self, message: str) -> None:
        self._out.write(message + "\n\n")
        self._out.flush()
