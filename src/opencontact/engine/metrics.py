"""Real-time queue and agent figures, computed from the live state (what CheckMetricData,
GetMetricData and GetCurrentMetricData report).

Definitions, as in Amazon Connect's real-time metrics:
- contacts in queue: contacts waiting in the queue (queued, or being offered);
- oldest contact: how long the longest-waiting of them has waited;
- agents online: agents whose status is not Offline, with the queue in their routing profile;
- agents staffed: online agents who are Available or on a contact or in after-contact work;
- agents available: staffed agents free to take a contact now (Available, nothing else going on);
- agents on contact / in after-contact work / missed: by the state their contacts put them in;
- agents non-productive: online agents in a custom status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import Agent, SystemState
from opencontact.domain.contacts import AgentLegState, Contact, ContactState
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState


@dataclass(frozen=True)
class QueueFigures:
    contacts_in_queue: int = 0
    oldest_contact_age_seconds: float = 0.0
    agents_online: int = 0
    agents_staffed: int = 0
    agents_available: int = 0
    agents_on_contact: int = 0
    agents_after_contact_work: int = 0
    agents_missed: int = 0
    agents_non_productive: int = 0


def queue_figures(state: InstanceState, queue_id: str, now: datetime) -> QueueFigures:
    waiting = [
        c
        for c in state.live.contacts.values()
        if c.queue_id == queue_id and c.state in (ContactState.QUEUED, ContactState.OFFERED)
    ]
    oldest = min((c.enqueued_at for c in waiting if c.enqueued_at), default=None)
    agents = list(_agents_of_queue(state, queue_id))
    counts = _agent_counts(state, agents)
    return QueueFigures(
        contacts_in_queue=len(waiting),
        oldest_contact_age_seconds=(now - oldest).total_seconds() if oldest else 0.0,
        **counts,
    )


def _agents_of_queue(state: InstanceState, queue_id: str) -> Iterable[Agent]:
    for user_id in _members(state).get(queue_id, ()):
        agent = state.live.agent(user_id)
        if agent is not None:
            yield agent
    own = state.live.agent(queue_id)  # an agent queue has the agent's own id
    if own is not None:
        yield own


def _members(state: InstanceState) -> dict[str, list[str]]:
    """Queue id -> the users whose routing profile takes from it; worked out again only when
    users or routing profiles change (the directory's listings are then new objects)."""
    users = state.directory.all(User)
    profiles = state.directory.all(RoutingProfile)
    cached = state.memo.get("queue-members")
    if cached is not None and cached[0][0] is users and cached[0][1] is profiles:
        found: dict[str, list[str]] = cached[1]
        return found
    queues_of = {p.id: {q.queue_id for q in p.queue_configs} for p in profiles}
    members: dict[str, list[str]] = {}
    for user in users:
        for queue_id in queues_of.get(user.routing_profile_id, ()):
            members.setdefault(queue_id, []).append(user.id)
    state.memo["queue-members"] = ((users, profiles), members)
    return members


def _agent_counts(state: InstanceState, agents: list[Agent]) -> dict[str, int]:
    counts = dict.fromkeys(
        (
            "agents_online",
            "agents_staffed",
            "agents_available",
            "agents_on_contact",
            "agents_after_contact_work",
            "agents_missed",
            "agents_non_productive",
        ),
        0,
    )
    for agent in agents:
        status = state.directory.get(AgentStatus, agent.status_id)
        kind = status.status_type if status else AgentStatusType.OFFLINE
        found = (_leg_state(state.live.contacts.get(c), agent.id) for c in agent.contact_ids)
        legs = [leg for leg in found if leg is not None]
        if kind is AgentStatusType.OFFLINE and not legs:
            continue
        counts["agents_online"] += 1
        if agent.system_state is SystemState.MISSED:
            counts["agents_missed"] += 1
        if any(s in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD) for s in legs):
            counts["agents_on_contact"] += 1
        elif AgentLegState.AFTER_CONTACT_WORK in legs:
            counts["agents_after_contact_work"] += 1
        if kind is AgentStatusType.CUSTOM and not legs:
            counts["agents_non_productive"] += 1
        if kind is AgentStatusType.ROUTABLE or legs:
            counts["agents_staffed"] += 1
        if kind is AgentStatusType.ROUTABLE and not legs and agent.system_state is None:
            counts["agents_available"] += 1
    return counts


def _leg_state(contact: Contact | None, user_id: str) -> AgentLegState | None:
    if contact is None or contact.agent is None or contact.agent.user_id != user_id:
        return None
    return contact.agent.state
