"""What an action handler is given (an :class:`Execution`) and what it decides (an Outcome).

Handlers never move the run themselves: they return where the flow goes next (a branch, an
error, a wait, an ending, another flow) and the interpreter applies it, logs it and guards the
loop. That keeps every action a small pure function of the contact, the run and the action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from opencontact.flows.document import NO_MATCHING_ERROR, Action, FlowDocument, read_float
from opencontact.flows.paths import FlowData, resolve_text, resolve_value
from opencontact.flows.run import (
    AgentData,
    Awaiting,
    ContactData,
    FlowEnding,
    FlowEnvironment,
    FlowRun,
    Instruction,
    QueueData,
    RemoveContactTags,
    SetAttributes,
    SetContactData,
    SetContactTags,
    SetTargetQueue,
    SetVoice,
    Signal,
)

NO_MATCHING_CONDITION = "NoMatchingCondition"
SUCCESS = "Success"


@dataclass(frozen=True)
class Proceed:
    """Take a branch: ``target`` is the next action, None when the flow has nowhere to go."""

    target: str | None
    result: str = SUCCESS
    detail: str | None = None


@dataclass(frozen=True)
class Fail:
    """The action failed with this error type; its error branch (or NoMatchingError) follows."""

    error: str
    detail: str


@dataclass(frozen=True)
class Wait:
    """The run stops at this action until the engine sends a fitting signal."""

    awaiting: Awaiting
    detail: str | None = None


@dataclass(frozen=True)
class Finish:
    ending: FlowEnding
    result: str
    detail: str | None = None


@dataclass(frozen=True)
class Enter:
    """Continue in another flow: a transfer to a flow, a module, or the return from one."""

    flow_id: str
    document: FlowDocument
    action_id: str | None
    detail: str | None = None


Outcome = Proceed | Fail | Wait | Finish | Enter


class Execution:
    """One call of ``advance``: the run as it changes, and the contact as the flow now sees it.

    The engine applies instructions only after ``advance`` returns, so the contact data read
    from the environment is stale once an action has emitted one; ``emit`` applies the change
    to the local view too, so a Compare after UpdateContactAttributes sees the new value.
    """

    def __init__(
        self, env: FlowEnvironment, document: FlowDocument, run: FlowRun, contact: ContactData
    ) -> None:
        self.env = env
        self.document = document
        self.run = run
        self.contact = contact
        self.instructions: list[Instruction] = []

    @property
    def data(self) -> FlowData:
        return FlowData.of(self.contact, self.run)

    def value(self, raw: Any) -> Any:
        return resolve_value(raw, self.data)

    def text(self, raw: Any) -> str | None:
        return resolve_text(raw, self.data)

    def update(self, **changes: Any) -> None:
        self.run = replace(self.run, **changes)

    def emit(self, instruction: Instruction) -> None:
        self.instructions.append(instruction)
        contact = self.contact
        if isinstance(instruction, SetAttributes):
            contact = replace(contact, attributes={**contact.attributes, **instruction.values})
        elif isinstance(instruction, SetVoice):
            contact = replace(contact, text_to_speech_voice=instruction.voice)
            if instruction.language_code:
                contact = replace(contact, language_code=instruction.language_code)
        elif isinstance(instruction, SetContactTags):
            contact = replace(contact, tags={**contact.tags, **instruction.tags})
        elif isinstance(instruction, RemoveContactTags):
            kept = {k: v for k, v in contact.tags.items() if k not in instruction.keys}
            contact = replace(contact, tags=kept)
        elif isinstance(instruction, SetContactData):
            contact = replace(
                contact,
                name=instruction.name if instruction.name is not None else contact.name,
                description=(
                    instruction.description
                    if instruction.description is not None
                    else contact.description
                ),
                references={**contact.references, **instruction.references},
                language_code=instruction.language_code or contact.language_code,
            )
        self.contact = contact

    def set_target_queue(self, queue: QueueData) -> None:
        self.emit(SetTargetQueue(queue.id))
        self.contact = replace(self.contact, queue=queue)


Handler = Callable[[Execution, Action], Outcome]
# None: the signal does not fit the action, and the run stays as it was.
Resumer = Callable[[Execution, Action, Signal], Outcome | None]


def success(action: Action, detail: str | None = None) -> Proceed:
    return Proceed(action.transitions.next_action, SUCCESS, detail)


def failure(detail: str) -> Fail:
    return Fail(NO_MATCHING_ERROR, detail)


def text_map(ex: Execution, raw: object, what: str) -> dict[str, str] | Fail:
    """A map whose keys and values may be static or dynamic (UpdateContactAttributes, ...).

    A value that is a single path to nothing fails the whole map: Connect sets all or none.
    Values written as {"Value": ...} (UpdateFlowAttributes, References) are unwrapped.
    """
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        return failure(f"{what} must be an object of keys and values.")
    values: dict[str, str] = {}
    for raw_key, raw_value in raw.items():
        key = ex.text(raw_key)
        if not key:
            return failure(f"The {what} key '{raw_key}' names no value.")
        entry = raw_value.get("Value") if isinstance(raw_value, Mapping) else raw_value
        value = ex.text(entry)
        if value is None:
            return failure(f"The {what} value for '{key}' ({entry!r}) has no value to set.")
        values[key] = value
    return values


def agent_queue(ex: Execution, reference: str) -> QueueData | Fail:
    """The agent queue of a user given by id, ARN or username (AgentId parameters)."""
    agent = ex.env.agent(reference)
    if agent is None:
        return failure(f"There is no agent '{reference}'.")
    return queue_of_agent(ex, agent)


def queue_of_agent(ex: Execution, agent: AgentData) -> QueueData | Fail:
    if agent.queue_id is None:
        return failure(f"Agent '{agent.username}' has no agent queue.")
    queue = ex.env.queue(agent.queue_id)
    if queue is None:
        return failure(f"The agent queue of '{agent.username}' does not exist.")
    return queue


def chosen_queue(ex: Execution, action: Action, *, default: bool = True) -> QueueData | Fail:
    """The queue an action names with QueueId or AgentId, else (if ``default``) the contact's
    working queue, as CheckMetricData, GetMetricData and CreateCallbackContact do."""
    for name in ("QueueId", "AgentId"):
        raw = action.parameter(name)
        if raw is None:
            continue
        reference = ex.text(raw)
        if not reference:
            return failure(f"{name} {raw!r} names no queue.")
        if name == "AgentId":
            return agent_queue(ex, reference)
        queue = ex.env.queue(reference)
        if queue is None:
            return failure(f"There is no queue '{reference}'.")
        return queue
    if default and ex.contact.queue is not None:
        return ex.contact.queue
    return failure("The contact has no working queue; set one with UpdateContactTargetQueue.")


def seconds(ex: Execution, action: Action, *names: str, default: float | None) -> float | None:
    """A duration parameter, static or a single path; None when it is unusable."""
    raw = action.parameter(*names)
    if raw is None:
        return default
    number = read_float(ex.value(raw))
    return number if number is not None and number >= 0 else None
