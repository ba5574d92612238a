"""Time, injected.

Nothing in the engine reads the system clock directly: offer timeouts, after-contact-work limits,
flow waits and hours of operation all ask a `Clock`. `SystemClock` is what the server uses;
`VirtualClock` lets tests and simulations move time forward instantly and deterministically.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Timer(Protocol):
    def cancel(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run `callback` once, `delay` seconds from now (on the event loop for SystemClock)."""
        ...


class SystemClock:
    """Wall-clock time; timers run on the running asyncio loop."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        import asyncio

        return asyncio.get_running_loop().call_later(max(delay, 0.0), callback)


@dataclass(order=True)
class _Scheduled:
    due: datetime
    sequence: int
    callback: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class VirtualClock:
    """A clock that only moves when told to; due timers fire in order as it advances."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        self._timers: list[_Scheduled] = []
        self._sequence = itertools.count()

    def now(self) -> datetime:
        return self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        scheduled = _Scheduled(
            self._now + timedelta(seconds=max(delay, 0.0)), next(self._sequence), callback
        )
        heapq.heappush(self._timers, scheduled)
        return scheduled

    def advance(self, seconds: float) -> None:
        """Move time forward, firing every timer that falls due on the way, in due order."""
        target = self._now + timedelta(seconds=seconds)
        while self._timers and self._timers[0].due <= target:
            scheduled = heapq.heappop(self._timers)
            if scheduled.cancelled:
                continue
            self._now = scheduled.due
            scheduled.callback()
        self._now = target

    def next_due(self) -> datetime | None:
        """When the next live timer fires, if any."""
        live = [t for t in self._timers if not t.cancelled]
        return min(live).due if live else None
