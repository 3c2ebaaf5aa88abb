"""``vielfalt-bot report``: one self-contained HTML file with charts, comments and podium questions."""

from __future__ import annotations

import re
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from bot.feedback.model import Stance, Submission
from bot.podium.model import Action
from bot.report.data import report_data
from bot.report.html import render_report
from bot.services import open_services
from tests.cli_helpers import run_cli
from tests.podium_helpers import person

HOSTILE = '<img src=x onerror="alert(1)"> & <a href="https://evil.example">klick</a>'


async def _event(settings: Settings) -> None:
    async with open_services(settings) as services:
        await services.feedback.submit(
            person(1, "Anna Beispiel"), Submission("these-koordination", Stance.AGREE, "Mehr Personal!"), channel="t"
        )
        await services.feedback.submit(
            person(2, "Geheime Person"),
            Submission("these-koordination", Stance.DISAGREE, HOSTILE, anonymous=True),
            channel="t",
        )
        answered = await services.podium.submit(
            person(3), "Wer bezahlt die Koordination?", anonymous=False, channel="t"
        )
        await services.podium.submit(person(4), "Was passiert mit leeren Läden?", anonymous=True, channel="t")
        assert answered.question is not None
        await services.podium.toggle_vote(person(5), answered.question.id)
        await services.podium.moderate(person(9), answered.question.id, Action.ANSWER)
        await services.questions.ask("Wie wird das Wetter morgen?", channel="t")


def _cli(args: list[str], settings: Settings, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        args, {"VIELFALT_DB": str(settings.database_path), "VIELFALT_PSEUDONYM_KEY": str(settings.pseudonym_key), **env}
    )


async def test_report_is_one_private_file_with_charts_comments_and_questions(
    settings: Settings, tmp_path: Path
) -> None:
    await _event(settings)
    target = tmp_path / "bericht.html"
    result = _cli(["report", "--out", str(target)], settings)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") == 8  # one stance chart per thesis
    assert "These 2: Koordination statt weiterer Einzelmaßnahmen" in page
    assert 'Mehr Personal! <span class="meta">– Anna Beispiel' in page
    assert "Geheime Person" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<img" not in page
    assert "<script" not in page
    assert not re.search(r"(src|href)=\"https?:", page), "nothing may be fetched from elsewhere"
    assert "Wer bezahlt die Koordination?" in page
    assert "Wie wird das Wetter morgen?" in page
    unanswered = page.split("Unbeantwortete Fragen", 1)[1]
    assert "Was passiert mit leeren Läden?" in unanswered
    assert "Wer bezahlt die Koordination?" not in unanswered.split("Vom Bot nicht sicher beantwortet", 1)[0]


async def test_report_in_english(settings: Settings) -> None:
    await _event(settings)
    async with open_services(settings) as services:
        page = render_report(await report_data(services, "en"), "en", datetime(2026, 11, 25, tzinfo=UTC))
    assert '<html lang="en">' in page
    assert "Event report" in page
    assert "Thesis 2: Coordination" in page
    assert ">Agree</text>" in page


async def test_report_refuses_to_overwrite_a_file(settings: Settings, tmp_path: Path) -> None:
    await _event(settings)
    target = tmp_path / "bericht.html"
    target.write_text("alt", encoding="utf-8")
    result = _cli(["report", "--out", str(target)], settings)
    assert result.returncode == 2
    assert target.read_text(encoding="utf-8") == "alt"
