from __future__ import annotations

import pytest

from bot.catalog import find_theses, find_towns, match_theses, thesis_for, town_for
from bot.knowledge.model import KnowledgeBase


@pytest.mark.parametrize(("typed", "expected"), [("gos", ["Goslar"]), ("Muehl", ["Mühlacker"]), ("zitt", ["Zittau"])])
def test_town_autocomplete_matches_what_was_typed_so_far(
    knowledge: KnowledgeBase, typed: str, expected: list[str]
) -> None:
    assert [town.name for town in find_towns(knowledge, typed)] == expected


def test_empty_autocomplete_lists_all_towns_alphabetically(knowledge: KnowledgeBase) -> None:
    names = [town.name for town in find_towns(knowledge, "")]
    assert names == sorted(names)
    assert len(names) == 9


@pytest.mark.parametrize(
    ("typed", "town_id"),
    [("goslar", "goslar"), ("Weissenfels", "weissenfels"), ("Gosslar", "goslar"), ("Burgsteinfurt", "steinfurt")],
)
def test_a_typed_town_resolves_by_id_name_alias_or_typo(knowledge: KnowledgeBase, typed: str, town_id: str) -> None:
    town = town_for(knowledge, typed)
    assert town is not None
    assert town.id == town_id


@pytest.mark.parametrize("typed", ["Hamburg", "Berlin", "burg", ""])
def test_a_place_that_is_no_partner_town_resolves_to_nothing(knowledge: KnowledgeBase, typed: str) -> None:
    assert town_for(knowledge, typed) is None


@pytest.mark.parametrize(
    ("typed", "thesis_id"),
    [
        ("2", "these-koordination"),
        ("these-eigentuemer", "these-eigentuemer"),
        ("Voneinander lernen", "these-austausch"),
        ("Learning from each other", "these-austausch"),
    ],
)
def test_a_typed_thesis_resolves_by_number_id_or_title(knowledge: KnowledgeBase, typed: str, thesis_id: str) -> None:
    thesis = thesis_for(knowledge, typed)
    assert thesis is not None
    assert thesis.id == thesis_id


def test_thesis_autocomplete_finds_title_words(knowledge: KnowledgeBase) -> None:
    assert [t.id for t in find_theses(knowledge, "koord")] == ["these-koordination"]
    assert thesis_for(knowledge, "99") is None


@pytest.mark.parametrize(
    "typed", ["4", "These 4", "these 4", "vierte These", "thesis four", "Nr. 4", "die 4.", "Innenstadt", "innenstad"]
)
def test_a_thesis_is_found_by_number_phrase_or_a_title_word_with_typos(knowledge: KnowledgeBase, typed: str) -> None:
    assert [t.id for t in match_theses(knowledge, typed)] == ["these-innenstadt"]


@pytest.mark.parametrize("typed", ["Eigentümer", "Eigentuemern", "owners", "these-eigentuemer"])
def test_inflected_or_english_title_words_and_the_id_find_the_thesis(knowledge: KnowledgeBase, typed: str) -> None:
    assert [t.id for t in match_theses(knowledge, typed)] == ["these-eigentuemer"]


def test_a_word_in_several_titles_yields_all_of_them_and_no_single_thesis(knowledge: KnowledgeBase) -> None:
    found = [t.number for t in match_theses(knowledge, "Integration")]
    assert len(found) > 1
    assert {4, 7} <= set(found)
    assert thesis_for(knowledge, "Integration") is None


@pytest.mark.parametrize("typed", ["Bürgermeister", "99", "These 12", "ja", ""])
def test_words_no_thesis_title_contains_find_nothing(knowledge: KnowledgeBase, typed: str) -> None:
    assert match_theses(knowledge, typed) == []
