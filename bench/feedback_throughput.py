"""Feedback writes through the project's service against raw sqlite3 doing the same work.

The raw side is project-free (it imports nothing from ``bot``) and does what the project's store does: the same
schema with its triggers (``bench/_schema.py``), the same statements with their guard subqueries, the same
connection settings (WAL, ``synchronous=FULL``, foreign keys, ``secure_delete``) and the same pseudonyms. With
several participants at once it group-commits the way the project does: the N submissions waiting together share
one ``BEGIN IMMEDIATE … COMMIT``. ``tests/test_bench_fidelity.py`` checks that both sides run the same SQL.

Three cases: one participant at a time, 50 and 200 at once (closed loop: each participant submits again as soon as
the previous submission is acknowledged). Rounds alternate raw and project on fresh databases; latency
percentiles are over every submission of every round, and the share of submissions slower than 10× the median
(fsync stalls) is reported, not hidden. Run: python -m bench.feedback_throughput
"""

from __future__ import annotations

import asyncio
import hmac
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from bench import _schema
from bench._timing import MIN_ROUNDS, Samples, outlier_share
from bot.feedback.model import Identity, Stance, Submission
from bot.feedback.pseudonyms import Pseudonymizer
from bot.feedback.service import FeedbackService
from bot.feedback.store import FeedbackStore
from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.storage.database import Database

KEY = "benchmark-key-0123456789"
CHANNEL = "bench"
THESES = ("these-daueraufgabe", "these-koordination", "these-gesamtkonzept", "these-innenstadt")
STANCES = ("zustimmung", "teilweise", "ablehnung", "neutral")
OUTLIER_FACTOR = 10


@dataclass(frozen=True, slots=True)
class Case:
    participants: int  # submitting at once
    submissions: int  # per round
    target_ratio: float  # project submissions/s ÷ raw submissions/s, at least
    target_p50_ms: float | None = None  # the project's median latency, at most
    rounds: int = MIN_ROUNDS


# One at a time is bound by fsync, whose latency varies most on a shared disk: more, shorter rounds.
CASES = (Case(1, 300, 0.5, rounds=11), Case(50, 3000, 0.6, 5), Case(200, 6000, 0.6, 20))

# ---- raw side: project-free (nothing below uses bot until the project side) ----

# The project's statements, copied literally (see bot/feedback/store.py).
INSERT_STANCE = (
    "INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at, "
    "idempotency_key) SELECT :pseudonym, :thesis, :stance, :anonymous, :name, :channel, :now, :key "
    "WHERE NOT EXISTS (SELECT 1 FROM stances WHERE idempotency_key = :key) "
    "AND NOT EXISTS (SELECT 1 FROM stances WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
    "AND superseded_at IS NULL AND stance = :stance AND anonymous = :anonymous AND display_name IS :name)"
)
DELETE_OTHER_KIND = "DELETE FROM stances WHERE pseudonym = :other AND thesis_id = :thesis AND superseded_at IS NULL"
INSERT_COMMENT = (
    "INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at, "
    "idempotency_key) SELECT :pseudonym, :thesis, :comment, :anonymous, :name, :channel, :now, :key "
    "WHERE NOT EXISTS (SELECT 1 FROM comments WHERE idempotency_key = :key) "
    "AND NOT EXISTS (SELECT 1 FROM comments WHERE pseudonym = :pseudonym AND thesis_id = :thesis "
    "AND body = :comment AND withdrawn_at IS NULL) RETURNING id"
)
EARLIER_STANCE = "SELECT thesis_id, stance, anonymous, display_name FROM stances WHERE idempotency_key = ?"
EARLIER_COMMENT = "SELECT thesis_id, body, id, anonymous, display_name FROM comments WHERE idempotency_key = ?"
SAME_COMMENT = "SELECT id FROM comments WHERE pseudonym = ? AND thesis_id = ? AND body = ? AND withdrawn_at IS NULL"


@dataclass(frozen=True, slots=True)
class Feedback:
    """One submission as a participant makes it."""

    user: str
    name: str
    thesis: str
    stance: str | None
    comment: str | None
    anonymous: bool
    key: str | None

    def submitted(self) -> tuple[Identity, Submission]:
        """Who submits and what, as the project's service takes it."""
        stance = Stance(self.stance) if self.stance else None
        return Identity("discord", self.user, self.name), Submission(
            self.thesis, stance, self.comment, self.anonymous, self.key
        )


def workload(count: int) -> list[Feedback]:
    """Stance and comment each time; every tenth anonymous; each person comes back to a thesis after a while, so
    stances replace earlier ones (about four submissions per person, inside the project's rate limit)."""
    people = max(1, count // 4)
    return [
        Feedback(
            str(number % people),
            f"Person {number % people}",
            THESES[(number // people + number) % len(THESES)],
            STANCES[number % len(STANCES)],
            f"Kommentar {number} zur These",
            number % 10 == 0,
            f"bench-{number}",
        )
        for number in range(count)
    ]


def _digest(message: str) -> str:
    return hmac.digest(KEY.encode(), message.encode(), "sha256").hex()


def row_values(feedback: Feedback, now: str) -> dict[str, Any]:
    """The values the project stores: its keyed pseudonyms (named, and anonymous per thesis), computed the same
    way (see bot/feedback/pseudonyms.py)."""
    named = _digest(f"discord:{feedback.user}")
    anonymous = _digest("\x1f".join(("anonymous", named, feedback.thesis)))
    return {
        "pseudonym": anonymous if feedback.anonymous else named,
        "thesis": feedback.thesis,
        "stance": feedback.stance,
        "comment": feedback.comment,
        "anonymous": int(feedback.anonymous),
        "name": None if feedback.anonymous else feedback.name,
        "other": named if feedback.anonymous else anonymous,
        "channel": CHANNEL,
        "now": now,
        "key": feedback.key,
    }


def raw_store(connection: sqlite3.Connection, values: dict[str, Any]) -> tuple[bool, int | None]:
    """The project's store, statement for statement: whether a stance was added, and the comment's id."""
    stance_added = False
    if values["stance"]:
        stance_added = connection.execute(INSERT_STANCE, values).rowcount > 0
        if stance_added:
            connection.execute(DELETE_OTHER_KIND, values)
    comment_id = None
    if values["comment"]:
        comment_id = next((row[0] for row in connection.execute(INSERT_COMMENT, values).fetchall()), None)
    if values["key"] and not stance_added and comment_id is None:
        earlier = connection.execute(EARLIER_STANCE, (values["key"],)).fetchone()
        earlier_comment = connection.execute(EARLIER_COMMENT, (values["key"],)).fetchone()
        if earlier or earlier_comment:
            return False, earlier_comment[2] if earlier_comment else None
    if values["comment"] and comment_id is None:
        parameters = (values["pseudonym"], values["thesis"], values["comment"])
        comment_id = next((row[0] for row in connection.execute(SAME_COMMENT, parameters).fetchall()), None)
    return stance_added, comment_id


def raw_group_commit(connection: sqlite3.Connection, batch: Sequence[Feedback], clock: Callable[[], str]) -> None:
    """The N submissions waiting together, in one transaction, as the project's group commit does."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for feedback in batch:
            raw_store(connection, row_values(feedback, clock()))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


@dataclass
class Round:
    seconds: float
    latencies: list[float] = field(default_factory=list)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def raw_round(path: Path, submissions: Sequence[Feedback], participants: int) -> Round:
    """Closed loop: the next ``participants`` submissions arrive as soon as the previous ones are acknowledged, so
    each of them waits exactly as long as its transaction takes."""
    with closing(_schema.create(str(path))) as connection:
        latencies: list[float] = []
        start = time.perf_counter()
        for first in range(0, len(submissions), participants):
            batch = submissions[first : first + participants]
            began = time.perf_counter()
            raw_group_commit(connection, batch, utc_now)
            latencies.extend([time.perf_counter() - began] * len(batch))
        return Round(time.perf_counter() - start, latencies)


# ---- project side ----


async def _project_round(path: Path, submissions: Sequence[Feedback], participants: int) -> Round:
    knowledge = shipped_knowledge()
    database = await Database.open(path)
    try:
        service = FeedbackService(FeedbackStore(database), lambda: knowledge, Pseudonymizer(KEY))
        latencies: list[float] = []

        async def participant(first: int) -> None:
            for feedback in submissions[first::participants]:
                identity, submission = feedback.submitted()
                began = time.perf_counter()
                await service.submit(identity, submission, channel=CHANNEL)
                latencies.append(time.perf_counter() - began)

        start = time.perf_counter()
        await asyncio.gather(*(participant(first) for first in range(participants)))
        return Round(time.perf_counter() - start, latencies)
    finally:
        await database.close()


@cache
def shipped_knowledge() -> KnowledgeBase:
    """Loaded once, outside the timed part: the service checks thesis ids in it."""
    return load_knowledge(Path(__file__).resolve().parent.parent / "knowledge")


def project_round(path: Path, submissions: Sequence[Feedback], participants: int) -> Round:
    return asyncio.run(_project_round(path, submissions, participants))


def report(case: Case, rounds: dict[str, list[Round]]) -> None:
    at_once = "one participant at a time" if case.participants == 1 else f"{case.participants} participants at once"
    print(f"\n{at_once}: {case.submissions} submissions per round, {len(rounds['raw'])} alternating rounds")
    latency = {side: Samples(side, [value for one in rounds[side] for value in one.latencies]) for side in rounds}
    for side, samples in latency.items():
        rates = [case.submissions / one.seconds for one in rounds[side]]
        stalls = outlier_share(samples.seconds, OUTLIER_FACTOR)
        print(
            f"  {side:8} {statistics.median(rates):6.0f}/s (rounds {min(rates):.0f}–{max(rates):.0f})  "
            f"latency p50 {samples.p50 * 1000:6.2f} ms  p95 {samples.p95 * 1000:6.2f} ms  "
            f"max {max(samples.seconds) * 1000:6.1f} ms  >{OUTLIER_FACTOR}×p50: {stalls:5.1%}"
        )
    ratios = [raw.seconds / mine.seconds for raw, mine in zip(rounds["raw"], rounds["project"], strict=True)]
    print(
        f"  project ÷ raw submissions/s: median {statistics.median(ratios):.2f}, worst round {min(ratios):.2f} "
        f"(rounds: {', '.join(f'{ratio:.2f}' for ratio in ratios)})  target >= {case.target_ratio}"
    )
    if case.target_p50_ms is not None:
        print(f"  project latency p50 {latency['project'].p50 * 1000:.2f} ms  target <= {case.target_p50_ms} ms")


def main() -> None:
    print(f"feedback writes, synchronous=FULL, WAL, stance + comment per submission ({sys.executable})")
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            submissions = workload(case.submissions)
            shipped_knowledge()
            rounds: dict[str, list[Round]] = {"raw": [], "project": []}
            for number in range(max(case.rounds, MIN_ROUNDS)):
                base = Path(folder) / f"{case.participants}-{number}"
                sides = [("raw", raw_round), ("project", project_round)]
                for side, measure in sides if number % 2 == 0 else reversed(sides):  # neither always goes first
                    rounds[side].append(measure(base.with_suffix(f".{side}.db"), submissions, case.participants))
            report(case, rounds)


if __name__ == "__main__":
    main()
