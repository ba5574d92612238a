"""Routing profiles as the router reads them, and which profiles serve which queue.

A `ProfilePlan` is a routing profile boiled down to what routing needs: its queue steps in the
order an agent takes them (priority 1 first) and, per channel, how many contacts an agent may
hold and what other channels it may be offered meanwhile. The `ProfileIndex` answers the
opposite question for a contact that just arrived: which profiles take its queue and channel,
and after what delay.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import CrossChannelBehavior, RoutingProfile
from opencontact.routing.timeline import MICROS_PER_SECOND

K = TypeVar("K")
V = TypeVar("V")

# A queue on one channel: where a contact waits and what a profile step serves.
LaneKey = tuple[str, Channel]


@dataclass(frozen=True)
class QueueStep:
    """One (queue, channel) of a profile: its priority (lower is served first) and how long a
    contact must have waited before this profile's agents are offered it."""

    lane: LaneKey
    priority: int
    delay_us: int

    @property
    def queue_id(self) -> str:
        return self.lane[0]

    @property
    def channel(self) -> Channel:
        return self.lane[1]


@dataclass(frozen=True)
class ProfilePlan:
    profile_id: str
    # Lower priority first, so an agent can stop looking once a step is worse than its best.
    steps: tuple[QueueStep, ...]
    concurrency: Mapping[Channel, int]
    cross_channel: Mapping[Channel, CrossChannelBehavior]

    @classmethod
    def of(cls, profile: RoutingProfile) -> ProfilePlan:
        steps = sorted(
            (
                QueueStep((c.queue_id, c.channel), c.priority, c.delay * MICROS_PER_SECOND)
                for c in profile.queue_configs
            ),
            key=lambda step: step.priority,
        )
        return cls(
            profile_id=profile.id,
            steps=tuple(steps),
            concurrency={m.channel: m.concurrency for m in profile.media_concurrencies},
            cross_channel={
                m.channel: m.cross_channel_behavior for m in profile.media_concurrencies
            },
        )

    def open_channels(self, busy: Mapping[Channel, int]) -> frozenset[Channel]:
        """The channels on which an agent holding `busy` contacts may be offered one more.

        A channel needs a free slot (its concurrency, 0 meaning not routed). And every *other*
        channel the agent is working on must allow other channels concurrently
        (ROUTE_ANY_CHANNEL): one contact on a ROUTE_CURRENT_CHANNEL_ONLY channel keeps the
        agent on that channel until it is done, as in Connect's cross-channel example (a chat
        set to "no other channels" blocks a voice call even while a task that allows other
        channels is open too). A channel the profile does not list counts as current-only.
        """
        held = [channel for channel, count in busy.items() if count > 0]
        open_: list[Channel] = []
        for channel, limit in self.concurrency.items():
            if busy.get(channel, 0) >= limit:
                continue
            if any(
                other is not channel
                and self.cross_channel.get(other) is not CrossChannelBehavior.ROUTE_ANY_CHANNEL
                for other in held
            ):
                continue
            open_.append(channel)
        return frozenset(open_)


class ProfileIndex:
    """Which profiles serve each queue and channel, with their delays."""

    def __init__(self) -> None:
        self._lane_profiles: dict[LaneKey, dict[str, int]] = {}
        self._lane_delays: dict[LaneKey, Counter[int]] = {}

    def add(self, plan: ProfilePlan) -> list[tuple[LaneKey, int]]:
        """Indexes a plan; returns the (lane, delay) pairs no profile had before, so contacts
        already waiting there can be given their due time."""
        introduced: list[tuple[LaneKey, int]] = []
        for step in plan.steps:
            self._lane_profiles.setdefault(step.lane, {})[plan.profile_id] = step.delay_us
            if step.delay_us > 0:
                delays = self._lane_delays.setdefault(step.lane, Counter())
                if delays[step.delay_us] == 0:
                    introduced.append((step.lane, step.delay_us))
                delays[step.delay_us] += 1
        return introduced

    def remove(self, plan: ProfilePlan) -> None:
        for step in plan.steps:
            profiles = self._lane_profiles.get(step.lane)
            if profiles is not None:
                profiles.pop(plan.profile_id, None)
                if not profiles:
                    del self._lane_profiles[step.lane]
            if step.delay_us > 0:
                _discount(self._lane_delays, step.lane, step.delay_us)

    def profiles_on(self, lane: LaneKey) -> Iterable[tuple[str, int]]:
        """(profile id, delay) of every profile that takes contacts from `lane`."""
        profiles = self._lane_profiles.get(lane)
        return profiles.items() if profiles else ()

    def delays_on(self, lane: LaneKey) -> Iterable[int]:
        """The distinct non-zero delays profiles apply to `lane`."""
        delays = self._lane_delays.get(lane)
        return delays.keys() if delays else ()


def _discount(index: dict[K, Counter[V]], key: K, item: V) -> None:
    counter = index.get(key)
    if counter is None:
        return
    counter[item] -= 1
    if counter[item] <= 0:
        del counter[item]
    if not counter:
        del index[key]
