"""Real-time figures on the Connect API: GetCurrentMetricData, computed from the live state.

Contacts counted are those of the filtered queues and channels; agents counted are those whose
routing profile serves one of the queues on one of the channels. With no Channels filter the
figures of one queue are exactly engine.metrics.queue_figures (what flows' CheckMetricData sees).

- CONTACTS_IN_QUEUE: contacts waiting (queued, or being offered to an agent).
- OLDEST_CONTACT_AGE: how long the longest-waiting of them has waited. In seconds when the
  request has groupings, in milliseconds when it has none (Amazon Connect's documented quirk).
- CONTACTS_SCHEDULED: contacts waiting for a later time; always 0 (nothing is scheduled later).
- AGENTS_ONLINE: status other than Offline, or still holding a contact.
- AGENTS_STAFFED: online, and Available or holding a contact.
- AGENTS_AVAILABLE: Available, no contact at all, not held by Missed/Rejected.
- AGENTS_ON_CONTACT (and AGENTS_ON_CALL, its older name): connected to a contact of the
  channels, talking or with the customer on hold.
- AGENTS_AFTER_CONTACT_WORK: in after-contact work on a contact of the channels, and not
  connected to another one.
- AGENTS_NON_PRODUCTIVE: in a custom status, with no contact.
- AGENTS_ERROR: held by a Missed, Rejected or Error state.
- SLOTS_ACTIVE: those agents' contacts of the channels that are connecting, connected, on hold
  or in after-contact work.
- SLOTS_AVAILABLE: those agents' free slots on the channels their profile serves the queues on,
  for agents routing would offer a contact now (concurrency and cross-channel rules).
- ESTIMATED_WAIT_TIME: no estimate is made; the value is left out (a null, in Connect's terms).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import product
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.live import instance_state
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact
from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLegState, ContactState
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState
from opencontact.engine.views import agent_contacts
from opencontact.routing.profiles import ProfilePlan

_SECONDS_METRICS = ("OLDEST_CONTACT_AGE", "ESTIMATED_WAIT_TIME")
_UNSORTABLE = ("SLOTS_ACTIVE", "SLOTS_AVAILABLE")
_UNSUPPORTED_FILTERS = (
    "RoutingProfiles",
    "RoutingStepExpressions",
    "AgentStatuses",
    "Subtypes",
    "ValidationTestTypes",
)
_GROUPINGS = ("QUEUE", "CHANNEL")
# The channels grouping by CHANNEL reports when the request names none (as Connect documents).
_GROUPED_CHANNELS = (Channel.VOICE, Channel.CHAT, Channel.TASK)
_ACTIVE_LEGS = (
    AgentLegState.CONNECTING,
    AgentLegState.CONNECTED,
    AgentLegState.ON_HOLD,
    AgentLegState.AFTER_CONTACT_WORK,
)


def unit_of(metric: str) -> str:
    return "SECONDS" if metric in _SECONDS_METRICS else "COUNT"


@dataclass(frozen=True)
class Scope:
    """One row of the answer: the queues and channels it covers, and its dimensions."""

    queues: tuple[Queue, ...]
    channels: frozenset[Channel]
    dimensions: dict[str, Any]


@operation("GetCurrentMetricData")
async def get_current_metric_data(call: ConnectCall) -> dict[str, Any]:
    state = instance_state(call)
    filters = call.params["Filters"]
    queues = _queues(state, filters)
    named_channels = tuple(Channel(c) for c in dict.fromkeys(filters.get("Channels") or ()))
    groupings = _groupings(call.get("Groupings") or [])
    metrics = _metrics(call.params["CurrentMetrics"])
    sort_by, descending = _sort(call.get("SortCriteria") or [])
    now = call.center.clock.now()
    rows = []
    for scope in _scopes(queues, named_channels, groupings):
        values = figures(state, scope.queues, scope.channels, now, grouped=bool(groupings))
        rows.append((scope, values))
    # Sorted by the metric asked for (AGENTS_ONLINE, descending, by default); ties keep the
    # order of the queues and channels in the request.
    rows.sort(key=lambda row: row[1][sort_by] or 0, reverse=descending)
    chunk, token = page(
        rows,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"GetCurrentMetricData:{state.instance.id}",
    )
    return {
        "MetricResults": [
            compact(
                {
                    "Dimensions": scope.dimensions or None,
                    "Collections": [
                        compact({"Metric": {"Name": m, "Unit": unit_of(m)}, "Value": values[m]})
                        for m in metrics
                    ],
                }
            )
            for scope, values in chunk
        ],
        "NextToken": token,
        "DataSnapshotTime": now,
        "ApproximateTotalCount": len(rows),
    }


def _queues(state: InstanceState, filters: dict[str, Any]) -> tuple[Queue, ...]:
    for name in _UNSUPPORTED_FILTERS:
        if filters.get(name):
            raise InvalidParameter(
                f"OpenContact does not filter current metrics by {name} yet; filter by Queues "
                "(and Channels)."
            )
    references = filters.get("Queues") or []
    if not references:
        raise InvalidParameter("Filters.Queues is required: name at least one queue (id or ARN).")
    queues: dict[str, Queue] = {}
    for reference in references:
        queue = state.directory.require_reference(Queue, reference, "Queues")
        if queue.is_agent_queue:
            raise InvalidParameter(
                f"Queue '{reference}' is an agent queue; the metrics APIs do not support agent "
                "queues."
            )
        queues.setdefault(queue.id, queue)
    return tuple(queues.values())


def _groupings(given: Sequence[str]) -> tuple[str, ...]:
    for grouping in given:
        if grouping not in _GROUPINGS:
            raise InvalidParameter(
                f"OpenContact does not group current metrics by {grouping} yet; it groups by "
                "QUEUE and CHANNEL."
            )
    if len(set(given)) != len(given):
        raise InvalidParameter("Groupings names the same grouping twice.")
    return tuple(given)


def _metrics(given: Sequence[dict[str, Any]]) -> list[str]:
    if not given:
        raise InvalidParameter("CurrentMetrics is empty: name at least one metric.")
    names = []
    for metric in given:
        name = metric.get("Name")
        if name is None:
            raise InvalidParameter(
                "Each of CurrentMetrics needs a Name; OpenContact does not support custom "
                "metrics (MetricId)."
            )
        unit = metric.get("Unit")
        if unit is not None and unit != unit_of(name):
            raise InvalidParameter(f"The unit of {name} is {unit_of(name)}, not {unit}.")
        names.append(name)
    return names


def _sort(criteria: Sequence[dict[str, str]]) -> tuple[str, bool]:
    if not criteria:
        return "AGENTS_ONLINE", True
    metric = criteria[0].get("SortByMetric", "AGENTS_ONLINE")
    if metric in _UNSORTABLE:
        raise InvalidParameter(f"Sorting on {metric} is not supported, as in Amazon Connect.")
    return metric, criteria[0].get("SortOrder", "DESCENDING") == "DESCENDING"


def _scopes(
    queues: tuple[Queue, ...], named: tuple[Channel, ...], groupings: tuple[str, ...]
) -> list[Scope]:
    every_channel = frozenset(named or Channel)
    grouped_channels = named or _GROUPED_CHANNELS
    per_queue = [((q,), {"Queue": {"Id": q.id, "Arn": q.arn}}) for q in queues]
    per_channel = [(frozenset({c}), {"Channel": c.value}) for c in grouped_channels]
    if not groupings:
        return [Scope(queues, every_channel, {})]
    if groupings == ("QUEUE",):
        return [Scope(q, every_channel, dims) for q, dims in per_queue]
    if groupings == ("CHANNEL",):
        return [Scope(queues, c, dims) for c, dims in per_channel]
    if groupings[0] == "QUEUE":
        pairs = list(product(per_queue, per_channel))
    else:
        pairs = [(queue, channel) for channel, queue in product(per_channel, per_queue)]
    return [Scope(q, c, {**qdims, **cdims}) for (q, qdims), (c, cdims) in pairs]


def figures(
    state: InstanceState,
    queues: Iterable[Queue],
    channels: frozenset[Channel],
    now: datetime,
    *,
    grouped: bool = True,
) -> dict[str, float | None]:
    """Every metric for contacts and agents of `queues` on `channels` (see the module's
    definitions)."""
    queue_ids = {q.id for q in queues}
    waiting = [
        c
        for c in state.live.contacts.values()
        if c.queue_id in queue_ids
        and c.channel in channels
        and c.state in (ContactState.QUEUED, ContactState.OFFERED)
    ]
    oldest = min((c.enqueued_at for c in waiting if c.enqueued_at), default=None)
    age = (now - oldest).total_seconds() if oldest else 0.0
    counts: Counter[str] = Counter()
    for agent in state.live.agents.values():
        user = state.directory.get(User, agent.id)
        profile = state.directory.get(RoutingProfile, user.routing_profile_id) if user else None
        if profile is None:
            continue
        served = {
            q.channel
            for q in profile.queue_configs
            if q.queue_id in queue_ids and q.channel in channels
        }
        if not served:
            continue
        status = state.directory.get(AgentStatus, agent.status_id)
        kind = status.status_type if status else AgentStatusType.OFFLINE
        held = agent_contacts(state, agent)
        legs = [c.agent.state for c in held if c.agent and c.channel in channels]
        if kind is AgentStatusType.OFFLINE and not held:
            continue
        counts["AGENTS_ONLINE"] += 1
        counts["AGENTS_ERROR"] += agent.system_state is not None
        on_contact = any(s in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD) for s in legs)
        counts["AGENTS_ON_CONTACT"] += on_contact
        counts["AGENTS_AFTER_CONTACT_WORK"] += (
            not on_contact and AgentLegState.AFTER_CONTACT_WORK in legs
        )
        counts["AGENTS_NON_PRODUCTIVE"] += kind is AgentStatusType.CUSTOM and not held
        counts["AGENTS_STAFFED"] += kind is AgentStatusType.ROUTABLE or bool(held)
        routable = kind is AgentStatusType.ROUTABLE and agent.system_state is None
        counts["AGENTS_AVAILABLE"] += routable and not held
        counts["SLOTS_ACTIVE"] += sum(s in _ACTIVE_LEGS for s in legs)
        if routable:
            plan = ProfilePlan.of(profile)
            busy: Counter[Channel] = Counter(c.channel for c in held)
            counts["SLOTS_AVAILABLE"] += sum(
                plan.concurrency[c] - busy[c]
                for c in plan.open_channels(busy)
                if c in served and c in plan.concurrency
            )
    values: dict[str, float | None] = {
        name: float(counts[name])
        for name in (
            "AGENTS_ONLINE",
            "AGENTS_AVAILABLE",
            "AGENTS_NON_PRODUCTIVE",
            "AGENTS_AFTER_CONTACT_WORK",
            "AGENTS_ERROR",
            "AGENTS_STAFFED",
            "AGENTS_ON_CONTACT",
            "SLOTS_ACTIVE",
            "SLOTS_AVAILABLE",
        )
    }
    values["AGENTS_ON_CALL"] = values["AGENTS_ON_CONTACT"]
    values["CONTACTS_IN_QUEUE"] = float(len(waiting))
    values["CONTACTS_SCHEDULED"] = 0.0
    values["OLDEST_CONTACT_AGE"] = float(round(age) if grouped else round(age * 1000))
    values["ESTIMATED_WAIT_TIME"] = None
    return values
