"""Reading the projector wall's event stream as a browser's EventSource does."""

from __future__ import annotations

import json
from typing import Any

import aiohttp


async def next_state(stream: aiohttp.ClientResponse) -> dict[str, Any]:
    """The next state the wall pushes on ``/events``; keep-alive comments are skipped."""
    event: str | None = None
    async for raw in stream.content:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event == "state":
            state: dict[str, Any] = json.loads(line.removeprefix("data: "))
            return state
    raise AssertionError("the event stream ended")
