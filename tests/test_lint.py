from __future__ import annotations

from pathlib import Path

from bot.knowledge.lint import lint
from bot.knowledge.loader import load_knowledge
from bot.matching.matcher import Matcher


def test_shipped_knowledge_base_has_no_lint_errors(matcher: Matcher) -> None:
    assert lint(matcher).errors == []


def test_a_fact_no_question_can_reach_is_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "begriffe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "        sources: [S53]\n",
            "        sources: [S53]\n      - de: Der Wettbewerb hatte ein eigenes Logo.\n"
            "        en: The competition had its own logo.\n        sources: [S53]\n",
            1,
        ),
        encoding="utf-8",
    )
    errors = lint(Matcher(load_knowledge(knowledge_copy))).errors
    assert len(errors) == 1
    assert errors[0].startswith("begriffe.yaml:wettbewerb-zusammenleben:facts.2: no question reaches ")


def test_the_same_question_on_two_facts_is_a_warning(knowledge_copy: Path) -> None:
    path = knowledge_copy / "begriffe.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"Was bedeutet AMIF?"', '"Was bedeutet AMIF?", "Was sind Verantwortungsgemeinschaften?"', 1),
        encoding="utf-8",
    )
    warnings = lint(Matcher(load_knowledge(knowledge_copy))).warnings
    assert any(
        "'Was sind Verantwortungsgemeinschaften?' is also asked of begriff-amif#1" in w
        or "'Was sind Verantwortungsgemeinschaften?' is also asked of begriff-verantwortungsgemeinschaften#1" in w
        for w in warnings
    )
