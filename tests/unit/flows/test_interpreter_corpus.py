"""Every real flow of the corpus runs to an end, or to a wait nothing will answer, without the
interpreter ever failing inside: whatever a flow does that OpenContact cannot, it goes down an
error branch with a logged reason.

A generic instance answers every wait the same way: the caller presses 1, timers elapse,
Lambda functions answer {}, third parties never answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opencontact.flows.document import parse_flow
from opencontact.flows.interpreter import advance
from opencontact.flows.run import (
    Advance,
    Awaiting,
    AwaitKind,
    DigitsEntered,
    FlowEnding,
    FlowPurpose,
    LambdaReturned,
    QueueMetrics,
    Signal,
    TimedOut,
    TimerElapsed,
)
from tests.support.corpus import CORPUS, FLOW_LANGUAGE_EXPORTS, needs_corpus
from tests.support.flows import (
    FakeInstance,
    agent,
    agent_queue_of,
    begin,
    contact,
    queue,
)

STEP_LIMIT = 100
BASIC = queue("BasicQueue", open_now=True)
BASIC_NOW = QueueMetrics(agents_online=2, agents_staffed=2, agents_available=1)
ANA = agent("ana")

# The purpose each exported flow type runs for; modules and contact flows run as inbound.
_PURPOSES = {
    "CUSTOMER_QUEUE": FlowPurpose.CUSTOMER_QUEUE,
    "CUSTOMER_HOLD": FlowPurpose.CUSTOMER_HOLD,
    "CUSTOMER_WHISPER": FlowPurpose.CUSTOMER_WHISPER,
    "AGENT_WHISPER": FlowPurpose.AGENT_WHISPER,
    "AGENT_HOLD": FlowPurpose.AGENT_HOLD,
    "OUTBOUND_WHISPER": FlowPurpose.OUTBOUND_WHISPER,
    "AGENT_TRANSFER": FlowPurpose.AGENT_TRANSFER,
    "QUEUE_TRANSFER": FlowPurpose.QUEUE_TRANSFER,
}


def _purposes() -> dict[str, FlowPurpose]:
    if CORPUS is None or not (CORPUS / "MANIFEST.json").is_file():
        return {}
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    return {
        Path(entry["file"]).name: _PURPOSES.get(entry.get("flow_type") or "", FlowPurpose.INBOUND)
        for entry in manifest
    }


PURPOSES = _purposes()


def answer(awaiting: Awaiting) -> Signal | None:
    """What the generic instance sends for a wait; None: nothing ever ends this one."""
    answers: dict[AwaitKind, Signal] = {
        AwaitKind.INPUT: DigitsEntered("1"),
        AwaitKind.TIMER: TimerElapsed(),
        AwaitKind.LAMBDA: LambdaReturned({}),
        AwaitKind.THIRD_PARTY: TimedOut(),
    }
    return answers.get(awaiting.kind)


def drive(export: Path) -> list[Advance]:
    document = parse_flow(export.read_text(encoding="utf-8"))
    instance = FakeInstance(
        contact(queue=BASIC, agent=ANA),
        queues=[BASIC, agent_queue_of(ANA)],
        agents=[ANA],
        metrics={BASIC.id: BASIC_NOW},
    )
    steps = [begin(document, instance, PURPOSES.get(export.name, FlowPurpose.INBOUND))]
    while len(steps) < STEP_LIMIT:
        current = steps[-1]
        instance.apply(current.instructions)
        if current.run is None or current.run.awaiting is None:
            break
        signal = answer(current.run.awaiting)
        if signal is None:
            break
        running = instance.flows.get(current.run.flow_id, document)
        steps.append(advance(running, current.run, instance, signal))
    return steps


@needs_corpus
@pytest.mark.parametrize("export", FLOW_LANGUAGE_EXPORTS, ids=lambda path: path.name)
def test_a_real_flow_runs_to_an_end_or_a_well_defined_wait(export: Path) -> None:
    steps = drive(export)

    for step in steps:
        if step.run is None:
            assert step.ending is not None
        else:
            assert step.ending is None
            assert step.run.awaiting is not None
    last = steps[-1].run
    if last is not None:
        assert last.awaiting is not None
        assert answer(last.awaiting) is None, "still going at the step limit"


@needs_corpus
@pytest.mark.parametrize("export", FLOW_LANGUAGE_EXPORTS, ids=lambda path: path.name)
def test_a_real_flow_never_fails_inside_the_interpreter(export: Path) -> None:
    details = [entry.detail or "" for step in drive(export) for entry in step.logs]

    assert not [detail for detail in details if "OpenContact could not run" in detail]


@needs_corpus
def test_most_real_flows_finish_without_an_unhandled_error() -> None:
    endings = [drive(export)[-1].ending for export in FLOW_LANGUAGE_EXPORTS]

    assert endings.count(FlowEnding.ERROR) <= len(endings) // 10
