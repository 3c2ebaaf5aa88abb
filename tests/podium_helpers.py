"""Shared set-up for podium tests: a sessions file written before the services open, and participants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from bot.feedback.model import Identity

NOW = datetime.now(UTC)


def person(number: int, name: str | None = None) -> Identity:
    return Identity("discord", str(100000000000000000 + number), name or f"Person {number}")


def session(
    session_id: str,
    *,
    theses: list[int | str] | None = None,
    open_: bool = True,
    premoderation: bool = False,
    hours_from_now: float = 0.0,
    hours: float = 2.0,
) -> dict[str, object]:
    start = NOW + timedelta(hours=hours_from_now) - timedelta(hours=1)
    return {
        "id": session_id,
        "name": {"de": f"Sitzung {session_id}", "en": f"Session {session_id}"},
        "start": start.isoformat(),
        "end": (start + timedelta(hours=hours)).isoformat(),
        "theses": theses or [],
        "open": open_,
        "premoderation": premoderation,
    }


def write_sessions(path: Path, *sessions: dict[str, object], show_names: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump({"show_names_on_wall": show_names, "sessions": list(sessions)}, allow_unicode=True),
        encoding="utf-8",
    )
