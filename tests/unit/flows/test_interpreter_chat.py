"""Flows on chats: GetParticipantInput takes the customer's next message, and Wait ends when
the customer writes if it waits for CustomerReturned."""

from __future__ import annotations

from opencontact.flows.interpreter import advance
from opencontact.flows.run import AwaitKind, MessageReceived, TimedOut, TimerElapsed
from tests.support.flows import FakeInstance, action, begin, contact, end, flow, heard, path, say

MENU = flow(
    action(
        "ask",
        "GetParticipantInput",
        {"Text": "Type sales or support.", "StoreInput": "False", "InputTimeLimitSeconds": "120"},
        "other",
        errors={"InputTimeLimitExceeded": "late", "NoMatchingCondition": "other"},
        conditions=[("Equals", "sales", "sales"), ("Equals", "support", "support")],
    ),
    say("sales", "Sales it is.", "end"),
    say("support", "Support it is.", "end"),
    say("other", "Sorry?", "end"),
    say("late", "Too late.", "end"),
    end(),
)

STORE = flow(
    action(
        "ask",
        "GetParticipantInput",
        {
            "Text": "Your number?",
            "StoreInput": "True",
            "InputTimeLimitSeconds": "30",
            "InputValidation": {"PhoneNumberValidation": {"NumberFormat": "E164"}},
        },
        "end",
        errors={"InvalidPhoneNumber": "bad"},
    ),
    say("bad", "That is not a number.", "end"),
    end(),
)


def chat() -> FakeInstance:
    return FakeInstance(contact(channel="CHAT", customer_endpoint=None, system_endpoint=None))


def test_a_chat_menu_waits_for_the_customers_message_and_matches_it() -> None:
    instance = chat()
    waiting = begin(MENU, instance)
    assert heard(waiting) == ["Type sales or support."]
    assert waiting.run is not None
    assert waiting.run.awaiting is not None
    assert waiting.run.awaiting.kind is AwaitKind.INPUT
    assert waiting.run.awaiting.seconds == 120
    assert waiting.run.awaiting.max_digits is None  # a message, not one digit
    chose = advance(MENU, waiting.run, instance, MessageReceived("  support \n"))
    assert heard(chose) == ["Support it is."]
    other = advance(MENU, waiting.run, instance, MessageReceived("Sales please"))
    assert heard(other) == ["Sorry?"]
    assert ("ask", "NoMatchingCondition") in path(other)
    late = advance(MENU, waiting.run, instance, TimedOut())
    assert heard(late) == ["Too late."]


def test_a_chat_reply_is_stored_and_validated() -> None:
    instance = chat()
    waiting = begin(STORE, instance)
    assert waiting.run is not None
    stored = advance(STORE, waiting.run, instance, MessageReceived("+12065550100"))
    assert stored.run is None
    assert ("ask", "Success") in path(stored)
    bad = advance(STORE, waiting.run, instance, MessageReceived("call me maybe"))
    assert heard(bad) == ["That is not a number."]


WAIT = flow(
    action(
        "wait",
        "Wait",
        {"TimeoutSeconds": "600", "Events": ["CustomerReturned"]},
        "gone",
        conditions=[("Equals", "CustomerReturned", "back"), ("Equals", "WaitCompleted", "gone")],
    ),
    say("back", "Welcome back.", "end"),
    say("gone", "Closing the chat.", "end"),
    end(),
)

PLAIN_WAIT = flow(
    action(
        "wait",
        "Wait",
        {"TimeoutSeconds": "600"},
        "gone",
        conditions=[("Equals", "WaitCompleted", "gone")],
    ),
    say("gone", "Closing the chat.", "end"),
    end(),
)


def test_a_wait_for_the_customer_ends_when_they_write() -> None:
    instance = chat()
    waiting = begin(WAIT, instance)
    assert waiting.run is not None
    assert waiting.run.awaiting is not None
    assert waiting.run.awaiting.kind is AwaitKind.TIMER
    back = advance(WAIT, waiting.run, instance, MessageReceived("hello?"))
    assert heard(back) == ["Welcome back."]
    gone = advance(WAIT, waiting.run, instance, TimerElapsed())
    assert heard(gone) == ["Closing the chat."]


def test_a_wait_without_customer_returned_ignores_messages() -> None:
    instance = chat()
    waiting = begin(PLAIN_WAIT, instance)
    assert waiting.run is not None
    ignored = advance(PLAIN_WAIT, waiting.run, instance, MessageReceived("hello?"))
    assert ignored.run is waiting.run
    assert ignored.instructions == ()
