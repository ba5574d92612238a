"""Rate limits on what chat customers can do: starting chats (public, no credentials) and
sending messages and events in one.

    throttle = ChatThrottle(settings.chat_rate_limits)
    throttle.chat_start(client_address, instance_id)   # raises Throttled, or counts the start
    throttle.participant_send("SendMessage", chat_id, participant_id)

Counted in memory with the `limits` library's fixed windows: a window opens with its first
request and lasts a minute (chat starts) or a second (sends); at most the limit is taken in it.
A refused request counts for nothing. The counts are per server process and start from zero
after a restart. A limit of 0 is no limit.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from opencontact.config import ChatRateLimits


class Throttled(Exception):
    """Over a limit: `retry_after` whole seconds until a request can be taken again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class ChatThrottle:
    def __init__(self, limits: ChatRateLimits) -> None:
        self._limiter = FixedWindowRateLimiter(MemoryStorage())
        self._per_client = _item(RateLimitItemPerMinute, limits.starts_per_client_per_minute)
        self._per_instance = _item(RateLimitItemPerMinute, limits.starts_per_instance_per_minute)
        self._per_participant = _item(RateLimitItemPerSecond, limits.participant_sends_per_second)

    def chat_start(self, client: str, instance_id: str, instance_name: str) -> None:
        """Count a chat start from `client` (its address) on the instance, or refuse it. Both
        limits are checked before either is counted."""
        if self._per_client is not None and not self._limiter.test(
            self._per_client, "chat-start-client", client
        ):
            wait = self._wait(self._per_client, "chat-start-client", client)
            raise Throttled(
                f"Too many chats started from your address; try again in {_seconds(wait)}.",
                wait,
            )
        if self._per_instance is not None and not self._limiter.test(
            self._per_instance, "chat-start-instance", instance_id
        ):
            wait = self._wait(self._per_instance, "chat-start-instance", instance_id)
            raise Throttled(
                f"Too many chats are being started on instance '{instance_name}'; "
                f"try again in {_seconds(wait)}.",
                wait,
            )
        if self._per_client is not None:
            self._limiter.hit(self._per_client, "chat-start-client", client)
        if self._per_instance is not None:
            self._limiter.hit(self._per_instance, "chat-start-instance", instance_id)

    def participant_send(self, operation: str, chat_id: str, participant_id: str) -> None:
        """Count one SendMessage or SendEvent (each has its own limit) of a participant."""
        if self._per_participant is None:
            return
        key = (operation, chat_id, participant_id)
        if not self._limiter.test(self._per_participant, *key):
            wait = self._wait(self._per_participant, *key)
            limit = self._per_participant.amount
            raise Throttled(
                f"Rate exceeded: at most {limit} {operation} requests a second for a "
                f"participant; try again in {_seconds(wait)}.",
                wait,
            )
        self._limiter.hit(self._per_participant, *key)

    def _wait(self, item: RateLimitItem, *key: str) -> int:
        reset = self._limiter.get_window_stats(item, *key).reset_time
        return max(1, math.ceil(reset - time.time()))


def _item(kind: type[RateLimitItem], amount: int) -> RateLimitItem | None:
    return kind(amount) if amount > 0 else None


def _seconds(count: int) -> str:
    return "1 second" if count == 1 else f"{count} seconds"
