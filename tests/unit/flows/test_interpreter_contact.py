"""Contact actions: attributes, working queue, event hooks and the contact's settings."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.flows.run import (
    FlowEnding,
    Play,
    RemoveContactTags,
    SetAttributes,
    SetCallbackNumber,
    SetContactData,
    SetContactTags,
    SetEventHook,
    SetRecording,
    SetRoutingBehavior,
    SetTargetQueue,
    SetVoice,
)
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

BILLING = queue("Billing")
ANA = agent("ana")


def run_one(
    action_type: str, parameters: dict[str, Any], instance: FakeInstance | None = None
) -> tuple[list[object], str]:
    """Run one action (error branch: a 'failed' prompt); its instructions and branch taken."""
    document = flow(
        action("act", action_type, parameters, "end", errors={"NoMatchingError": "failed"}),
        say("failed", "Failed.", "end"),
        end(),
    )
    result = begin(document, instance or FakeInstance())
    changes: list[object] = [i for i in result.instructions if not isinstance(i, Play)]
    return changes, path(result)[0][1]


# -- Set contact attributes ----------------------------------------------------------------------


def test_contact_attributes_are_set_from_text_and_paths() -> None:
    instance = FakeInstance(contact(attributes={"tier": "gold"}))

    instructions, branch = run_one(
        "UpdateContactAttributes",
        {
            "Attributes": {
                "greeted": "true",
                "level": "$.Attributes.tier",
                "who": "$.Channel caller",
            },
            "TargetContact": "Current",
        },
        instance,
    )

    assert branch == "Success"
    assert instructions == [
        SetAttributes({"greeted": "true", "level": "gold", "who": "VOICE caller"})
    ]


def test_attribute_names_can_come_from_paths_too() -> None:
    instance = FakeInstance(contact(attributes={"key": "color", "value": "blue"}))

    instructions, _ = run_one(
        "UpdateContactAttributes",
        {"Attributes": {"$.Attributes.key": "$.Attributes.value"}},
        instance,
    )

    assert instructions == [SetAttributes({"color": "blue"})]


def test_an_attribute_copied_from_a_missing_value_sets_nothing_and_errors() -> None:
    instructions, branch = run_one(
        "UpdateContactAttributes", {"Attributes": {"a": "1", "name": "$.External.name"}}
    )

    assert branch == "NoMatchingError"
    assert instructions == []


# -- Contact tags ---------------------------------------------------------------------------------


def test_contact_tags_are_set_from_text_and_paths() -> None:
    instance = FakeInstance(contact(attributes={"team": "billing"}, tags={"Region": "west"}))

    instructions, branch = run_one(
        "TagContact", {"Tags": {"Department": "$.Attributes.team", "Campaign": "spring"}}, instance
    )

    assert branch == "Success"
    assert instructions == [SetContactTags({"Department": "billing", "Campaign": "spring"})]


@pytest.mark.parametrize(
    ("tags", "why"),
    [
        ({"aws:cost": "1"}, "reserved prefix 'aws:'"),
        ({"has space": "1"}, "tag key pattern"),
        ({"k": "v" * 257}, "longer than 256 characters"),
        ({f"k{n}": "v" for n in range(6)}, "at most 6 tags; this would make 7"),
    ],
)
def test_tags_a_contact_cannot_have_set_none_and_error(tags: dict[str, str], why: str) -> None:
    document = flow(
        action("tag", "TagContact", {"Tags": tags}, "end", errors={"NoMatchingError": "end"}),
        end(),
    )
    result = begin(document, FakeInstance(contact(tags={"Region": "west"})))

    assert [i for i in result.instructions if not isinstance(i, Play)] == []
    [log, _] = result.logs
    assert log.result == "NoMatchingError"
    assert log.detail is not None
    assert why in log.detail


def test_contact_tags_are_removed_by_key() -> None:
    instructions, branch = run_one("UnTagContact", {"TagKeys": ["Region", "$.Attributes.k"]},
                                   FakeInstance(contact(attributes={"k": "Campaign"})))  # fmt: skip

    assert branch == "Success"
    assert instructions == [RemoveContactTags(("Region", "Campaign"))]


def test_an_attribute_set_earlier_in_the_flow_is_seen_by_a_later_check() -> None:
    document = flow(
        action("set", "UpdateContactAttributes", {"Attributes": {"vip": "yes"}}, "check"),
        action(
            "check",
            "Compare",
            {"ComparisonValue": "$.Attributes.vip"},
            errors={"NoMatchingCondition": "regular"},
            conditions=[("Equals", "yes", "vip")],
        ),
        say("vip", "Welcome back, valued customer.", "end"),
        say("regular", "Welcome.", "end"),
        end(),
    )

    assert heard(begin(document, FakeInstance())) == ["Welcome back, valued customer."]


# -- Set working queue --------------------------------------------------------------------------


@pytest.mark.parametrize("reference", [BILLING.id, BILLING.arn, "$.Attributes.queue"])
def test_the_working_queue_is_set_by_id_arn_or_path(reference: str) -> None:
    instance = FakeInstance(contact(attributes={"queue": BILLING.arn}), queues=[BILLING])

    instructions, branch = run_one("UpdateContactTargetQueue", {"QueueId": reference}, instance)

    assert (instructions, branch) == ([SetTargetQueue(BILLING.id)], "Success")


@pytest.mark.parametrize("reference", ["ana", ANA.id, ANA.arn])
def test_the_working_queue_can_be_an_agents_own_queue(reference: str) -> None:
    instance = FakeInstance(queues=[agent_queue_of(ANA)], agents=[ANA])

    instructions, _ = run_one("UpdateContactTargetQueue", {"AgentId": reference}, instance)

    assert instructions == [SetTargetQueue("aq-ana")]


@pytest.mark.parametrize(
    "parameters", [{"QueueId": "q-nowhere"}, {"AgentId": "nobody"}, {"QueueId": "$.Attributes.x"}]
)
def test_an_unknown_working_queue_takes_the_error_branch(parameters: dict[str, str]) -> None:
    instructions, branch = run_one(
        "UpdateContactTargetQueue", parameters, FakeInstance(queues=[BILLING])
    )

    assert (instructions, branch) == ([], "NoMatchingError")


# -- Event hooks -----------------------------------------------------------------------------


def test_event_hooks_name_the_flows_for_queue_hold_and_whisper() -> None:
    hold = flow(end())
    instance = FakeInstance(flows={"f-hold": hold, "f-whisper": hold})

    instructions, _ = run_one(
        "UpdateContactEventHooks",
        {
            "EventHooks": {
                "CustomerHold": "f-hold",
                "AgentWhisper": "arn:aws:connect:us-east-1:1:instance/i-1/contact-flow/f-whisper",
            }
        },
        instance,
    )

    assert instructions == [
        SetEventHook("CustomerHold", "f-hold"),
        SetEventHook("AgentWhisper", "f-whisper"),
    ]


def test_an_event_hook_to_a_flow_that_does_not_exist_errors() -> None:
    instructions, branch = run_one(
        "UpdateContactEventHooks", {"EventHooks": {"CustomerQueue": "{{contactFlows.Queue.arn}}"}}
    )

    assert (instructions, branch) == ([], "NoMatchingError")


# -- Recording, voice, routing, contact data ----------------------------------------------------


def test_recording_behavior_names_the_recorded_participants() -> None:
    instructions, _ = run_one(
        "UpdateContactRecordingBehavior",
        {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]}},
    )

    assert instructions == [SetRecording(("Agent", "Customer"))]


def test_the_voice_changes_for_what_the_flow_says_next() -> None:
    document = flow(
        action(
            "voice",
            "UpdateContactTextToSpeechVoice",
            {"TextToSpeechVoice": "Olivia", "TextToSpeechEngine": "Neural"},
            "say",
        ),
        say("say", "I am $.TextToSpeechVoiceId.", "end"),
        end(),
    )

    result = begin(document, FakeInstance())

    assert result.instructions[0] == SetVoice("Olivia")
    assert heard(result) == ["I am Olivia."]


@pytest.mark.parametrize(
    ("parameters", "instruction"),
    [
        ({"QueuePriority": "2"}, SetRoutingBehavior(queue_priority=2)),
        (
            {"QueueTimeAdjustmentSeconds": 120},
            SetRoutingBehavior(queue_time_adjustment_seconds=120),
        ),
    ],
)
def test_routing_behavior_moves_the_contact_in_queue(
    parameters: dict[str, Any], instruction: SetRoutingBehavior
) -> None:
    assert run_one("UpdateContactRoutingBehavior", parameters)[0] == [instruction]


def test_an_invalid_queue_priority_errors() -> None:
    assert run_one("UpdateContactRoutingBehavior", {"QueuePriority": "0"})[1] == "NoMatchingError"


def test_contact_data_sets_name_description_references_and_language() -> None:
    instance = FakeInstance(contact(attributes={"order": "A-17"}))

    instructions, _ = run_one(
        "UpdateContactData",
        {
            "Name": "Order $.Attributes.order",
            "Description": "Refund",
            "LanguageCode": "en-AU",
            "References": {"ticket": {"Value": "https://t/1", "Type": "URL"}},
            "CustomerId": "c-9",
        },
        instance,
    )

    assert instructions == [
        SetContactData("Order A-17", "Refund", {"ticket": "https://t/1"}, "en-AU")
    ]


# -- Callback number ---------------------------------------------------------------------------


def test_the_callback_number_is_set_from_what_the_customer_entered() -> None:
    instance = FakeInstance(contact(attributes={"number": "+14155550123"}))

    instructions, _ = run_one(
        "UpdateContactCallbackNumber", {"CallbackNumber": "$.Attributes.number"}, instance
    )

    assert instructions == [SetCallbackNumber("+14155550123")]


@pytest.mark.parametrize("number", ["4155550123", "$.Attributes.missing", "+1-415-555"])
def test_a_callback_number_that_is_not_e164_takes_the_invalid_number_branch(number: str) -> None:
    document = flow(
        action(
            "set",
            "UpdateContactCallbackNumber",
            {"CallbackNumber": number},
            "end",
            errors={
                "InvalidCallbackNumber": "invalid",
                "CallbackNumberNotDialable": "end",
                "NoMatchingError": "end",
            },
        ),
        say("invalid", "That number is not valid.", "end"),
        end(),
    )

    result = begin(document, FakeInstance())

    assert heard(result) == ["That number is not valid."]
    assert result.ending is FlowEnding.ENDED
