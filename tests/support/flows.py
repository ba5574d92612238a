"""A fake of the instance a flow runs in, and small builders for flows written inline.

``FakeInstance`` answers the interpreter's questions (queues, agents, flows, hours, the time,
the dice) from plain dictionaries, and ``apply`` plays the engine's part for the instructions
that change what a flow later reads (attributes, working queue, voice, contact data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from opencontact.flows.document import FlowDocument, parse_flow
from opencontact.flows.interpreter import start
from opencontact.flows.run import (
    Advance,
    AgentData,
    ContactData,
    EndpointData,
    FlowPurpose,
    Instruction,
    Play,
    QueueData,
    QueueMetrics,
    SetAttributes,
    SetContactData,
    SetTargetQueue,
    SetVoice,
)

INSTANCE_ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1"
NOW = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def queue(
    name: str, queue_id: str | None = None, *, queue_type: str = "STANDARD", **live: Any
) -> QueueData:
    identifier = queue_id or f"q-{name.lower()}"
    return QueueData(
        id=identifier,
        arn=f"{INSTANCE_ARN}/queue/{identifier}",
        name=name,
        queue_type=queue_type,
        **live,
    )


def agent(username: str, *, first_name: str = "Ana", last_name: str = "Silva") -> AgentData:
    identifier = f"u-{username}"
    return AgentData(
        id=identifier,
        arn=f"{INSTANCE_ARN}/agent/{identifier}",
        username=username,
        first_name=first_name,
        last_name=last_name,
        queue_id=f"aq-{username}",
    )


def agent_queue_of(user: AgentData) -> QueueData:
    return queue(f"agent-{user.username}", user.queue_id, queue_type="AGENT")


def contact(**changes: Any) -> ContactData:
    base = ContactData(
        contact_id="c-1",
        initial_contact_id="c-1",
        previous_contact_id=None,
        channel="VOICE",
        initiation_method="INBOUND",
        instance_arn=INSTANCE_ARN,
        attributes={},
        customer_endpoint=EndpointData("TELEPHONE_NUMBER", "+14155550100"),
        system_endpoint=EndpointData("TELEPHONE_NUMBER", "+18005550199"),
        queue=None,
        agent=None,
        # On, so tests can read the path a flow took from its log (real contacts start off).
        flow_logging=True,
    )
    return replace(base, **changes)


def flow(*actions: Mapping[str, Any], start: str | None = None) -> FlowDocument:
    """A flow of these actions, starting at the first unless ``start`` says otherwise."""
    content = {
        "Version": "2019-10-30",
        "StartAction": start or str(actions[0]["Identifier"]),
        "Actions": [dict(action) for action in actions],
    }
    return parse_flow(json.dumps(content))


def action(
    identifier: str,
    action_type: str,
    parameters: Mapping[str, Any] | None = None,
    next_action: str | None = None,
    *,
    errors: Mapping[str, str] | None = None,
    conditions: Iterable[tuple[str, str, str]] = (),
) -> dict[str, Any]:
    """One action; ``errors`` maps error types to targets, ``conditions`` are
    (operator, operand, target)."""
    transitions: dict[str, Any] = {}
    if next_action is not None:
        transitions["NextAction"] = next_action
    if errors:
        transitions["Errors"] = [
            {"ErrorType": error, "NextAction": target} for error, target in errors.items()
        ]
    listed = [
        {"NextAction": target, "Condition": {"Operator": operator, "Operands": [operand]}}
        for operator, operand, target in conditions
    ]
    if listed:
        transitions["Conditions"] = listed
    return {
        "Identifier": identifier,
        "Type": action_type,
        "Parameters": dict(parameters or {}),
        "Transitions": transitions,
    }


def say(identifier: str, text: str, next_action: str | None = None) -> dict[str, Any]:
    return action(identifier, "MessageParticipant", {"Text": text}, next_action=next_action)


def end(identifier: str = "end") -> dict[str, Any]:
    return action(identifier, "EndFlowExecution")


@dataclass
class FakeInstance:
    """The FlowEnvironment of one contact in a small instance."""

    contact_data: ContactData = field(default_factory=contact)
    queues: list[QueueData] = field(default_factory=list)
    agents: list[AgentData] = field(default_factory=list)
    flows: dict[str, FlowDocument] = field(default_factory=dict)
    hours: dict[str, bool] = field(default_factory=dict)
    # Queue id -> its figures now (none given: all zero).
    metrics: dict[str, QueueMetrics] = field(default_factory=dict)
    percent: float = 50.0
    clock: datetime = NOW

    def now(self) -> datetime:
        return self.clock

    def contact(self) -> ContactData:
        return self.contact_data

    def flow(self, reference: str) -> tuple[str, FlowDocument] | None:
        flow_id = reference.rsplit("/", 1)[-1]
        document = self.flows.get(flow_id)
        return None if document is None else (flow_id, document)

    def queue(self, reference: str) -> QueueData | None:
        return next((q for q in self.queues if reference in (q.id, q.arn)), None)

    def queue_metrics(self, queue: QueueData) -> QueueMetrics:
        return self.metrics.get(queue.id, QueueMetrics())

    def agent(self, reference: str) -> AgentData | None:
        return next((a for a in self.agents if reference in (a.id, a.arn, a.username)), None)

    def hours_open(self, hours_reference: str) -> bool | None:
        return self.hours.get(hours_reference.rsplit("/", 1)[-1])

    def random_percent(self) -> float:
        return self.percent

    def apply(self, instructions: Iterable[Instruction]) -> None:
        """What the engine does with the instructions a flow reads back later."""
        data = self.contact_data
        for instruction in instructions:
            if isinstance(instruction, SetAttributes):
                data = replace(data, attributes={**data.attributes, **instruction.values})
            elif isinstance(instruction, SetTargetQueue):
                data = replace(data, queue=self.queue(instruction.queue_id))
            elif isinstance(instruction, SetVoice):
                data = replace(data, text_to_speech_voice=instruction.voice)
            elif isinstance(instruction, SetContactData) and instruction.language_code:
                data = replace(data, language_code=instruction.language_code)
        self.contact_data = data


def begin(
    document: FlowDocument,
    instance: FakeInstance,
    purpose: FlowPurpose = FlowPurpose.INBOUND,
    flow_id: str = "main",
) -> Advance:
    """Start ``document`` on the instance's contact (registered as flow ``flow_id``)."""
    instance.flows.setdefault(flow_id, document)
    return start(flow_id, document, purpose, instance)


def heard(advance: Advance) -> list[str]:
    """What the participant hears, in order: each message's text, SSML, prompt or media."""
    return [
        message.text or message.ssml or message.prompt_id or message.media_uri or ""
        for instruction in advance.instructions
        if isinstance(instruction, Play)
        for message in instruction.messages
    ]


def path(advance: Advance) -> list[tuple[str, str]]:
    """The actions run and the branch each took, from the flow log."""
    return [(entry.action_id, entry.result) for entry in advance.logs]
