"""The flows every new instance gets, as Amazon Connect creates them.

Each is a Flow-language JSON file in ``defaults/``, written from the documented behaviour of
Connect's default flows. They cannot know the ARNs of the instance they are created for, so
they name what they need with placeholders inside JSON strings, filled in by
:func:`render_default_flow`:

- ``${queue:BasicQueue}``: the ARN of the queue with that name;
- ``${flow:Default customer queue}``: the ARN of the flow with that name.

The files ship inside the package, so reading one is reading package data, not talking to the
outside world.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

_PACKAGE = "opencontact.flows"
_PLACEHOLDER = re.compile(r"\$\{((?:queue|flow):[^}]+)\}")


@dataclass(frozen=True)
class DefaultFlow:
    name: str
    flow_type: str  # the Connect ContactFlowType, e.g. "AGENT_TRANSFER"
    description: str
    filename: str

    def content(self) -> str:
        """The flow as shipped, placeholders still in place."""
        return (
            resources.files(_PACKAGE)
            .joinpath("defaults")
            .joinpath(self.filename)
            .read_text("utf-8")
        )

    def required_references(self) -> frozenset[str]:
        """The placeholders to fill, e.g. {"queue:BasicQueue"}."""
        return placeholders(self.content())


DEFAULT_FLOWS: tuple[DefaultFlow, ...] = (
    DefaultFlow(
        "Default agent transfer",
        "AGENT_TRANSFER",
        'Plays "Transferring now..." and transfers the contact to the quick connect\'s agent.',
        "default_agent_transfer.json",
    ),
    DefaultFlow(
        "Default queue transfer",
        "QUEUE_TRANSFER",
        'Plays "Transferring now..." and transfers the contact to the quick connect\'s queue.',
        "default_queue_transfer.json",
    ),
    DefaultFlow(
        "Default customer queue",
        "CUSTOMER_QUEUE",
        "What the customer hears while waiting in queue: a thank-you message and music, looping.",
        "default_customer_queue.json",
    ),
    DefaultFlow(
        "Default customer hold",
        "CUSTOMER_HOLD",
        "What the customer hears while on hold: hold music, looping.",
        "default_customer_hold.json",
    ),
    DefaultFlow(
        "Default agent hold",
        "AGENT_HOLD",
        'What the agent hears while on hold: "You are on hold.", repeated.',
        "default_agent_hold.json",
    ),
    DefaultFlow(
        "Default agent whisper",
        "AGENT_WHISPER",
        "Tells the agent the name of the queue the contact waited in, before they are joined.",
        "default_agent_whisper.json",
    ),
    DefaultFlow(
        "Default customer whisper",
        "CUSTOMER_WHISPER",
        "Runs for the customer when the agent is joined; plays nothing.",
        "default_customer_whisper.json",
    ),
    DefaultFlow(
        "Default outbound",
        "OUTBOUND_WHISPER",
        "Runs for the customer of an outbound call before the agent is joined; plays nothing.",
        "default_outbound.json",
    ),
    DefaultFlow(
        "Sample inbound flow (first contact experience)",
        "CONTACT_FLOW",
        "Turns on flow logs, greets the caller and puts them in BasicQueue; apologises and "
        "hangs up if it cannot.",
        "sample_inbound_flow.json",
    ),
)


def default_flow(name: str) -> DefaultFlow:
    """The default flow with this name; KeyError if there is none."""
    for flow in DEFAULT_FLOWS:
        if flow.name == name:
            return flow
    raise KeyError(f"There is no default flow named '{name}'.")


def placeholders(content: str) -> frozenset[str]:
    return frozenset(match.group(1) for match in _PLACEHOLDER.finditer(content))


def render_placeholders(content: str, references: Mapping[str, str]) -> str:
    """Replace every ``${kind:name}`` with its reference, escaped for a JSON string.

    Raises KeyError naming the first missing reference, so an instance is never created with
    a flow that points nowhere.
    """

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in references:
            raise KeyError(f"No reference given for placeholder '${{{key}}}'.")
        return json.dumps(references[key])[1:-1]

    return _PLACEHOLDER.sub(replace, content)


def render_default_flow(flow: DefaultFlow, references: Mapping[str, str]) -> str:
    """The flow's content with its placeholders replaced by ``references``
    (keys like "queue:BasicQueue" or "flow:Default customer queue", values ARNs)."""
    return render_placeholders(flow.content(), references)
