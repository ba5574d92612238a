"""Handing the contact to a queue: the end of a contact flow's work."""

from __future__ import annotations

from opencontact.flows.document import FlowDocument
from opencontact.flows.run import Enqueue, FlowEnding, FlowPurpose, SetTargetQueue
from tests.support.flows import (
    FakeInstance,
    action,
    agent,
    agent_queue_of,
    begin,
    contact,
    end,
    flow,
    heard,
    path,
    queue,
    say,
)

SALES = queue("Sales")
BILLING = queue("Billing")
ANA = agent("ana")


def to_queue(parameters: dict[str, str] | None = None) -> FlowDocument:
    return flow(
        action(
            "transfer",
            "TransferContactToQueue",
            parameters,
            "sorry",
            errors={"QueueAtCapacity": "full", "NoMatchingError": "sorry"},
        ),
        say("full", "All lines are busy.", "bye"),
        say("sorry", "We cannot take your call.", "bye"),
        action("bye", "DisconnectParticipant"),
    )


def test_a_caller_is_put_in_the_working_queue_and_the_flow_ends_there() -> None:
    instance = FakeInstance(contact(queue=SALES), queues=[SALES])

    result = begin(to_queue(), instance)

    assert result.instructions == (Enqueue(SALES.id),)
    assert result.ending is FlowEnding.ENQUEUED
    assert result.run is None
    assert heard(result) == []  # NextAction (the failure prompt) is not followed


def test_a_queue_set_earlier_in_the_same_flow_is_the_one_transferred_to() -> None:
    document = flow(
        action("set", "UpdateContactTargetQueue", {"QueueId": BILLING.arn}, "transfer"),
        action("transfer", "TransferContactToQueue", next_action="end"),
        end(),
    )

    result = begin(document, FakeInstance(contact(queue=SALES), queues=[SALES, BILLING]))

    assert result.instructions == (SetTargetQueue(BILLING.id), Enqueue(BILLING.id))


def test_a_full_queue_takes_the_queue_at_capacity_branch() -> None:
    full = queue("Sales", at_capacity=True)

    result = begin(to_queue(), FakeInstance(contact(queue=full), queues=[full]))

    assert heard(result) == ["All lines are busy."]
    assert result.ending is FlowEnding.DISCONNECTED


def test_a_contact_without_working_queue_cannot_be_transferred() -> None:
    result = begin(to_queue(), FakeInstance())

    assert heard(result) == ["We cannot take your call."]
    assert path(result)[0] == ("transfer", "NoMatchingError")


def test_transfer_to_queue_may_name_its_queue() -> None:
    result = begin(to_queue({"QueueId": BILLING.id}), FakeInstance(queues=[BILLING]))

    assert result.instructions == (Enqueue(BILLING.id),)


def test_a_transfer_to_agent_flow_queues_the_contact_for_that_agent() -> None:
    document = flow(action("to agent", "TransferContactToAgent"))
    instance = FakeInstance(contact(agent=ANA), queues=[agent_queue_of(ANA)], agents=[ANA])

    result = begin(document, instance, FlowPurpose.AGENT_TRANSFER)

    assert result.instructions == (Enqueue("aq-ana"),)
    assert result.ending is FlowEnding.ENQUEUED


def test_a_transfer_to_agent_without_an_agent_ends_in_error() -> None:
    result = begin(flow(action("to agent", "TransferContactToAgent")), FakeInstance())

    assert result.ending is FlowEnding.ERROR


def test_a_customer_queue_flow_moves_the_waiting_contact_to_an_agent() -> None:
    document = flow(
        action(
            "move",
            "DequeueContactAndTransferToQueue",
            {"AgentId": "$.Attributes.preferredAgent"},
            errors={"NoMatchingError": "end"},
        ),
        end(),
    )
    instance = FakeInstance(
        contact(queue=SALES, attributes={"preferredAgent": "ana"}),
        queues=[SALES, agent_queue_of(ANA)],
        agents=[ANA],
    )

    result = begin(document, instance, FlowPurpose.CUSTOMER_QUEUE)

    assert result.instructions == (Enqueue("aq-ana"),)
    assert result.ending is FlowEnding.ENQUEUED
