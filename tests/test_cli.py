"""The command line, run as a user runs it: a separate process, real stdin and stdout."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli_helpers import run_cli


def _run(args: list[str], tmp_path: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, {"VIELFALT_DB": str(tmp_path / "cli.db"), **env}, stdin)


def test_ask_prints_the_answer_with_its_sources(tmp_path: Path) -> None:
    result = _run(["ask", "Wann war die Abschlusstagung?"], tmp_path)
    assert result.returncode == 0
    assert "26. April 2018" in result.stdout
    assert "Quellen:" in result.stdout
    assert "https://" in result.stdout


def test_ask_json_reads_one_question_per_line_and_writes_one_object_per_line(tmp_path: Path) -> None:
    questions = "Wer hat das Projekt geleitet?\nWie wird das Wetter?\nWho is the mayor of Zittau?\n"
    result = _run(["ask", "--json", "-"], tmp_path, stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["answer", "unknown", "suggest"]
    assert lines[0]["entry_id"] == "projekt-team"
    assert lines[0]["sources"]
    assert lines[0]["answer"]
    assert (lines[1]["answer"], lines[1]["suggestions"]) == ("", [])
    assert {"entry_id", "title", "score"} == set(lines[2]["suggestions"][0])


def test_ask_json_answers_an_empty_line_with_an_error_object_so_lines_stay_aligned(tmp_path: Path) -> None:
    result = _run(["ask", "--json", "-"], tmp_path, stdin="Wer hat das Projekt geleitet?\n\nWie wird das Wetter?\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["Wer hat das Projekt geleitet?", "", "Wie wird das Wetter?"]
    assert lines[1]["status"] == "unknown"
    assert lines[1]["error"] == "Bitte stellen Sie eine Frage."
    assert result.returncode == 1


def test_ask_json_reports_an_overlong_line_without_losing_the_others(tmp_path: Path) -> None:
    result = _run(["ask", "--json", "-"], tmp_path, stdin="x" * 600 + "\nWer hat das Projekt geleitet?\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert "error" in lines[0]
    assert lines[0]["status"] == "unknown"
    assert lines[1]["status"] == "answer"


def test_unanswered_cli_questions_are_recorded_unless_no_log(tmp_path: Path) -> None:
    _run(["ask", "--no-log", "Wie wird das Wetter?"], tmp_path)
    assert not (tmp_path / "cli.db").exists()
    _run(["ask", "Wie wird das Wetter?"], tmp_path)
    assert (tmp_path / "cli.db").exists()


def test_kb_check_passes_on_the_shipped_knowledge(tmp_path: Path) -> None:
    result = _run(["kb", "check"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_kb_check_on_a_broken_file_exits_1_with_a_readable_message(tmp_path: Path, knowledge_copy: Path) -> None:
    (knowledge_copy / "begriffe.yaml").write_text("entries:\n  - id: Kaputt!\n", encoding="utf-8")
    result = _run(["kb", "check"], tmp_path, VIELFALT_KNOWLEDGE_DIR=str(knowledge_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "begriffe.yaml:Kaputt!:id: String should match pattern" in result.stderr


def test_kb_show_json_lists_every_entry(tmp_path: Path) -> None:
    result = _run(["kb", "show", "--json"], tmp_path)
    entries = json.loads(result.stdout)
    assert {"projekt-ueberblick", "stadt-goslar", "these-koordination"} <= {e["id"] for e in entries}
    assert all(e["sources"] for e in entries)


def test_kb_eval_reports_accuracy_and_fails_below_the_requested_floor(tmp_path: Path) -> None:
    eval_file = tmp_path / "eval.yaml"
    eval_file.write_text(
        "- q: Wer hat das Projekt geleitet?\n  kind: fact\n  expect: [[Reimann]]\n"
        "- q: Wie wird das Wetter?\n  kind: fact\n  expect: [[Reimann]]\n",
        encoding="utf-8",
    )
    result = _run(["kb", "eval", str(eval_file), "--min-in-scope", "0.9", "--misses"], tmp_path)
    assert result.returncode == 1
    assert "in scope (answered with the fact):   1/2 (50.0%)" in result.stdout
    assert "MISS [fact] 'Wie wird das Wetter?'" in result.stdout
    assert "below the floor: in scope 50.0% < 90.0%" in result.stderr


def test_kb_eval_rejects_an_expected_id_that_does_not_exist(tmp_path: Path) -> None:
    eval_file = tmp_path / "eval.yaml"
    eval_file.write_text("- q: Wer?\n  kind: overview\n  entry: gibt-es-nicht\n", encoding="utf-8")
    result = _run(["kb", "eval", str(eval_file)], tmp_path)
    assert result.returncode == 1
    assert "expected entry 'gibt-es-nicht' does not exist" in result.stderr


def test_invalid_threshold_exits_2_with_the_variable_named(tmp_path: Path) -> None:
    result = _run(["ask", "Goslar"], tmp_path, VIELFALT_ANSWER_THRESHOLD="viel")
    assert result.returncode == 2
    assert "VIELFALT_ANSWER_THRESHOLD" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_answers_and_says_goodbye_on_end_of_input(tmp_path: Path) -> None:
    result = _run(["console"], tmp_path, stdin="Wer hat das Projekt geleitet?\n")
    assert result.returncode == 0
    assert "Bettina Reimann" in result.stdout
    assert result.stdout.rstrip().endswith("Auf Wiedersehen!")


def test_sizes_are_grouped_as_the_reader_writes_numbers() -> None:
    from bot.cli._wording import grouped

    assert (grouped(6117, "de"), grouped(6117, "en"), grouped(12, "de")) == ("6.117", "6,117", "12")
