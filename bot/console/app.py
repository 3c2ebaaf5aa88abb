"""The console's conversation: commands, questions and small talk over the same services as the Discord bot."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.console.feedback import FeedbackDialog
from bot.console.podium import PodiumDialog
from bot.console.terminal import EndOfInput, Terminal
from bot.feedback.model import Identity
from bot.feedback.service import FeedbackService
from bot.matching.normalize import UMLAUT_SPELLINGS, guess_language, normalize
from bot.podium.service import PodiumService
from bot.presentation import render_answer, render_theses
from bot.qa import InvalidQuestion, QuestionService, Suggestion
from bot.texts import text


@dataclass(frozen=True, slots=True)
class _Command:
    action: str
    language: str | None  # the language the command word is in; None for words both languages use
    takes_argument: bool = False


_COMMANDS: dict[str, _Command] = {
    "thesen": _Command("theses", "de"),
    "theses": _Command("theses", "en"),
    "feedback": _Command("feedback", None, takes_argument=True),
    "meine feedbacks": _Command("list", "de"),
    "meine rückmeldungen": _Command("list", "de"),
    "my feedback": _Command("list", "en"),
    "zurückziehen": _Command("withdraw", "de", takes_argument=True),
    "withdraw": _Command("withdraw", "en", takes_argument=True),
    "meine daten": _Command("data", "de"),
    "my data": _Command("data", "en"),
    "meine daten speichern": _Command("save", "de", takes_argument=True),
    "save my data": _Command("save", "en", takes_argument=True),
    "daten löschen": _Command("erase", "de"),
    "meine daten löschen": _Command("erase", "de"),
    "delete my data": _Command("erase", "en"),
    "delete data": _Command("erase", "en"),
    "podium": _Command("podium", "de", takes_argument=True),
    "ask panel": _Command("podium", "en", takes_argument=True),
    "fragen": _Command("questions", "de"),
    "podiumsfragen": _Command("questions", "de"),
    "questions": _Command("questions", "en"),
    "stimme": _Command("vote", "de", takes_argument=True),
    "vote": _Command("vote", "en", takes_argument=True),
    "hilfe": _Command("help", "de"),
    "help": _Command("help", "en"),
    "?": _Command("help", None),
    "ende": _Command("exit", "de"),
    "beenden": _Command("exit", "de"),
    "tschüss": _Command("exit", "de"),
    "exit": _Command("exit", "en"),
    "quit": _Command("exit", "en"),
    "bye": _Command("exit", "en"),
}


_EITHER_SPELLING = {letter: f"(?:{letter}|{spelt})" for letter, spelt in UMLAUT_SPELLINGS.items()}


def _pattern(words: str, command: _Command) -> re.Pattern[str]:
    """Case-insensitive, with any spacing between the words, umlauts also spelt without them ("zurueckziehen"),
    and the rest of the line as the argument."""
    phrase = r"\s+".join(
        "".join(_EITHER_SPELLING.get(letter, re.escape(letter)) for letter in word) for word in words.split()
    )
    return re.compile(phrase + (r"(?:\s+(.*))?" if command.takes_argument else ""), re.IGNORECASE)


# Longest first, so that "meine daten speichern" wins over "meine daten".
_COMMAND_PATTERNS = [
    (_pattern(words, command), command) for words, command in sorted(_COMMANDS.items(), key=lambda item: -len(item[0]))
]

# Small talk the console answers itself, so a greeting is neither asked as a question nor logged as unanswered.
# Keys are normalised (umlauts folded, punctuation dropped); the value is the language, None for both.
_GREETINGS = {"hallo": "de", "moin": "de", "servus": "de", "guten tag": "de", "hi": None, "hey": None}
_GREETINGS |= {"hello": "en", "good morning": "en", "good evening": "en"}
_THANKS = {"danke": "de", "danke schoen": "de", "vielen dank": "de", "thanks": "en", "thank you": "en"}


class Console:
    def __init__(
        self,
        service: QuestionService,
        feedback: FeedbackService,
        identity: Identity,
        terminal: Terminal,
        language: str = "de",
        podium: PodiumService | None = None,
    ) -> None:
        self._service = service
        self._terminal = terminal
        self._language = language
        self._pending: tuple[Suggestion, ...] = ()
        self._feedback = FeedbackDialog(feedback, lambda: service.knowledge, identity, terminal)
        self._podium = PodiumDialog(podium, identity, terminal) if podium else None

    async def run(self) -> None:
        """Until "ende", Ctrl-D, Ctrl-C or the end of piped input; always ends with a goodbye."""
        self._terminal.say(text("console_welcome", self._language))
        try:
            while await self._handle((await self._terminal.read("> ", remember=True)).strip()):
                pass
        except EndOfInput:
            pass
        self.say_goodbye()

    def say_goodbye(self) -> None:
        self._terminal.say(text("console_bye", self._language))

    async def _handle(self, line: str) -> bool:
        """Handles one line; False when the person wants to leave."""
        if not line:
            return True
        for pattern, command in _COMMAND_PATTERNS:
            match = pattern.fullmatch(line)
            if match:
                self._language = command.language or self._language
                return await self._run(command.action, (match.group(1) or "") if command.takes_argument else "")
        if self._small_talk(line):
            return True
        if not line.isdecimal():
            await self._ask(line)
        elif self._pending:
            self._choose(int(line))
        else:  # a number chooses from a list; without one it is no question to answer or to log
            self._terminal.say(text("console_no_choice_open", self._language))
        return True

    async def _run(self, action: str, argument: str) -> bool:
        language = self._language
        if action == "exit":
            return False
        if action == "help":
            self._terminal.say(text("console_help", language, capabilities=self._service.capabilities(language)))
        elif action == "theses":
            self._terminal.say(render_theses(self._service.knowledge, language))
        elif action == "feedback":
            await self._feedback.give(language, argument)
        elif action == "list":
            await self._feedback.list_mine(language)
        elif action == "withdraw":
            await self._feedback.withdraw(argument.strip(), language)
        elif action == "data":
            await self._feedback.show_data(language)
        elif action == "save":
            await self._feedback.save_data(argument, language)
        elif action == "erase":
            await self._feedback.erase(language)
        elif self._podium is None:
            self._terminal.say(text("console_podium_unavailable", language))
        elif action == "podium":
            await self._podium.ask(language, argument)
        elif action == "questions":
            await self._podium.list_questions(language)
        elif action == "vote":
            await self._podium.vote(argument, language)
        return True

    def _small_talk(self, line: str) -> bool:
        said = normalize(line)
        for phrases, key in ((_GREETINGS, "console_hello"), (_THANKS, "console_thanks")):
            if said in phrases:
                self._language = phrases[said] or self._language
                self._terminal.say(text(key, self._language))
                return True
        return False

    def _choose(self, number: int) -> None:
        if not 1 <= number <= len(self._pending):
            self._terminal.say(text("no_such_choice", self._language, count=len(self._pending)))
            return
        answer = self._service.entry_answer(self._pending[number - 1].entry_id, self._language)
        self._pending = ()
        self._terminal.say(render_answer(answer, self._service.capabilities(self._language)))

    async def _ask(self, question: str) -> None:
        """A clearly German or English question sets the conversation's language; anything else keeps it."""
        self._language = guess_language(normalize(question).split()) or self._language
        try:
            answer = await self._service.ask(question, language=self._language, channel="console")
        except InvalidQuestion as error:
            self._terminal.say(error.message(self._language))
            return
        self._terminal.say(render_answer(answer, self._service.capabilities(self._language)))
        self._pending = answer.suggestions if answer.status == "suggest" else ()
        if self._pending:
            self._terminal.say(text("pick_number", self._language))
        if answer.status != "answer" and self._podium is not None:
            self._terminal.say(text("console_podium_forward_hint", self._language))
