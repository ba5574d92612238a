"""Reading Flow-language JSON into the typed model."""

from __future__ import annotations

import json
from typing import Any

import pytest

from opencontact.flows.document import (
    FlowSyntaxError,
    Transitions,
    is_dynamic,
    parse_flow,
    read_bool,
    read_float,
    read_int,
)


def flow(actions: list[dict[str, Any]], start: str = "a") -> str:
    return json.dumps({"Version": "2019-10-30", "StartAction": start, "Actions": actions})


def syntax_problems(content: str) -> list[str]:
    with pytest.raises(FlowSyntaxError) as raised:
        parse_flow(content)
    return raised.value.problems


LOOP_AS_EXPORTED = {
    "Identifier": "a",
    "Type": "Loop",
    "Parameters": {"LoopCount": "2"},
    "Transitions": {
        "NextAction": "b",
        "Errors": [],
        "Conditions": [
            {"NextAction": "b", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}},
            {
                "NextAction": "a",
                "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]},
            },
        ],
    },
}
DISCONNECT = {
    "Identifier": "b",
    "Type": "DisconnectParticipant",
    "Parameters": {},
    "Transitions": {},
}


def test_a_console_export_reads_into_actions_in_document_order() -> None:
    document = parse_flow(flow([LOOP_AS_EXPORTED, DISCONNECT]))

    assert document.version == "2019-10-30"
    assert document.start_action == "a"
    assert list(document.actions) == ["a", "b"]
    loop = document.action("a")
    assert loop.type == "Loop"
    assert loop.transitions.next_action == "b"
    assert [c.operands for c in loop.transitions.conditions] == [
        ("DoneLooping",),
        ("ContinueLooping",),
    ]
    assert document.action("b").transitions == Transitions()


def test_parameters_read_the_same_whether_written_as_strings_or_numbers() -> None:
    as_string = parse_flow(flow([LOOP_AS_EXPORTED, DISCONNECT])).action("a")
    documented = {**LOOP_AS_EXPORTED, "Parameters": {"LoopCount": 2}}
    as_number = parse_flow(flow([documented, DISCONNECT])).action("a")

    assert as_string.int_parameter("LoopCount") == as_number.int_parameter("LoopCount") == 2


def test_numeric_condition_operands_become_text() -> None:
    action = {
        "Identifier": "a",
        "Type": "Compare",
        "Parameters": {"ComparisonValue": "$.Attributes.count"},
        "Transitions": {
            "NextAction": "a",
            "Conditions": [
                {"NextAction": "a", "Condition": {"Operator": "NumberGreaterThan", "Operands": [0]}}
            ],
        },
    }

    condition = parse_flow(flow([action])).action("a").transitions.conditions[0]

    assert condition.operands == ("0",)


def test_missing_parameters_and_transitions_mean_none() -> None:
    document = parse_flow(flow([{"Identifier": "a", "Type": "EndFlowExecution"}]))

    action = document.action("a")
    assert dict(action.parameters) == {}
    assert action.transitions.targets() == ()


def test_an_error_without_its_own_branch_goes_to_no_matching_error() -> None:
    action = {
        "Identifier": "a",
        "Type": "TransferContactToQueue",
        "Transitions": {
            "NextAction": "b",
            "Errors": [
                {"ErrorType": "QueueAtCapacity", "NextAction": "full"},
                {"ErrorType": "NoMatchingError", "NextAction": "b"},
            ],
        },
    }

    transitions = parse_flow(flow([action, DISCONNECT])).action("a").transitions

    assert transitions.error_target("QueueAtCapacity") == "full"
    assert transitions.error_target("SomethingElse") == "b"


def test_content_that_is_not_json_is_a_syntax_error_saying_where() -> None:
    problems = syntax_problems('{"Version": "2019-10-30",')

    assert len(problems) == 1
    assert problems[0].startswith("The flow is not valid JSON")
    assert "line 1" in problems[0]


def test_json_that_is_not_an_object_is_a_syntax_error() -> None:
    assert syntax_problems("[]") == [
        "A flow must be a JSON object with Version, StartAction and Actions, but this content is "
        "a list."
    ]


def test_every_shape_problem_is_reported_at_once() -> None:
    content = json.dumps(
        {
            "Version": 2019,
            "Actions": [
                "not an action",
                {"Type": "MessageParticipant"},
                {
                    "Identifier": "x",
                    "Type": "Loop",
                    "Parameters": [],
                    "Transitions": {"Errors": {}},
                },
            ],
        }
    )

    assert syntax_problems(content) == [
        "The flow's Version must be a string, not a number.",
        "The flow has no StartAction.",
        "Action 1 in Actions must be an object, not a string.",
        "Action 2 in Actions has no Identifier.",
        "Action 'x' (Loop): Parameters must be an object, not a list.",
        "Action 'x' (Loop): Errors must be a list, not an object.",
    ]


def test_two_actions_with_one_identifier_is_a_syntax_error() -> None:
    problems = syntax_problems(flow([DISCONNECT, DISCONNECT], start="b"))

    assert problems == [
        "Identifier 'b' is used by more than one action; each action needs its own Identifier."
    ]


def test_error_branches_and_conditions_need_their_fields() -> None:
    action = {
        "Identifier": "a",
        "Type": "Compare",
        "Transitions": {
            "Errors": [{"NextAction": "a"}],
            "Conditions": [
                {"NextAction": "a", "Condition": {"Operator": "Equals", "Operands": []}}
            ],
        },
    }

    assert syntax_problems(flow([action])) == [
        "Action 'a' (Compare): error branch 1 has no ErrorType.",
        "Action 'a' (Compare): condition 1 needs Operands: a non-empty list of values to compare.",
    ]


def test_a_legacy_export_is_recognised_and_explained() -> None:
    problems = syntax_problems(json.dumps({"modules": [], "version": "1", "start": "x"}))

    assert len(problems) == 1
    assert "legacy export format" in problems[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5),
        (5, 5),
        (" 7 ", 7),
        (5.0, 5),
        ("5.0", 5),
        ("-3", -3),
        ("5.5", None),
        ("five", None),
        (True, None),
        ("", None),
        (None, None),
    ],
)
def test_read_int_accepts_strings_and_numbers(value: object, expected: int | None) -> None:
    assert read_int(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.5", 2.5),
        (2.5, 2.5),
        (3, 3.0),
        ("nan", None),
        ("inf", None),
        ("1_0", None),
        (False, None),
    ],
)
def test_read_float_accepts_finite_numbers_only(value: object, expected: float | None) -> None:
    assert read_float(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("True", True),
        ("true", True),
        (True, True),
        ("False", False),
        (False, False),
        ("yes", None),
        (1, None),
    ],
)
def test_read_bool_accepts_console_and_json_spellings(value: object, expected: bool | None) -> None:
    assert read_bool(value) is expected


def test_jsonpath_values_are_dynamic() -> None:
    assert is_dynamic("$.Attributes.surveySize")
    assert not is_dynamic("${queue:BasicQueue}")
    assert not is_dynamic(5)


def test_a_parameter_can_be_read_under_either_spelling() -> None:
    action = {
        "Identifier": "a",
        "Type": "Wait",
        "Parameters": {"TimeLimitSeconds": "900"},
        "Transitions": {"NextAction": "a"},
    }

    wait = parse_flow(flow([action])).action("a")

    assert wait.int_parameter("TimeoutSeconds", "TimeLimitSeconds") == 900
    assert wait.bool_parameter("StoreInput") is None
    assert wait.float_parameter("TimeLimitSeconds") == 900.0
