"""Question answering as a service: one code path for Discord, the CLI and the console."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.errors import UserError
from bot.knowledge.model import Entry, Fact, KnowledgeBase, Source
from bot.matching.matcher import Matcher, MatchResult, Status
from bot.matching.normalize import normalize
from bot.matching.smalltalk import (
    Smalltalk,
    introduces_oneself,
    opening_identity,
    opening_smalltalk,
    smalltalk_kind,
    smalltalk_language,
)
from bot.matching.stopwords import STOPWORDS
from bot.storage.question_log import LoggedQuestion, QuestionLog
from bot.texts import LANGUAGES, join_names, text

log = logging.getLogger(__name__)

MAX_QUESTION_LENGTH = 500
CONTEXT_FACTS = 3
SAID_ALREADY = 0.5  # a fact whose words were this much said before adds nothing as context


class InvalidQuestion(UserError):
    """A question that cannot be asked (empty or too long)."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry_id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    status: Status
    language: str
    entry_id: str | None
    title: str
    score: float
    text: str  # exactly what the user is shown: the answering sentence(s) first, then their context
    sources: tuple[Source, ...]
    suggestions: tuple[Suggestion, ...]
    highlight: str = ""  # the sentence(s) that answer the question; empty unless status is "answer"
    smalltalk: bool = False  # a greeting, thanks or "what can you do": answered kindly, never logged
    best_entry_id: str | None = None  # the closest entry even when it was not close enough to answer

    def to_json(self) -> dict[str, Any]:
        """The ``ask --json`` contract: keep these keys and their meaning stable."""
        return {
            "question": self.question,
            "status": self.status,
            "entry_id": self.entry_id,
            "score": round(self.score, 1),
            "answer": self.text,
            "highlight": self.highlight,
            "sources": [source.url for source in self.sources],
            "suggestions": [
                {"entry_id": s.entry_id, "title": s.title, "score": round(s.score, 1)} for s in self.suggestions
            ],
        }


class QuestionService:
    def __init__(self, matcher: Matcher, question_log: QuestionLog | None = None) -> None:
        self._matcher = matcher
        self._log = question_log

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._matcher.knowledge

    def replace_matcher(self, matcher: Matcher) -> None:
        """Swaps in a reloaded knowledge base; one assignment, so no question sees half of each."""
        self._matcher = matcher

    async def ask(self, question: str, *, language: str | None = None, channel: str, record: bool = True) -> Answer:
        """Raises :class:`InvalidQuestion` for empty or overlong input; logs what it cannot answer.

        ``language`` is the default for questions whose language cannot be told; an English question is
        answered in English and a German one in German whatever the default. ``record=False`` leaves the logging
        to :meth:`record_unanswered`, for front ends that must reply before they may wait for the database
        (Discord's 3 seconds)."""
        question = " ".join(question.split())
        if not normalize(question):
            raise InvalidQuestion("empty_question")
        if len(question) > MAX_QUESTION_LENGTH:
            raise InvalidQuestion("question_too_long", limit=MAX_QUESTION_LENGTH)
        default = language if language in LANGUAGES else None
        kind = smalltalk_kind(question) or ("identity" if opening_identity(question) else None)
        if kind:
            return self._smalltalk(question, kind, smalltalk_language(question) or default or "de")
        opening = opening_smalltalk(question)
        if opening and introduces_oneself(question):  # says who is writing and asks nothing: nothing to look up
            return self._smalltalk(question, opening, smalltalk_language(question) or default or "de")
        result = self._matcher.match(question)
        language = result.language if result.language_known else default or "de"
        if opening and result.status != "answer":
            return self._smalltalk(question, opening, smalltalk_language(question) or language)
        answer = self._compose(question, result, language)
        log.debug(
            "question matched",
            extra={
                "status": answer.status,
                "entry": answer.entry_id,
                "score": round(answer.score, 1),
                "channel": channel,
            },
        )
        if record:
            await self.record_unanswered(answer, channel=channel)
        return answer

    def entry_answer(self, entry_id: str, language: str, question: str = "") -> Answer:
        """The answer for an entry picked from a "did you mean" list: its lead fact first."""
        entry = self.knowledge.entry(entry_id)
        return self._entry_answer(question or entry.title.get(language), entry, entry.facts[0], 100.0, language)

    def topic_words(self, question: str) -> tuple[str, ...]:
        """The words the matcher reads in a question (stems, synonyms), for grouping similar questions."""
        return self._matcher.topic_words(question)

    def closest(self, question: str) -> tuple[Entry, float, bool] | None:
        """The entry that comes closest to a question, its score and whether the question is answered now."""
        result = self._matcher.match(question)
        best = result.best
        return (best.entry, best.score, result.status == "answer") if best else None

    def capabilities(self, language: str) -> str:
        towns = join_names([town.name for town in self.knowledge.towns], language)
        return text("can_answer", language, towns=towns)

    def _smalltalk(self, question: str, kind: Smalltalk, language: str) -> Answer:
        reply = f"{text(f'smalltalk_{kind}', language)} {self.capabilities(language)}"
        return Answer(question, "answer", language, None, "", 100.0, reply, (), (), highlight=reply, smalltalk=True)

    def _compose(self, question: str, result: MatchResult, language: str) -> Answer:
        best = result.best
        if result.status == "answer" and best:
            fact = best.fact or best.entry.facts[0]
            return self._entry_answer(question, best.entry, fact, best.score, language)
        suggestions = tuple(Suggestion(c.entry.id, c.entry.title.get(language), c.score) for c in result.candidates)
        if result.status == "suggest":
            if result.gap:
                heading = text("not_documented", language, gap=result.gap.text.get(language))
            elif result.subject:
                heading = text("not_known_but", language, subject=result.subject)
            else:
                heading = text("did_you_mean", language)
            lines = [heading] + [f"{number}. {s.title}" for number, s in enumerate(suggestions, start=1)]
            return Answer(
                question,
                "suggest",
                language,
                None,
                "",
                best.score if best else 0.0,
                "\n".join(lines),
                (),
                suggestions,
                best_entry_id=best.entry.id if best else None,
            )
        score = best.score if best else 0.0
        return Answer(
            question, "unknown", language, None, "", score, "", (), (), best_entry_id=best.entry.id if best else None
        )

    @staticmethod
    def _entry_answer(question: str, entry: Entry, fact: Fact, score: float, language: str) -> Answer:
        """The answering fact first, then the entry's note (a thesis's label) and a little of its other facts as
        context (see :func:`_context`)."""
        highlight = fact.text.get(language)
        around = _context(entry, fact, language)
        context = " ".join(other.text.get(language) for other in around)
        parts = [highlight, entry.note.get(language) if entry.note else "", context]
        return Answer(
            question,
            "answer",
            language,
            entry.id,
            entry.title.get(language),
            score,
            "\n\n".join(part for part in parts if part),
            tuple(dict.fromkeys(source for shown in (fact, *around) for source in shown.sources)),
            (),
            highlight=highlight,
        )

    async def record_unanswered(self, answer: Answer, *, channel: str) -> None:
        """Notes a question the bot could not answer confidently, for the curators; never fails the caller."""
        if answer.status == "answer" or self._log is None:
            return
        item = LoggedQuestion(
            answer.question,
            normalize(answer.question),
            answer.status,
            answer.best_entry_id,
            answer.score,
            answer.language,
            channel,
        )
        try:
            await self._log.record(item)
        except Exception:
            log.exception("could not record an unanswered question for the curators")


def _context(entry: Entry, fact: Fact, language: str) -> list[Fact]:
    """At most three of the entry's other facts, in their order, leaving out those that mostly repeat what was
    already said: a town's entry has a dozen facts, and the answer should stay short enough to read."""
    said = _content_words(fact.text.get(language))
    picked: list[Fact] = []
    for other in entry.facts:
        words = _content_words(other.text.get(language))
        if other is fact or not words or len(words & said) >= SAID_ALREADY * len(words):
            continue
        picked.append(other)
        said |= words
        if len(picked) == CONTEXT_FACTS:
            break
    return picked


def _content_words(sentence: str) -> set[str]:
    return {word for word in normalize(sentence).split() if len(word) > 3 and word not in STOPWORDS}
