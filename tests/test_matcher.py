"""How the matcher treats real questions; each case states one behaviour."""

from __future__ import annotations

import pytest

from bot.matching.matcher import Matcher


def _answer(matcher: Matcher, question: str) -> str | None:
    """The German sentence the matcher answers with, or None when it does not answer."""
    result = matcher.match(question)
    if result.status != "answer" or result.best is None or result.best.fact is None:
        return None
    return result.best.fact.text.de


def _answer_id(matcher: Matcher, question: str) -> str | None:
    result = matcher.match(question)
    return result.best.entry.id if result.status == "answer" and result.best else None


def test_exact_question_is_answered_with_the_fact_it_asks_for(matcher: Matcher) -> None:
    assert "Bettina Reimann" in (_answer(matcher, "Wer hat das Projekt geleitet?") or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Gosslar Einwohner", "50.000"),
        ("wie viele einwohner hat weissenfels", "42.000"),
        ("Muehlacker Migrationshintergrund", "37 %"),
        ("Mühlaker Migrationshintergrund", "37 %"),
        ("Wie viele Leute warn bei der Abschlusstagnug?", "130"),
    ],
)
def test_typos_and_umlaut_free_spellings_still_find_the_fact(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_the_named_town_decides_which_towns_fact_answers(matcher: Matcher) -> None:
    assert "Goslar" in (_answer(matcher, "Wie viele Einwohner hat Goslar?") or "")
    assert "Zittau" in (_answer(matcher, "Wie viele Einwohner hat Zittau?") or "")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("In welchem Landkreis liegt Ilmenau?", "Ilm-Kreis"),
        ("Welche Uni hat in Germersheim eine Außenstelle?", "Universität Mainz"),
        ("Wer war Oberbürgermeister von Goslar?", "Oliver Junk"),
        ("Seit wann hat Mühlacker Stadtrecht?", "1930"),
        ("Welche Ortsteile hat Steinfurt?", "Borghorst"),
    ],
)
def test_town_attributes_are_reached_through_their_shared_templates(matcher: Matcher, question: str, fact: str) -> None:
    assert fact in (_answer(matcher, question) or "")


def test_a_compound_meets_its_head_word(matcher: Matcher) -> None:
    """ "Landkreis" in the question, "Ilm-Kreis" in the fact; "Kreis" in the question, "Landkreises" in the fact."""
    assert "Ilm-Kreis" in (_answer(matcher, "Landkreis Ilmenau") or "")
    assert "Landkreises Germersheim" in (_answer(matcher, "germersheim kreis") or "")


def test_a_short_unknown_word_is_not_turned_into_a_known_one(matcher: Matcher) -> None:
    assert matcher.match("Meine Beine tun weh").status == "unknown"


def test_a_part_of_a_town_must_be_named_in_the_answer(matcher: Matcher) -> None:
    """Jürgenohl is part of Goslar; Goslar's population is no answer to Jürgenohl's."""
    result = matcher.match("Wie viele Einwohner hat Jürgenohl?")
    assert result.status != "answer"
    assert "1960" in (_answer(matcher, "Wann ist Jürgenohl entstanden?") or "")


def test_a_question_naming_a_town_is_not_answered_from_another_topic_on_shared_words(matcher: Matcher) -> None:
    assert matcher.match("Wie ist das Wetter in Zittau?").status != "answer"
    assert matcher.match("Wo kann ich in Goslar parken?").status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "Wer ist Bürgermeister von Ilmenau?",
        "Wie viele Einwohner hatte Goslar 2023?",
        "Who is the mayor of Goslar today, in 2025?",
        "Wann genau war der Reflexionsworkshop in Germersheim?",
    ],
)
def test_near_misses_offer_what_is_known_about_the_town_instead_of_a_wrong_answer(
    matcher: Matcher, question: str
) -> None:
    result = matcher.match(question)
    assert result.status == "suggest"
    assert result.subject is not None
    assert result.candidates[0].entry.scope == f"town:{result.subject.casefold()}"


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Einwohner hat Hamburg?",
        "Wie wird das Wetter?",
        "What's the capital of France?",
        "was ist die hauptstadt von oesterreich",
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


@pytest.mark.parametrize(
    ("question", "gap"),
    [
        ("Wie viele Seiten hat das Positionspapier?", "Seitenzahl"),
        ("ISBN vom Sammelband", "ISBN"),
        ("Wo fand die Auftaktveranstaltung statt?", "Ort"),
        ("Wer ist Bürgermeister von Zittau?", "Bürgermeister"),
        ("Wie viele Einwohner hat Jürgenohl?", "Jürgenohl"),
    ],
)
def test_what_the_sources_do_not_say_is_declined_with_the_gap(matcher: Matcher, question: str, gap: str) -> None:
    result = matcher.match(question)
    assert result.status == "suggest"
    assert result.gap is not None
    assert gap in result.gap.text.de


def test_a_towns_gap_does_not_decline_a_question_that_names_no_town(matcher: Matcher) -> None:
    assert matcher.match("Wann sind die Kommunen ins Projekt eingestiegen?").gap is None


def test_a_numbered_thesis_of_the_position_paper_is_not_mistaken_for_a_discussion_thesis(matcher: Matcher) -> None:
    assert matcher.match("Wie lautet die Überschrift der ersten These im Positionspapier?").status != "answer"


def test_english_question_is_read_as_english(matcher: Matcher) -> None:
    result = matcher.match("Who funded the project?")
    assert result.status == "answer"
    assert (result.language, result.language_known) == ("en", True)


def test_german_question_is_read_as_german(matcher: Matcher) -> None:
    assert matcher.match("Wer hat das Projekt finanziert?").language == "de"


def test_question_without_words_is_unknown(matcher: Matcher) -> None:
    assert matcher.match("?!").status == "unknown"


def test_candidates_are_sorted_best_first(matcher: Matcher) -> None:
    scores = [c.score for c in matcher.match("Projekt Ergebnisse").candidates]
    assert scores == sorted(scores, reverse=True)
