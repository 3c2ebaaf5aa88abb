"""Questions to the podium in the console: the same service as on Discord, asked step by step.

``podium [FRAGE]`` asks (anonymously if wanted) and, when a similar question is already on the list, offers to
vote for that one instead; ``fragen`` lists the current session's questions with their numbers and votes;
``stimme N`` votes for question N, and the same command again withdraws the vote.
"""

from __future__ import annotations

from bot.console.terminal import Terminal
from bot.errors import UserError
from bot.feedback.model import Identity
from bot.podium.model import PodiumQuestion, Status
from bot.podium.service import PodiumService
from bot.texts import text

YES = frozenset({"j", "ja", "y", "yes"})
NO = frozenset({"", "n", "nein", "no"})
CANCEL = frozenset({"abbrechen", "abbruch", "cancel", "stop"})
LISTED = 20


class PodiumDialog:
    def __init__(self, podium: PodiumService, identity: Identity, terminal: Terminal) -> None:
        self._podium = podium
        self._identity = identity
        self._terminal = terminal

    async def ask(self, language: str, typed: str = "") -> None:
        question = typed.strip() or (await self._terminal.read(text("console_podium_prompt", language))).strip()
        if not question or question.casefold() in CANCEL:
            self._terminal.say(text("console_cancelled", language))
            return
        try:
            existing = await self._podium.similar(question)  # offered before anything else is asked
            if existing is not None:
                self._terminal.say(text("console_podium_similar", language, line=_line(existing, language)))
                if await self._yes(text("console_podium_vote_instead", language), language):
                    vote = await self._podium.vote(self._identity, existing.id)
                    self._terminal.say(text("vote_counted", language, votes=vote.question.votes))
                    return
                if not await self._yes(text("console_podium_anyway", language), language):
                    self._terminal.say(text("console_cancelled", language))
                    return
            anonymous = await self._yes(text("console_podium_anonymous", language), language)
            result = await self._podium.submit(
                self._identity, question, anonymous=anonymous, channel="console", force=True
            )
        except UserError as error:
            self._terminal.say(error.message(language))
            return
        stored = result.question
        assert stored is not None
        session = self._podium.sessions.session(stored.session_id)
        name = session.name.get(language) if session else stored.session_id
        key = "podium_stored_pending" if stored.status is Status.PENDING else "podium_stored"
        self._terminal.say(f"{text(key, language, session=name)} (#{stored.id})")

    async def list_questions(self, language: str) -> None:
        try:
            session = self._podium.current_session()
        except UserError as error:
            self._terminal.say(error.message(language))
            return
        board = await self._podium.board(session.id, limit=LISTED)
        questions = ([board.highlighted] if board.highlighted else []) + list(board.top)
        lines = [text("podium_list_title", language, session=session.name.get(language))]
        lines += [f"  {_line(question, language)}" for question in questions] or [f"  {text('nothing_yet', language)}"]
        lines.append(text("console_podium_vote_hint", language))
        self._terminal.say("\n".join(lines))

    async def vote(self, argument: str, language: str) -> None:
        number = argument.strip().lstrip("#")
        if not number.isdecimal():
            self._terminal.say(text("console_podium_vote_number", language))
            return
        try:
            vote = await self._podium.toggle_vote(self._identity, int(number))
        except UserError as error:
            self._terminal.say(error.message(language))
            return
        key = "vote_counted" if vote.counted else "vote_withdrawn"
        self._terminal.say(text(key, language, votes=vote.question.votes))

    async def _yes(self, prompt: str, language: str) -> bool:
        while True:
            answer = (await self._terminal.read(prompt)).strip().casefold()
            if answer in YES:
                return True
            if answer in NO:
                return False
            self._terminal.say(text("console_yes_or_no", language))


def _line(question: PodiumQuestion, language: str) -> str:
    marker = f" ({text('podium_highlighted', language)})" if question.highlighted else ""
    return f"#{question.id}  {question.votes:>3} {text('votes', language)}  {question.body}{marker}"
