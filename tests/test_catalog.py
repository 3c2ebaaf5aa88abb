from __future__ import annotations

import pytest

from bot.catalog import find_theses, find_towns, thesis_for, town_for
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
