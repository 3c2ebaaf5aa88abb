"""``vielfalt-bot wall`` as organisers start it, and what ``doctor`` says about the wall and the sessions file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from bot.config import Settings
from bot.operations import checks
from bot.web.access import derive_token
from tests.cli_helpers import GERMAN_LOCALE, create_database, run_cli
from tests.conftest import REPO
from tests.podium_helpers import session, write_sessions

START_SECONDS = 30


def test_the_wall_serves_until_ctrl_c_and_ends_cleanly(settings: Settings) -> None:
    create_database(settings.database_path)
    env = {**os.environ, **GERMAN_LOCALE, "VIELFALT_DB": str(settings.database_path)}
    wall = subprocess.Popen(
        [sys.executable, "-m", "bot", "wall", "--port", "0", "--lang", "en"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wall.stdout is not None
        first = wall.stdout.readline()
        assert first.startswith("Projektorwand läuft: http://127.0.0.1:"), first + (
            wall.stderr.read() if wall.stderr else ""
        )
        url = first.split(": ", 1)[1].strip()
        with urllib.request.urlopen(url + "state", timeout=START_SECONDS) as response:
            state = json.loads(response.read())
        assert state["labels"]["wall_title"] == "Questions to the panel"
        wall.send_signal(signal.SIGINT)
        assert wall.wait(START_SECONDS) == 0
    finally:
        if wall.poll() is None:
            wall.kill()
            wall.wait()


def test_a_public_wall_without_any_key_is_refused_before_it_listens(settings: Settings) -> None:
    create_database(settings.database_path)
    result = run_cli(["wall", "--host", "0.0.0.0"], {"VIELFALT_DB": str(settings.database_path)})
    assert result.returncode == 2
    assert "geheimen Link" in result.stderr


def test_doctor_prints_the_secret_link_of_the_wall() -> None:
    key = "doctor-schluessel-0123456789"
    [finding] = checks.wall({"VIELFALT_PSEUDONYM_KEY": key})
    assert finding.key == "wall_links"
    assert finding.values["public"] == f"http://<HOST>:8765/?token={derive_token(key)}"


def test_doctor_lists_the_problems_of_the_sessions_file(tmp_path: Path) -> None:
    data = tmp_path / "daten"
    write_sessions(data / "sessions.yaml", session("eins", theses=[42]))
    findings = checks.sessions({"VIELFALT_DATA_DIR": str(data)})
    assert [(f.status, f.key) for f in findings] == [("problem", "sessions_invalid")]
    assert "there is no thesis '42'" in str(findings[0].values["problem"])
    write_sessions(data / "sessions.yaml", session("eins", theses=[1]), session("zwei", theses=[2]))
    assert [(f.status, f.values.get("count")) for f in checks.sessions({"VIELFALT_DATA_DIR": str(data)})] == [("ok", 2)]
