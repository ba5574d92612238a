"""`$.` paths: how a flow reads the contact and its own run data.

Amazon Connect lets parameters name data with JSONPath (``$.Attributes.name``,
``$.External.order.status``, ``$['Attributes']['user name']``). The Flow-language reference
distinguishes two uses, and so does this module:

- a parameter that is "a single valid JSONPath identifier" (QueueId, ComparisonValue, ...) is
  replaced by the value found there, which may be missing (None): the action then errors;
- a parameter that "may be defined statically or dynamically" (Text, SSML, attribute values)
  is a template: every path inside it is replaced by its text, a missing one by "", as in
  "Hello $.External.FirstName, thank you for calling".

Paths are case-sensitive, as in Connect. Namespaces OpenContact does not have yet
($.Lex, $.Customer, $.Case, $.Views, $.MediaStreams, ...) resolve to None.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opencontact.flows.run import ContactData, FlowRun

Segment = str | int

# One step of a path: .name, ['name'], ["name"], [0], or the documented .['name'] spelling.
_NAME = r"[A-Za-z0-9_\-]+"
_BRACKET = r"\.?\[(?:'[^']*'|\"[^\"]*\"|\d+)\]"
_STEP = re.compile(rf"\.({_NAME})|{_BRACKET}")
_PATH_TEXT = re.compile(
    rf"\$(?:\.(?=[A-Za-z])|(?=\.?\[))(?:{_NAME}|{_BRACKET})(?:\.{_NAME}|{_BRACKET})*"
)


@dataclass(frozen=True)
class FlowData:
    """Everything a path can reach: the contact as the flow sees it, and the run's own data."""

    contact: ContactData
    flow_attributes: Mapping[str, str] = field(default_factory=dict)
    external: Mapping[str, Any] = field(default_factory=dict)
    stored_input: str | None = None
    metrics: Mapping[str, Any] = field(default_factory=dict)
    customer: Mapping[str, str] = field(default_factory=dict)
    case: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, contact: ContactData, run: FlowRun) -> FlowData:
        return cls(
            contact,
            run.flow_attributes,
            run.external,
            run.stored_input,
            run.metrics,
            run.customer,
            run.case,
        )


def parse_path(text: str) -> tuple[Segment, ...] | None:
    """The steps of a path that is the whole of ``text``; None when ``text`` is not one path."""
    stripped = text.strip()
    match = _PATH_TEXT.fullmatch(stripped)
    if match is None:
        return None
    steps: list[Segment] = []
    position = 1
    while position < len(stripped):
        step = _STEP.match(stripped, position)
        if step is None:  # pragma: no cover - the full match above rules this out
            return None
        steps.append(_segment(step.group(0)))
        position = step.end()
    return tuple(steps)


def is_single_path(value: object) -> bool:
    return isinstance(value, str) and parse_path(value) is not None


def resolve(path: str | tuple[Segment, ...], data: FlowData) -> Any:
    """The value at a path, or None when nothing is there."""
    steps = parse_path(path) if isinstance(path, str) else path
    if not steps:
        return None
    root, rest = steps[0], steps[1:]
    if root in ("Attributes", "FlowAttributes"):
        values = data.contact.attributes if root == "Attributes" else data.flow_attributes
        return values.get(str(rest[0])) if len(rest) == 1 else None
    if root == "External":
        return _walk(data.external, rest) if rest else dict(data.external)
    if root == "Metrics":
        return _walk(data.metrics, rest) if rest else None
    if root in ("Customer", "Case"):
        values = data.customer if root == "Customer" else data.case
        return values.get(".".join(str(step) for step in rest)) if rest else None
    return _system(data.contact, data.stored_input, root, rest)


def resolve_value(value: Any, data: FlowData) -> Any:
    """A parameter as the action sees it: a whole path gives the value found (maybe None, maybe
    an object), other text is interpolated, anything else is returned as written."""
    if not isinstance(value, str):
        return value
    steps = parse_path(value)
    if steps is not None:
        return resolve(steps, data)
    return interpolate(value, data)


def resolve_text(value: Any, data: FlowData) -> str | None:
    """A parameter that must end as text: None when it is a path to nothing (or no text)."""
    return as_text(resolve_value(value, data))


def interpolate(text: str, data: FlowData) -> str:
    """``text`` with every path inside it replaced by its value's text ("" when missing)."""

    def replace(match: re.Match[str]) -> str:
        return as_text(resolve(match.group(0), data)) or ""

    return _PATH_TEXT.sub(replace, text)


def as_text(value: Any) -> str | None:
    """How Connect shows a value as text: JSON spellings for booleans, numbers and objects."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return json.dumps(value, separators=(",", ":"), default=str)


def region_of(arn: str) -> str | None:
    """The AWS Region inside an ARN (arn:aws:connect:us-east-1:...), for $.AwsRegion."""
    parts = arn.split(":")
    return parts[3] if len(parts) > 3 and parts[3] else None


def _segment(step: str) -> Segment:
    if step.startswith("."):
        step = step[1:]
    if not step.startswith("["):
        return step
    inner = step[1:-1]
    if inner[:1] in ("'", '"'):
        return inner[1:-1]
    return int(inner)


def _walk(value: Any, steps: tuple[Segment, ...]) -> Any:
    for step in steps:
        if isinstance(value, Mapping):
            value = value.get(str(step))
        elif isinstance(value, list | tuple):
            index = step if isinstance(step, int) else _index(step)
            if index is None or not -len(value) <= index < len(value):
                return None
            value = value[index]
        else:
            return None
        if value is None:
            return None
    return value


def _index(step: str) -> int | None:
    return int(step) if step.isdigit() else None


def _system(
    contact: ContactData, stored_input: str | None, root: Segment, rest: tuple[Segment, ...]
) -> Any:
    """The system attributes of the Connect attribute list, read from the contact."""
    if not rest:
        simple: dict[Segment, str | None] = {
            "StoredCustomerInput": stored_input,
            "Channel": contact.channel,
            "ContactId": contact.contact_id,
            "InitialContactId": contact.initial_contact_id,
            "PreviousContactId": contact.previous_contact_id,
            "InitiationMethod": contact.initiation_method,
            "InstanceARN": contact.instance_arn,
            "Name": contact.name,
            "Description": contact.description,
            "LanguageCode": contact.language_code,
            "TextToSpeechVoiceId": contact.text_to_speech_voice,
            "AwsRegion": region_of(contact.instance_arn),
        }
        return simple.get(root)
    if root in ("CustomerEndpoint", "SystemEndpoint") and len(rest) == 1:
        endpoint = (
            contact.customer_endpoint if root == "CustomerEndpoint" else contact.system_endpoint
        )
        if endpoint is None:
            return None
        return {"Address": endpoint.address, "Type": endpoint.type}.get(str(rest[0]))
    if root == "References" and len(rest) == 2 and rest[1] == "Value":
        return contact.references.get(str(rest[0]))
    if root == "Queue" and contact.queue is not None:
        return _queue(contact, rest)
    if root == "Agent" and contact.agent is not None and len(rest) == 1:
        agent = contact.agent
        return {
            "UserName": agent.username,
            "FirstName": agent.first_name,
            "LastName": agent.last_name,
            "ARN": agent.arn,
            "Id": agent.id,
        }.get(str(rest[0]))
    return None


def _queue(contact: ContactData, rest: tuple[Segment, ...]) -> Any:
    queue = contact.queue
    assert queue is not None
    if len(rest) == 1:
        return {"Name": queue.name, "ARN": queue.arn, "Id": queue.id}.get(str(rest[0]))
    if len(rest) == 2 and rest[0] == "OutboundCallerId":
        number = queue.outbound_caller_id_number
        return {
            "Name": queue.outbound_caller_id_name,
            "Number": number,
            "Address": number,
            "Type": "TELEPHONE_NUMBER" if number else None,
        }.get(str(rest[1]))
    return None
