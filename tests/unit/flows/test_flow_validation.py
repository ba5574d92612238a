"""What keeps a flow from being published, in words a flow author understands."""

from __future__ import annotations

import json
from typing import Any

import pytest

from opencontact.flows.validation import validate_flow

PROMPT = {
    "Identifier": "welcome",
    "Type": "MessageParticipant",
    "Parameters": {"Text": "Welcome"},
    "Transitions": {
        "NextAction": "bye",
        "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}],
        "Conditions": [],
    },
}
HANG_UP = {
    "Identifier": "bye",
    "Type": "DisconnectParticipant",
    "Parameters": {},
    "Transitions": {},
}


def flow(*actions: dict[str, Any], start: str = "welcome", version: str = "2019-10-30") -> str:
    return json.dumps({"Version": version, "StartAction": start, "Actions": list(actions)})


def action(
    identifier: str,
    action_type: str,
    parameters: dict[str, Any] | None = None,
    next_action: str | None = "bye",
    errors: list[dict[str, str]] | None = None,
    conditions: list[tuple[str, list[Any], str]] | None = None,
) -> dict[str, Any]:
    transitions: dict[str, Any] = {
        "Errors": errors or [],
        "Conditions": [
            {"NextAction": target, "Condition": {"Operator": operator, "Operands": operands}}
            for operator, operands, target in conditions or []
        ],
    }
    if next_action is not None:
        transitions["NextAction"] = next_action
    return {
        "Identifier": identifier,
        "Type": action_type,
        "Parameters": parameters or {},
        "Transitions": transitions,
    }


def test_a_flow_that_plays_a_prompt_and_hangs_up_is_publishable() -> None:
    assert validate_flow(flow(PROMPT, HANG_UP)) == []


def test_the_documented_example_with_numbers_instead_of_strings_is_publishable() -> None:
    loop = action(
        "welcome",
        "Loop",
        {"LoopCount": 3},
        conditions=[("Equals", ["ContinueLooping"], "welcome"), ("Equals", ["DoneLooping"], "bye")],
    )
    timer = action(
        "wait",
        "Wait",
        {"TimeoutSeconds": 60, "Events": ["CustomerReturned"]},
        conditions=[("Equals", ["WaitCompleted"], "bye"), ("Equals", ["CustomerReturned"], "bye")],
    )
    menu = action("menu", "GetParticipantInput", {"Text": "Press 1", "InputTimeoutSeconds": 5})

    assert validate_flow(flow(loop, timer, menu, HANG_UP)) == []


def test_content_that_is_not_json_is_not_publishable() -> None:
    assert validate_flow("Version: 2019-10-30") == [
        "The flow is not valid JSON: Expecting value at line 1, column 1."
    ]


def test_an_unknown_version_is_named() -> None:
    assert validate_flow(flow(PROMPT, HANG_UP, version="2020-01-01")) == [
        "The flow's Version is '2020-01-01', but the Flow language only has version '2019-10-30'."
    ]


def test_a_start_action_that_does_not_exist_is_named() -> None:
    assert validate_flow(flow(PROMPT, HANG_UP, start="hello")) == [
        "StartAction 'hello' does not exist in this flow."
    ]


def test_a_flow_without_actions_is_not_publishable() -> None:
    assert validate_flow(flow()) == [
        "The flow has no actions; it needs at least the action named by StartAction."
    ]


def test_a_next_action_that_does_not_exist_is_named_with_its_action() -> None:
    broken = {**PROMPT, "Transitions": {"NextAction": "xyz"}}

    assert validate_flow(flow(broken, HANG_UP)) == [
        "Action 'welcome' (MessageParticipant): NextAction 'xyz' does not exist in this flow."
    ]


def test_error_and_condition_targets_that_do_not_exist_are_named() -> None:
    compare = action(
        "welcome",
        "Compare",
        {"ComparisonValue": "$.Channel"},
        errors=[{"ErrorType": "NoMatchingCondition", "NextAction": "gone"}],
        conditions=[("Equals", ["CHAT"], "missing")],
    )

    assert validate_flow(flow(compare, HANG_UP)) == [
        "Action 'welcome' (Compare): the NoMatchingCondition error goes to 'gone', which does not "
        "exist in this flow.",
        "Action 'welcome' (Compare): the condition Equals 'CHAT' goes to 'missing', which does "
        "not exist in this flow.",
    ]


def test_an_unknown_action_type_is_named() -> None:
    assert validate_flow(flow(action("welcome", "PlayPrompt"), HANG_UP)) == [
        "Action 'welcome' (PlayPrompt): 'PlayPrompt' is not an action type of the Flow language."
    ]


def test_an_action_that_does_not_end_the_flow_needs_a_next_action() -> None:
    assert validate_flow(
        flow(action("welcome", "MessageParticipant", {"Text": "Hi"}, next_action=None), HANG_UP)
    ) == [
        "Action 'welcome' (MessageParticipant): there is no NextAction; every MessageParticipant "
        "must say which action runs next."
    ]


def test_an_error_type_the_action_cannot_raise_is_named() -> None:
    prompt = action(
        "welcome",
        "MessageParticipant",
        {"Text": "Hi"},
        errors=[{"ErrorType": "QueueAtCapacity", "NextAction": "bye"}],
    )

    assert validate_flow(flow(prompt, HANG_UP)) == [
        "Action 'welcome' (MessageParticipant): MessageParticipant has no 'QueueAtCapacity' error; "
        "its errors are NoMatchingCondition and NoMatchingError."
    ]


def test_an_error_type_listed_twice_is_named() -> None:
    twice = [{"ErrorType": "NoMatchingError", "NextAction": "bye"}] * 2
    prompt = action("welcome", "MessageParticipant", {"Text": "Hi"}, errors=twice)

    assert validate_flow(flow(prompt, HANG_UP)) == [
        "Action 'welcome' (MessageParticipant): the NoMatchingError error is listed more than once."
    ]


def test_conditions_on_an_action_without_a_result_are_named() -> None:
    prompt = action(
        "welcome", "MessageParticipant", {"Text": "Hi"}, conditions=[("Equals", ["1"], "bye")]
    )

    assert validate_flow(flow(prompt, HANG_UP)) == [
        "Action 'welcome' (MessageParticipant): MessageParticipant does not support Conditions, "
        "but 1 are given."
    ]


def test_an_unknown_condition_operator_is_named() -> None:
    compare = action(
        "welcome", "Compare", {"ComparisonValue": "$.Channel"}, conditions=[("Is", ["CHAT"], "bye")]
    )

    [problem] = validate_flow(flow(compare, HANG_UP))
    assert problem.startswith(
        "Action 'welcome' (Compare): the condition Is 'CHAT' uses an unknown Operator"
    )


def test_a_loop_must_say_where_both_outcomes_go() -> None:
    loop = action(
        "welcome", "Loop", {"LoopCount": "2"}, conditions=[("Equals", ["DoneLooping"], "bye")]
    )

    assert validate_flow(flow(loop, HANG_UP)) == [
        "Action 'welcome' (Loop): Loop needs a condition for each of ContinueLooping and "
        "DoneLooping; "
        "ContinueLooping has none."
    ]


def test_a_condition_on_an_outcome_the_action_never_returns_is_named() -> None:
    hours = action(
        "welcome",
        "CheckHoursOfOperation",
        conditions=[
            ("Equals", ["True"], "bye"),
            ("Equals", ["False"], "bye"),
            ("Equals", ["Maybe"], "bye"),
        ],
    )

    assert validate_flow(flow(hours, HANG_UP)) == [
        "Action 'welcome' (CheckHoursOfOperation): the condition Equals 'Maybe' compares with "
        "Maybe, "
        "which CheckHoursOfOperation never returns; it returns False and True."
    ]


def test_a_missing_required_parameter_is_named() -> None:
    assert validate_flow(flow(action("welcome", "TransferToFlow"), HANG_UP)) == [
        "Action 'welcome' (TransferToFlow): the required parameter ContactFlowId is missing."
    ]


def test_a_prompt_needs_something_to_say() -> None:
    assert validate_flow(flow(action("welcome", "MessageParticipant"), HANG_UP)) == [
        "Action 'welcome' (MessageParticipant): one of the parameters Text, SSML, PromptId or "
        "Media is required."
    ]


def test_a_working_queue_is_a_queue_or_an_agent_but_not_both() -> None:
    both = action("welcome", "UpdateContactTargetQueue", {"QueueId": "q", "AgentId": "a"})

    assert validate_flow(flow(both, HANG_UP)) == [
        "Action 'welcome' (UpdateContactTargetQueue): only one of QueueId or AgentId may be given, "
        "but it has QueueId and AgentId."
    ]


@pytest.mark.parametrize(
    ("action_type", "parameters", "problem"),
    [
        (
            "Loop",
            {"LoopCount": "150"},
            "LoopCount must be a whole number from 0 to 100, not '150'.",
        ),
        (
            "Loop",
            {"LoopCount": "two"},
            "LoopCount must be a whole number from 0 to 100, not 'two'.",
        ),
        (
            "GetParticipantInput",
            {"Text": "Press 1", "InputTimeLimitSeconds": "0"},
            "InputTimeLimitSeconds must be a whole number of at least 1, not '0'.",
        ),
        (
            "GetParticipantInput",
            {"Text": "Press 1", "StoreInput": "maybe"},
            "StoreInput must be true or false, not 'maybe'.",
        ),
        (
            "UpdateFlowLoggingBehavior",
            {"FlowLoggingBehavior": "On"},
            "FlowLoggingBehavior must be Enabled or Disabled, not 'On'.",
        ),
        ("UpdateContactAttributes", {"Attributes": "x=1"}, "Attributes must be an object."),
        (
            "InvokeLambdaFunction",
            {"LambdaFunctionARN": "arn", "InvocationTimeLimitSeconds": 61},
            "InvocationTimeLimitSeconds must be a whole number from 1 to 60, not 61.",
        ),
    ],
)
def test_a_malformed_parameter_is_named_with_what_it_must_be(
    action_type: str, parameters: dict[str, Any], problem: str
) -> None:
    conditions = None
    if action_type == "Loop":
        conditions = [
            ("Equals", ["ContinueLooping"], "welcome"),
            ("Equals", ["DoneLooping"], "bye"),
        ]
    checked = action("welcome", action_type, parameters, conditions=conditions)

    assert validate_flow(flow(checked, HANG_UP)) == [f"Action 'welcome' ({action_type}): {problem}"]


def test_a_parameter_given_as_jsonpath_is_checked_when_the_flow_runs() -> None:
    loop = action(
        "welcome",
        "Loop",
        {"LoopCount": "$.Attributes.surveySize"},
        conditions=[("Equals", ["ContinueLooping"], "welcome"), ("Equals", ["DoneLooping"], "bye")],
    )

    assert validate_flow(flow(loop, HANG_UP)) == []


def test_unknown_parameters_are_allowed() -> None:
    prompt = action(
        "welcome", "MessageParticipant", {"Text": "Hi", "LanguageCode": "en-US", "Future": {"x": 1}}
    )

    assert validate_flow(flow(prompt, HANG_UP)) == []


def test_identifier_rules_are_explained() -> None:
    too_long = "x" * 51
    bad = action("a:b", "DisconnectParticipant", next_action=None)
    long = action(too_long, "DisconnectParticipant", next_action=None)

    assert validate_flow(flow(PROMPT, HANG_UP, bad, long)) == [
        "Action 'a:b' (DisconnectParticipant): the Identifier contains characters an Identifier "
        "may not use: :.",
        f"Action '{too_long}' (DisconnectParticipant): the Identifier is 51 characters long; at "
        "most 50 are allowed.",
    ]


def test_problems_come_in_document_order_and_do_not_change_between_runs() -> None:
    content = flow(
        action("welcome", "Nope"),
        action("second", "MessageParticipant", next_action="void"),
        HANG_UP,
    )

    first = validate_flow(content)

    assert first == validate_flow(content)
    assert [problem.split(":")[0] for problem in first] == [
        "Action 'welcome' (Nope)",
        "Action 'second' (MessageParticipant)",
        "Action 'second' (MessageParticipant)",
    ]


def test_shape_problems_are_reported_as_the_parser_finds_them() -> None:
    assert validate_flow(json.dumps({"Version": "2019-10-30", "StartAction": "a"})) == [
        "The flow has no Actions list."
    ]
