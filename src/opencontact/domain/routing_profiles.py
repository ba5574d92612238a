"""Routing profiles: which queues an agent takes contacts from, in what order, and how many at
once per channel."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from opencontact.domain.base import Channel, Resource


class CrossChannelBehavior(enum.StrEnum):
    ROUTE_CURRENT_CHANNEL_ONLY = "ROUTE_CURRENT_CHANNEL_ONLY"
    ROUTE_ANY_CHANNEL = "ROUTE_ANY_CHANNEL"


class AgentAvailabilityTimer(enum.StrEnum):
    TIME_SINCE_LAST_ACTIVITY = "TIME_SINCE_LAST_ACTIVITY"
    TIME_SINCE_LAST_INBOUND = "TIME_SINCE_LAST_INBOUND"


@dataclass(frozen=True)
class MediaConcurrency:
    channel: Channel
    concurrency: int
    cross_channel_behavior: CrossChannelBehavior = CrossChannelBehavior.ROUTE_CURRENT_CHANNEL_ONLY


@dataclass(frozen=True)
class RoutingProfileQueue:
    """A queue in a routing profile for one channel: lower priority numbers are served first;
    `delay` seconds a contact must have waited before this profile's agents get it."""

    queue_id: str
    channel: Channel
    priority: int
    delay: int = 0


@dataclass(frozen=True, kw_only=True)
class RoutingProfile(Resource):
    kind: ClassVar[str] = "routing-profile"
    label: ClassVar[str] = "routing profile"
    arn_segment: ClassVar[str] = "routing-profile"

    name: str
    description: str
    media_concurrencies: tuple[MediaConcurrency, ...]
    default_outbound_queue_id: str
    queue_configs: tuple[RoutingProfileQueue, ...] = ()
    agent_availability_timer: AgentAvailabilityTimer = (
        AgentAvailabilityTimer.TIME_SINCE_LAST_ACTIVITY
    )
    is_default: bool = False

    @property
    def unique_name(self) -> str:
        return self.name

    def concurrency(self, channel: Channel) -> int:
        """How many contacts of `channel` an agent may have at once (0 = not routed)."""
        for media in self.media_concurrencies:
            if media.channel is channel:
                return media.concurrency
        return 0

    def references(self) -> Iterable[tuple[str, str]]:
        yield ("queue", self.default_outbound_queue_id)
        for config in self.queue_configs:
            yield ("queue", config.queue_id)
