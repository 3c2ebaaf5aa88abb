"""The README's quickstart is a promise; CI must run exactly what it tells people to run."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _quickstart_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quickstart)


def test_readme_quickstart_has_a_run_command_and_a_test_command() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2
    assert commands[0].endswith("vielfalt-bot console")
    assert "pytest" in commands[1]


def test_ci_runs_both_quickstart_commands_verbatim_in_a_clean_clone() -> None:
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    clone = next(number for number, line in enumerate(ci_lines) if line.startswith("git clone"))
    for command in _quickstart_commands():
        assert command in ci_lines[clone:]
