"""Plain-text rendering of answers for the terminal front ends (CLI and console)."""

from __future__ import annotations

import re
import textwrap

from bot.knowledge.model import KnowledgeBase
from bot.qa import Answer
from bot.texts import text, thesis_title


def render_answer(answer: Answer, capabilities: str) -> str:
    if answer.status == "answer":
        sources = "\n".join(f"  - {url}" for url in answer.sources)
        return f"{answer.title}\n\n{answer.text}\n\n{text('sources', answer.language)}:\n{sources}"
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
