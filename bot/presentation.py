"""Plain-text rendering of answers for the terminal front ends (CLI and console).

An answer starts with the sentence(s) that answer the question, then their context, then at most three
sources by title (the rest counted as "+N weitere"), the same order the Discord embed uses.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from bot.knowledge.model import KnowledgeBase, Source
from bot.qa import Answer
from bot.texts import text, thesis_title

SOURCES_SHOWN = 3


def shown_sources(sources: Sequence[Source], language: str) -> tuple[list[Source], str | None]:
    """The first sources to show and the "+N weitere" line for the rest (None when all are shown)."""
    hidden = len(sources) - SOURCES_SHOWN
    more = text("more_sources", language, count=hidden) if hidden > 0 else None
    return list(sources[:SOURCES_SHOWN]), more


def render_answer(answer: Answer, capabilities: str) -> str:
    if answer.status == "answer":
        if not answer.sources:
            return answer.text
        shown, more = shown_sources(answer.sources, answer.language)
        lines = [f"  - {source.title}: {source.url}" for source in shown] + ([f"  {more}"] if more else [])
        return f"{answer.text}\n\n{text('sources', answer.language)}:\n" + "\n".join(lines)
    if answer.status == "suggest":
        return answer.text
    return f"{text('unknown', answer.language)}\n\n{capabilities}"


def render_theses(knowledge: KnowledgeBase, language: str) -> str:
    lines = [text("theses_heading", language), knowledge.thesis_label.get(language), ""]
    lines += [thesis_title(t.number, t.title).get(language) for t in knowledge.theses]
    return "\n".join(lines)


_HANGING = re.compile(r"\s*(?:[-•*]|\d+\.)?\s*")


def wrap(message: str, width: int) -> str:
    """Fits each line to ``width`` columns between words, never inside one: a long URL stays whole.

    Continuation lines of a list item or an indented line start under its text, so lists stay lists.
    """
    return "\n".join(_wrap_line(line, width) for line in message.split("\n"))


def _wrap_line(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    hanging = _HANGING.match(line)
    prefix = hanging.group() if hanging else ""
    return textwrap.fill(
        line[len(prefix) :],
        width,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
        break_long_words=False,
        break_on_hyphens=False,
    )
