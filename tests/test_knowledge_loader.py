"""Curators' mistakes are reported as file:entry:field messages, never as tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import KnowledgeError, load_knowledge


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(directory)
    return raised.value.problems


def test_missing_answer_is_reported_with_file_entry_and_field(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "projekt.yaml",
        "    answer:\n      de: >-\n        Das Projekt wurde von Juli",
        "    answer_typo:\n      de: >-\n        Das Projekt wurde von Juli",
    )
    problems = _problems(knowledge_copy)
    assert "projekt.yaml:projekt-laufzeit:answer: Field required" in problems
    assert any(p.startswith("projekt.yaml:projekt-laufzeit:answer_typo:") for p in problems)


def test_entry_without_sources_is_rejected(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "begriffe.yaml",
        "    sources:\n      - https://difu.de/publikationen/difu-berichte-42015/vielfalt-in-den-zentren-von-klein-und-"
        "mittelstaedten.html\n\n  - id: begriff-sozialraeumliche-integration",
        "    sources: []\n\n  - id: begriff-sozialraeumliche-integration",
    )
    problems = _problems(knowledge_copy)
    assert any(p.startswith("begriffe.yaml:begriff-verantwortungsgemeinschaften:sources:") for p in problems)


def test_a_source_that_is_not_a_url_is_rejected(knowledge_copy: Path) -> None:
    _replace(
        knowledge_copy / "begriffe.yaml",
        "      - https://www.econstor.eu/handle/10419/237044\n\n  - id: schader",
        "      - siehe Faktenblatt\n\n  - id: schader",
    )
    assert any(
        p.startswith("begriffe.yaml:migrationshintergrund-deutschland:sources.0:") for p in _problems(knowledge_copy)
    )


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
