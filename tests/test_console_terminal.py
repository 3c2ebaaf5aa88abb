"""The console as a person meets it: a real terminal (a pty), keys typed one line at a time."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pexpect
import pytest

from tests.conftest import REPO

SECONDS = 20
UP = "\x1b[A"
CURSOR_SHOWN = "\x1b[?25h"  # prompt_toolkit's last output once a prompt is drawn and reads keys


def _prompt(child: pexpect.spawn[str], text: str) -> None:
    """Waits until the prompt is ready: keys sent earlier would meet the terminal's line discipline, which
    turns Ctrl-C into a signal and Ctrl-D into an end of file instead of handing them to the prompt."""
    child.expect_exact(text)
    child.expect_exact(CURSOR_SHOWN)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[pexpect.spawn[str]]:
    environment = {
        **os.environ,
        "VIELFALT_DB": str(tmp_path / "console.db"),
        "VIELFALT_PSEUDONYM_KEY": "",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # a pty answers no cursor position requests
        # The pty's size; an inherited COLUMNS (pytest-xdist workers have one) would win over it and wrap lines.
        "COLUMNS": "200",
        "LINES": "50",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "bot", "console"],
        cwd=str(REPO),
        env=environment,
        encoding="utf-8",
        dimensions=(50, 200),
        timeout=SECONDS,
    )
    try:
        _prompt(child, ">")
        yield child
    finally:
        child.close(force=True)


def _stored(database: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(database)) as connection:
        stances = connection.execute("SELECT thesis_id, stance FROM stances").fetchall()
        comments = connection.execute("SELECT thesis_id, body FROM comments").fetchall()
    return [*stances, *comments]


def test_the_feedback_dialog_end_to_end_with_a_miss_a_refusal_and_ctrl_c(
    console: pexpect.spawn[str], tmp_path: Path
) -> None:
    console.sendline("feedback")
    _prompt(console, "These (Nummer oder Stichwort):")
    console.sendline("Bürgermeister")
    console.expect_exact("Zu „Bürgermeister“ habe ich keine These gefunden.")
    console.expect_exact("These 8: Voneinander lernen")
    _prompt(console, "These (Nummer oder Stichwort):")
    console.sendline("Eigentümer")
    console.expect_exact("These 6: Ohne die Eigentümer geht es nicht")
    console.expect_exact("kein Zitat aus dem Positionspapier")
    _prompt(console, "Haltung:")
    console.sendline("7")
    console.expect_exact("„7“ ist keine Haltung.")
    _prompt(console, "Haltung:")
    console.sendline("1")
    _prompt(console, "Kommentar (optional, bis 1000 Zeichen, Enter = keiner):")
    console.sendline("x" * 1001)
    console.expect_exact("Der Kommentar hat 1001 Zeichen")
    console.expect_exact("Ihre Haltung „Zustimmung“ bleibt erhalten.")
    _prompt(console, "Kommentar (optional")
    console.sendline("Eigentümer früh einbinden")
    _prompt(console, "Anonym speichern? (j/N):")
    console.sendline("n")
    console.expect_exact("ist gespeichert.")
    _prompt(console, ">")
    console.send(UP)
    _prompt(console, "feedback")  # the arrow key brings back the last command, not a dialog answer
    console.sendcontrol("c")
    console.expect_exact("Auf Wiedersehen!")
    console.expect(pexpect.EOF)
    console.close()
    assert console.exitstatus == 0
    assert "Traceback" not in str(console.before)
    assert _stored(tmp_path / "console.db") == [
        ("these-eigentuemer", "zustimmung"),
        ("these-eigentuemer", "Eigentümer früh einbinden"),
    ]


def test_ctrl_d_quits_at_once_with_a_goodbye(console: pexpect.spawn[str]) -> None:
    console.sendline("hallo")
    console.expect_exact("Hallo!")
    _prompt(console, ">")
    console.sendcontrol("d")
    console.expect_exact("Auf Wiedersehen!")
    console.expect(pexpect.EOF)
    console.close()
    assert console.exitstatus == 0


def test_ctrl_c_with_piped_input_quits_at_once_with_a_goodbye(tmp_path: Path) -> None:
    """Input from a pipe that stays open (``cat | vielfalt-bot console``): Ctrl-C must not wait for a line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        cwd=REPO,
        env={**os.environ, "VIELFALT_DB": str(tmp_path / "console.db"), "LANG": "C.UTF-8", "LC_ALL": ""},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert "Konsole" in process.stdout.readline()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=SECONDS)
    assert process.returncode == 0
    assert "Auf Wiedersehen!" in stdout
    assert stderr == ""
