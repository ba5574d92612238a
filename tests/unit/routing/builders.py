"""Small builders for routing tests: profiles, agents and contacts on a fixed timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from opencontact.domain.agent_statuses import AgentStatusType
from opencontact.domain.base import Channel
from opencontact.domain.routing_profiles import (
    CrossChannelBehavior,
    MediaConcurrency,
    RoutingProfile,
    RoutingProfileQueue,
)
from opencontact.routing import AgentSlots, WaitingContact

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
VOICE, CHAT, TASK, EMAIL = Channel.VOICE, Channel.CHAT, Channel.TASK, Channel.EMAIL
ONLY = CrossChannelBehavior.ROUTE_CURRENT_CHANNEL_ONLY
ANY = CrossChannelBehavior.ROUTE_ANY_CHANNEL
VOICE_ONLY = (MediaConcurrency(VOICE, 1),)


def at(seconds: float) -> datetime:
    """`seconds` after the start of the test's timeline."""
    return T0 + timedelta(seconds=seconds)


def profile(
    profile_id: str,
    queues: Sequence[tuple[str, Channel, int, int] | tuple[str, Channel]],
    media: Sequence[MediaConcurrency] = VOICE_ONLY,
) -> RoutingProfile:
    """A profile with (queue, channel[, priority, delay]) steps; priority 1, delay 0 by
    default."""
    configs = []
    for step in queues:
        if len(step) == 4:
            queue_id, channel, priority, delay = step
        else:
            (queue_id, channel), priority, delay = step, 1, 0
        configs.append(RoutingProfileQueue(queue_id, channel, priority, delay))
    return RoutingProfile(
        id=profile_id,
        arn=f"arn:aws:connect:us-east-1:123456789012:instance/i/routing-profile/{profile_id}",
        name=profile_id,
        description="",
        media_concurrencies=tuple(media),
        default_outbound_queue_id=configs[0].queue_id if configs else "outbound",
        queue_configs=tuple(configs),
        last_modified_time=T0,
        last_modified_region="us-east-1",
    )


def agent(
    user_id: str,
    profile_id: str,
    *,
    since: float = 0,
    busy: Mapping[Channel, int] | None = None,
    status: AgentStatusType = AgentStatusType.ROUTABLE,
    system_state: str | None = None,
) -> AgentSlots:
    return AgentSlots(
        user_id=user_id,
        routing_profile_id=profile_id,
        status_type=status,
        available_since=at(since),
        busy=dict(busy or {}),
        system_state=system_state,
    )


def contact(
    contact_id: str,
    queue_id: str,
    *,
    enqueued: float = 0,
    channel: Channel = VOICE,
    priority: int = 5,
    adjust: float = 0,
    agent_id: str | None = None,
) -> WaitingContact:
    return WaitingContact(
        contact_id=contact_id,
        queue_id=queue_id,
        channel=channel,
        enqueued_at=at(enqueued),
        queue_priority=priority,
        queue_time_adjustment_seconds=adjust,
        agent_id=agent_id,
    )
