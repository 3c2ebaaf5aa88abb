from __future__ import annotations

import pytest

from bot.matching.normalize import content_tokens, guess_language, normalize


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Mühlacker", "muehlacker"),
        ("Muehlacker", "muehlacker"),
        ("Weißenfels", "weissenfels"),
        ("WEISSENFELS", "weissenfels"),
        ("Größe", "groesse"),
        ("  Wie   viele\tEinwohner?!  ", "wie viele einwohner"),
        ("Klein- und Mittelstädte", "klein und mittelstaedte"),
        ("café", "cafe"),
    ],
)
def test_spellings_of_the_same_word_normalise_alike(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_stopwords_are_dropped_but_intent_question_words_are_kept() -> None:
    assert content_tokens(["wer", "hat", "das", "projekt", "geleitet"]) == ["wer", "projekt", "geleitet"]


def test_a_question_of_only_stopwords_keeps_its_words() -> None:
    assert content_tokens(["was", "ist", "das"]) == ["was", "ist", "das"]


def test_single_letters_are_dropped_but_digits_kept() -> None:
    assert content_tokens(["what", "s", "these", "3"]) == ["these", "3"]


def test_language_is_guessed_from_function_words() -> None:
    assert guess_language(["who", "funded", "the", "project"]) == "en"
    assert guess_language(["wer", "hat", "das", "projekt", "finanziert"]) == "de"
    assert guess_language(["goslar"]) is None
