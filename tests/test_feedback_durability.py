"""Nothing a participant submits may be lost: under concurrency, after a crash, and with hostile input."""

from __future__ import annotations

import asyncio
import itertools
import signal
import sqlite3
import sys
from contextlib import AsyncExitStack
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.feedback.model import Identity, Receipt, Stance, Submission
from bot.feedback.service import _display_name
from bot.feedback.validation import FeedbackError, clean_comment
from bot.services import Services, open_services
from bot.storage.redaction import redact_discord_ids
from tests.conftest import REPO

THESES = (
    "these-daueraufgabe",
    "these-koordination",
    "these-gesamtkonzept",
    "these-innenstadt",
    "these-zuwanderung-belebt",
    "these-eigentuemer",
    "these-ressourcen",
    "these-austausch",
)
ACKS_BEFORE_KILL = 150
LOAD_SECONDS = 60.0


async def test_a_thousand_concurrent_submissions_from_200_users_are_stored_exactly_once(
    settings: Settings,
) -> None:
    async with open_services(settings) as first, open_services(settings) as second:

        async def submit(number: int) -> Receipt:
            services = first if number % 2 else second
            user = Identity("discord", str(number % 200), f"Person {number % 200}")
            submission = Submission(
                THESES[number % 8],
                list(Stance)[number % 4],
                comment=f"Gedanke {number}",
                idempotency_key=f"interaction-{number}",
            )
            return await services.feedback.submit(user, submission, channel="load")

        receipts = await asyncio.gather(*(submit(number) for number in range(1000)))
        replays = await asyncio.gather(*(submit(number) for number in range(0, 1000, 7)))
    assert not any(receipt.duplicate for receipt in receipts)
    assert all(replay.duplicate for replay in replays)
    with sqlite3.connect(settings.database_path) as connection:
        keys = connection.execute("SELECT idempotency_key, COUNT(*) FROM comments GROUP BY idempotency_key").fetchall()
        doubled = connection.execute(
            "SELECT COUNT(*) FROM stances WHERE superseded_at IS NULL GROUP BY pseudonym, thesis_id HAVING COUNT(*) > 1"
        ).fetchall()
    assert sorted(keys) == sorted((f"interaction-{n}", 1) for n in range(1000))
    assert doubled == []


async def test_every_acknowledged_submission_survives_a_sigkill(tmp_path: Path) -> None:
    database = tmp_path / "crash.db"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.feedback_load",
        str(database),
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    acknowledged: list[str] = []

    async def read_until_enough() -> None:
        while len(acknowledged) < ACKS_BEFORE_KILL:
            line = await process.stdout.readline()  # type: ignore[union-attr]
            if not line:
                raise AssertionError("the load process ended before it was killed")
            acknowledged.append(line.decode().split()[1])

    try:
        await asyncio.wait_for(read_until_enough(), LOAD_SECONDS)
    finally:
        process.send_signal(signal.SIGKILL)
        rest, _ = await process.communicate()
    acknowledged += [line.split()[1] for line in rest.decode().splitlines() if line.startswith("ACK ")]
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in connection.execute("SELECT idempotency_key FROM comments")}
    assert set(acknowledged) <= stored


def test_fuzzed_feedback_never_crashes_and_never_stores_garbage(settings: Settings) -> None:
    loop = asyncio.new_event_loop()
    resources = AsyncExitStack()
    services: Services = loop.run_until_complete(resources.enter_async_context(open_services(settings)))
    users = itertools.count()

    @settings_profile
    @given(
        comment=st.one_of(
            st.none(),
            st.text(max_size=1100),
            st.text(alphabet=st.characters(codec="utf-8"), min_size=990, max_size=1010),
        ),
        stance=st.sampled_from([None, *Stance]),
        anonymous=st.booleans(),
        name=st.text(max_size=60),
    )
    def check(comment: str | None, stance: Stance | None, anonymous: bool, name: str) -> None:
        identity = Identity("discord", str(next(users)), name)
        loop.run_until_complete(_submit_and_verify(services, identity, comment, stance, anonymous))

    try:
        check()
    finally:
        loop.run_until_complete(resources.aclose())
        loop.close()


settings_profile = settings(max_examples=300, deadline=None)


async def _submit_and_verify(
    services: Services, identity: Identity, comment: str | None, stance: Stance | None, anonymous: bool
) -> None:
    submission = Submission("these-koordination", stance, comment, anonymous)
    refusal = ""
    try:
        await services.feedback.submit(identity, submission, channel="fuzz")
    except FeedbackError as error:
        refusal = error.message("de")
    data = await services.feedback.personal_data(identity)
    if refusal:
        assert data.is_empty
        return
    expected_name = None if anonymous else _display_name(identity.display_name)
    assert all(record.display_name == expected_name for record in data.stances)
    assert all(record.display_name == expected_name for record in data.comments)
    assert [s.stance for s in data.stances] == ([stance] if stance else [])
    if comment is not None and comment.strip():
        assert [c.body for c in data.comments] == [redact_discord_ids(clean_comment(comment))]
    else:
        assert data.comments == ()
