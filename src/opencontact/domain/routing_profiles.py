"""Routing profiles: which queues an agent takes contacts from, in what order, and how many at
once per channel.

A profile lists (queue, channel) pairs, each with a priority (1 is served first) and a delay (the
seconds a contact must have waited before this profile's agents are offered it). A pair appears
at most once: Associate adds pairs, Update changes the priority and delay of pairs already there,
Disassociate removes them. Only STANDARD queues take part; an agent's own queue is always served
first and needs no configuration.

Users name their routing profile and queues reach users (an agent's own queue), so this module
imports the Queue class inside the functions that need it and finds a profile's users through
`Directory.referrers`: a top-level import of either module would be a cycle.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from opencontact.domain.base import Channel, Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    InvalidParameter,
    LimitExceeded,
    ResourceInUse,
)

if TYPE_CHECKING:
    from opencontact.domain.queues import Queue

# The service quota "queues per routing profile", counted in distinct queues.
MAX_QUEUES = 50
# Connect takes at most this many queue configurations or references in one request.
MAX_QUEUE_CONFIGS_PER_REQUEST = 10
MIN_PRIORITY, MAX_PRIORITY = 1, 99
MIN_DELAY, MAX_DELAY = 0, 9999
# How many contacts of each channel an agent may have at once, as Connect documents it:
# a voice call is always handled alone.
CONCURRENCY_RANGES: dict[Channel, tuple[int, int]] = {
    Channel.VOICE: (1, 1),
    Channel.CHAT: (1, 10),
    Channel.TASK: (1, 10),
    Channel.EMAIL: (1, 10),
}


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
class QueueReference:
    """One (queue, channel) pair of a routing profile. In a request `queue_id` may be the
    queue's id or ARN; a stored profile always holds the id."""

    queue_id: str
    channel: Channel


@dataclass(frozen=True)
class RoutingProfileQueue:
    """A queue in a routing profile for one channel: lower priority numbers are served first;
    `delay` seconds a contact must have waited before this profile's agents get it."""

    queue_id: str
    channel: Channel
    priority: int
    delay: int = 0

    @property
    def reference(self) -> QueueReference:
        return QueueReference(self.queue_id, self.channel)


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

    @property
    def queue_ids(self) -> list[str]:
        """The distinct queues of the profile, in the order they were first associated."""
        return list(dict.fromkeys(config.queue_id for config in self.queue_configs))

    def concurrency(self, channel: Channel) -> int:
        """How many contacts of `channel` an agent may have at once (0 = not routed)."""
        for media in self.media_concurrencies:
            if media.channel is channel:
                return media.concurrency
        return 0

    def config_for(self, reference: QueueReference) -> RoutingProfileQueue | None:
        for config in self.queue_configs:
            if config.reference == reference:
                return config
        return None

    def references(self) -> Iterable[tuple[str, str]]:
        yield ("queue", self.default_outbound_queue_id)
        for config in self.queue_configs:
            yield ("queue", config.queue_id)


def users_of(directory: Directory, profile: RoutingProfile) -> list[Resource]:
    """The users whose routing profile this is."""
    return [r for r in directory.referrers(profile) if r.kind == "user"]


# -- rules ---------------------------------------------------------------------------------------


def check_media_concurrencies(media: Sequence[MediaConcurrency]) -> None:
    if not media:
        raise InvalidParameter(
            "MediaConcurrencies must name at least one channel the agents handle."
        )
    seen: set[Channel] = set()
    for item in media:
        if item.channel in seen:
            raise InvalidParameter(
                f"MediaConcurrencies lists the channel {item.channel.value} more than once."
            )
        seen.add(item.channel)
        low, high = CONCURRENCY_RANGES[item.channel]
        if not low <= item.concurrency <= high:
            allowed = f"exactly {low}" if low == high else f"between {low} and {high}"
            raise InvalidParameter(
                f"Concurrency for {item.channel.value} must be {allowed}, not {item.concurrency}."
            )


def _standard_queue(directory: Directory, reference: str, field: str) -> Queue:
    from opencontact.domain.queues import Queue, QueueType  # see the module docstring

    queue = directory.require_reference(Queue, reference, field)
    if queue.queue_type is not QueueType.STANDARD:
        raise InvalidParameter(
            f"{field} '{reference}' is an agent's own queue; "
            "routing profiles take standard queues only."
        )
    return queue


def _describe(directory: Directory, reference: QueueReference) -> str:
    from opencontact.domain.queues import Queue  # see the module docstring

    queue = directory.require(Queue, reference.queue_id)
    return f"queue '{queue.name}' ({queue.id}) on channel {reference.channel.value}"


def _resolve_references(
    directory: Directory, references: Sequence[QueueReference]
) -> list[QueueReference]:
    """The pairs with queue ids in place of ARNs; refuses unknown and agent queues, and a
    pair given twice."""
    if len(references) > MAX_QUEUE_CONFIGS_PER_REQUEST:
        raise InvalidParameter(
            f"At most {MAX_QUEUE_CONFIGS_PER_REQUEST} queue references can be given in one "
            f"request; {len(references)} were given."
        )
    resolved: list[QueueReference] = []
    for reference in references:
        queue = _standard_queue(directory, reference.queue_id, "QueueId")
        pair = QueueReference(queue.id, reference.channel)
        if pair in resolved:
            raise InvalidParameter(
                f"The request lists {_describe(directory, pair)} more than once."
            )
        resolved.append(pair)
    return resolved


def _resolve_configs(
    directory: Directory, configs: Sequence[RoutingProfileQueue]
) -> list[RoutingProfileQueue]:
    pairs = _resolve_references(directory, [config.reference for config in configs])
    resolved = []
    for pair, config in zip(pairs, configs, strict=True):
        if not MIN_PRIORITY <= config.priority <= MAX_PRIORITY:
            raise InvalidParameter(
                f"Priority for {_describe(directory, pair)} must be between {MIN_PRIORITY} "
                f"and {MAX_PRIORITY}, not {config.priority}."
            )
        if not MIN_DELAY <= config.delay <= MAX_DELAY:
            raise InvalidParameter(
                f"Delay for {_describe(directory, pair)} must be between {MIN_DELAY} and "
                f"{MAX_DELAY} seconds, not {config.delay}."
            )
        resolved.append(replace(config, queue_id=pair.queue_id))
    return resolved


def _check_queue_quota(profile_name: str, configs: Sequence[RoutingProfileQueue]) -> None:
    queues = {config.queue_id for config in configs}
    if len(queues) > MAX_QUEUES:
        raise LimitExceeded(
            f"A routing profile can have at most {MAX_QUEUES} queues; routing profile "
            f"'{profile_name}' would have {len(queues)}."
        )


def _saved(profile: RoutingProfile, env: Env) -> Outcome[RoutingProfile]:
    """A changed profile, stamped with when and where it was changed."""
    stamped = replace(profile, last_modified_time=env.now, last_modified_region=env.region)
    return Outcome(stamped, [Put(stamped)])


# -- commands ------------------------------------------------------------------------------------


def create_routing_profile(
    directory: Directory,
    env: Env,
    *,
    name: str,
    description: str,
    default_outbound_queue: str,
    media_concurrencies: Sequence[MediaConcurrency],
    queue_configs: Sequence[RoutingProfileQueue] = (),
    agent_availability_timer: AgentAvailabilityTimer | None = None,
    tags: Tags | None = None,
) -> Outcome[RoutingProfile]:
    directory.check_name_free(RoutingProfile, name)
    check_media_concurrencies(media_concurrencies)
    outbound = _standard_queue(directory, default_outbound_queue, "DefaultOutboundQueueId")
    configs = _resolve_configs(directory, queue_configs)
    _check_queue_quota(name, configs)
    check_tags(tags or {})
    profile_id = env.new_id()
    profile = RoutingProfile(
        id=profile_id,
        arn=directory.arn_for(RoutingProfile, profile_id),
        name=name,
        description=description,
        media_concurrencies=tuple(media_concurrencies),
        default_outbound_queue_id=outbound.id,
        queue_configs=tuple(configs),
        agent_availability_timer=agent_availability_timer
        or AgentAvailabilityTimer.TIME_SINCE_LAST_ACTIVITY,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(profile, [Put(profile)])


def update_routing_profile_name(
    directory: Directory,
    env: Env,
    profile_ref: str,
    *,
    name: str | None = None,
    description: str | None = None,
) -> Outcome[RoutingProfile]:
    profile = directory.require(RoutingProfile, profile_ref)
    if name is None and description is None:
        raise InvalidParameter("Give a Name, a Description, or both.")
    if name is not None:
        directory.check_name_free(RoutingProfile, name, except_id=profile.id)
    renamed = replace(
        profile,
        name=profile.name if name is None else name,
        description=profile.description if description is None else description,
    )
    return _saved(renamed, env)


def update_routing_profile_concurrency(
    directory: Directory,
    env: Env,
    profile_ref: str,
    *,
    media_concurrencies: Sequence[MediaConcurrency],
) -> Outcome[RoutingProfile]:
    """Replaces the channels and their concurrency; a channel left out is no longer routed."""
    profile = directory.require(RoutingProfile, profile_ref)
    check_media_concurrencies(media_concurrencies)
    return _saved(replace(profile, media_concurrencies=tuple(media_concurrencies)), env)


def update_routing_profile_default_outbound_queue(
    directory: Directory, env: Env, profile_ref: str, *, default_outbound_queue: str
) -> Outcome[RoutingProfile]:
    profile = directory.require(RoutingProfile, profile_ref)
    outbound = _standard_queue(directory, default_outbound_queue, "DefaultOutboundQueueId")
    return _saved(replace(profile, default_outbound_queue_id=outbound.id), env)


def update_routing_profile_agent_availability_timer(
    directory: Directory, env: Env, profile_ref: str, *, timer: AgentAvailabilityTimer
) -> Outcome[RoutingProfile]:
    profile = directory.require(RoutingProfile, profile_ref)
    return _saved(replace(profile, agent_availability_timer=timer), env)


def associate_routing_profile_queues(
    directory: Directory,
    env: Env,
    profile_ref: str,
    *,
    queue_configs: Sequence[RoutingProfileQueue],
) -> Outcome[RoutingProfile]:
    """Adds (queue, channel) pairs; a pair already in the profile is refused (change its
    priority or delay with update_routing_profile_queues instead)."""
    profile = directory.require(RoutingProfile, profile_ref)
    if not queue_configs:
        raise InvalidParameter("QueueConfigs must list at least one queue to associate.")
    configs = _resolve_configs(directory, queue_configs)
    for config in configs:
        if profile.config_for(config.reference) is not None:
            raise InvalidParameter(
                f"The {_describe(directory, config.reference)} is already associated with "
                f"routing profile '{profile.name}'; use UpdateRoutingProfileQueues to change "
                "its priority or delay."
            )
    combined = (*profile.queue_configs, *configs)
    _check_queue_quota(profile.name, combined)
    return _saved(replace(profile, queue_configs=combined), env)


def update_routing_profile_queues(
    directory: Directory,
    env: Env,
    profile_ref: str,
    *,
    queue_configs: Sequence[RoutingProfileQueue],
) -> Outcome[RoutingProfile]:
    """Changes the priority and delay of pairs already in the profile."""
    profile = directory.require(RoutingProfile, profile_ref)
    if not queue_configs:
        raise InvalidParameter("QueueConfigs must list at least one queue to update.")
    changes = {config.reference: config for config in _resolve_configs(directory, queue_configs)}
    for reference in changes:
        if profile.config_for(reference) is None:
            raise InvalidParameter(
                f"The {_describe(directory, reference)} is not associated with routing profile "
                f"'{profile.name}'; associate it first with AssociateRoutingProfileQueues."
            )
    updated = tuple(changes.get(config.reference, config) for config in profile.queue_configs)
    return _saved(replace(profile, queue_configs=updated), env)


def disassociate_routing_profile_queues(
    directory: Directory,
    env: Env,
    profile_ref: str,
    *,
    references: Sequence[QueueReference],
) -> Outcome[RoutingProfile]:
    profile = directory.require(RoutingProfile, profile_ref)
    if not references:
        raise InvalidParameter("QueueReferences must list at least one queue to disassociate.")
    removed = _resolve_references(directory, references)
    for reference in removed:
        if profile.config_for(reference) is None:
            raise InvalidParameter(
                f"The {_describe(directory, reference)} is not associated with routing profile "
                f"'{profile.name}', so it cannot be disassociated."
            )
    kept = tuple(c for c in profile.queue_configs if c.reference not in removed)
    return _saved(replace(profile, queue_configs=kept), env)


def delete_routing_profile(directory: Directory, profile_ref: str) -> Outcome[None]:
    profile = directory.require(RoutingProfile, profile_ref)
    if profile.is_default:
        raise ResourceInUse(
            f"The routing profile '{profile.name}' is the instance's default routing profile "
            "and cannot be deleted."
        )
    directory.check_not_in_use(profile)
    return Outcome(None, [Remove(profile)])
