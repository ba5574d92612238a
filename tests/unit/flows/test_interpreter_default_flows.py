"""The nine flows every new instance gets run to the end Amazon Connect documents for them."""

from __future__ import annotations

from opencontact.flows.default_flows import default_flow, render_default_flow
from opencontact.flows.document import FlowDocument, parse_flow
from opencontact.flows.run import (
    Advance,
    Awaiting,
    AwaitKind,
    Disconnect,
    Enqueue,
    FlowEnding,
    FlowPurpose,
    Message,
    Play,
    SetFlowLogging,
    SetTargetQueue,
)
from tests.support.flows import (
    FakeInstance,
    agent,
    agent_queue_of,
    begin,
    contact,
    heard,
    queue,
)

BASIC = queue("BasicQueue")
ANA = agent("ana")
SORRY = "Sorry, the transfer could not be completed. Please try again later."


def default(name: str) -> FlowDocument:
    rendered = render_default_flow(default_flow(name), {"queue:BasicQueue": BASIC.arn})
    return parse_flow(rendered)


def run(name: str, instance: FakeInstance, purpose: FlowPurpose) -> Advance:
    return begin(default(name), instance, purpose)


def test_a_caller_to_the_sample_flow_is_welcomed_and_queued_in_basic_queue() -> None:
    result = run(
        "Sample inbound flow (first contact experience)",
        FakeInstance(queues=[BASIC]),
        FlowPurpose.INBOUND,
    )

    assert heard(result) == [
        "Thank you for calling. Please hold while we connect you to the next available agent."
    ]
    assert result.instructions[0] == SetFlowLogging(enabled=True)
    assert result.instructions[2:] == (SetTargetQueue(BASIC.id), Enqueue(BASIC.id))
    assert result.ending is FlowEnding.ENQUEUED


def test_the_sample_flow_apologises_and_hangs_up_when_basic_queue_is_full() -> None:
    full = queue("BasicQueue", at_capacity=True)

    result = run(
        "Sample inbound flow (first contact experience)",
        FakeInstance(queues=[full]),
        FlowPurpose.INBOUND,
    )

    assert heard(result)[-1] == (
        "We're sorry, we are unable to take your call right now. Please try again later. Goodbye."
    )
    assert result.instructions[-1] == Disconnect()
    assert result.ending is FlowEnding.DISCONNECTED


def test_an_agent_transfer_says_transferring_now_and_queues_for_the_target_agent() -> None:
    instance = FakeInstance(contact(agent=ANA), queues=[agent_queue_of(ANA)], agents=[ANA])

    result = run("Default agent transfer", instance, FlowPurpose.AGENT_TRANSFER)

    assert heard(result) == ["Transferring now..."]
    assert result.instructions[1:] == (SetTargetQueue("aq-ana"), Enqueue("aq-ana"))
    assert result.ending is FlowEnding.ENQUEUED


def test_an_agent_transfer_without_a_target_agent_apologises_and_hangs_up() -> None:
    result = run("Default agent transfer", FakeInstance(), FlowPurpose.AGENT_TRANSFER)

    assert heard(result) == ["Transferring now...", SORRY]
    assert result.ending is FlowEnding.DISCONNECTED


def test_a_queue_transfer_says_transferring_now_and_queues_in_the_chosen_queue() -> None:
    support = queue("Support")

    result = run(
        "Default queue transfer",
        FakeInstance(contact(queue=support), queues=[support]),
        FlowPurpose.QUEUE_TRANSFER,
    )

    assert heard(result) == ["Transferring now..."]
    assert result.instructions[-1] == Enqueue(support.id)
    assert result.ending is FlowEnding.ENQUEUED


def test_a_queue_transfer_to_a_full_queue_apologises_and_hangs_up() -> None:
    full = queue("Support", at_capacity=True)

    result = run(
        "Default queue transfer", FakeInstance(contact(queue=full)), FlowPurpose.QUEUE_TRANSFER
    )

    assert heard(result) == ["Transferring now...", SORRY]
    assert result.ending is FlowEnding.DISCONNECTED


def test_a_waiting_customer_hears_thanks_and_music_until_an_agent_answers() -> None:
    result = run("Default customer queue", FakeInstance(), FlowPurpose.CUSTOMER_QUEUE)

    assert result.instructions == (
        Play(
            (
                Message(
                    text="Thank you for calling. Your call is very important to us and will be "
                    "answered in the order it was received."
                ),
                Message(text="(music)"),
                Message(text="(music)"),
                Message(text="(music)"),
            ),
            loop=True,
        ),
    )
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.FOREVER)


def test_a_customer_on_hold_hears_hold_music_until_taken_off_hold() -> None:
    result = run("Default customer hold", FakeInstance(), FlowPurpose.CUSTOMER_HOLD)

    assert result.instructions == (Play((Message(text="(hold music)"),), loop=True),)
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.FOREVER)


def test_an_agent_on_hold_hears_you_are_on_hold_repeated() -> None:
    result = run("Default agent hold", FakeInstance(), FlowPurpose.AGENT_HOLD)

    assert result.instructions == (
        Play((Message(text="You are on hold."), Message(text="(silence)")), loop=True),
    )
    assert result.run is not None


def test_the_agent_whisper_tells_the_agent_the_queue_name() -> None:
    instance = FakeInstance(contact(queue=BASIC))

    result = run("Default agent whisper", instance, FlowPurpose.AGENT_WHISPER)

    assert heard(result) == ["BasicQueue"]
    assert result.ending is FlowEnding.ENDED


def test_the_agent_whisper_says_nothing_when_there_is_no_queue() -> None:
    result = run("Default agent whisper", FakeInstance(), FlowPurpose.AGENT_WHISPER)

    assert heard(result) == []
    assert result.ending is FlowEnding.ENDED


def test_the_customer_whisper_and_outbound_flows_end_without_a_word() -> None:
    for name, purpose in (
        ("Default customer whisper", FlowPurpose.CUSTOMER_WHISPER),
        ("Default outbound", FlowPurpose.OUTBOUND_WHISPER),
    ):
        result = run(name, FakeInstance(), purpose)

        assert result.instructions == ()
        assert result.ending is FlowEnding.ENDED
