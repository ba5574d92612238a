"""Interactions: Lambda functions, tasks and callbacks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from opencontact.flows.document import FlowDocument
from opencontact.flows.interpreter import advance
from opencontact.flows.run import (
    Advance,
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
from tests.support.flows import (
    NOW,
    FakeInstance,
    action,
    begin,
    contact,
    end,
    flow,
    heard,
    path,
    queue,
    say,
)

LOOKUP = "arn:aws:lambda:us-east-1:111122223333:function:lookup"


def lookup(**parameters: Any) -> FlowDocument:
    return flow(
        action(
            "lookup",
            "InvokeLambdaFunction",
            {
                "LambdaFunctionARN": LOOKUP,
                "InvocationTimeLimitSeconds": "3",
                "LambdaInvocationAttributes": {
                    "phone": "$.CustomerEndpoint.Address",
                    "kind": "vip",
                },
                **parameters,
            },
            "greet",
            errors={"NoMatchingError": "sorry"},
        ),
        say("greet", "Hello $.External.name, your order is $.External.order.status.", "end"),
        say("sorry", "We could not find you.", "end"),
        end(),
    )


def answered(document: FlowDocument, signal: Signal) -> Advance:
    instance = FakeInstance()
    paused = begin(document, instance)
    assert paused.run is not None
    return advance(document, paused.run, instance, signal)


def test_a_lambda_is_invoked_with_its_attributes_and_the_flow_waits_for_it() -> None:
    result = begin(lookup(), FakeInstance())

    assert result.instructions == (
        InvokeLambda(LOOKUP, {"phone": "+14155550100", "kind": "vip"}, 3.0, "STRING_MAP"),
    )
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.LAMBDA, 3.0)


def test_what_the_lambda_returns_is_read_as_external_attributes() -> None:
    result = answered(
        lookup(ResponseValidation={"ResponseType": "JSON"}),
        LambdaReturned({"name": "Jane", "order": {"status": "shipped"}}),
    )

    assert heard(result) == ["Hello Jane, your order is shipped."]
    assert result.run is None


def test_a_string_map_lambda_that_returns_nested_values_takes_the_error_branch() -> None:
    result = answered(lookup(), LambdaReturned({"name": "Jane", "order": {"status": "shipped"}}))

    assert heard(result) == ["We could not find you."]
    assert "STRING_MAP" in (result.logs[0].detail or "")


@pytest.mark.parametrize("signal", [LambdaFailed("HTTP 500"), TimedOut()])
def test_a_lambda_that_fails_or_is_too_slow_takes_the_error_branch(signal: Signal) -> None:
    result = answered(lookup(), signal)

    assert heard(result) == ["We could not find you."]
    assert path(result)[0] == ("lookup", "NoMatchingError")


def test_each_lambda_result_replaces_the_previous_one() -> None:
    document = flow(
        action("first", "InvokeLambdaFunction", {"LambdaFunctionARN": LOOKUP}, "second"),
        action("second", "InvokeLambdaFunction", {"LambdaFunctionARN": LOOKUP}, "say"),
        say("say", "[$.External.a][$.External.b]", "end"),
        end(),
    )
    instance = FakeInstance()
    first = begin(document, instance)
    assert first.run is not None
    second = advance(document, first.run, instance, LambdaReturned({"a": "1"}))
    assert second.run is not None

    result = advance(document, second.run, instance, LambdaReturned({"b": "2"}))

    assert heard(result) == ["[][2]"]


def task(**parameters: Any) -> FlowDocument:
    return flow(
        action(
            "task",
            "CreateTask",
            {"Name": "Call back $.Attributes.name", "ContactFlowId": "f-tasks", **parameters},
            "end",
            errors={"NoMatchingError": "failed"},
        ),
        say("failed", "failed", "end"),
        end(),
    )


def test_a_task_is_created_for_the_contacts_follow_up() -> None:
    instance = FakeInstance(contact(attributes={"name": "Jane"}), flows={"f-tasks": flow(end())})

    result = begin(
        task(
            Description="Follow up",
            References={"crm": {"Value": "https://crm/1", "Type": "URL"}},
            Attributes={"phone": "$.CustomerEndpoint.Address"},
            DelaySeconds="600",
        ),
        instance,
    )

    assert result.instructions == (
        CreateTask(
            name="Call back Jane",
            description="Follow up",
            flow_id="f-tasks",
            references={"crm": "https://crm/1"},
            attributes={"phone": "+14155550100"},
            delay_seconds=600.0,
        ),
    )


def test_a_scheduled_task_is_delayed_until_its_time() -> None:
    instance = FakeInstance(flows={"f-tasks": flow(end())})
    when = (NOW + timedelta(hours=2)).isoformat()

    result = begin(task(ScheduledTime=when), instance)

    assert isinstance(result.instructions[0], CreateTask)
    assert result.instructions[0].delay_seconds == 7200.0


def test_a_task_for_a_flow_that_does_not_exist_takes_the_error_branch() -> None:
    assert heard(begin(task(), FakeInstance())) == ["failed"]


def test_a_callback_is_queued_in_the_working_queue() -> None:
    sales = queue("Sales")
    document = flow(
        action(
            "callback",
            "CreateCallbackContact",
            {
                "InitialCallDelaySeconds": "60",
                "MaximumConnectionAttempts": "2",
                "RetryDelaySeconds": "300",
            },
            "end",
        ),
        end(),
    )

    result = begin(document, FakeInstance(contact(queue=sales)))

    assert result.instructions == (CreateCallback(sales.id, 60.0, 2, 300.0),)
