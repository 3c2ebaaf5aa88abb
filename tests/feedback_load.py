"""Submits feedback until killed, printing "ACK <key>" only after each submission has been stored.

Run: python -m tests.feedback_load DATABASE. Used by the crash-safety test, which kills it with SIGKILL.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from pathlib import Path

from bot.config import Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.matching.matcher import Thresholds
from bot.services import open_services
from tests.conftest import KNOWLEDGE_DIR

THESES = ("these-daueraufgabe", "these-koordination", "these-gesamtkonzept", "these-innenstadt")


async def main(database: Path) -> None:
    settings = Settings(database, KNOWLEDGE_DIR, Thresholds(), pseudonym_key="crash-test-key-0123456789")
    async with open_services(settings) as services:
        for number in itertools.count():
            key = f"load-{number}"
            user = Identity("discord", str(number % 500), f"Person {number % 500}")
            submission = Submission(
                THESES[number % len(THESES)],
                list(Stance)[number % 4],
                comment=f"Kommentar {number}",
                idempotency_key=key,
            )
            await services.feedback.submit(user, submission, channel="load")
            print(f"ACK {key}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
