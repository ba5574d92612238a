"""Real-time figures on the Connect API: GetCurrentMetricData.

The figures are engine.metrics.current_figures, the function flows' CheckMetricData and Get
queue metrics read too, so for one queue with no Channels filter the API and a flow report the
same numbers at the same moment; the definitions live there. This module only reads the
request (queues, channels, groupings, sort, pages) and gives each figure its Connect name and
unit:

- CONTACTS_IN_QUEUE, AGENTS_ONLINE, AGENTS_STAFFED, AGENTS_AVAILABLE, AGENTS_NON_PRODUCTIVE,
  AGENTS_ERROR, SLOTS_ACTIVE, SLOTS_AVAILABLE: the figures of those names.
- AGENTS_ON_CONTACT, and AGENTS_ON_CALL (its older name): agents on contact, after-contact work
  included.
- AGENTS_AFTER_CONTACT_WORK: contacts in after-contact work (Connect counts contacts here).
- OLDEST_CONTACT_AGE: in seconds when the request has groupings, in milliseconds when it has
  none (Amazon Connect's documented quirk).
- CONTACTS_SCHEDULED: contacts waiting for a later time; always 0 (nothing is scheduled later).
- ESTIMATED_WAIT_TIME: no estimate is made; the value is left out (a null, in Connect's terms).
"""

from __future__ import annotations

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
from opencontact.domain.base import Channel
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.queues import Queue
from opencontact.engine.metrics import current_figures
from opencontact.engine.state import InstanceState

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
    """Every metric for contacts and agents of `queues` on `channels`, in Connect's names and
    units: engine.metrics.current_figures, the figures flows read too."""
    found = current_figures(state, (q.id for q in queues), channels, now)
    age = found.oldest_contact_age_seconds
    return {
        "AGENTS_ONLINE": float(found.agents_online),
        "AGENTS_AVAILABLE": float(found.agents_available),
        "AGENTS_NON_PRODUCTIVE": float(found.agents_non_productive),
        "AGENTS_AFTER_CONTACT_WORK": float(found.agents_after_contact_work),
        "AGENTS_ERROR": float(found.agents_error),
        "AGENTS_STAFFED": float(found.agents_staffed),
        "AGENTS_ON_CONTACT": float(found.agents_on_contact),
        "AGENTS_ON_CALL": float(found.agents_on_contact),
        "SLOTS_ACTIVE": float(found.slots_active),
        "SLOTS_AVAILABLE": float(found.slots_available),
        "CONTACTS_IN_QUEUE": float(found.contacts_in_queue),
        "CONTACTS_SCHEDULED": 0.0,
        "OLDEST_CONTACT_AGE": float(round(age) if grouped else round(age * 1000)),
        "ESTIMATED_WAIT_TIME": None,
    }
