"""The pieces behind ``doctor`` and ``health``: token shapes, the heartbeat file and the database probe."""

from __future__ import annotations

import base64
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest

from bot.operations.discord_token import INVITE_PERMISSIONS, check_token, invite_url
from bot.operations.heartbeat import Heartbeat, heartbeat_file, read_heartbeat, write_heartbeat
from bot.storage.database import Database
from bot.storage.migrations import MIGRATIONS
from bot.storage.probe import probe_database

APPLICATION_ID = 1234567890123456789
TOKEN = base64.urlsafe_b64encode(str(APPLICATION_ID).encode()).decode().rstrip("=") + ".GaBcDe." + "x" * 38


def test_a_well_formed_token_yields_the_application_id() -> None:
    assert check_token(f"  {TOKEN}\n") == check_token(TOKEN)
    assert check_token(TOKEN).problem is None
    assert check_token(TOKEN).application_id == APPLICATION_ID


@pytest.mark.parametrize(
    ("pasted", "problem"),
    [
        ("", "token_missing"),
        (f'"{TOKEN}"', "token_quoted"),
        (f"Bot {TOKEN}", "token_bot_prefix"),
        (f"{TOKEN[:20]} {TOKEN[20:]}", "token_whitespace"),
        (str(APPLICATION_ID), "token_is_application_id"),
        ("aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF", "token_is_client_secret"),
        ("fake-token", "token_malformed"),
        ("bm90LWFuLWlk" * 2 + ".GaBcDe." + "x" * 38, "token_malformed"),
    ],
)
def test_the_usual_pasting_mistakes_are_named(pasted: str, problem: str) -> None:
    assert check_token(pasted).problem == problem


def test_the_invite_link_asks_for_both_scopes_and_exactly_the_permissions_the_bot_uses() -> None:
    expected = discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
    )
    assert expected.value == INVITE_PERMISSIONS
    url = invite_url(APPLICATION_ID)
    assert f"client_id={APPLICATION_ID}" in url
    assert "scope=bot+applications.commands" in url
    assert f"permissions={expected.value}" in url


def test_a_heartbeat_reads_back_as_written(tmp_path: Path) -> None:
    beat = Heartbeat(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), guilds=2, latency_ms=41.5)
    path = heartbeat_file(tmp_path / "vielfalt.db")
    write_heartbeat(path, beat)
    assert read_heartbeat(path) == beat
    assert beat.age_seconds(beat.at + timedelta(seconds=90)) == 90


@pytest.mark.parametrize("content", [None, "", "{not json", '{"at": "yesterday", "guilds": 1, "latency_ms": null}'])
def test_a_missing_or_garbled_heartbeat_counts_as_none(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "heartbeat.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert read_heartbeat(path) is None


async def test_probing_a_database_reports_its_state_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "vielfalt.db"
    database = await Database.open(path)
    await database.close()
    before = path.read_bytes()
    state = probe_database(path, try_write_lock=True)
    assert (state.exists, state.integrity, state.writable, state.error) == (True, "ok", True, None)
    assert state.schema_version == len(MIGRATIONS)
    assert not state.newer_than_program
    assert path.read_bytes() == before


def test_probing_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "vielfalt.db"
    state = probe_database(path, try_write_lock=True)
    assert (state.exists, state.folder_writable) == (False, True)
    assert not (tmp_path / "not").exists()


def test_probing_a_file_that_is_not_a_database_reports_the_error(tmp_path: Path) -> None:
    path = tmp_path / "vielfalt.db"
    path.write_text("this is a note, not a database\n" * 100, encoding="utf-8")
    assert probe_database(path, try_write_lock=False).error == "file is not a database"


def test_a_database_locked_by_another_writer_is_not_writable(tmp_path: Path) -> None:
    path = tmp_path / "vielfalt.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("CREATE TABLE t (x)")
        other.execute("BEGIN IMMEDIATE")
        assert probe_database(path, try_write_lock=True).writable is False
        assert probe_database(path, try_write_lock=False).writable is None
