"""Plain-text rendering of answers for the terminal front ends (CLI and console)."""

from __future__ import annotations

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
