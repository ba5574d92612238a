"""Flows that reach outside: a Lambda function answering over HTTP (and one that does not answer
in time), a queue at capacity, a queue outside its hours."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from opencontact.domain.base import Outcome, Put
from opencontact.domain.contact_flows import (
    ContactFlow,
    ContactFlowType,
    create_contact_flow,
    update_contact_flow_content,
)
from opencontact.domain.hours import Day, HoursOfOperation, HoursSlot, TimeOfDay
from opencontact.domain.instance import InstanceAttributeType
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.engine import commands
from opencontact.engine.state import InstanceState
from tests.support.engine import ContactCenterUnderTest, contact_center

LOOKUP_ARN = "arn:aws:lambda:us-east-1:123456789012:function:customer-lookup"
LOOKUP_URL = "http://lambdas.test/customer-lookup"


def _action(
    identifier: str,
    kind: str,
    parameters: dict[str, Any],
    then: str | None,
    errors: str | None = None,
) -> dict[str, Any]:
    transitions: dict[str, Any] = {}
    if then:
        transitions["NextAction"] = then
    if errors:
        transitions["Errors"] = [{"NextAction": errors, "ErrorType": "NoMatchingError"}]
    return {
        "Identifier": identifier,
        "Type": kind,
        "Parameters": parameters,
        "Transitions": transitions,
    }


def _flow(*actions: dict[str, Any]) -> str:
    return json.dumps(
        {"Version": "2019-10-30", "StartAction": actions[0]["Identifier"], "Actions": list(actions)}
    )


async def _answer_with(cc: ContactCenterUnderTest, content: str) -> None:
    """Point the demo number at a new flow with this content."""
    env = cc.runtime.center.env("us-east-1")
    flow = await cc.runtime.center.change(
        cc.instance_id,
        None,
        lambda d: create_contact_flow(
            d, env, name="Under test", flow_type=ContactFlowType.CONTACT_FLOW, content=content
        ),
    )

    def point(state: InstanceState, _env: object) -> Outcome[None]:
        number = state.directory.find_by_name(PhoneNumber, cc.demo_number)
        assert number is not None
        return Outcome(None, [Put(replace(number, contact_flow_id=flow.id))])

    await cc.run(point)


LAMBDA_FLOW = _flow(
    _action(
        "lookup",
        "InvokeLambdaFunction",
        {
            "LambdaFunctionARN": LOOKUP_ARN,
            "InvocationTimeLimitSeconds": "3",
            "LambdaInvocationAttributes": {"caller": "$.CustomerEndpoint.Address"},
        },
        "greet",
        "sorry",
    ),
    _action("greet", "MessageParticipant", {"Text": "Hello $.External.firstName."}, "bye", "bye"),
    _action("sorry", "MessageParticipant", {"Text": "Sorry, we cannot find you."}, "bye", "bye"),
    _action("bye", "DisconnectParticipant", {}, None),
)


async def test_a_flow_calls_a_lambda_function_over_http_and_uses_its_answer(
    tmp_path: Path,
) -> None:
    received: list[dict[str, Any]] = []

    async def function(request: httpx.Request) -> httpx.Response:
        event = json.loads(request.content)
        received.append(event)
        return httpx.Response(200, json={"firstName": "Ada"})

    async with contact_center(
        tmp_path,
        lambda_transport=httpx.MockTransport(function),
        lambda_urls={LOOKUP_ARN: LOOKUP_URL},
    ) as cc:
        await _answer_with(cc, LAMBDA_FLOW)
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        await asyncio.sleep(0)  # let the HTTP exchange (in-process) complete
        await cc.settle()
        assert cc.heard(call) == ["Hello Ada."]
        [event] = received
        assert event["Name"] == "ContactFlowEvent"
        assert event["Details"]["Parameters"] == {"caller": "+15555550100"}
        assert event["Details"]["ContactData"]["CustomerEndpoint"]["Address"] == "+15555550100"
        assert event["Details"]["ContactData"]["Channel"] == "VOICE"


async def test_a_lambda_function_that_does_not_answer_in_time_takes_the_error_branch(
    tmp_path: Path,
) -> None:
    never = asyncio.Event()

    async def function(_request: httpx.Request) -> httpx.Response:
        await never.wait()  # a function that hangs
        return httpx.Response(200, json={})

    async with contact_center(
        tmp_path,
        lambda_transport=httpx.MockTransport(function),
        lambda_urls={LOOKUP_ARN: LOOKUP_URL},
    ) as cc:
        await _answer_with(cc, LAMBDA_FLOW)
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        assert cc.heard(call) == []
        await cc.advance(3)
        assert cc.heard(call) == ["Sorry, we cannot find you."]
        assert cc.carrier.call(call).state == "ended"
        never.set()


async def test_a_queue_at_capacity_sends_the_next_caller_down_the_capacity_branch(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:

        def capacity_one(state: InstanceState, _env: object) -> Outcome[None]:
            queue = state.directory.find_by_name(Queue, "BasicQueue")
            assert queue is not None
            return Outcome(None, [Put(replace(queue, max_contacts=1))])

        await cc.run(capacity_one)
        first = cc.carrier.place_call("+15555550100", cc.demo_number)
        second = cc.carrier.place_call("+15555550101", cc.demo_number)
        await cc.settle()
        assert cc.carrier.call(first).state == "connected"  # waiting in the queue
        assert cc.carrier.call(second).state == "ended"
        assert any("sorry" in text.lower() for text in cc.heard(second))


async def test_a_queue_outside_its_hours_is_reported_closed(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:

        def nights_only(state: InstanceState, _env: object) -> Outcome[None]:
            hours = state.directory.find_by_name(HoursOfOperation, "Basic Hours")
            assert hours is not None
            night = tuple(HoursSlot(day, TimeOfDay(22, 0), TimeOfDay(6, 0)) for day in Day)
            return Outcome(None, [Put(replace(hours, slots=night))])

        await cc.run(nights_only)
        basic = cc.state.directory.find_by_name(Queue, "BasicQueue")
        assert basic is not None
        await _answer_with(
            cc,
            _flow(
                _action(
                    "queue", "UpdateContactTargetQueue", {"QueueId": basic.arn}, "hours", "bye"
                ),
                {
                    "Identifier": "hours",
                    "Type": "CheckHoursOfOperation",
                    "Parameters": {},
                    "Transitions": {
                        "NextAction": "bye",
                        "Conditions": [
                            {
                                "NextAction": "open",
                                "Condition": {"Operator": "Equals", "Operands": ["True"]},
                            },
                            {
                                "NextAction": "closed",
                                "Condition": {"Operator": "Equals", "Operands": ["False"]},
                            },
                        ],
                        "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
                    },
                },
                _action("open", "MessageParticipant", {"Text": "We are open."}, "bye", "bye"),
                _action("closed", "MessageParticipant", {"Text": "We are closed."}, "bye", "bye"),
                _action("bye", "DisconnectParticipant", {}, None),
            ),
        )
        # 09:00 in New York: outside 22:00-06:00.
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        assert cc.heard(call) == ["We are closed."]


async def test_a_flow_tags_the_contact_for_its_record(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _answer_with(
            cc,
            _flow(
                _action(
                    "tag",
                    "TagContact",
                    {"Tags": {"Department": "billing", "Caller": "$.CustomerEndpoint.Address"}},
                    "untag",
                ),
                _action("untag", "UnTagContact", {"TagKeys": ["Caller"]}, "bye"),
                _action("bye", "DisconnectParticipant", {}, None),
            ),
        )
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        assert cc.carrier.call(call).state == "ended"
        record = await cc.record(cc.contact_of_call(call))
        assert record.tags == {"Department": "billing"}


async def test_flows_log_nothing_until_a_flow_turns_logging_on(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _answer_with(
            cc,
            _flow(
                _action("hello", "MessageParticipant", {"Text": "Hello."}, "bye", "bye"),
                _action("bye", "DisconnectParticipant", {}, None),
            ),
        )
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        assert cc.heard(call) == ["Hello."]
        assert await cc.runtime.store.flow_logs(cc.instance_id, cc.contact_of_call(call)) == []


async def test_an_instance_with_flow_logs_switched_off_keeps_none(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:

        def logs_off(state: InstanceState, _env: object) -> Outcome[None]:
            instance = state.instance.with_attribute(
                InstanceAttributeType.CONTACTFLOW_LOGS, "false"
            )
            return Outcome(None, [Put(instance)])

        await cc.run(logs_off)
        call = cc.carrier.place_call("+15555550100", cc.demo_number)  # Sample inbound flow
        await cc.settle()
        contact_id = cc.contact_of_call(call)
        assert cc.contact(contact_id).flow_logging  # the flow turned logging on...
        assert await cc.runtime.store.flow_logs(cc.instance_id, contact_id) == []  # ...in vain


@pytest.mark.parametrize("number", ["911", "+447700900123"])
async def test_a_flow_cannot_call_a_number_the_instance_may_not_call(
    tmp_path: Path, number: str
) -> None:
    async with contact_center(tmp_path) as cc:
        await _answer_with(
            cc,
            _flow(
                {
                    "Identifier": "dial",
                    "Type": "TransferParticipantToThirdParty",
                    "Parameters": {
                        "ThirdPartyPhoneNumber": number,
                        "ThirdPartyConnectionTimeLimitSeconds": "30",
                    },
                    "Transitions": {
                        "NextAction": "bye",
                        "Errors": [
                            {"NextAction": "sorry", "ErrorType": "CallFailed"},
                            {"NextAction": "bye", "ErrorType": "NoMatchingError"},
                        ],
                    },
                },
                _action("sorry", "MessageParticipant", {"Text": "Cannot call."}, "bye", "bye"),
                _action("bye", "DisconnectParticipant", {}, None),
            ),
        )
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        assert cc.heard(call) == ["Cannot call."]
        assert cc.carrier.calls_at(number) == []


async def _replace_default_flow(cc: ContactCenterUnderTest, name: str, content: str) -> None:
    env = cc.runtime.center.env("us-east-1")
    flow = cc.state.directory.find_by_name(ContactFlow, name)
    assert flow is not None
    await cc.runtime.center.change(
        cc.instance_id,
        None,
        lambda d: update_contact_flow_content(d, env, flow.id, content=content),
    )


async def test_a_lambda_answer_in_the_agent_hold_flow_does_not_reach_the_customer_s_flow(
    tmp_path: Path,
) -> None:
    agent_side = "arn:aws:lambda:us-east-1:123456789012:function:agent-side"
    never = asyncio.Event()

    async def functions(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/agent-side":
            return httpx.Response(200, json={"said": "agent"})
        await never.wait()  # the customer's lookup hangs
        return httpx.Response(200, json={})

    async with contact_center(
        tmp_path,
        lambda_transport=httpx.MockTransport(functions),
        lambda_urls={LOOKUP_ARN: LOOKUP_URL, agent_side: "http://lambdas.test/agent-side"},
    ) as cc:
        await _replace_default_flow(
            cc,
            "Default customer hold",
            _flow(
                _action(
                    "lookup",
                    "InvokeLambdaFunction",
                    {"LambdaFunctionARN": LOOKUP_ARN, "InvocationTimeLimitSeconds": "8"},
                    "found",
                    "late",
                ),
                _action("found", "MessageParticipant", {"Text": "Found $.External.said."}, "end"),
                _action("late", "MessageParticipant", {"Text": "Still looking."}, "end"),
                _action("end", "EndFlowExecution", {}, None),
            ),
        )
        await _replace_default_flow(
            cc,
            "Default agent hold",
            _flow(
                _action(
                    "note",
                    "InvokeLambdaFunction",
                    {"LambdaFunctionARN": agent_side, "InvocationTimeLimitSeconds": "8"},
                    "end",
                    "end",
                ),
                _action("end", "EndFlowExecution", {}, None),
            ),
        )
        await cc.available("agent1")
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        contact_id = cc.contact_of_call(call)
        await cc.run(commands.accept(cc.user_id("agent1"), contact_id))
        await cc.run(commands.hold(cc.user_id("agent1"), contact_id))
        for _ in range(3):
            await asyncio.sleep(0)  # the agent side's function answers at once
            await cc.settle()
        assert "Found agent." not in cc.heard(call)
        await cc.advance(8)
        assert cc.heard(call)[-1] == "Still looking."
        never.set()
