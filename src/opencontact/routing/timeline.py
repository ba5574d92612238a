"""Times on the router's timeline: whole microseconds since the Unix epoch.

The router compares and adds times on every call. Integers keep that cheap and, unlike float
seconds, exact: a due time handed to the engine and passed back to `match` must compare equal
to the one the router computed, or the engine would wake up forever a microsecond too early.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
MICROS_PER_SECOND = 1_000_000


def to_micros(moment: datetime) -> int:
    """`moment` (timezone-aware) as microseconds since the epoch."""
    return (moment - EPOCH) // _MICROSECOND


def seconds_to_micros(seconds: float) -> int:
    return round(seconds * MICROS_PER_SECOND)


def from_micros(micros: int, like: datetime) -> datetime:
    """The moment `micros`, in the timezone of `like` (the caller's clock)."""
    return (EPOCH + timedelta(microseconds=micros)).astimezone(like.tzinfo)
