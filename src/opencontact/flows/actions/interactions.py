"""Interactions: calling a Lambda function, creating a task, scheduling a callback.

The Lambda call itself is the engine's (an HTTP call to the URL configured for the ARN); the
run waits for its result and keeps it as $.External, replacing the previous one, as Connect
does ("overwritten with the next invocation of a Lambda function").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Outcome,
    Wait,
    chosen_queue,
    failure,
    seconds,
    success,
    text_map,
)
from opencontact.flows.document import Action, read_float, read_int
from opencontact.flows.run import (
    Awaiting,
    AwaitKind,
    CreateCallback,
    CreateTask,
    InvokeLambda,
    LambdaFailed,
    LambdaReturned,
    Signal,
    TimedOut,
)

DEFAULT_LAMBDA_SECONDS = 8.0  # the documented synchronous maximum, and the console default
# A task from a flow starts at most 6 days ahead (DelaySeconds 1 to 518,400, as for
# StartTaskContact's ScheduledTime); a ScheduledTime this little in the past means now.
MAX_TASK_DELAY_SECONDS = 518_400
SCHEDULE_GRACE_SECONDS = 60.0
STRING_MAP = "STRING_MAP"


def _response_type(action: Action) -> str:
    validation = action.parameter("ResponseValidation")
    kind = validation.get("ResponseType") if isinstance(validation, Mapping) else None
    return kind if isinstance(kind, str) and kind else STRING_MAP


def invoke_lambda_function(ex: Execution, action: Action) -> Outcome:
    raw = action.parameter("LambdaFunctionARN")
    function = ex.text(raw)
    if not function:
        return failure(f"LambdaFunctionARN {raw!r} names no function.")
    limit = seconds(ex, action, "InvocationTimeLimitSeconds", default=DEFAULT_LAMBDA_SECONDS)
    if not limit:
        return failure("InvocationTimeLimitSeconds must be a number of seconds above zero.")
    attributes = action.parameter("LambdaInvocationAttributes")
    parameters: dict[str, Any] = {}
    if isinstance(attributes, Mapping):
        for raw_key, raw_value in attributes.items():
            key = ex.text(raw_key) or str(raw_key)
            value = ex.value(raw_value)
            parameters[key] = "" if value is None else value
    ex.emit(InvokeLambda(function, parameters, limit, _response_type(action)))
    return Wait(Awaiting(AwaitKind.LAMBDA, limit), f"Invoking {function}.")


def resume_invoke_lambda_function(ex: Execution, action: Action, signal: Signal) -> Outcome | None:
    if isinstance(signal, LambdaFailed):
        return failure(f"The Lambda function failed: {signal.reason}")
    if isinstance(signal, TimedOut):
        return failure("The Lambda function did not answer within its time limit.")
    if not isinstance(signal, LambdaReturned):
        return None
    result = signal.result
    if _response_type(action) == STRING_MAP:
        flat = all(
            value is not None and not isinstance(value, Mapping | list | tuple)
            for value in result.values()
        )
        if not flat:
            return failure(
                "The Lambda function returned nested or null values, but its response "
                "validation is STRING_MAP (a flat map of strings)."
            )
    ex.update(external=dict(result))
    return success(action)


def create_task(ex: Execution, action: Action) -> Outcome:
    name = ex.text(action.parameter("Name"))
    if not name:
        return failure("A task needs a Name.")
    raw_flow = action.parameter("ContactFlowId")
    if raw_flow is None:
        return failure("Tasks from task templates are not supported by OpenContact yet.")
    reference = ex.text(raw_flow)
    flow = ex.env.flow(reference) if reference else None
    if flow is None:
        return failure(f"There is no published flow {reference or raw_flow!r} for the task.")
    description = action.parameter("Description")
    references = text_map(ex, action.parameter("References"), "reference")
    if isinstance(references, Fail):
        return references
    attributes = text_map(ex, action.parameter("Attributes"), "attribute")
    if isinstance(attributes, Fail):
        return attributes
    delay = _task_delay(ex, action)
    if isinstance(delay, Fail):
        return delay
    ex.emit(
        CreateTask(
            name=name,
            description=ex.text(description) if description is not None else None,
            flow_id=flow[0],
            references=references,
            attributes=attributes,
            delay_seconds=delay,
        )
    )
    return success(action)


def _task_delay(ex: Execution, action: Action) -> float | Fail | None:
    """How long the task waits before it starts: DelaySeconds (1 to 518,400: 6 days), or the
    seconds from now until ScheduledTime (ISO 8601 or epoch seconds, at most 6 days ahead; a
    time less than a minute past means now). None: the task starts at once."""
    raw_delay = action.parameter("DelaySeconds")
    raw_time = action.parameter("ScheduledTime")
    if raw_delay is not None and raw_time is not None:
        return failure("Give a task DelaySeconds or ScheduledTime, not both.")
    if raw_delay is not None:
        delay = read_int(ex.value(raw_delay))
        if delay is None or not 1 <= delay <= MAX_TASK_DELAY_SECONDS:
            return failure(
                f"DelaySeconds must be a whole number of seconds from 1 to "
                f"{MAX_TASK_DELAY_SECONDS:,} (6 days); not {ex.value(raw_delay)!r}."
            )
        return float(delay)
    if raw_time is None:
        return None
    value = ex.value(raw_time)
    epoch = read_float(value)
    try:
        when = (
            datetime.fromtimestamp(epoch, UTC)
            if epoch is not None
            else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        )
    except (ValueError, OverflowError, OSError):
        return failure(f"ScheduledTime {value!r} is not a time.")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    ahead = (when - ex.env.now()).total_seconds()
    if ahead < -SCHEDULE_GRACE_SECONDS:
        return failure(f"ScheduledTime {when.isoformat()} is in the past.")
    if ahead > MAX_TASK_DELAY_SECONDS:
        return failure(f"ScheduledTime {when.isoformat()} is more than 6 days ahead.")
    return ahead if ahead > 0 else None


def create_callback_contact(ex: Execution, action: Action) -> Outcome:
    queue = chosen_queue(ex, action)
    if isinstance(queue, Fail):
        return queue
    delay = seconds(ex, action, "InitialCallDelaySeconds", default=0.0)
    retry = seconds(ex, action, "RetryDelaySeconds", default=0.0)
    attempts = read_int(ex.value(action.parameter("MaximumConnectionAttempts")))
    if delay is None or retry is None:
        return failure("The callback delays must be numbers of seconds.")
    if attempts is not None and attempts < 1:
        return failure("MaximumConnectionAttempts must be at least 1.")
    ex.emit(
        CreateCallback(
            queue_id=queue.id,
            initial_call_delay_seconds=delay,
            maximum_attempts=attempts or 1,
            retry_delay_seconds=retry,
        )
    )
    return success(action, f"Callback queued in {queue.name}.")
