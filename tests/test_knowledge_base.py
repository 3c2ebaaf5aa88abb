"""The shipped knowledge base: complete, sourced fact by fact, and honest about the theses."""

from __future__ import annotations

from bot.knowledge.model import KnowledgeBase


def test_every_fact_names_at_least_one_titled_http_source(knowledge: KnowledgeBase) -> None:
    for entry in knowledge.entries:
        for fact in entry.facts:
            assert fact.sources, fact.key
            assert all(s.url.startswith(("https://", "http://")) and s.title for s in fact.sources), fact.key


def test_facts_outside_the_theses_cite_sources_titled_in_the_source_list(knowledge: KnowledgeBase) -> None:
    """A title that is only the host name means the URL is missing from sources.yaml."""
    for entry in knowledge.entries:
        if entry.category != "thesen":
            for fact in entry.facts:
                assert all(s.title not in s.url for s in fact.sources), fact.key


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


def test_each_town_has_profile_population_and_project_entries(knowledge: KnowledgeBase) -> None:
    for town in knowledge.towns:
        for suffix in ("", "-einwohner", "-projekt"):
            entry = knowledge.entry(f"stadt-{town.id}{suffix}")
            assert entry.scope == f"town:{town.id}"
            assert town.name in entry.title.de


def test_town_cards_read_their_profile_and_sources_from_the_facts(knowledge: KnowledgeBase) -> None:
    goslar = knowledge.town("goslar")
    assert goslar is not None
    assert "UNESCO-Welterbe" in goslar.aspects.profile.de
    assert "https://vielfalt-in-stadt-und-land.de/projektkommunen/goslar" in goslar.sources


def test_between_six_and_ten_discussion_theses_are_shipped(knowledge: KnowledgeBase) -> None:
    assert 6 <= len(knowledge.theses) <= 10
    assert sorted(t.number for t in knowledge.theses) == list(range(1, len(knowledge.theses) + 1))


def test_every_thesis_answer_carries_the_label_that_it_is_derived_and_not_a_quote(knowledge: KnowledgeBase) -> None:
    for thesis in knowledge.theses:
        note = knowledge.entry(thesis.id).note
        assert note is not None
        assert "kein Zitat aus dem Positionspapier" in note.de
        assert "not a quote from the position paper" in (note.en or "")


def test_position_paper_entry_admits_the_individual_theses_are_unknown(knowledge: KnowledgeBase) -> None:
    answer = knowledge.entry("papier-thesen").answer
    assert "enthält diese Wissensbasis nicht" in answer.de
    assert "keine Zitate aus dem Positionspapier" in answer.de


def test_every_fact_has_an_english_answer(knowledge: KnowledgeBase) -> None:
    assert all(fact.text.en for entry in knowledge.entries for fact in entry.facts)
