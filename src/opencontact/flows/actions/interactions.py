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
    """DelaySeconds, or the seconds from now until ScheduledTime (ISO 8601 or epoch seconds)."""
    if action.parameter("DelaySeconds") is not None:
        delay = seconds(ex, action, "DelaySeconds", default=None)
        return delay if delay is not None else failure("DelaySeconds is not a number.")
    raw = action.parameter("ScheduledTime")
    if raw is None:
        return None
    value = ex.value(raw)
    epoch = read_float(value)
    try:
        when = (
            datetime.fromtimestamp(epoch, UTC)
            if epoch is not None
            else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        )
    except (ValueError, OverflowError, OSError):
        return failure(f"ScheduledTime {raw!r} is not a time.")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - ex.env.now()).total_seconds())


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
