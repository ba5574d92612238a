"""Which flow runs for each moment of a contact: the contact's event hooks (set by
UpdateContactEventHooks), else the instance's default flow for that moment."""

from __future__ import annotations

from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.contacts import Contact
from opencontact.engine.state import InstanceState
from opencontact.flows.run import FlowPurpose

# Event hook name -> (purpose, default flow's name or None).
HOOKS: dict[str, tuple[FlowPurpose, str | None]] = {
    "CustomerQueue": (FlowPurpose.CUSTOMER_QUEUE, "Default customer queue"),
    "CustomerHold": (FlowPurpose.CUSTOMER_HOLD, "Default customer hold"),
    "AgentHold": (FlowPurpose.AGENT_HOLD, "Default agent hold"),
    "CustomerWhisper": (FlowPurpose.CUSTOMER_WHISPER, "Default customer whisper"),
    "AgentWhisper": (FlowPurpose.AGENT_WHISPER, "Default agent whisper"),
    "OutboundWhisper": (FlowPurpose.OUTBOUND_WHISPER, "Default outbound"),
    "CustomerRemaining": (FlowPurpose.DISCONNECT, None),
}


def hook_flow(state: InstanceState, contact: Contact, hook: str) -> tuple[str, FlowPurpose] | None:
    """The flow id and purpose for `hook` on this contact, or None when nothing runs."""
    purpose, default_name = HOOKS[hook]
    chosen = contact.event_hooks.get(hook)
    if chosen:
        flow = state.directory.find_by_arn_or_id(ContactFlow, chosen)
        if flow is not None:
            return flow.id, purpose
    if default_name is None:
        return None
    default = state.directory.find_by_name(ContactFlow, default_name)
    return (default.id, purpose) if default is not None else None
