from __future__ import annotations

from pathlib import Path

from bot.knowledge.lint import lint
from bot.knowledge.loader import load_knowledge
from bot.matching.matcher import Matcher


def test_shipped_knowledge_base_has_no_lint_errors(matcher: Matcher) -> None:
    assert lint(matcher).errors == []


def test_two_entries_with_the_same_question_are_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "begriffe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "        - Was ist der AMIF?\n",
            "        - Was ist der AMIF?\n        - Was ist Verantwortungsgemeinschaften?\n",
            1,
        ),
        encoding="utf-8",
    )
    errors = lint(Matcher(load_knowledge(knowledge_copy))).errors
    assert len(errors) == 1
    assert errors[0].startswith(
        "begriffe.yaml:begriff-amif:questions: 'Was ist Verantwortungsgemeinschaften?' collides with "
    )
    assert "of begriff-verantwortungsgemeinschaften" in errors[0]
