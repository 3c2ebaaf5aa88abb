from __future__ import annotations

import pytest

from bot.matching.normalize import content_tokens, guess_language, lemma, normalize, stems


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


def test_a_per_cent_sign_reads_as_the_word_prozent() -> None:
    assert normalize("rund 13 % aus dem Ausland") == "rund 13 prozent aus dem ausland"


def test_a_superlative_keeps_its_st_when_stemmed() -> None:
    assert stems(["kleinste", "kleinen", "wenigsten", "kosten"]) == ["kleinst", "klein", "wenigst", "kost"]


def test_possessives_and_other_german_function_words_are_stopwords() -> None:
    assert content_tokens(["unsere", "jede", "durch", "sitzungsvorlage"]) == ["sitzungsvorlage"]


def test_a_word_is_read_in_its_dictionary_form_with_or_without_umlauts() -> None:
    assert lemma("gedauert") == lemma("dauerte") == "dauern"
    assert lemma("gegruendet") == "gruenden"
    assert lemma("cities") == "city"
    assert lemma("xqzwort") == "xqzwort"
