"""What moderators do on Discord, from the command line: statistics, the audit log, exports by thesis, purges."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from bot.cli.stats import render_statistics
from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.moderation.export import ExportFilter, ExportOptions
from bot.moderation.statistics import ThesisStatistics
from bot.services import open_services
from tests.cli_helpers import run_cli
from tests.feedback_helpers import ANNA, BEN

MODERATOR = Identity("discord", "999", "Moderatorin")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _cli(args: list[str], settings: Settings, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        args, {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key), **env}
    )


async def _feedback(settings: Settings, *exports: Path) -> None:
    """Stances on theses 4 and 2 and a comment on 4; each path in ``exports`` is one audited export."""
    async with open_services(settings) as services:
        await services.feedback.submit(ANNA, Submission("these-innenstadt", Stance.AGREE, "Mehr Wohnen"), channel="t")
        await services.feedback.submit(BEN, Submission("these-innenstadt", Stance.DISAGREE), channel="t")
        await services.feedback.submit(BEN, Submission("these-koordination", Stance.PARTLY), channel="t")
        for target in exports:
            await services.moderation.export(MODERATOR, target, ExportFilter(), ExportOptions("json"))


async def test_stats_prints_a_row_per_thesis_and_writes_the_chart(settings: Settings, tmp_path: Path) -> None:
    await _feedback(settings)
    chart = tmp_path / "stimmen.png"
    result = _cli(["stats", "--chart", str(chart)], settings)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line[:1].isdigit()}
    assert rows["4"][1:6] == ["1", "0", "1", "0", "1"]
    assert rows["2"][1:6] == ["0", "1", "0", "0", "0"]
    assert "Die Innenstadt als Ort der Integration" in result.stdout
    assert chart.read_bytes().startswith(PNG_SIGNATURE)


def test_a_chart_file_not_ending_in_png_is_refused_before_anything_is_written(
    settings: Settings, tmp_path: Path
) -> None:
    result = _cli(["stats", "--chart", str(tmp_path / "stimmen.pdf")], settings)
    assert result.returncode == 2
    assert "bitte einen Dateinamen auf .png angeben" in result.stderr
    assert not (tmp_path / "stimmen.pdf").exists()


def test_the_statistics_table_sums_every_column_in_english_too() -> None:
    items = [
        ThesisStatistics("a", 1, "Thesis 1: One", {Stance.AGREE: 2}, 1),
        ThesisStatistics("b", 2, "Thesis 2: Two", {Stance.AGREE: 1, Stance.NEUTRAL: 3}, 0),
    ]
    table = render_statistics(items, "en").splitlines()
    assert table[2].split() == ["Thesis", "Agree", "Partly", "Disagree", "Neutral", "Comments", "Title"]
    assert table[-1].split() == ["Total", "3", "0", "0", "3", "1"]


@pytest.mark.parametrize("command", [["stats"], ["audit"]])
def test_reading_commands_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    database = tmp_path / "woanders" / "vielfalt.db"
    result = run_cli(command, {"VIELFALT_DB": str(database)})
    assert result.returncode == 2
    assert f"Unter {database} gibt es keine Datenbank; es wurde nichts angelegt." in result.stderr
    assert not database.parent.exists()


async def test_audit_lists_exports_newest_first_with_limit_and_since(settings: Settings, tmp_path: Path) -> None:
    await _feedback(settings, tmp_path / "eins.json", tmp_path / "zwei.json")
    newest = _cli(["audit", "--limit", "1"], settings)
    later = _cli(["audit", "--since", "2999-01-01"], settings, LANG="en_US.UTF-8")
    assert newest.returncode == 0, newest.stderr
    header, *rows = newest.stdout.splitlines()
    assert header.split() == ["Zeit", "(UTC)", "Moderation", "Aktion", "Einzelheiten"]
    assert len(rows) == 1
    assert "export" in rows[0]
    assert "format=json" in rows[0]
    assert later.stdout.strip() == "Nothing has been logged since 2999-01-01."


async def test_export_takes_the_thesis_by_number_or_title_words(settings: Settings, tmp_path: Path) -> None:
    await _feedback(settings)
    by_number = _cli(["export", "--format", "csv", "--out", str(tmp_path / "vier.csv"), "--thesis", "4"], settings)
    by_words = _cli(
        ["export", "--format", "csv", "--out", str(tmp_path / "wort.csv"), "--thesis", "Innenstadt"], settings
    )
    assert by_number.returncode == 0, by_number.stderr
    assert by_words.returncode == 0, by_words.stderr
    for name in ("vier.csv", "wort.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig") as file:
            assert {row["thesis_id"] for row in csv.DictReader(file, delimiter=";")} == {"these-innenstadt"}


async def test_a_thesis_export_says_which_thesis_it_took(settings: Settings, tmp_path: Path) -> None:
    await _feedback(settings)
    result = _cli(["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--thesis", "vierte These"], settings)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Nur These 4: ")


async def test_an_unknown_thesis_is_refused_with_the_list_of_theses(settings: Settings, tmp_path: Path) -> None:
    await _feedback(settings)
    result = _cli(
        ["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--thesis", "Bürgermeister"], settings
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Zu „Bürgermeister“ gibt es keine These. Die Thesen:\n  These 1: ")
    assert not (tmp_path / "x.csv").exists()


async def test_purge_older_than_0_deletes_everything_stored_until_now(settings: Settings) -> None:
    await _feedback(settings)
    result = _cli(["purge", "--older-than", "0"], settings)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gelöscht (älter als 0 Tage): 3 Haltungen, 1 Kommentare")
    async with open_services(settings) as services:
        assert all(item.stance_counts == [0, 0, 0, 0] for item in await services.moderation.statistics())
