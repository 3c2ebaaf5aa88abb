"""The running bot's sign of life, a small file beside the database that a separate process can read.

The container health check runs as its own process, so it cannot ask the bot whether its Discord connection
is alive; the bot writes this file while it is connected, and a stale file means it is not.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from bot.storage.files import HEARTBEAT_NAME, open_private

INTERVAL_SECONDS = 30
STALE_AFTER_SECONDS = 4 * INTERVAL_SECONDS
# How the bot found VIELFALT_MODERATOR_ROLE on its servers, worst first.
MODERATOR_ROLE_STATES = ("ambiguous", "missing", "name", "id")


@dataclass(frozen=True, slots=True)
class Heartbeat:
    at: datetime
    guilds: int
    latency_ms: float | None
    moderator_role: str | None = None  # one of MODERATOR_ROLE_STATES, None when no role is configured

    def age_seconds(self, now: datetime) -> float:
        return (now - self.at).total_seconds()


def heartbeat_file(database_path: Path) -> Path:
    """Beside the database, so it lives on the same volume and the health check finds it without settings."""
    return database_path.parent / HEARTBEAT_NAME


def write_heartbeat(path: Path, beat: Heartbeat) -> None:
    """Written aside and renamed, so a reader never sees half a file."""
    partial = path.with_name(path.name + ".partial")
    payload = {**asdict(beat), "at": beat.at.isoformat()}
    with open_private(partial, encoding="utf-8") as file:
        file.write(json.dumps(payload))
    os.replace(partial, path)


def read_heartbeat(path: Path) -> Heartbeat | None:
    """``None`` when there is no readable heartbeat: the bot never ran here, or stopped and removed it."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        latency = payload["latency_ms"]
        role = payload.get("moderator_role")
        return Heartbeat(
            datetime.fromisoformat(payload["at"]),
            int(payload["guilds"]),
            None if latency is None else float(latency),
            role if role in MODERATOR_ROLE_STATES else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_heartbeat(path: Path) -> None:
    path.unlink(missing_ok=True)
