"""The flows every new instance gets."""

from __future__ import annotations

import json

import pytest

from opencontact.flows.default_flows import (
    DEFAULT_FLOWS,
    DefaultFlow,
    default_flow,
    render_default_flow,
    render_placeholders,
)
from opencontact.flows.document import parse_flow
from opencontact.flows.validation import validate_flow

QUEUE_ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1/queue/q-basic"
REFERENCES = {"queue:BasicQueue": QUEUE_ARN}


def test_a_new_instance_gets_the_nine_default_flows_of_amazon_connect() -> None:
    assert [(flow.name, flow.flow_type) for flow in DEFAULT_FLOWS] == [
        ("Default agent transfer", "AGENT_TRANSFER"),
        ("Default queue transfer", "QUEUE_TRANSFER"),
        ("Default customer queue", "CUSTOMER_QUEUE"),
        ("Default customer hold", "CUSTOMER_HOLD"),
        ("Default agent hold", "AGENT_HOLD"),
        ("Default agent whisper", "AGENT_WHISPER"),
        ("Default customer whisper", "CUSTOMER_WHISPER"),
        ("Default outbound", "OUTBOUND_WHISPER"),
        ("Sample inbound flow (first contact experience)", "CONTACT_FLOW"),
    ]
    assert all(flow.description for flow in DEFAULT_FLOWS)


@pytest.mark.parametrize("flow", DEFAULT_FLOWS, ids=lambda flow: flow.name)
def test_every_default_flow_is_publishable_once_rendered(flow: DefaultFlow) -> None:
    assert validate_flow(render_default_flow(flow, REFERENCES)) == []


@pytest.mark.parametrize("flow", DEFAULT_FLOWS, ids=lambda flow: flow.name)
def test_every_default_flow_can_be_drawn(flow: DefaultFlow) -> None:
    document = parse_flow(render_default_flow(flow, REFERENCES))

    assert set(document.metadata["entryPointPosition"]) == {"x", "y"}
    positions = document.metadata["ActionMetadata"]
    assert set(positions) == set(document.actions)
    assert all(set(entry["position"]) == {"x", "y"} for entry in positions.values())


def test_the_sample_inbound_flow_sends_callers_to_basic_queue() -> None:
    flow = default_flow("Sample inbound flow (first contact experience)")

    document = parse_flow(render_default_flow(flow, REFERENCES))

    targets = [a for a in document.actions.values() if a.type == "UpdateContactTargetQueue"]
    assert [a.parameter("QueueId") for a in targets] == [QUEUE_ARN]
    transfer = next(a for a in document.actions.values() if a.type == "TransferContactToQueue")
    apology = document.action(transfer.transitions.error_target("QueueAtCapacity") or "")
    assert "sorry" in apology.parameter("Text").lower()
    assert document.action(apology.transitions.next_action or "").type == "DisconnectParticipant"


def test_the_agent_transfer_says_transferring_now_then_queues_for_the_target_agent() -> None:
    document = parse_flow(render_default_flow(default_flow("Default agent transfer"), {}))

    start = document.action(document.start_action)
    assert (start.type, start.parameter("Text")) == ("MessageParticipant", "Transferring now...")
    working_queue = document.action(start.transitions.next_action or "")
    assert working_queue.type == "UpdateContactTargetQueue"
    assert working_queue.parameter("AgentId") == "$.Agent.UserName"
    transfer = document.action(working_queue.transitions.next_action or "")
    assert transfer.type == "TransferContactToQueue"
    failure = document.action(transfer.transitions.error_target("NoMatchingError") or "")
    assert failure.type == "MessageParticipant"
    assert document.action(failure.transitions.next_action or "").type == "DisconnectParticipant"


def test_the_agent_whisper_says_the_queue_name() -> None:
    document = parse_flow(default_flow("Default agent whisper").content())

    assert document.action(document.start_action).parameter("Text") == "$.Queue.Name"


def test_the_customer_queue_loops_a_thank_you_and_music() -> None:
    document = parse_flow(default_flow("Default customer queue").content())

    messages = document.action(document.start_action).parameter("Messages")
    texts = [message["Text"] for message in messages]
    assert texts[0].startswith("Thank you for calling.")
    assert "(music)" in texts


def test_a_missing_reference_is_named() -> None:
    flow = default_flow("Sample inbound flow (first contact experience)")

    assert flow.required_references() == {"queue:BasicQueue"}
    with pytest.raises(KeyError, match=r"queue:BasicQueue"):
        render_default_flow(flow, {})


def test_flow_references_are_filled_in_and_escaped_for_json() -> None:
    content = '{"ContactFlowId": "${flow:Default customer queue}"}'

    rendered = render_placeholders(content, {"flow:Default customer queue": 'arn:"quoted"'})

    assert json.loads(rendered) == {"ContactFlowId": 'arn:"quoted"'}


def test_an_unknown_default_flow_name_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="Default nothing"):
        default_flow("Default nothing")
