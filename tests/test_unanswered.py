"""Unanswered questions for curators: grouped by what they ask, each with the entry that came closest."""

from __future__ import annotations

from pathlib import Path

from bot.moderation.unanswered import group_unanswered, unanswered_line
from bot.qa import QuestionService
from bot.storage.question_log import FrequentQuestion
from tests.cli_helpers import run_cli


def _asked(question: str, count: int = 1) -> FrequentQuestion:
    return FrequentQuestion(question, count, "2026-11-25T10:00:00+00:00", None)


def test_questions_that_ask_the_same_land_in_one_group(service: QuestionService) -> None:
    groups = group_unanswered(
        [_asked("Bürgermeister Ilmenau", 2), _asked("Wer ist der Bürgermeister von Ilmenau?"), _asked("Wetter morgen")],
        service,
        "de",
        10,
    )
    assert [(g.example, g.count, len(g.questions)) for g in groups] == [
        ("Bürgermeister Ilmenau", 3, 2),
        ("Wetter morgen", 1, 1),
    ]


def test_each_group_names_the_closest_entry_and_its_file(service: QuestionService) -> None:
    group = group_unanswered([_asked("Wer ist der Bürgermeister von Ilmenau?")], service, "de", 10)[0]
    assert group.closest is not None
    assert (group.closest.entry_id, group.closest.origin) == ("stadt-ilmenau", "towns.yaml")
    assert not group.closest.answered_now


def test_an_off_topic_group_has_no_closest_entry(service: QuestionService) -> None:
    assert group_unanswered([_asked("Wetter morgen")], service, "de", 10)[0].closest is None


def test_a_group_the_knowledge_base_answers_by_now_says_so(service: QuestionService) -> None:
    group = group_unanswered([_asked("Wer hat das Projekt geleitet?")], service, "de", 10)[0]
    assert group.closest is not None
    assert group.closest.answered_now


def test_the_chat_line_counts_alike_questions_and_names_the_closest_entry(service: QuestionService) -> None:
    asked = [_asked("Bürgermeister Ilmenau", 2), _asked("Wer ist OB in Ilmenau?")]
    group = group_unanswered(asked, service, "de", 1)[0]
    line = unanswered_line(group, "de")
    assert line.startswith("3× „Bürgermeister Ilmenau“ (zuletzt 2026-11-25) (+1 ähnliche)")
    assert line.endswith("am nächsten: Ilmenau – Steckbrief (stadt-ilmenau)")


def test_the_command_says_which_database_it_looked_for_and_creates_none(tmp_path: Path) -> None:
    path = tmp_path / "nirgends.db"
    result = run_cli(["unanswered"], {"VIELFALT_DB": str(path)})
    assert result.returncode == 2
    assert f"Unter {path} gibt es keine Datenbank" in result.stderr
    assert not path.exists()


def test_the_command_lists_groups_with_the_closest_entry(tmp_path: Path) -> None:
    path = tmp_path / "fragen.db"
    environment = {"VIELFALT_DB": str(path), "VIELFALT_PSEUDONYM_KEY": "test-pseudonym-key-0123456789"}
    for question in ("Wer ist Bürgermeister von Ilmenau?", "Bürgermeister Ilmenau"):
        run_cli(["ask", question], environment)
    result = run_cli(["unanswered"], environment)
    assert "2 unbeantwortete Fragen in 1 Gruppen" in result.stdout
    assert "nächster Eintrag: stadt-ilmenau „Ilmenau – Steckbrief“ in towns.yaml" in result.stdout
    english = run_cli(["unanswered"], {**environment, "LANG": "en_GB.UTF-8", "LC_ALL": ""})
    assert "closest entry: stadt-ilmenau “Ilmenau – profile” in towns.yaml" in english.stdout


def test_a_file_that_is_no_database_gets_a_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.db"
    path.write_text("kein sqlite", encoding="utf-8")
    result = run_cli(["unanswered"], {"VIELFALT_DB": str(path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
