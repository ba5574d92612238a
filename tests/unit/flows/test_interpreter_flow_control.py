"""Flow control: checks, percentages, loops, waits, hours, metrics and moving between flows."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.flows.document import FlowDocument
from opencontact.flows.interpreter import advance
from opencontact.flows.run import AwaitKind, DigitsEntered, FlowEnding, QueueMetrics, TimerElapsed
from tests.support.flows import (
    FakeInstance,
    action,
    begin,
    contact,
    end,
    flow,
    heard,
    path,
    queue,
    say,
)


def check(value: str, operator: str, operand: str) -> FlowDocument:
    return flow(
        action(
            "check",
            "Compare",
            {"ComparisonValue": value},
            "no",
            errors={"NoMatchingCondition": "no"},
            conditions=[(operator, operand, "yes")],
        ),
        say("yes", "yes", "end"),
        say("no", "no", "end"),
        end(),
    )


@pytest.mark.parametrize(
    ("operator", "operand", "value", "answer"),
    [
        ("Equals", "gold", "gold", "yes"),
        ("Equals", "gold", "Gold", "no"),
        ("Equals", "5", "5.0", "yes"),
        ("NumberGreaterThan", "3", "4", "yes"),
        ("NumberGreaterThan", "3", "3", "no"),
        ("NumberGreaterOrEqualTo", "3", "3", "yes"),
        ("NumberLessThan", "3", "2.5", "yes"),
        ("NumberLessOrEqualTo", "3", "4", "no"),
        ("NumberLessThan", "3", "many", "no"),
        ("TextContains", "old", "gold", "yes"),
        ("TextStartsWith", "go", "gold", "yes"),
        ("TextEndsWith", "go", "gold", "no"),
    ],
)
def test_compare_branches_on_the_first_condition_that_holds(
    operator: str, operand: str, value: str, answer: str
) -> None:
    instance = FakeInstance(contact(attributes={"value": value}))

    assert heard(begin(check("$.Attributes.value", operator, operand), instance)) == [answer]


def test_comparing_a_missing_attribute_matches_no_condition() -> None:
    result = begin(check("$.Attributes.missing", "Equals", ""), FakeInstance())

    assert heard(result) == ["no"]
    assert path(result)[0] == ("check", "NoMatchingCondition")


@pytest.mark.parametrize(("drawn", "branch"), [(0.0, "A"), (29.9, "A"), (30.0, "B"), (99.99, "B")])
def test_distribute_by_percentage_sends_thirty_percent_one_way(drawn: float, branch: str) -> None:
    document = flow(
        action(
            "split",
            "DistributeByPercentage",
            next_action="B",
            errors={"NoMatchingCondition": "B"},
            conditions=[("NumberLessThan", "31", "A")],
        ),
        say("A", "A", "end"),
        say("B", "B", "end"),
        end(),
    )

    assert heard(begin(document, FakeInstance(percent=drawn))) == [branch]


def retries(count: str) -> FlowDocument:
    return flow(
        action(
            "menu",
            "GetParticipantInput",
            {"Text": "Press 1.", "StoreInput": "False"},
            "retry",
            errors={"NoMatchingCondition": "retry", "NoMatchingError": "retry"},
            conditions=[("Equals", "1", "end")],
        ),
        action(
            "retry",
            "Loop",
            {"LoopCount": count},
            conditions=[("Equals", "ContinueLooping", "menu"), ("Equals", "DoneLooping", "bye")],
        ),
        say("bye", "Goodbye.", "end"),
        end(),
    )


def test_a_menu_is_offered_again_loop_count_times_then_the_loop_is_done() -> None:
    document = retries("$.Attributes.tries")
    instance = FakeInstance(contact(attributes={"tries": "2"}))
    result = begin(document, instance)
    menus = 1
    while result.run is not None:
        result = advance(document, result.run, instance, DigitsEntered("9"))
        menus += 1 if result.run is not None else 0

    assert menus == 3
    assert heard(result) == ["Goodbye."]


def test_a_loop_starts_counting_again_once_done() -> None:
    document = flow(
        action(
            "loop",
            "Loop",
            {"LoopCount": "1"},
            conditions=[("Equals", "ContinueLooping", "loop"), ("Equals", "DoneLooping", "end")],
        ),
        end(),
    )

    result = begin(document, FakeInstance())

    assert [branch for _, branch in path(result)][:2] == [
        "Condition: Equals ContinueLooping",
        "Condition: Equals DoneLooping",
    ]


def test_a_loop_count_that_is_not_a_number_ends_the_flow_in_error() -> None:
    document = retries("$.Attributes.none")
    instance = FakeInstance()
    paused = begin(document, instance)
    assert paused.run is not None

    result = advance(document, paused.run, instance, DigitsEntered("9"))

    assert result.ending is FlowEnding.ERROR
    assert "LoopCount" in (result.logs[-1].detail or "")


def waiting() -> FlowDocument:
    return flow(
        action(
            "wait",
            "Wait",
            {"TimeLimitSeconds": "$.Attributes.seconds", "Events": ["CustomerReturned"]},
            "error",
            errors={"NoMatchingError": "error"},
            conditions=[("Equals", "WaitCompleted", "done"), ("Equals", "CustomerReturned", "end")],
        ),
        say("done", "Done waiting.", "end"),
        say("error", "Cannot wait.", "end"),
        end(),
    )


def test_a_chat_waits_the_given_time_then_continues() -> None:
    instance = FakeInstance(contact(channel="CHAT", attributes={"seconds": "90"}))
    paused = begin(waiting(), instance)
    assert paused.run is not None
    assert paused.run.awaiting is not None

    result = advance(waiting(), paused.run, instance, TimerElapsed())

    assert (paused.run.awaiting.kind, paused.run.awaiting.seconds) == (AwaitKind.TIMER, 90.0)
    assert heard(result) == ["Done waiting."]


def test_a_voice_call_cannot_wait_and_takes_the_error_branch() -> None:
    instance = FakeInstance(contact(attributes={"seconds": "90"}))

    assert heard(begin(waiting(), instance)) == ["Cannot wait."]


def hours(parameters: dict[str, Any] | None = None) -> FlowDocument:
    return flow(
        action(
            "hours",
            "CheckHoursOfOperation",
            parameters,
            "unknown",
            errors={"NoMatchingError": "unknown"},
            conditions=[("Equals", "True", "open"), ("Equals", "False", "closed")],
        ),
        say("open", "open", "end"),
        say("closed", "closed", "end"),
        say("unknown", "unknown", "end"),
        end(),
    )


@pytest.mark.parametrize(
    ("open_now", "answer"), [(True, "open"), (False, "closed"), (None, "unknown")]
)
def test_hours_of_operation_of_the_working_queue_decide_the_branch(
    open_now: bool | None, answer: str
) -> None:
    sales = queue("Sales", open_now=open_now)

    assert heard(begin(hours(), FakeInstance(contact(queue=sales)))) == [answer]


def test_hours_of_operation_can_be_named_directly() -> None:
    instance = FakeInstance(hours={"h-weekend": False})

    assert heard(begin(hours({"HoursOfOperationId": "h-weekend"}), instance)) == ["closed"]
    assert heard(begin(hours({"HoursOfOperationId": "h-none"}), instance)) == ["unknown"]


def test_hours_without_any_queue_are_unknown() -> None:
    assert heard(begin(hours(), FakeInstance())) == ["unknown"]


@pytest.mark.parametrize(("staffed", "answer"), [(2, "staffed"), (0, "unstaffed")])
def test_check_staffing_sends_callers_elsewhere_when_nobody_is_staffed(
    staffed: int, answer: str
) -> None:
    document = flow(
        action(
            "staffing",
            "CheckMetricData",
            {"MetricType": "NumberOfAgentsStaffed"},
            "error",
            errors={"NoMatchingCondition": "unstaffed", "NoMatchingError": "error"},
            conditions=[("NumberGreaterThan", "0", "staffed")],
        ),
        say("staffed", "staffed", "end"),
        say("unstaffed", "unstaffed", "end"),
        say("error", "error", "end"),
        end(),
    )
    sales = queue("Sales")
    figures = {sales.id: QueueMetrics(agents_staffed=staffed)}

    assert heard(begin(document, FakeInstance(contact(queue=sales), metrics=figures))) == [answer]


def test_queue_metrics_loaded_once_can_be_checked_and_said() -> None:
    sales = queue("Sales")
    figures = QueueMetrics(contacts_in_queue=7, oldest_contact_age_seconds=125.0, agents_online=3)
    document = flow(
        action("metrics", "GetMetricData", {"QueueId": sales.arn}, "check"),
        action(
            "check",
            "Compare",
            {"ComparisonValue": "$.Metrics.Queue.Size"},
            errors={"NoMatchingCondition": "end"},
            conditions=[("NumberGreaterThan", "5", "busy")],
        ),
        say(
            "busy",
            "$.Metrics.Queue.Size callers wait in $.Metrics.Queue.Name, the longest for "
            "$.Metrics.Queue.OldestContactAge seconds; "
            "$.Metrics.Agents.Online.Count agents are on.",
            "end",
        ),
        end(),
    )

    result = begin(document, FakeInstance(queues=[sales], metrics={sales.id: figures}))

    assert heard(result) == [
        "7 callers wait in Sales, the longest for 125 seconds; 3 agents are on."
    ]
    assert result.run is None


def test_flow_attributes_are_kept_for_the_rest_of_the_flow() -> None:
    document = flow(
        action(
            "remember",
            "UpdateFlowAttributes",
            {"FlowAttributes": {"greeting": {"Value": "Hi $.Attributes.name"}}},
            "say",
        ),
        say("say", "$.FlowAttributes.greeting!", "end"),
        end(),
    )

    assert heard(begin(document, FakeInstance(contact(attributes={"name": "Jo"})))) == ["Hi Jo!"]


def test_a_transfer_to_another_flow_continues_there_without_its_flow_attributes() -> None:
    second = flow(say("second", "In the second flow $.FlowAttributes.x.", "end"), end())
    first = flow(
        action("remember", "UpdateFlowAttributes", {"FlowAttributes": {"x": "kept"}}, "go"),
        action("go", "TransferToFlow", {"ContactFlowId": "arn:aws:connect:flow/f-second"}),
    )
    instance = FakeInstance(flows={"f-second": second})

    result = begin(first, instance)

    assert heard(result) == ["In the second flow ."]
    assert result.logs[-1].flow_id == "f-second"


def test_a_transfer_to_a_flow_that_does_not_exist_takes_the_error_branch() -> None:
    document = flow(
        action(
            "go", "TransferToFlow", {"ContactFlowId": "f-gone"}, errors={"NoMatchingError": "oops"}
        ),
        say("oops", "That flow is gone.", "end"),
        end(),
    )

    assert heard(begin(document, FakeInstance())) == ["That flow is gone."]


def test_a_module_runs_and_returns_to_the_action_after_it() -> None:
    module = flow(
        action("inside", "UpdateFlowAttributes", {"FlowAttributes": {"x": "module"}}, "say"),
        say("say", "In the module $.FlowAttributes.x.", "return"),
        action("return", "EndFlowModuleExecution"),
    )
    main = flow(
        action("remember", "UpdateFlowAttributes", {"FlowAttributes": {"x": "main"}}, "call"),
        action(
            "call",
            "InvokeFlowModule",
            {"FlowModuleId": "m-greet"},
            "after",
            errors={"NoMatchingError": "end"},
        ),
        say("after", "Back in $.FlowAttributes.x.", "end"),
        end(),
    )
    instance = FakeInstance(flows={"m-greet": module})

    result = begin(main, instance)

    assert heard(result) == ["In the module module.", "Back in main."]
    assert [entry.flow_id for entry in result.logs] == [
        "main",
        "main",
        "m-greet",
        "m-greet",
        "m-greet",
        "main",
        "main",
    ]
    assert result.ending is FlowEnding.ENDED


def test_a_module_waiting_for_input_returns_after_the_signal() -> None:
    module = flow(
        action(
            "ask",
            "GetParticipantInput",
            {"Text": "Press 1.", "StoreInput": "False"},
            "return",
            errors={"NoMatchingCondition": "return", "NoMatchingError": "return"},
            conditions=[("Equals", "1", "return")],
        ),
        action("return", "EndFlowModuleExecution"),
    )
    main = flow(
        action("call", "InvokeFlowModule", {"FlowModuleId": "m-ask"}, "after"),
        say("after", "Thanks.", "end"),
        end(),
    )
    instance = FakeInstance(flows={"m-ask": module, "main": main})
    paused = begin(main, instance)
    assert paused.run is not None

    result = advance(module, paused.run, instance, DigitsEntered("1"))

    assert paused.run.flow_id == "m-ask"
    assert heard(result) == ["Thanks."]


def test_a_module_that_is_not_published_takes_the_error_branch() -> None:
    document = flow(
        action(
            "call",
            "InvokeFlowModule",
            {"FlowModuleId": "$.FlowAttributes.module"},
            "end",
            errors={"NoMatchingError": "oops"},
        ),
        say("oops", "No such module.", "end"),
        end(),
    )

    assert heard(begin(document, FakeInstance())) == ["No such module."]


def test_a_module_run_on_its_own_ends_at_its_end() -> None:
    module = flow(say("hi", "Hi.", "return"), action("return", "EndFlowModuleExecution"))

    result = begin(module, FakeInstance())

    assert heard(result) == ["Hi."]
    assert result.ending is FlowEnding.ENDED
