"""Runs the command line as users do: a separate process, real stdin and stdout."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from bot.storage.database import Database
from tests.conftest import REPO

CLI_SECONDS = 60


GERMAN_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def run_cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``env`` is laid over the current environment with a locale that is not English, so messages are German
    unless a test sets ``LANG``; an empty value stands for an unset variable."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **GERMAN_LOCALE, **env},
        timeout=CLI_SECONDS,
        check=False,
    )


def create_database(path: Path) -> None:
    """A new, migrated database, made in this process: cheaper than a CLI run that creates one on the way."""

    async def create() -> None:
        await (await Database.open(path)).close()

    asyncio.run(create())
