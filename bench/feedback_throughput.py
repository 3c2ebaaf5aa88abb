"""Feedback writes per second through the service against raw sqlite3 with one commit per row, in WAL.

Both sides use synchronous=FULL, so both pay for the same durability. The service is measured with one
participant at a time and with 50 submitting at once (as after a talk), where group commit lets them share
transactions. Rounds alternate within one run and medians are compared: machines here are shared and noisy.
Run: python -m bench.feedback_throughput
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.matching.matcher import Thresholds
from bot.services import open_services

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = 1500
USERS = 500
ROUNDS = 3
CONCURRENT_PARTICIPANTS = 50
THESES = ("these-daueraufgabe", "these-koordination", "these-gesamtkonzept", "these-innenstadt")


async def service_rate(database: Path, concurrency: int) -> float:
    settings = Settings(database, ROOT / "knowledge", Thresholds(), pseudonym_key="benchmark-key-0123456789")
    async with open_services(settings) as services:
        gate = asyncio.Semaphore(concurrency)

        async def submit(number: int) -> None:
            user = Identity("discord", str(number % USERS), f"Person {number % USERS}")
            submission = Submission(
                THESES[number % len(THESES)],
                list(Stance)[number % 4],
                comment=f"Kommentar {number}",
                idempotency_key=f"bench-{number}",
            )
            async with gate:
                await services.feedback.submit(user, submission, channel="bench")

        start = time.perf_counter()
        await asyncio.gather(*(submit(number) for number in range(SUBMISSIONS)))
        return SUBMISSIONS / (time.perf_counter() - start)


def raw_rate(database: Path) -> float:
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute(
            "CREATE TABLE feedback (id INTEGER PRIMARY KEY, who TEXT, thesis TEXT, stance TEXT, "
            "body TEXT, created_at TEXT)"
        )
        start = time.perf_counter()
        for number in range(SUBMISSIONS):
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO feedback (who, thesis, stance, body, created_at) VALUES (?, ?, ?, ?, ?)",
                (
                    str(number % USERS),
                    THESES[number % len(THESES)],
                    list(Stance)[number % 4].value,
                    f"Kommentar {number}",
                    "2026-11-25T00:00:00",
                ),
            )
            connection.execute("COMMIT")
        return SUBMISSIONS / (time.perf_counter() - start)


def main() -> None:
    rates: dict[str, list[float]] = {"raw": [], "sequential": [], "concurrent": []}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(ROUNDS):
            rates["raw"].append(raw_rate(Path(folder) / f"raw-{round_number}.db"))
            rates["sequential"].append(asyncio.run(service_rate(Path(folder) / f"seq-{round_number}.db", 1)))
            rates["concurrent"].append(
                asyncio.run(service_rate(Path(folder) / f"con-{round_number}.db", CONCURRENT_PARTICIPANTS))
            )
    raw = statistics.median(rates["raw"])
    print(f"{SUBMISSIONS} submissions (stance + comment) per round, {ROUNDS} alternating rounds, synchronous=FULL")
    labels = {
        "raw": "raw sqlite3, one commit per row",
        "sequential": "service, one participant at a time",
        "concurrent": f"service, {CONCURRENT_PARTICIPANTS} participants at once",
    }
    for name, label in labels.items():
        median = statistics.median(rates[name])
        rounds = ", ".join(f"{rate:.0f}" for rate in rates[name])
        print(f"  {label:38} {median:7.0f}/s  ratio to raw {median / raw:4.2f}  (rounds: {rounds})")
    print("  target: service / raw >= 0.5")


if __name__ == "__main__":
    main()
