"""A per-participant sliding window, shared by every front end through the feedback service."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable


class SlidingWindow:
    def __init__(self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.seconds = seconds
        self._clock = clock
        self._events: defaultdict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may act again; 0 means now (and counts this action)."""
        now = self._clock()
        events = self._events[key]
        while events and now - events[0] >= self.seconds:
            events.popleft()
        if len(events) >= self.limit:
            return max(1, math.ceil(self.seconds - (now - events[0])))
        events.append(now)
        return 0
