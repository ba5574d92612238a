"""How the interpreter runs a flow: one action after another, waiting for the engine, logging,
and ending broken flows with a reason instead of an exception."""

from __future__ import annotations

from dataclasses import replace

from opencontact.flows.interpreter import MAX_ACTIONS_PER_ADVANCE, advance
from opencontact.flows.run import (
    AwaitKind,
    DigitsEntered,
    FlowEnding,
    LambdaReturned,
    QueueData,
    SetAttributes,
    SetFlowLogging,
    TimerElapsed,
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
    say,
)

MENU = flow(
    action(
        "menu",
        "GetParticipantInput",
        {"Text": "Press 1 for sales.", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
        next_action="bye",
        errors={"NoMatchingCondition": "bye", "NoMatchingError": "bye"},
        conditions=[("Equals", "1", "sales")],
    ),
    say("sales", "Connecting you to sales.", "end"),
    say("bye", "Goodbye.", "end"),
    end(),
)


def test_a_flow_runs_action_after_action_until_it_ends() -> None:
    document = flow(say("hello", "Hello.", "thanks"), say("thanks", "Thank you."))

    result = begin(document, FakeInstance())

    assert heard(result) == ["Hello.", "Thank you."]
    assert result.run is None
    assert result.ending is FlowEnding.ENDED
    assert path(result) == [("hello", "Success"), ("thanks", "Success")]


def test_each_log_entry_says_when_where_and_with_what_parameters() -> None:
    result = begin(flow(say("hello", "Hello.", "end"), end()), FakeInstance())

    first = result.logs[0]
    assert (first.at, first.flow_id, first.action_type) == (NOW, "main", "MessageParticipant")
    assert first.parameters == {"Text": "Hello."}


def test_a_run_that_must_wait_is_returned_waiting_at_that_action() -> None:
    result = begin(MENU, FakeInstance())

    assert result.run is not None
    assert result.run.action_id == "menu"
    assert result.run.awaiting is not None
    assert result.run.awaiting.kind is AwaitKind.INPUT
    assert result.run.started_at == NOW
    assert result.ending is None
    assert heard(result) == ["Press 1 for sales."]


def test_the_signal_the_run_waits_for_resumes_it() -> None:
    instance = FakeInstance()
    waiting = begin(MENU, instance)
    assert waiting.run is not None

    result = advance(MENU, waiting.run, instance, DigitsEntered("1"))

    assert heard(result) == ["Connecting you to sales."]
    assert result.ending is FlowEnding.ENDED
    assert path(result)[0] == ("menu", "Condition: Equals 1")


def test_a_signal_the_run_does_not_wait_for_is_ignored() -> None:
    instance = FakeInstance()
    waiting = begin(MENU, instance)
    assert waiting.run is not None

    for signal in (TimerElapsed(), LambdaReturned({"a": "b"})):
        result = advance(MENU, waiting.run, instance, signal)
        assert result.run == waiting.run
        assert result.instructions == ()
        assert result.logs == ()


def test_a_waiting_run_advanced_without_a_signal_stays_as_it_is() -> None:
    instance = FakeInstance()
    waiting = begin(MENU, instance)
    assert waiting.run is not None

    assert advance(MENU, waiting.run, instance).run == waiting.run


def test_a_signal_to_a_run_that_waits_for_nothing_is_ignored() -> None:
    instance = FakeInstance()
    waiting = begin(MENU, instance)
    assert waiting.run is not None
    idle = replace(waiting.run, awaiting=None)

    result = advance(MENU, idle, instance, DigitsEntered("1"))

    assert result.run == idle
    assert result.instructions == ()


def test_a_flow_that_loops_without_waiting_is_stopped_with_a_reason() -> None:
    document = flow(
        action(
            "check",
            "Compare",
            {"ComparisonValue": "$.Channel"},
            errors={"NoMatchingCondition": "check"},
            conditions=[("Equals", "VOICE", "check")],
        )
    )

    result = begin(document, FakeInstance())

    assert result.ending is FlowEnding.ERROR
    assert len(result.logs) == MAX_ACTIONS_PER_ADVANCE + 1
    assert "loops without end" in (result.logs[-1].detail or "")


def test_an_unsupported_action_takes_its_error_branch_with_a_logged_reason() -> None:
    document = flow(
        action(
            "show",
            "ShowView",
            {"ViewResource": {"Id": "cards"}},
            next_action="end",
            errors={"NoMatchingError": "sorry"},
        ),
        say("sorry", "Sorry."),
        end(),
    )

    result = begin(document, FakeInstance())

    assert heard(result) == ["Sorry."]
    assert path(result)[0] == ("show", "NoMatchingError")
    assert "not supported by OpenContact yet" in (result.logs[0].detail or "")


def test_an_unknown_action_without_error_branch_ends_the_flow_in_error() -> None:
    result = begin(flow(action("odd", "PlayBingo", next_action="end"), end()), FakeInstance())

    assert result.ending is FlowEnding.ERROR
    assert result.run is None
    assert "not a Flow-language action" in (result.logs[0].detail or "")


def test_an_action_leading_nowhere_ends_the_flow_in_error() -> None:
    result = begin(flow(say("hello", "Hello.", "vanished")), FakeInstance())

    assert result.ending is FlowEnding.ERROR
    assert "vanished" in (result.logs[-1].detail or "")


def test_a_flow_whose_last_action_has_no_next_action_simply_ends() -> None:
    result = begin(flow(say("hello", "Hello.")), FakeInstance())

    assert result.ending is FlowEnding.ENDED


class BrokenInstance(FakeInstance):
    def queue(self, reference: str) -> QueueData | None:
        raise RuntimeError("database unavailable")


def test_a_failure_inside_an_action_takes_its_error_branch_instead_of_raising() -> None:
    document = flow(
        action(
            "set queue",
            "UpdateContactTargetQueue",
            {"QueueId": "q-1"},
            next_action="end",
            errors={"NoMatchingError": "sorry"},
        ),
        say("sorry", "Sorry."),
        end(),
    )

    result = begin(document, BrokenInstance())

    assert heard(result) == ["Sorry."]
    assert "database unavailable" in (result.logs[0].detail or "")


def test_with_logging_disabled_nothing_is_logged_but_why_the_flow_failed() -> None:
    document = flow(
        action(
            "quiet",
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "Disabled"},
            next_action="secret",
        ),
        action("secret", "UpdateContactAttributes", {"Attributes": {"pin": "1234"}}, "odd"),
        action("odd", "PlayBingo", next_action="end"),
        end(),
    )

    result = begin(document, FakeInstance())

    assert [entry.action_id for entry in result.logs] == ["quiet", "odd"]
    assert result.logs[-1].parameters == {}
    assert SetAttributes({"pin": "1234"}) in result.instructions


def test_logging_enabled_again_logs_again() -> None:
    document = flow(
        action("off", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Disabled"}, "hush"),
        say("hush", "Hush.", "on"),
        action("on", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}, "loud"),
        say("loud", "Loud.", "end"),
        end(),
    )

    result = begin(document, FakeInstance())

    assert [entry.action_id for entry in result.logs] == ["off", "on", "loud", "end"]


def test_a_contact_starts_with_logging_off_until_a_flow_turns_it_on() -> None:
    document = flow(
        say("hello", "Hello.", "odd"),
        action("odd", "PlayBingo", next_action="end"),
        end(),
    )

    result = begin(document, FakeInstance(contact(flow_logging=False)))

    assert heard(result) == ["Hello."]
    assert [entry.action_id for entry in result.logs] == ["odd"]  # why the flow failed


def test_turning_logging_on_is_kept_on_the_contact_for_its_next_flows() -> None:
    document = flow(
        action("on", "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}, "hello"),
        say("hello", "Hello.", "end"),
        end(),
    )

    result = begin(document, FakeInstance(contact(flow_logging=False)))

    assert result.instructions[0] == SetFlowLogging(enabled=True)
    assert [entry.action_id for entry in result.logs] == ["on", "hello", "end"]
