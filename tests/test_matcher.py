"""How the matcher treats real questions; each case states one behaviour."""

from __future__ import annotations

import pytest

from bot.matching.matcher import Matcher


def _answer_id(matcher: Matcher, question: str) -> str | None:
    result = matcher.match(question)
    return result.best.entry.id if result.status == "answer" and result.best else None


def test_exact_question_is_answered_confidently(matcher: Matcher) -> None:
    result = matcher.match("Wer hat das Projekt geleitet?")
    assert result.status == "answer"
    assert result.best is not None
    assert result.best.entry.id == "projekt-team"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("Gosslar Einwohner", "stadt-goslar-einwohner"),
        ("wie viele einwohner hat weissenfels", "stadt-weissenfels-einwohner"),
        ("Muehlacker Migrationshintergrund", "stadt-muehlacker-vielfalt"),
        ("Mühlaker Migrationshintergrund", "stadt-muehlacker-vielfalt"),
    ],
)
def test_typos_and_umlaut_free_spellings_still_find_the_town(matcher: Matcher, question: str, entry_id: str) -> None:
    assert _answer_id(matcher, question) == entry_id


def test_the_named_town_decides_which_towns_entry_answers(matcher: Matcher) -> None:
    assert _answer_id(matcher, "Wie viele Einwohner hat Goslar?") == "stadt-goslar-einwohner"
    assert _answer_id(matcher, "Wie viele Einwohner hat Zittau?") == "stadt-zittau-einwohner"


def test_an_alias_of_a_town_steers_to_that_town(matcher: Matcher) -> None:
    assert _answer_id(matcher, "Was ist Jürgenohl?") == "stadt-goslar-projekt"


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Einwohner hat Hamburg?",
        "Wie wird das Wetter?",
        "Wie ist das Wetter in Zittau?",
        "Wo kann ich in Goslar parken?",
        "What's the capital of France?",
    ],
)
def test_off_topic_questions_are_unknown_not_a_wrong_answer(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).status == "unknown"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("These 3", "these-gesamtkonzept"),
        ("Was sagt die dritte These?", "these-gesamtkonzept"),
        ("thesis five", "these-zuwanderung-belebt"),
        ("These Nr. 7", "these-ressourcen"),
    ],
)
def test_a_thesis_named_by_number_or_ordinal_is_answered(matcher: Matcher, question: str, entry_id: str) -> None:
    assert _answer_id(matcher, question) == entry_id


def test_counting_theses_is_not_mistaken_for_a_thesis_number(matcher: Matcher) -> None:
    assert _answer_id(matcher, "Wie viele Thesen hat das Positionspapier?") == "papier-thesen"


def test_english_question_is_answered_in_english(matcher: Matcher) -> None:
    result = matcher.match("Who funded the project?")
    assert result.status == "answer"
    assert result.language == "en"


def test_german_question_is_answered_in_german(matcher: Matcher) -> None:
    assert matcher.match("Wer hat das Projekt finanziert?").language == "de"


def test_ambiguous_question_offers_up_to_three_suggestions(matcher: Matcher) -> None:
    result = matcher.match("Which towns are in eastern Germany?")
    assert result.status == "suggest"
    assert 1 <= len(result.candidates) <= 3
    assert "projekt-kommunen" in {c.entry.id for c in result.candidates}


def test_question_without_words_is_unknown(matcher: Matcher) -> None:
    assert matcher.match("?!").status == "unknown"


def test_candidates_are_sorted_best_first(matcher: Matcher) -> None:
    scores = [c.score for c in matcher.match("Projekt Ergebnisse").candidates]
    assert scores == sorted(scores, reverse=True)
