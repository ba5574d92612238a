"""Participant actions: what callers hear and press, hanging up, transfers to phone numbers."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.flows.document import FlowDocument
from opencontact.flows.interpreter import advance
from opencontact.flows.run import (
    Advance,
    Awaiting,
    AwaitKind,
    DigitsEntered,
    Disconnect,
    FlowEnding,
    Message,
    Play,
    Signal,
    StopPlaying,
    ThirdPartyConnected,
    ThirdPartyDisconnected,
    ThirdPartyFailed,
    TimedOut,
    TimerElapsed,
    TransferToThirdParty,
)
from tests.support.flows import (
    FakeInstance,
    action,
    begin,
    contact,
    end,
    flow,
    heard,
    path,
    say,
)


def resume(
    document: FlowDocument, waiting: Advance, instance: FakeInstance, signal: Signal
) -> Advance:
    assert waiting.run is not None
    instance.apply(waiting.instructions)
    return advance(document, waiting.run, instance, signal)


# -- Play prompt -------------------------------------------------------------------------------


def test_a_caller_hears_a_greeting_with_their_name_in_it() -> None:
    instance = FakeInstance(contact(attributes={"firstName": "Jane"}))
    document = flow(say("greet", "Hello $.Attributes.firstName, thanks for calling.", "end"), end())

    assert heard(begin(document, instance)) == ["Hello Jane, thanks for calling."]


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"SSML": "<speak>Hi</speak>"}, Message(ssml="<speak>Hi</speak>")),
        ({"PromptId": "$.Attributes.prompt"}, Message(prompt_id="p-hold-music")),
        (
            {"PromptId": "arn:aws:connect:prompt/p-1"},
            Message(prompt_id="arn:aws:connect:prompt/p-1"),
        ),
        (
            {"Media": {"Uri": "s3://bucket/hello.wav", "SourceType": "S3", "MediaType": "Audio"}},
            Message(media_uri="s3://bucket/hello.wav"),
        ),
    ],
)
def test_a_prompt_can_be_ssml_a_stored_prompt_or_media(
    parameters: dict[str, Any], message: Message
) -> None:
    instance = FakeInstance(contact(attributes={"prompt": "p-hold-music"}))
    document = flow(action("play", "MessageParticipant", parameters, "end"), end())

    assert begin(document, instance).instructions == (Play((message,)),)


def test_a_prompt_from_an_attribute_that_is_not_set_takes_the_error_branch() -> None:
    document = flow(
        action(
            "play",
            "MessageParticipant",
            {"Text": "$.External.greeting"},
            "end",
            errors={"NoMatchingError": "fallback"},
        ),
        say("fallback", "Welcome.", "end"),
        end(),
    )

    result = begin(document, FakeInstance())

    assert heard(result) == ["Welcome."]
    assert path(result)[0] == ("play", "NoMatchingError")


# -- Menus ---------------------------------------------------------------------------------------

MENU = flow(
    action(
        "menu",
        "GetParticipantInput",
        {
            "Text": "For sales press 1, for billing press 2.",
            "StoreInput": "False",
            "InputTimeLimitSeconds": "8",
        },
        "no choice",
        errors={
            "InputTimeLimitExceeded": "no input",
            "NoMatchingCondition": "no choice",
            "NoMatchingError": "no choice",
        },
        conditions=[("Equals", "1", "sales"), ("Equals", "2", "billing")],
    ),
    say("sales", "Sales.", "end"),
    say("billing", "Billing.", "end"),
    say("no choice", "That is not an option.", "end"),
    say("no input", "We did not hear you.", "end"),
    end(),
)


def test_a_menu_plays_its_prompt_then_waits_for_one_key() -> None:
    result = begin(MENU, FakeInstance())

    assert heard(result) == ["For sales press 1, for billing press 2."]
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.INPUT, 8.0, max_digits=1)


@pytest.mark.parametrize(
    ("signal", "reply"),
    [
        (DigitsEntered("2"), "Billing."),
        (DigitsEntered("1"), "Sales."),
        (DigitsEntered("9"), "That is not an option."),
        (TimedOut(), "We did not hear you."),
    ],
)
def test_a_caller_is_routed_by_the_key_they_press(signal: Signal, reply: str) -> None:
    instance = FakeInstance()

    result = resume(MENU, begin(MENU, instance), instance, signal)

    assert heard(result) == [reply]


def test_the_documented_input_timeout_spelling_is_accepted_too() -> None:
    document = flow(
        action("menu", "GetParticipantInput", {"Text": "Press 1.", "InputTimeoutSeconds": 3}),
    )

    result = begin(document, FakeInstance())

    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.INPUT, 3.0, max_digits=1)


# -- Stored input ---------------------------------------------------------------------------------


def stored_input(validation: dict[str, Any], **extra: Any) -> FlowDocument:
    return flow(
        action(
            "ask",
            "GetParticipantInput",
            {
                "Text": "Enter your number.",
                "StoreInput": "True",
                "InputTimeLimitSeconds": "10",
                "InputValidation": validation,
                **extra,
            },
            "confirm",
            errors={"InvalidPhoneNumber": "invalid", "NoMatchingError": "sorry"},
        ),
        say("confirm", "You entered $.StoredCustomerInput.", "end"),
        say("invalid", "That is not a phone number.", "end"),
        say("sorry", "Sorry.", "end"),
        end(),
    )


def test_a_callers_account_number_is_stored_and_read_back() -> None:
    document = stored_input(
        {"CustomValidation": {"MaximumLength": "6"}},
        DTMFConfiguration={"InputTerminationSequence": "*"},
    )
    instance = FakeInstance()
    waiting = begin(document, instance)

    result = resume(document, waiting, instance, DigitsEntered("123456*"))

    assert waiting.run is not None
    assert waiting.run.awaiting == Awaiting(AwaitKind.INPUT, 10.0, 6, "*")
    assert heard(result) == ["You entered 123456."]


def test_stored_input_ends_with_the_pound_key_by_default() -> None:
    waiting = begin(stored_input({"CustomValidation": {"MaximumLength": "4"}}), FakeInstance())

    assert waiting.run is not None
    assert waiting.run.awaiting == Awaiting(AwaitKind.INPUT, 10.0, 4, "#")


def test_a_phone_number_in_e164_is_stored_with_its_plus() -> None:
    document = stored_input({"PhoneNumberValidation": {"NumberFormat": "E164"}})
    instance = FakeInstance()

    result = resume(document, begin(document, instance), instance, DigitsEntered("14155550123#"))

    assert heard(result) == ["You entered +14155550123."]


def test_a_local_phone_number_is_stored_in_e164_for_its_country() -> None:
    document = stored_input(
        {"PhoneNumberValidation": {"NumberFormat": "Local", "CountryCode": "US"}}
    )
    instance = FakeInstance()

    result = resume(document, begin(document, instance), instance, DigitsEntered("4155550123#"))

    assert heard(result) == ["You entered +14155550123."]


def test_digits_that_are_not_a_phone_number_take_the_invalid_number_branch() -> None:
    document = stored_input(
        {"PhoneNumberValidation": {"NumberFormat": "Local", "CountryCode": "US"}}
    )
    instance = FakeInstance()

    result = resume(document, begin(document, instance), instance, DigitsEntered("12#"))

    assert heard(result) == ["That is not a phone number."]
    assert path(result)[0] == ("ask", "InvalidPhoneNumber")


def test_stored_input_that_never_comes_takes_the_error_branch() -> None:
    document = stored_input({"CustomValidation": {"MaximumLength": "4"}})
    instance = FakeInstance()

    result = resume(document, begin(document, instance), instance, TimedOut())

    assert heard(result) == ["Sorry."]


# -- Loop prompts --------------------------------------------------------------------------------


def queue_messages(**extra: Any) -> FlowDocument:
    return flow(
        action(
            "loop",
            "MessageParticipantIteratively",
            {"Messages": [{"Text": "Your call is important."}, {"PromptId": "p-music"}], **extra},
            "end",
            errors={"NoMatchingError": "end"},
            conditions=[("Equals", "MessagesInterrupted", "offer")],
        ),
        say("offer", "Press 1 for a callback.", "end"),
        end(),
    )


def test_a_waiting_customer_hears_the_queue_messages_over_and_over() -> None:
    result = begin(queue_messages(), FakeInstance())

    assert result.instructions == (
        Play((Message(text="Your call is important."), Message(prompt_id="p-music")), loop=True),
    )
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.FOREVER)


def test_queue_messages_are_interrupted_to_offer_something_else() -> None:
    document = queue_messages(InterruptFrequencySeconds="30")
    instance = FakeInstance()
    waiting = begin(document, instance)

    result = resume(document, waiting, instance, TimerElapsed())

    assert waiting.run is not None
    assert waiting.run.awaiting == Awaiting(AwaitKind.TIMER, 30.0)
    assert result.instructions[0] == StopPlaying()
    assert heard(result) == ["Press 1 for a callback."]


def test_queue_messages_can_keep_playing_during_the_interruption() -> None:
    document = queue_messages(
        InterruptFrequencySeconds="30", ContinueMessagingDuringInterrupt="true"
    )
    instance = FakeInstance()

    result = resume(document, begin(document, instance), instance, TimerElapsed())

    assert StopPlaying() not in result.instructions


def test_a_chat_customer_skips_looping_prompts_through_the_error_branch() -> None:
    result = begin(queue_messages(), FakeInstance(contact(channel="CHAT")))

    assert result.ending is FlowEnding.ENDED
    assert path(result)[0] == ("loop", "NoMatchingError")


# -- Disconnect --------------------------------------------------------------------------------


def test_disconnect_hangs_up_and_ends_the_flow() -> None:
    result = begin(
        flow(say("bye", "Goodbye.", "hang up"), action("hang up", "DisconnectParticipant")),
        FakeInstance(),
    )

    assert result.instructions[-1] == Disconnect()
    assert result.ending is FlowEnding.DISCONNECTED
    assert result.run is None


# -- Transfer to phone number ------------------------------------------------------------------


def transfer(continue_flow: str, number: str = "$.Attributes.deskPhone") -> FlowDocument:
    return flow(
        action(
            "dial",
            "TransferParticipantToThirdParty",
            {
                "ThirdPartyPhoneNumber": number,
                "ThirdPartyConnectionTimeLimitSeconds": "20",
                "ContinueFlowExecution": continue_flow,
                "ThirdPartyDTMFDigits": "1,2",
                "CallerId": {"Number": "$.SystemEndpoint.Address"},
            },
            "back",
            errors={
                "CallFailed": "failed",
                "ConnectionTimeLimitExceeded": "no answer",
                "NoMatchingError": "failed",
            },
        ),
        say("back", "Welcome back.", "end"),
        say("failed", "The call failed.", "end"),
        say("no answer", "Nobody answered.", "end"),
        end(),
    )


DESK = FakeInstance(contact(attributes={"deskPhone": "+14155550177"}))


def test_a_transfer_to_a_phone_number_dials_and_waits_for_the_third_party() -> None:
    result = begin(transfer("True"), FakeInstance(DESK.contact_data))

    assert result.instructions == (
        TransferToThirdParty("+14155550177", 20.0, True, "1,2", "+18005550199"),
    )
    assert result.run is not None
    assert result.run.awaiting == Awaiting(AwaitKind.THIRD_PARTY, 20.0)


def test_a_caller_comes_back_to_the_flow_when_the_third_party_hangs_up() -> None:
    document = transfer("True")
    instance = FakeInstance(DESK.contact_data)
    connected = resume(document, begin(document, instance), instance, ThirdPartyConnected())

    result = resume(document, connected, instance, ThirdPartyDisconnected())

    assert connected.run is not None
    assert connected.run.awaiting == Awaiting(AwaitKind.THIRD_PARTY)
    assert heard(result) == ["Welcome back."]


@pytest.mark.parametrize(
    ("signal", "reply"),
    [(ThirdPartyFailed("busy"), "The call failed."), (TimedOut(), "Nobody answered.")],
)
def test_a_transfer_that_fails_takes_its_failure_branch(signal: Signal, reply: str) -> None:
    document = transfer("True")
    instance = FakeInstance(DESK.contact_data)

    assert heard(resume(document, begin(document, instance), instance, signal)) == [reply]


def test_a_transfer_that_does_not_resume_the_flow_ends_it_once_answered() -> None:
    document = transfer("False")
    instance = FakeInstance(DESK.contact_data)

    result = resume(document, begin(document, instance), instance, ThirdPartyConnected())

    assert result.ending is FlowEnding.TRANSFERRED
    assert result.run is None


def test_a_transfer_to_something_that_is_not_a_phone_number_fails() -> None:
    result = begin(transfer("True", number="extension 12"), FakeInstance())

    assert heard(result) == ["The call failed."]
