"""What an agent sees: their state and their contacts, as plain JSON-ready data (the agent API
and its WebSocket send these)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from opencontact.domain.agent_statuses import AgentStatus, statuses_for_agents
from opencontact.domain.agents import Agent
from opencontact.domain.chats import ChatItem, ChatItemType
from opencontact.domain.contacts import AgentLegState, Contact, ContactState, PartyState
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState

# The agent's state as the CCP shows it, by precedence (see domain.agents).
_LEG_DISPLAY = {
    AgentLegState.OFFERED: "Incoming",
    AgentLegState.CONNECTING: "Connecting",
    AgentLegState.CONNECTED: "On contact",
    AgentLegState.ON_HOLD: "On hold",
    AgentLegState.AFTER_CONTACT_WORK: "After contact work",
}
_PRECEDENCE = [
    AgentLegState.OFFERED,
    AgentLegState.CONNECTING,
    AgentLegState.ON_HOLD,
    AgentLegState.CONNECTED,
    AgentLegState.AFTER_CONTACT_WORK,
]


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def agent_contacts(state: InstanceState, agent: Agent) -> list[Contact]:
    found = (state.live.contact(c) for c in agent.contact_ids)
    return [c for c in found if c is not None and c.agent_id == agent.id]


def displayed_state(state: InstanceState, agent: Agent) -> str:
    legs = {c.agent.state for c in agent_contacts(state, agent) if c.agent}
    for leg_state in _PRECEDENCE:
        if leg_state in legs:
            return _LEG_DISPLAY[leg_state]
    if agent.system_state is not None:
        return agent.system_state.value.capitalize()
    status = state.directory.get(AgentStatus, agent.status_id)
    return status.name if status else "Offline"


def status_view(status: AgentStatus | None) -> dict[str, Any] | None:
    if status is None:
        return None
    return {"id": status.id, "name": status.name, "type": status.status_type.value}


def agent_view(state: InstanceState, agent: Agent) -> dict[str, Any]:
    user = state.directory.get(User, agent.id)
    next_status = state.directory.get(AgentStatus, agent.next_status_id or "")
    return {
        "userId": agent.id,
        "username": user.username if user else None,
        "status": status_view(state.directory.get(AgentStatus, agent.status_id)),
        "statusSince": _time(agent.status_since),
        "nextStatus": status_view(next_status) if agent.next_status_id else None,
        "systemState": agent.system_state.value if agent.system_state else None,
        "state": displayed_state(state, agent),
        "contacts": [contact_view(state, c) for c in agent_contacts(state, agent)],
    }


def contact_view(state: InstanceState, contact: Contact) -> dict[str, Any]:
    queue = state.directory.get(Queue, contact.queue_id or "")
    leg = contact.agent
    user = state.directory.get(User, leg.user_id) if leg else None
    acw_deadline = None
    if leg and leg.state is AgentLegState.AFTER_CONTACT_WORK and user and leg.acw_started_at:
        limit = user.channel_config(contact.channel).after_contact_work_time_limit
        if limit:
            acw_deadline = _time(leg.acw_started_at + timedelta(seconds=limit))
    offer_deadline = None
    if leg and leg.state is AgentLegState.OFFERED:
        seconds = state.instance.offer_timeout_seconds
        offer_deadline = _time(leg.offered_at + timedelta(seconds=seconds))
    return {
        "contactId": contact.id,
        "channel": contact.channel.value,
        "initiationMethod": contact.initiation_method.value,
        "state": leg.state.value if leg else contact.state.value,
        "contactState": contact.state.value,
        "customer": {
            "phoneNumber": contact.customer_endpoint.address if contact.customer_endpoint else None,
            "onHold": contact.customer_on_hold,
            "displayName": contact.customer_display_name,
            # An outbound call's customer is connected once they answer, not while it rings.
            "connected": contact.state is not ContactState.ENDED
            and contact.connected_to_system_at is not None,
        },
        "queue": {"id": queue.id, "name": queue.name if not queue.is_agent_queue else None}
        if queue
        else None,
        "thirdParties": [
            {
                "id": p.id,
                "kind": p.kind.value,
                "label": p.label,
                "state": p.state.value,
                "since": _time(p.since),
                "failure": p.failure,
            }
            for p in contact.third_parties
            if p.state is not PartyState.DISCONNECTED or p.failure
        ],
        "offeredAt": _time(leg.offered_at) if leg else None,
        "offerExpiresAt": offer_deadline,
        "connectedAt": _time(leg.connected_at) if leg else None,
        "holdStartedAt": _time(leg.hold_started_at) if leg else None,
        "afterContactWorkStartedAt": _time(leg.acw_started_at) if leg else None,
        "afterContactWorkEndsAt": acw_deadline,
        "initiatedAt": _time(contact.initiated_at),
        "disconnectedAt": _time(contact.disconnected_at),
        "disconnectReason": contact.disconnect_reason.value if contact.disconnect_reason else None,
        "name": contact.name,
        "description": contact.description,
        "references": dict(contact.references),
        "referenceTypes": {
            name: contact.reference_types.get(name, "URL") for name in contact.references
        },
        "pausedAt": _time(leg.paused_at if leg and leg.paused_at else contact.paused_at),
        "scheduledAt": _time(contact.scheduled_at),
        "taskTemplate": {"id": contact.task_template_id, "name": contact.task_template_name}
        if contact.task_template_id
        else None,
        "attributes": dict(contact.attributes),
        "previousContactId": contact.previous_contact_id,
        "relatedContactId": contact.related_contact_id,
    }


def usable_quick_connects(state: InstanceState, user: User, on_contact: bool) -> list[QuickConnect]:
    """The quick connects of the queues in the agent's routing profile; those to agents and
    queues only while the agent is on a contact."""
    profile = state.directory.get(RoutingProfile, user.routing_profile_id)
    if profile is None:
        return []
    seen: dict[str, QuickConnect] = {}
    for config in profile.queue_configs:
        queue = state.directory.get(Queue, config.queue_id)
        for quick_connect_id in queue.quick_connect_ids if queue else ():
            quick_connect = state.directory.get(QuickConnect, quick_connect_id)
            if quick_connect is None or quick_connect.id in seen:
                continue
            kind = quick_connect.quick_connect_type
            if kind in (QuickConnectType.USER, QuickConnectType.QUEUE) and not on_contact:
                continue
            if kind is QuickConnectType.USER and quick_connect.user_id == user.id:
                continue
            seen[quick_connect.id] = quick_connect
    return sorted(seen.values(), key=lambda q: q.name.lower())


def quick_connect_view(quick_connect: QuickConnect) -> dict[str, Any]:
    return {
        "id": quick_connect.id,
        "name": quick_connect.name,
        "type": quick_connect.quick_connect_type.value,
        "description": quick_connect.description,
        "phoneNumber": quick_connect.phone_number,
    }


def statuses_view(state: InstanceState) -> list[dict[str, Any]]:
    return [status_view(s) for s in statuses_for_agents(state.directory)]  # type: ignore[misc]


def flow_log_view(record: FlowLogRecord) -> dict[str, Any]:
    """One step of a flow on a contact, as the contact's flow logs list it."""
    return {
        "at": _time(record.at),
        "flowId": record.flow_id,
        "flowName": record.flow_name,
        "actionId": record.action_id,
        "actionType": record.action_type,
        "parameters": dict(record.parameters),
        "result": record.result,
        "detail": record.detail,
    }


def chat_time(moment: datetime) -> str:
    """A chat item's time as the Participant Service writes it: 2019-11-08T02:41:28.172Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def chat_item_view(item: ChatItem) -> dict[str, Any]:
    """A chat item in the Participant Service's `Item` shape (absent members left out)."""
    view: dict[str, Any] = {
        "Id": item.id,
        "Type": item.type.value,
        "ContentType": item.content_type,
        "ParticipantRole": item.participant_role.value,
        "AbsoluteTime": chat_time(item.at),
        "ContactId": item.contact_id,
    }
    if item.content is not None:
        view["Content"] = item.content
    if item.participant_id is not None:
        view["ParticipantId"] = item.participant_id
    if item.display_name is not None:
        view["DisplayName"] = item.display_name
    if item.message_id is not None:
        stamp = "ReadTimestamp" if item.type is ChatItemType.MESSAGE_READ else "DeliveredTimestamp"
        receipt: dict[str, Any] = {stamp: view["AbsoluteTime"]}
        if item.participant_id is not None:
            receipt["RecipientParticipantId"] = item.participant_id
        view["MessageMetadata"] = {"MessageId": item.message_id, "Receipts": [receipt]}
    return view
