"""The shipped knowledge base: complete, sourced, and honest about the theses."""

from __future__ import annotations

from bot.knowledge.model import KnowledgeBase


def test_every_entry_names_at_least_one_https_or_http_source(knowledge: KnowledgeBase) -> None:
    for entry in knowledge.entries:
        assert entry.sources, entry.id
        assert all(url.startswith(("https://", "http://")) for url in entry.sources), entry.id


def test_all_nine_partner_towns_are_present_with_state_and_population(knowledge: KnowledgeBase) -> None:
    names = {town.name for town in knowledge.towns}
    assert names == {
        "Germersheim",
        "Goslar",
        "Ilmenau",
        "Michelstadt",
        "Mühlacker",
        "Saarlouis",
        "Steinfurt",
        "Weißenfels",
        "Zittau",
    }
    assert all(town.state and town.population for town in knowledge.towns)


def test_each_town_has_profile_population_project_and_diversity_entries(knowledge: KnowledgeBase) -> None:
    for town in knowledge.towns:
        for suffix in ("", "-einwohner", "-projekt", "-vielfalt"):
            entry = knowledge.entry(f"stadt-{town.id}{suffix}")
            assert entry.scope == f"town:{town.id}"
            assert town.name in entry.title.de


def test_between_six_and_ten_discussion_theses_are_shipped(knowledge: KnowledgeBase) -> None:
    assert 6 <= len(knowledge.theses) <= 10
    assert sorted(t.number for t in knowledge.theses) == list(range(1, len(knowledge.theses) + 1))


def test_every_thesis_answer_says_it_is_derived_and_not_a_quote(knowledge: KnowledgeBase) -> None:
    for thesis in knowledge.theses:
        answer = knowledge.entry(thesis.id).answer
        assert "kein Zitat aus dem Positionspapier" in answer.de
        assert "not a quote from the position paper" in (answer.en or "")


def test_position_paper_entry_admits_the_individual_theses_are_unknown(knowledge: KnowledgeBase) -> None:
    answer = knowledge.entry("papier-thesen").answer
    assert "liegen mir nicht vor" in answer.de
    assert "keine Zitate aus dem Positionspapier" in answer.de


def test_every_entry_has_an_english_answer(knowledge: KnowledgeBase) -> None:
    assert all(entry.answer.en for entry in knowledge.entries)
