"""Terminal output is wrapped for people: between words, with lists kept as lists."""

from __future__ import annotations

from bot.presentation import wrap

URL = "https://difu.de/presse/pressemitteilungen/2018-04-09/stadtentwicklung-und-integrationspolitik"


def test_a_paragraph_is_wrapped_between_words_within_the_width() -> None:
    paragraph = "Die Abschlusstagung fand am 26. April 2018 in der ufaFabrik in Berlin statt."
    lines = wrap(paragraph, 30).splitlines()
    assert len(lines) > 1
    assert all(len(line) <= 30 for line in lines)
    assert " ".join(lines) == paragraph


def test_a_word_longer_than_the_width_stays_whole_on_its_list_line() -> None:
    assert wrap(f"  - {URL} more", 40).splitlines() == [f"  - {URL}", "    more"]


def test_continuation_lines_of_a_numbered_item_start_under_its_text() -> None:
    lines = wrap("1. Autorinnen und Veröffentlichung des Positionspapiers", 30).splitlines()
    assert lines[0].startswith("1. Autorinnen")
    assert all(line.startswith("   ") for line in lines[1:])


def test_short_lines_and_blank_lines_are_kept_as_they_are() -> None:
    assert wrap("Quellen:\n\n  - kurz", 30) == "Quellen:\n\n  - kurz"
