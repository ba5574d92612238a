"""Contacts waiting in queues, kept in the order Amazon Connect serves them.

Within a queue a contact with a lower queue priority (1 is highest; new contacts get 5) goes
first; among equal priorities, the one that has waited longest. "Waited" is the contact's
*routing time*: when it was enqueued, moved earlier by its queue time adjustment (the Change
routing priority / age block makes a contact "look artificially older than it is"). Contacts
with equal priority and routing time keep the order they joined in.

Each queue is split by channel into a `ChannelQueue` (a queue serves an agent only on channels
it has a free slot for), and each of those by priority, so the best contact that has waited at
least some delay is found by looking at one head per priority.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from opencontact.domain.base import Channel
from opencontact.domain.queues import Queue
from opencontact.routing.profiles import LaneKey
from opencontact.routing.timeline import seconds_to_micros, to_micros

DEFAULT_QUEUE_PRIORITY = 5

# (routing time, joining order, contact id): a contact's place within its priority.
Place = tuple[int, int, str]


@dataclass(frozen=True)
class WaitingContact:
    """A contact in a queue, as the engine hands it to the router.

    `agent_id` is set when the queue is an agent's own queue (a transfer to that agent): the
    contact then goes to that agent only, ahead of every standard queue and with no delay.
    """

    contact_id: str
    queue_id: str
    channel: Channel
    enqueued_at: datetime
    queue_priority: int = DEFAULT_QUEUE_PRIORITY
    # Positive: treated as if it had waited this much longer (negative: shorter).
    queue_time_adjustment_seconds: float = 0.0
    agent_id: str | None = None

    def __post_init__(self) -> None:
        if self.queue_priority < 1:
            raise ValueError(
                f"Contact {self.contact_id}: queue priority must be 1 or more, "
                f"not {self.queue_priority}."
            )

    @classmethod
    def in_queue(
        cls,
        queue: Queue,
        contact_id: str,
        channel: Channel,
        enqueued_at: datetime,
        **routing: Any,
    ) -> WaitingContact:
        """A contact in `queue`; an agent queue sends it to its user."""
        return cls(
            contact_id,
            queue.id,
            channel,
            enqueued_at,
            agent_id=queue.user_id if queue.is_agent_queue else None,
            **routing,
        )

    @property
    def routing_time(self) -> datetime:
        """When the contact counts as having joined the queue."""
        return self.enqueued_at - timedelta(seconds=self.queue_time_adjustment_seconds)

    @property
    def lane(self) -> LaneKey:
        return (self.queue_id, self.channel)


class Waiting:
    """A contact in the waiting room, with its place in line."""

    __slots__ = ("arrival", "contact", "place", "version")

    def __init__(self, contact: WaitingContact, order: int, version: int) -> None:
        self.contact = contact
        routing_us = to_micros(contact.enqueued_at) - seconds_to_micros(
            contact.queue_time_adjustment_seconds
        )
        self.place: Place = (routing_us, order, contact.contact_id)
        self.arrival: Place = (to_micros(contact.enqueued_at), order, contact.contact_id)
        # Changes whenever the contact is replaced, so stale due times can be recognised.
        self.version = version

    @property
    def routing_us(self) -> int:
        return self.place[0]

    @property
    def order(self) -> int:
        return self.place[1]


class ChannelQueue:
    """The contacts of one queue on one channel, by priority, then routing time."""

    __slots__ = ("_arrivals", "_levels", "_priorities", "owner")

    def __init__(self, owner: str | None) -> None:
        # The user whose agent queue this is; None for a standard queue.
        self.owner = owner
        self._levels: dict[int, list[Place]] = {}
        self._priorities: list[int] = []
        self._arrivals: list[Place] = []

    def __len__(self) -> int:
        return len(self._arrivals)

    def __iter__(self) -> Iterator[str]:
        return (contact_id for _, _, contact_id in self._arrivals)

    def add(self, waiting: Waiting) -> None:
        priority = waiting.contact.queue_priority
        level = self._levels.get(priority)
        if level is None:
            level = self._levels[priority] = []
            insort(self._priorities, priority)
        insort(level, waiting.place)
        insort(self._arrivals, waiting.arrival)

    def remove(self, waiting: Waiting) -> None:
        priority = waiting.contact.queue_priority
        level = self._levels[priority]
        del level[bisect_left(level, waiting.place)]
        if not level:
            del self._levels[priority]
            self._priorities.remove(priority)
        del self._arrivals[bisect_left(self._arrivals, waiting.arrival)]

    def first(self, routed_by_us: int | None) -> tuple[int, Place] | None:
        """(priority, place) of the contact served first among those whose routing time is
        at or before `routed_by_us` (None: any contact)."""
        for priority in self._priorities:
            head = self._levels[priority][0]
            if routed_by_us is None or head[0] <= routed_by_us:
                return priority, head
        return None


class WaitingRoom:
    """Every waiting contact, by id and by queue and channel."""

    def __init__(self) -> None:
        self._contacts: dict[str, Waiting] = {}
        self._lanes: dict[LaneKey, ChannelQueue] = {}
        self._queue_lanes: dict[str, dict[Channel, ChannelQueue]] = {}
        # user id -> the agent queues holding contacts for that user.
        self._agent_queues: dict[str, set[str]] = {}
        self._joined = 0
        self._versions = 0

    def __len__(self) -> int:
        return len(self._contacts)

    def get(self, contact_id: str) -> Waiting | None:
        return self._contacts.get(contact_id)

    def is_current(self, contact_id: str, version: int) -> bool:
        waiting = self._contacts.get(contact_id)
        return waiting is not None and waiting.version == version

    def add(self, contact: WaitingContact) -> Waiting:
        """Puts a contact in line. A contact already waiting is replaced (new priority or
        adjustment) but keeps its place among contacts that are otherwise equal."""
        lane = self._lanes.get(contact.lane)
        if lane is not None and lane.owner != contact.agent_id:
            raise ValueError(
                f"Contact {contact.contact_id}: queue {contact.queue_id} is "
                f"{_describe(lane.owner)}, but the contact was sent to "
                f"{_describe(contact.agent_id)}."
            )
        previous = self.remove(contact.contact_id)
        if previous is not None:
            order = previous.order
        else:
            self._joined += 1
            order = self._joined
        self._versions += 1
        waiting = Waiting(contact, order, self._versions)
        lane = self._lanes.get(contact.lane)
        if lane is None:
            lane = self._lanes[contact.lane] = ChannelQueue(contact.agent_id)
            self._queue_lanes.setdefault(contact.queue_id, {})[contact.channel] = lane
            if contact.agent_id is not None:
                self._agent_queues.setdefault(contact.agent_id, set()).add(contact.queue_id)
        lane.add(waiting)
        self._contacts[contact.contact_id] = waiting
        return waiting

    def remove(self, contact_id: str) -> Waiting | None:
        waiting = self._contacts.pop(contact_id, None)
        if waiting is None:
            return None
        contact = waiting.contact
        lane = self._lanes[contact.lane]
        lane.remove(waiting)
        if not lane:
            del self._lanes[contact.lane]
            lanes = self._queue_lanes[contact.queue_id]
            del lanes[contact.channel]
            if not lanes:
                del self._queue_lanes[contact.queue_id]
                if contact.agent_id is not None:
                    queues = self._agent_queues[contact.agent_id]
                    queues.discard(contact.queue_id)
                    if not queues:
                        del self._agent_queues[contact.agent_id]
        return waiting

    def lane(self, key: LaneKey) -> ChannelQueue | None:
        return self._lanes.get(key)

    def agent_queues_of(self, user_id: str) -> set[str]:
        return self._agent_queues.get(user_id, _NO_QUEUES)


_NO_QUEUES: set[str] = set()


def _describe(owner: str | None) -> str:
    return "a standard queue" if owner is None else f"the agent queue of user {owner}"
