"""`vielfalt-bot run` as operators start it: a separate process configured only by the environment."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.cli_helpers import run_cli
from tests.conftest import REPO
from tests.discord_harness import COMMAND_PERMISSIONS, file_appears
from tests.fake_discord import FakeDiscord
from tests.wall_helpers import next_state

START_SECONDS = 30.0
WALL_SECONDS = 10.0


async def test_run_connects_reports_healthy_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    fake = FakeDiscord(expected_permissions=COMMAND_PERMISSIONS)
    await fake.start()
    environment = _environment(fake, tmp_path)
    environment.pop("DISCORD_GATEWAY_URL")
    try:
        async with _running_bot(environment) as process:
            await fake.wait_for(lambda r: r.path == "/gateway")
            await fake.wait_for(lambda r: r.method == "PUT" and r.path.endswith("/commands"))
            assert await file_appears(tmp_path / "heartbeat.json", START_SECONDS)
            healthy = await _health_check(environment)
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), START_SECONDS)
            wal_left = (tmp_path / "bot.db-wal").exists()
            stopped = await _health_check(environment)
    finally:
        await fake.stop()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "connected to Discord" in log
    assert "shutting down" in log
    assert "signal=SIGTERM" in log
    assert "stopped; database closed" in log
    assert not wal_left, "SQLite removes the WAL only when the last connection closes"
    assert healthy == (0, "healthy")
    assert stopped[0] == 1
    assert "not running" in stopped[1]
    assert [r.path for r in fake.requests if r.path.endswith("/gateway/bot")] == ["/api/v10/gateway/bot"]
    assert fake.unexpected == []
    assert fake.violations == []


async def test_run_with_the_wall_serves_live_data_from_the_same_process_and_stops_cleanly(tmp_path: Path) -> None:
    fake = FakeDiscord(expected_permissions=COMMAND_PERMISSIONS)
    await fake.start()
    environment = _environment(fake, tmp_path, VIELFALT_LOG_FORMAT="json")
    question = "Wie geht es nach dem Projekt weiter?"
    try:
        async with _running_bot(environment, "--wall", "--wall-port", "0") as process:
            port, early_log = await asyncio.wait_for(_wall_port(process), START_SECONDS)
            wall = f"http://127.0.0.1:{port}"
            assert await file_appears(tmp_path / "heartbeat.json", START_SECONDS)
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WALL_SECONDS)) as http:
                # Bounded by each read's wait_for instead: the stream stays open until the bot stops.
                async with http.get(
                    f"{wall}/events", timeout=aiohttp.ClientTimeout(sock_connect=WALL_SECONDS)
                ) as stream:
                    empty = await asyncio.wait_for(next_state(stream), WALL_SECONDS)
                    await fake.answer_to(fake.slash("podium", [{"name": "frage", "type": 3, "value": question}]))
                    button = "vielfalt:haltung:z:these-daueraufgabe"
                    row = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "x", "custom_id": button}]}]
                    await fake.answer_to(fake.button_click(button, row))
                    live = await asyncio.wait_for(_state_showing(stream, question, stance_total=1), WALL_SECONDS)
                    async with http.get(f"{wall}/state") as response:
                        state = await response.json()
                    async with http.get(f"{wall}/") as response:
                        page = await response.text()
                    process.send_signal(signal.SIGTERM)
                    _, stderr = await asyncio.wait_for(process.communicate(), START_SECONDS)
                with pytest.raises(aiohttp.ClientConnectionError):
                    await http.get(f"{wall}/state")
    finally:
        await fake.stop()
    log = "".join(early_log) + stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert empty["top"] == []
    assert [q["text"] for q in live["top"]] == [question]
    assert [q["text"] for q in state["top"]] == [question]
    assert _stance_total(state) == 1
    assert question in page
    assert "stopped; database closed" in log
    assert fake.violations == []


async def _wall_port(process: asyncio.subprocess.Process) -> tuple[int, list[str]]:
    """The port the wall took (``--wall-port 0``: any free one), from the bot's log; and the log read so far."""
    assert process.stderr is not None
    lines: list[str] = []
    while raw := await process.stderr.readline():
        lines.append(raw.decode())
        record = json.loads(lines[-1]) if lines[-1].startswith("{") else {}
        if record.get("event") == "projector wall serving":
            return int(record["port"]), lines
    raise AssertionError("the bot ended before the wall served:\n" + "".join(lines))


async def _state_showing(stream: aiohttp.ClientResponse, question: str, *, stance_total: int) -> dict[str, Any]:
    """The first state pushed that shows the question and that many stances."""
    while True:
        state = await next_state(stream)
        if [q["text"] for q in state["top"]] == [question] and _stance_total(state) == stance_total:
            return state


def _stance_total(state: dict[str, Any]) -> int:
    return sum(int(thesis["total"]) for thesis in state["theses"])


def _environment(fake: FakeDiscord, tmp_path: Path, **overrides: str) -> dict[str, str]:
    """What an operator sets for ``vielfalt-bot run``, pointed at the fake Discord."""
    return {
        **os.environ,
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE": fake.api_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "VIELFALT_PSEUDONYM_KEY": "k" * 32,
        "VIELFALT_GUILD_IDS": str(fake.guild_id),
        "VIELFALT_DB": str(tmp_path / "bot.db"),
        **overrides,
    }


@asynccontextmanager
async def _running_bot(environment: dict[str, str], *options: str) -> AsyncIterator[asyncio.subprocess.Process]:
    """``vielfalt-bot run`` in its own process, killed on the way out if a test left it running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        *options,
        cwd=REPO,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def _health_check(environment: dict[str, str]) -> tuple[int | None, str]:
    """As the container runs it, in its own process; asynchronous so the fake Discord keeps serving meanwhile."""
    check = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "health",
        "--bot",
        cwd=REPO,
        env={**environment, "LANG": "en_US.UTF-8", "LC_ALL": ""},
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await asyncio.wait_for(check.communicate(), START_SECONDS)
    return check.returncode, stdout.decode().strip()


def test_run_without_a_token_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli(["run"], {"DISCORD_TOKEN": "", "VIELFALT_DB": str(tmp_path / "bot.db")})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DISCORD_TOKEN fehlt." in result.stderr


def test_run_without_a_pseudonym_key_refuses_to_start_with_one_line(tmp_path: Path) -> None:
    result = run_cli(
        ["run"],
        {"DISCORD_TOKEN": FakeDiscord().token, "VIELFALT_PSEUDONYM_KEY": "", "VIELFALT_DB": str(tmp_path / "bot.db")},
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "VIELFALT_PSEUDONYM_KEY fehlt." in result.stderr
    assert not (tmp_path / "bot.db").exists()


def test_the_core_package_never_imports_discord() -> None:
    code = (
        "import importlib, pkgutil, sys, bot\n"
        "for m in pkgutil.walk_packages(bot.__path__, 'bot.'):\n"
        "    if m.name != 'bot.__main__': importlib.import_module(m.name)\n"
        "print('discord' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"


async def _run_against(fake: FakeDiscord, tmp_path: Path, **overrides: str) -> tuple[int | None, str]:
    await fake.start()
    try:
        async with _running_bot(_environment(fake, tmp_path, **overrides)) as process:
            _, stderr = await asyncio.wait_for(process.communicate(), START_SECONDS)
    finally:
        await fake.stop()
    return process.returncode, stderr.decode()


async def test_a_token_discord_rejects_ends_with_one_plain_line_and_exit_2(tmp_path: Path) -> None:
    someone_else = FakeDiscord(bot_id=900000000000000099).token
    returncode, log = await _run_against(FakeDiscord(), tmp_path, DISCORD_TOKEN=someone_else, LANG="en_US.UTF-8")
    assert returncode == 2
    assert "Traceback" not in log
    assert "Discord rejected DISCORD_TOKEN" in log.strip().splitlines()[-1]


async def test_qa_channels_without_the_message_content_intent_say_where_to_switch_it_on(tmp_path: Path) -> None:
    fake = FakeDiscord(message_content_enabled=False)
    returncode, log = await _run_against(
        fake, tmp_path, VIELFALT_QA_CHANNEL_IDS=str(fake.channel_id), LANG="de_DE.UTF-8"
    )
    assert returncode == 2
    assert "Traceback" not in log
    assert "„Privileged Gateway Intents“ einschalten" in log.strip().splitlines()[-1]
    assert "stopped; database closed" in log
