"""Small builders for feedback tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.feedback.model import Identity

ANNA = Identity("discord", "111", "Anna")
BEN = Identity("discord", "222", "Ben")


class Clock:
    """A settable clock, for retention and rate-limit windows."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
