"""Real Amazon Connect flows (shared/flows-corpus) run on the engine and the simulated carrier,
each where its type says it runs: contact flows on a call to a number, customer queue flows while
the caller waits, whisper flows when an agent answers, transfer flows through a quick connect,
outbound whisper flows when an agent's outbound call is answered. Every flow whose actions
OpenContact supports must run to an end: the contact is queued, transferred, disconnected, or
the flow finishes, with its steps in the flow log."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from opencontact.domain.base import Outcome, Put
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType, create_contact_flow
from opencontact.domain.contacts import ContactState
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import OutboundCallerConfig, Queue
from opencontact.domain.quick_connects import (
    QueueConfig,
    QuickConnectConfig,
    QuickConnectType,
    UserConfig,
    create_quick_connect,
)
from opencontact.domain.users import User
from opencontact.engine import commands
from opencontact.engine.state import InstanceState
from opencontact.flows.actions import HANDLERS
from opencontact.flows.document import NO_MATCHING_ERROR, parse_flow
from opencontact.flows.run import AwaitKind
from tests.support.corpus import CORPUS, FLOW_LANGUAGE_EXPORTS, needs_corpus
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"
ROUNDS = 40

_TYPES: dict[str, str | None] = (
    {
        Path(entry["file"]).name: entry["flow_type"]
        for entry in json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    }
    if CORPUS
    else {}
)


LOGGING_ON = "test-flow-logs-on"
_CONTENTS = {path.name: path.read_text(encoding="utf-8") for path in FLOW_LANGUAGE_EXPORTS}


# Customer profiles and Cases blocks: they reach the store, and answer the flow later.
RECORD_ACTIONS = frozenset(
    {
        "GetCustomerProfile",
        "CreateCustomerProfile",
        "UpdateCustomerProfile",
        "GetCase",
        "CreateCase",
        "UpdateCase",
    }
)


def _types(content: str) -> set[str]:
    return {a.type for a in parse_flow(content).actions.values()}


def _unsupported(content: str) -> list[str]:
    """The actions OpenContact does not run that would end the flow in error. One with a
    NoMatchingError branch does not: it fails there, as documented, and the flow goes on."""
    document = parse_flow(content)
    return sorted(
        {
            a.type
            for a in document.actions.values()
            if a.type not in HANDLERS and a.transitions.error_target(NO_MATCHING_ERROR) is None
        }
    )


async def _add_flow(cc: ContactCenterUnderTest, name: str, flow_type: str, content: str) -> str:
    env = cc.runtime.center.env("us-east-1")
    flow = await cc.runtime.center.change(
        cc.instance_id,
        None,
        lambda d: create_contact_flow(
            d, env, name=name, flow_type=ContactFlowType(flow_type), content=content
        ),
    )
    return flow.id


def _wrapper(hook: str, flow_arn: str, queue_arn: str) -> str:
    """A contact flow that sets an event hook and queues the caller in BasicQueue."""
    return json.dumps(
        {
            "Version": "2019-10-30",
            "StartAction": "hook",
            "Actions": [
                {
                    "Identifier": "hook",
                    "Type": "UpdateContactEventHooks",
                    "Parameters": {"EventHooks": {hook: flow_arn}},
                    "Transitions": {
                        "NextAction": "queue",
                        "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
                    },
                },
                {
                    "Identifier": "queue",
                    "Type": "UpdateContactTargetQueue",
                    "Parameters": {"QueueId": queue_arn},
                    "Transitions": {
                        "NextAction": "transfer",
                        "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
                    },
                },
                {
                    "Identifier": "transfer",
                    "Type": "TransferContactToQueue",
                    "Parameters": {},
                    "Transitions": {
                        "NextAction": "bye",
                        "Errors": [
                            {"NextAction": "bye", "ErrorType": "QueueAtCapacity"},
                            {"NextAction": "bye", "ErrorType": "NoMatchingError"},
                        ],
                    },
                },
                {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}},
            ],
        }
    )


async def _point_number_at(cc: ContactCenterUnderTest, flow_id: str) -> None:
    def command(state: InstanceState, _env: object) -> Outcome[None]:
        number = state.directory.find_by_name(PhoneNumber, cc.demo_number)
        assert number is not None
        return Outcome(None, [Put(replace(number, contact_flow_id=flow_id))])

    await cc.run(command)


async def _drive(cc: ContactCenterUnderTest, contact_id: str, done: Any) -> str:
    """Answer whatever the flow waits for (press 1, let time pass) until `done(contact)`."""
    for _ in range(ROUNDS):
        contact = cc.state.live.contact(contact_id)
        if contact is None or done(contact):
            return "ended" if contact is None else contact.state.value
        run = contact.flow
        if run is not None and run.awaiting is not None and run.awaiting.kind is AwaitKind.INPUT:
            leg = contact.customer_leg
            assert leg is not None
            cc.carrier.press_digits(leg, "1#")
            await cc.settle()
        else:
            await cc.advance(10)
    raise AssertionError(f"contact {contact_id} did not reach an end in {ROUNDS} rounds")


def _logging_on(content: str) -> str:
    """The flow, starting with a Set logging behavior block that turns flow logs on (contacts
    start with logging off, as in Amazon Connect), so the test can see the steps it ran."""
    document = json.loads(content)
    document["Actions"].insert(
        0,
        {
            "Identifier": LOGGING_ON,
            "Type": "UpdateFlowLoggingBehavior",
            "Parameters": {"FlowLoggingBehavior": "Enabled"},
            "Transitions": {"NextAction": document["StartAction"]},
        },
    )
    document["StartAction"] = LOGGING_ON
    return json.dumps(document)


async def _logged(cc: ContactCenterUnderTest, contact_id: str) -> list[str]:
    return [r.action_type for r in await cc.runtime.store.flow_logs(cc.instance_id, contact_id)]


@needs_corpus
@pytest.mark.parametrize("export", FLOW_LANGUAGE_EXPORTS, ids=lambda path: path.name)
async def test_a_real_flow_runs_to_an_end(export: Path, tmp_path: Path) -> None:
    content = _CONTENTS[export.name]
    flow_type = _TYPES.get(export.name)
    if flow_type is None:
        pytest.skip("a flow module runs only inside the flow that invokes it")
    missing = _unsupported(content)
    if missing:
        pytest.skip(f"uses actions OpenContact does not run yet: {', '.join(missing)}")
    async with contact_center(tmp_path) as cc:
        flow_id = await _add_flow(cc, export.stem, flow_type, _logging_on(content))
        flow = cc.state.directory.require(ContactFlow, flow_id)
        basic = cc.state.directory.find_by_name(Queue, "BasicQueue")
        assert basic is not None
        agent1 = cc.user_id("agent1")
        if flow_type == "CONTACT_FLOW":
            await _point_number_at(cc, flow_id)
            leg = cc.carrier.place_call(CUSTOMER, cc.demo_number)
            await cc.settle()
            contact_id = cc.contact_of_call(leg)
            await _drive(cc, contact_id, lambda c: c.flow is None)
        elif flow_type in ("CUSTOMER_QUEUE", "AGENT_WHISPER", "CUSTOMER_WHISPER"):
            hook = {
                "CUSTOMER_QUEUE": "CustomerQueue",
                "AGENT_WHISPER": "AgentWhisper",
                "CUSTOMER_WHISPER": "CustomerWhisper",
            }[flow_type]
            wrapper = await _add_flow(
                cc, f"wrap {export.stem}", "CONTACT_FLOW", _wrapper(hook, flow.arn, basic.arn)
            )
            await _point_number_at(cc, wrapper)
            leg = cc.carrier.place_call(CUSTOMER, cc.demo_number)
            await cc.settle()
            contact_id = cc.contact_of_call(leg)
            if flow_type == "CUSTOMER_QUEUE":
                await cc.advance(30)
                await _drive(
                    cc, contact_id, lambda c: c.state is not ContactState.QUEUED or c.flow is None
                )
            else:
                await cc.available("agent1")
                await cc.run(commands.accept(agent1, contact_id))
        elif flow_type in ("AGENT_TRANSFER", "QUEUE_TRANSFER"):
            await cc.available("agent1")
            leg = cc.carrier.place_call(CUSTOMER, cc.demo_number)
            await cc.settle()
            first = cc.contact_of_call(leg)
            await cc.run(commands.accept(agent1, first))
            agent2 = cc.state.directory.find_by_name(User, "agent2")
            assert agent2 is not None
            config = (
                QuickConnectConfig(QuickConnectType.USER, user=UserConfig(agent2.id, flow_id))
                if flow_type == "AGENT_TRANSFER"
                else QuickConnectConfig(
                    QuickConnectType.QUEUE, queue=QueueConfig(basic.id, flow_id)
                )
            )
            env = cc.runtime.center.env("us-east-1")
            quick_connect = await cc.runtime.center.change(
                cc.instance_id,
                None,
                lambda d: create_quick_connect(d, env, name="corpus qc", config=config),
            )
            await cc.run(
                commands.transfer(
                    agent1, first, quick_connect_id=quick_connect.id, phone_number=None
                )
            )
            origin = cc.contact(first)
            transfer_id = origin.third_parties[-1].transfer_contact_id
            assert transfer_id is not None
            contact_id = transfer_id
            await _drive(cc, contact_id, lambda c: c.flow is None)
        elif flow_type == "OUTBOUND_WHISPER":

            def outbound_flow(state: InstanceState, _env: object) -> Outcome[None]:
                queue = state.directory.require(Queue, basic.id)
                caller = OutboundCallerConfig(None, None, flow_id)
                return Outcome(None, [Put(replace(queue, outbound_caller_config=caller))])

            await cc.run(outbound_flow)
            contact = await cc.run(commands.dial(agent1, "+12065550199"))
            contact_id = contact.id
            [ringing] = cc.carrier.calls_at("+12065550199")
            cc.carrier.party_answers(ringing.call_id)
            await cc.settle()
            await _drive(cc, contact_id, lambda c: c.flow is None)
        else:
            pytest.fail(f"no way to run a {flow_type} flow")
        steps = await _logged(cc, contact_id)
        assert len(steps) > 1, "the flow's steps are in the flow log"
        records = {t for t in _types(content) if t in RECORD_ACTIONS}
        if records:
            assert records & set(steps), f"the flow's {sorted(records)} blocks ran"
