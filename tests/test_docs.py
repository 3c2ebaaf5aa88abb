"""The organiser guides and the README are instructions people follow; they must name what the code reads."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout

import pytest

from bot.cli import build_parser
from bot.operations.discord_token import INVITE_PERMISSIONS, INVITE_SCOPES
from tests.conftest import REPO

GUIDES = ["docs/veranstalter.md", "docs/organisers.md"]
DOCUMENTS = ["README.md", *GUIDES]


def _variables_read_by_the_code() -> set[str]:
    sources = [*(REPO / "bot").rglob("*.py"), *(REPO / "cogs").rglob("*.py")]
    pattern = re.compile(r"\"((?:VIELFALT|DISCORD)_[A-Z_]+)\"")
    return {name for path in sources for name in pattern.findall(path.read_text(encoding="utf-8"))}


def _is_command(name: str) -> bool:
    """argparse exits 0 for the help of a known command and 2 for an unknown one."""
    with pytest.raises(SystemExit) as exited, redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        build_parser().parse_args([name, "--help"])
    return exited.value.code == 0


def test_the_code_reads_the_variables_these_tests_look_for() -> None:
    assert {"DISCORD_TOKEN", "VIELFALT_PSEUDONYM_KEY", "VIELFALT_LOG_LEVEL"} <= _variables_read_by_the_code()


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_setting_the_code_reads_is_documented(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    missing = sorted(name for name in _variables_read_by_the_code() if f"`{name}`" not in text)
    assert missing == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_cli_command_the_documents_show_exists(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    named = set(re.findall(r"vielfalt-bot (?!vielfalt)([a-z]+)", text))  # not the container name
    assert named
    assert sorted(name for name in named if not _is_command(name)) == []


@pytest.mark.parametrize("document", GUIDES)
def test_the_guides_give_the_invite_scopes_and_the_permissions_the_bot_asks_for(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    assert f"`{INVITE_SCOPES}`" in text
    assert f"permissions={INVITE_PERMISSIONS}" in text


def test_the_readme_links_both_guides() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES:
        assert f"]({guide})" in readme
