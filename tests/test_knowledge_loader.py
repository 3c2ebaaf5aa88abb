"""Curators' mistakes are reported as file:entry:field messages, never as tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import KnowledgeError, load_knowledge


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(directory)
    return raised.value.problems


def test_missing_facts_are_reported_with_file_entry_and_field(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "projekt.yaml",
        "    facts:\n      - de: Das Projekt lief von Juli",
        "    facts_typo:\n      - de: Das Projekt lief von Juli",
    )
    problems = _problems(knowledge_copy)
    assert "projekt.yaml:projekt-laufzeit:facts: Field required" in problems
    assert any(p.startswith("projekt.yaml:projekt-laufzeit:facts_typo:") for p in problems)


def test_fact_without_sources_is_rejected(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "begriffe.yaml",
        "        sources: [S13]\n\n  - id: begriff-sozialraeumliche",
        "        sources: []\n\n  - id: begriff-sozialraeumliche",
    )
    problems = _problems(knowledge_copy)
    assert any(p.startswith("begriffe.yaml:begriff-verantwortungsgemeinschaften:facts.0.sources:") for p in problems)


def test_a_source_that_is_neither_listed_nor_a_url_is_rejected(knowledge_copy: Path) -> None:
    _replace(knowledge_copy / "begriffe.yaml", "        sources: [S45]\n", "        sources: [siehe Faktenblatt]\n")
    assert any(
        p.startswith("begriffe.yaml:migrationshintergrund-deutschland:facts.1:sources: unknown source 'siehe")
        for p in _problems(knowledge_copy)
    )


def test_an_unknown_town_attribute_is_reported(knowledge_copy: Path) -> None:
    _replace(knowledge_copy / "towns.yaml", "      - attr: quarters\n", "      - attr: quartiers\n")
    assert any("unknown attribute 'quartiers'" in p for p in _problems(knowledge_copy))


def test_a_yml_file_is_read_like_a_yaml_file(knowledge_copy: Path) -> None:
    (knowledge_copy / "begriffe.yaml").rename(knowledge_copy / "begriffe.yml")
    assert "begriff-amif" in load_knowledge(knowledge_copy).by_id


def test_the_same_file_as_yaml_and_yml_is_reported(knowledge_copy: Path) -> None:
    (knowledge_copy / "extra.yml").write_text("entries: []\n", encoding="utf-8")
    (knowledge_copy / "extra.yaml").write_text("entries: []\n", encoding="utf-8")
    assert "extra.yml:-:-: both extra.yaml and extra.yml exist; keep only one" in _problems(knowledge_copy)


def test_an_empty_file_gets_a_plain_message(knowledge_copy: Path) -> None:
    (knowledge_copy / "notizen.yaml").write_text("# noch leer\n", encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert "notizen.yaml:-:-: the file is empty; it needs 'entries:' with at least one item" in problems


def test_yaml_syntax_error_names_file_and_line(knowledge_copy: Path) -> None:
    (knowledge_copy / "begriffe.yaml").write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert len(problems) == 1
    assert problems[0].startswith("begriffe.yaml:line ")
    assert "YAML syntax error" in problems[0]


def test_duplicate_yaml_key_is_an_error_not_a_silent_overwrite(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "projekt.yaml",
        "  - id: projekt-titel\n    category: projekt\n",
        "  - id: projekt-titel\n    category: projekt\n    category: begriffe\n",
    )
    assert any("duplicate key 'category'" in p for p in _problems(knowledge_copy))


def test_the_same_id_in_two_files_is_reported(knowledge_copy: Path) -> None:
    _replace(knowledge_copy / "begriffe.yaml", "  - id: begriff-amif\n", "  - id: projekt-titel\n")
    assert "begriffe.yaml:projekt-titel:id: id is used by 2 entries" in _problems(knowledge_copy)


def test_unknown_town_reference_is_reported(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "begriffe.yaml",
        "  - id: begriff-amif\n    category: begriffe\n",
        "  - id: begriff-amif\n    category: begriffe\n    town: hamburg\n",
    )
    assert "begriffe.yaml:begriff-amif:town: unknown town 'hamburg'" in _problems(knowledge_copy)


def test_a_word_in_two_synonym_groups_is_reported(knowledge_copy: Path) -> None:
    with (knowledge_copy / "synonyms.yaml").open("a", encoding="utf-8") as file:
        file.write("  - [buch, roman]\n")
    assert any("'buch' is also in group" in p for p in _problems(knowledge_copy))


def test_town_template_without_placeholder_is_rejected(knowledge_copy: Path) -> None:
    _replace(knowledge_copy / "towns.yaml", "        - Wie groß ist {town}?\n", "        - Wie groß ist es?\n")
    assert any("must contain {town}" in p for p in _problems(knowledge_copy))


def test_missing_theses_file_is_reported(knowledge_copy: Path) -> None:
    (knowledge_copy / "theses.yaml").unlink()
    assert "theses.yaml:-:-: file is missing" in _problems(knowledge_copy)


def test_all_problems_of_a_directory_are_reported_together(knowledge_copy: Path) -> None:
    (knowledge_copy / "theses.yaml").unlink()
    (knowledge_copy / "begriffe.yaml").write_text("entries: []\n", encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert "theses.yaml:-:-: file is missing" in problems
    assert any(p.startswith("begriffe.yaml:-:entries:") for p in problems)


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parent.parent / "knowledge").glob("*.yaml")), ids=lambda p: p.name
)
def test_every_shipped_knowledge_file_is_valid_yaml_without_libyaml_too(path: Path) -> None:
    """libyaml accepts an unquoted flow value ending in "?" that PyYAML's own parser rejects; a machine
    without libyaml must load the same knowledge base."""
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
