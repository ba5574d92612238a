"""Flow control actions: branching (Compare, percentages, loops, hours, metrics), waiting,
the flow's own attributes and logging, and ending the flow.

These decide the path only; the one that reaches outside the flow reads the instance through
the environment (hours of operation, queue metrics), never a clock or a store.
"""

from __future__ import annotations

import math
from typing import Any

from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Finish,
    Outcome,
    Wait,
    chosen_queue,
    failure,
    seconds,
    success,
    text_map,
)
from opencontact.flows.actions.conditions import choose
from opencontact.flows.document import Action, read_int
from opencontact.flows.run import (
    Awaiting,
    AwaitKind,
    FlowEnding,
    MessageReceived,
    QueueData,
    QueueMetrics,
    SetFlowLogging,
    Signal,
    TimerElapsed,
)

# The Wait event a chat customer's message sets off.
CUSTOMER_RETURNED = "CustomerReturned"

# CheckMetricData's MetricType → the live queue figure it reads.
_METRICS = {
    "NumberOfAgentsAvailable": "agents_available",
    "NumberOfAgentsStaffed": "agents_staffed",
    "NumberOfAgentsOnline": "agents_online",
    "OldestContactInQueueAgeSeconds": "oldest_contact_age_seconds",
    "NumberOfContactsInQueue": "contacts_in_queue",
}


def compare(ex: Execution, action: Action) -> Outcome:
    return choose(action, ex.value(action.parameter("ComparisonValue")))


def distribute_by_percentage(ex: Execution, action: Action) -> Outcome:
    # "A random number between 1 and 100 (inclusive)"; conditions are NumberLessThan chains.
    drawn = min(100, max(1, math.floor(ex.env.random_percent()) + 1))
    return choose(action, drawn)


def loop(ex: Execution, action: Action) -> Outcome:
    """ContinueLooping LoopCount times, then DoneLooping once, and the count starts again."""
    raw = action.parameter("LoopCount")
    count = read_int(ex.value(raw))
    if count is None or count < 0:
        return failure(f"LoopCount {raw!r} is not a whole number of loops.")
    key = f"{ex.run.flow_id}:{action.identifier}"
    done = ex.run.loop_counts.get(key, 0)
    counts = dict(ex.run.loop_counts)
    if done < count:
        counts[key] = done + 1
        result = "ContinueLooping"
    else:
        counts.pop(key, None)
        result = "DoneLooping"
    ex.update(loop_counts=counts)
    return choose(action, result)


def wait(ex: Execution, action: Action) -> Outcome:
    if ex.contact.channel == "VOICE":
        return failure("Amazon Connect does not run Wait on voice contacts.")
    limit = seconds(ex, action, "TimeoutSeconds", "TimeLimitSeconds", default=None)
    if not limit:
        return failure("Wait needs TimeoutSeconds: a number of seconds above zero.")
    return Wait(Awaiting(AwaitKind.TIMER, limit), f"Waiting {limit:g} s.")


def resume_wait(ex: Execution, action: Action, signal: Signal) -> Outcome | None:
    if isinstance(signal, MessageReceived):
        # The customer wrote: that ends the wait only when the Wait listens for it.
        events = action.parameter("Events")
        returned = isinstance(events, list) and CUSTOMER_RETURNED in events
        return choose(action, CUSTOMER_RETURNED) if returned else None
    return choose(action, "WaitCompleted") if isinstance(signal, TimerElapsed) else None


def end_flow_execution(ex: Execution, action: Action) -> Outcome:
    return Finish(FlowEnding.ENDED, "Ended")


def update_flow_attributes(ex: Execution, action: Action) -> Outcome:
    values = text_map(ex, action.parameter("FlowAttributes"), "flow attribute")
    if isinstance(values, Fail):
        return values
    ex.update(flow_attributes={**ex.run.flow_attributes, **values})
    return success(action)


def update_flow_logging_behavior(ex: Execution, action: Action) -> Outcome:
    behavior = action.parameter("FlowLoggingBehavior")
    if behavior not in ("Enabled", "Disabled"):
        return failure(f"FlowLoggingBehavior must be Enabled or Disabled, not {behavior!r}.")
    ex.update(logging_enabled=behavior == "Enabled")
    ex.emit(SetFlowLogging(behavior == "Enabled"))
    return success(action)


def check_hours_of_operation(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("HoursOfOperationId")
    if raw is not None:
        reference = ex.text(raw)
        open_now = ex.env.hours_open(reference) if reference else None
        if open_now is None:
            return failure(f"There are no hours of operation {reference or raw!r}.")
    else:
        queue = ex.contact.queue
        if queue is None:
            return failure("The contact has no working queue whose hours to check.")
        open_now = queue.open_now
        if open_now is None:
            return failure(f"Queue {queue.name} has no hours of operation.")
    return choose(action, "True" if open_now else "False")


def check_metric_data(ex: Execution, action: Action) -> Outcome:
    metric = action.parameter("MetricType")
    attribute = _METRICS.get(metric) if isinstance(metric, str) else None
    if attribute is None:
        return failure(f"OpenContact cannot check the metric {metric!r}.")
    queue = chosen_queue(ex, action)
    if isinstance(queue, Fail):
        return queue
    return choose(action, getattr(ex.env.queue_metrics(queue), attribute))


def get_metric_data(ex: Execution, action: Action) -> Outcome:
    queue = chosen_queue(ex, action)
    if isinstance(queue, Fail):
        return queue
    ex.update(metrics=metrics_attributes(queue, ex.env.queue_metrics(queue)))
    return success(action, f"Loaded the metrics of queue {queue.name}.")


def metrics_attributes(queue: QueueData, figures: QueueMetrics) -> dict[str, Any]:
    """$.Metrics as the attribute list names them ($.Metrics.Queue.Size, ...Online.Count)."""
    agents = {
        "Online": figures.agents_online,
        "Available": figures.agents_available,
        "Staffed": figures.agents_staffed,
        "AfterContactWork": figures.agents_after_contact_work,
        "Busy": figures.agents_busy,
        "Missed": figures.agents_missed,
        "NonProductive": figures.agents_non_productive,
    }
    return {
        "Queue": {
            "Name": queue.name,
            "ARN": queue.arn,
            "Size": figures.contacts_in_queue,
            "OldestContactAge": figures.oldest_contact_age_seconds,
        },
        "Agents": {name: {"Count": count} for name, count in agents.items()},
    }
