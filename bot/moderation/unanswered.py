"""Logged questions the bot could not answer, grouped by what they ask, each with the entry that came closest.

A curator sees "4× Wer ist Bürgermeister von Ilmenau? (+2 similar) – closest: Ilmenau – Steckbrief" and can
add the missing fact or question variant in minutes. Questions are grouped by the words the matcher reads in
them (stems, synonyms; fillers and named towns aside), so "Bürgermeister Ilmenau" and "Wer ist OB in
Ilmenau?" land together. The closest entry is asked of the current knowledge base, so a group the knowledge
base answers by now says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.qa import QuestionService
from bot.storage.question_log import FrequentQuestion
from bot.texts import text

SIMILAR = 75.0
READ_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Closest:
    entry_id: str
    title: str
    origin: str
    score: float
    answered_now: bool


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    questions: tuple[FrequentQuestion, ...]  # the most asked first
    closest: Closest | None

    @property
    def example(self) -> str:
        return self.questions[0].example

    @property
    def count(self) -> int:
        return sum(question.count for question in self.questions)

    @property
    def last_asked(self) -> str:
        return max(question.last_asked for question in self.questions)


def group_unanswered(
    items: Sequence[FrequentQuestion], service: QuestionService, language: str, limit: int
) -> list[UnansweredGroup]:
    """Greedy grouping: each question joins the first group whose leading question reads alike."""
    leaders: list[tuple[str, list[FrequentQuestion]]] = []
    for item in sorted(items, key=lambda i: (-i.count, i.example)):
        key = " ".join(sorted(service.topic_words(item.example))) or item.example.casefold()
        for leader, members in leaders:
            if fuzz.token_set_ratio(key, leader) >= SIMILAR:
                members.append(item)
                break
        else:
            leaders.append((key, [item]))
    groups = [
        UnansweredGroup(tuple(members), _closest(service, members[0].example, language)) for _, members in leaders
    ]
    return sorted(groups, key=lambda g: (-g.count, g.example))[:limit]


def unanswered_line(
    group: UnansweredGroup, language: str, limit: int = 150, *, render: Callable[[str, int], str] | None = None
) -> str:
    """One group as a line for a chat: count, the leading question, how many alike, the closest entry.

    ``render`` shows the question text the way the medium needs (Discord escapes markdown and mentions), cut to
    ``limit`` characters."""
    question = render(group.example, limit) if render else _cut(group.example, limit)
    line = text("unanswered_line", language, count=group.count, question=question, last=group.last_asked[:10])
    if len(group.questions) > 1:
        line += " " + text("unanswered_alike", language, count=len(group.questions) - 1)
    if group.closest:
        line += " → " + text("unanswered_closest", language, title=group.closest.title, entry=group.closest.entry_id)
    return line


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _closest(service: QuestionService, question: str, language: str) -> Closest | None:
    found = service.closest(question)
    if found is None:
        return None
    entry, score, answered = found
    return Closest(entry.id, entry.title.get(language), entry.origin, score, answered)
