"""Real-time queue figures, worked out in one place for everyone who reads them: flows
(CheckMetricData, GetMetricData and `$.Metrics`, through engine.environment) and the Connect API
(GetCurrentMetricData, through api.connect.operations.metrics). Both call `current_figures` on
the same live state, so a flow and a wallboard looking at one queue at one moment see the same
numbers by construction, not because two copies of the rules happen to agree.

Why from the live state, and not from the router: live contacts and agents are the truth (leg
states, hold, after-contact work, the status an agent chose and its type, the Missed, Rejected
or Error state holding them). The router keeps only what matching needs and sees an offered
contact as gone from the queue, which Connect does not; its statistics had no caller outside
their own tests, so they were removed rather than kept in step with these.

Definitions, from Amazon Connect's real-time metrics definitions (In queue, Oldest, Online,
Staffed, Available, NPT, On contact, ACW, Error, Active, Availability), and for the two figures
flows read differently, from the Get queue metrics block and the `$.Metrics` attribute list:

- contacts in queue: waiting in the queue, including while being offered to an agent; a
  contact leaves the queue when an agent accepts it (Connect: removed from the queue when an
  agent answers).
- oldest contact age: how long the longest-waiting of them has been in the queue, from its
  enqueue time (a queue time adjustment changes the routing order, not this).
- agents online: status other than Offline. An agent still on a contact dialled while Offline
  is on contact but not online.
- agents staffed: online and not in a custom status, i.e. status Available, whatever contacts
  they hold (Connect: on Break with an outbound call is On contact, not Staffed).
- agents available: status Available, no Missed/Rejected/Error state, and no contact at all
  (not even one ringing).
- agents non-productive: in a custom status, even while on a contact (Connect counts such an
  agent as On contact and NPT at once).
- agents on contact (AGENTS_ON_CONTACT): handling a contact that is connecting (ringing out),
  connected, on hold or in after-contact work.
- agents busy (flows' `$.Metrics.Agents.Busy`): the same without after-contact work (Get queue
  metrics: On contact includes ACW, Agents busy does not).
- after-contact work (AGENTS_AFTER_CONTACT_WORK, flows' AfterContactWork): *contacts* in
  after-contact work, as Connect counts it despite the name.
- agents in error (AGENTS_ERROR): held by a Missed, Rejected or Error state.
- agents missed (flows' `$.Metrics.Agents.Missed`): held by the Missed state only.
- active slots: contacts connecting, connected, on hold or in after-contact work (a paused
  task takes none: its agent is free for other work, and counts as such everywhere here).
- available slots: the free slots routing would fill now, on the channels the agent's profile
  serves the queues on; an agent routing skips (custom status, Missed...) has none.

Agents counted are those whose routing profile takes contacts from the queues on one of the
channels, and for an agent queue its owner. Contact-based figures (on contact, busy,
after-contact work, active slots) count only contacts of those channels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import SystemState
from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLegState, ContactState
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState
from opencontact.routing.profiles import ProfilePlan

EVERY_CHANNEL: frozenset[Channel] = frozenset(Channel)
# Leg states of an agent working a contact with the customer (ringing out counts: Connect's
# "outbound ring"); after-contact work is counted apart.
_WITH_CUSTOMER = frozenset(
    {AgentLegState.CONNECTING, AgentLegState.CONNECTED, AgentLegState.ON_HOLD}
)
# What free slots depend on: the profile, the channels served, the channels of held contacts.
_SlotsKey = tuple[str, frozenset[Channel], tuple[Channel, ...]]


@dataclass(frozen=True)
class QueueFigures:
    contacts_in_queue: int = 0
    oldest_contact_age_seconds: float = 0.0
    agents_online: int = 0
    agents_staffed: int = 0
    agents_available: int = 0
    agents_on_contact: int = 0
    agents_busy: int = 0
    # A count of contacts, not of agents (see the module's definitions).
    agents_after_contact_work: int = 0
    agents_non_productive: int = 0
    agents_error: int = 0
    agents_missed: int = 0
    slots_active: int = 0
    slots_available: int = 0


@dataclass(frozen=True)
class _Staffing:
    """Who serves each queue, and what routing and statuses say of them: worked out from
    users, routing profiles and agent statuses."""

    # Queue id -> user id -> the channels on which the user's profile takes from the queue.
    members: Mapping[str, Mapping[str, frozenset[Channel]]]
    # User id -> the plan of the user's routing profile (for free slots).
    plans: Mapping[str, ProfilePlan]
    # Agent status id -> its type (Available, custom or Offline).
    status_types: Mapping[str, AgentStatusType]


def queue_figures(state: InstanceState, queue_id: str, now: datetime) -> QueueFigures:
    """One queue on every channel: what a flow reads."""
    return current_figures(state, (queue_id,), EVERY_CHANNEL, now)


def current_figures(
    state: InstanceState, queue_ids: Iterable[str], channels: frozenset[Channel], now: datetime
) -> QueueFigures:
    """The figures of contacts in `queue_ids` on `channels` and of the agents serving them."""
    queues = frozenset(queue_ids)
    in_queue, oldest = _waiting(state, queues, channels)
    staffing = _staffing(state)
    online = staffed = available = on_contact = busy = after_contact_work = 0
    non_productive = error = missed = slots_active = slots_available = 0
    contacts = state.live.contacts
    agents = state.live.agents
    slots_of: dict[_SlotsKey, int] = {}
    for user_id, serves in _serving(state, staffing, queues).items():
        served = serves if channels is EVERY_CHANNEL else serves & channels
        agent = agents.get(user_id)
        if agent is None or not served:
            continue
        kind = staffing.status_types.get(agent.status_id, AgentStatusType.OFFLINE)
        if kind is AgentStatusType.OFFLINE and not agent.contact_ids:
            continue
        held: list[tuple[Channel, AgentLegState]] = []
        for contact_id in agent.contact_ids:
            contact = contacts.get(contact_id)
            leg = contact.agent if contact is not None else None
            if contact is None or leg is None or contact.agent_id != user_id:
                continue
            if leg.state is not AgentLegState.PAUSED:  # a paused task takes no slot
                held.append((contact.channel, leg.state))
        online += kind is not AgentStatusType.OFFLINE
        staffed += kind is AgentStatusType.ROUTABLE
        non_productive += kind is AgentStatusType.CUSTOM
        error += agent.system_state is not None
        missed += agent.system_state is SystemState.MISSED
        if kind is AgentStatusType.ROUTABLE and agent.system_state is None:
            available += not held
            plan = staffing.plans.get(user_id)
            if plan is not None:
                slots_available += _free_slots(plan, held, served, slots_of)
        with_customer = wrapping_up = 0
        for channel, leg_state in held:
            if channel in channels:
                with_customer += leg_state in _WITH_CUSTOMER
                wrapping_up += leg_state is AgentLegState.AFTER_CONTACT_WORK
        busy += with_customer > 0
        on_contact += with_customer + wrapping_up > 0
        after_contact_work += wrapping_up
        slots_active += with_customer + wrapping_up
    age = 0.0 if oldest is None else max(0.0, (now - oldest).total_seconds())
    return QueueFigures(
        contacts_in_queue=in_queue,
        oldest_contact_age_seconds=age,
        agents_online=online,
        agents_staffed=staffed,
        agents_available=available,
        agents_on_contact=on_contact,
        agents_busy=busy,
        agents_after_contact_work=after_contact_work,
        agents_non_productive=non_productive,
        agents_error=error,
        agents_missed=missed,
        slots_active=slots_active,
        slots_available=slots_available,
    )


def contacts_in_queue(state: InstanceState, queue_id: str) -> int:
    """Contacts in one queue on every channel (what a queue's maximum is checked against)."""
    return _waiting(state, frozenset((queue_id,)), EVERY_CHANNEL)[0]


def _waiting(
    state: InstanceState, queues: frozenset[str], channels: frozenset[Channel]
) -> tuple[int, datetime | None]:
    """How many contacts are in the queues, and since when the longest-waiting one."""
    count = 0
    oldest: datetime | None = None
    for contact in state.live.contacts.values():
        if contact.queue_id not in queues or contact.channel not in channels:
            continue
        if contact.state is ContactState.OFFERED:
            leg = contact.agent
            if leg is None or leg.state is not AgentLegState.OFFERED:
                continue  # accepted: out of the queue
        elif contact.state is not ContactState.QUEUED:
            continue
        count += 1
        since = contact.enqueued_at
        if since is not None and (oldest is None or since < oldest):
            oldest = since
    return count, oldest


def _serving(
    state: InstanceState, staffing: _Staffing, queues: frozenset[str]
) -> Mapping[str, frozenset[Channel]]:
    """The users serving any of `queues`, with the channels they serve them on."""
    serving: Mapping[str, frozenset[Channel]]
    if len(queues) == 1:
        serving = staffing.members.get(next(iter(queues)), {})
    else:
        merged: dict[str, frozenset[Channel]] = {}
        for queue_id in queues:
            for user_id, served in staffing.members.get(queue_id, {}).items():
                merged[user_id] = merged.get(user_id, frozenset()) | served
        serving = merged
    # An agent queue has its owner's id; no profile lists it, the owner serves it on every
    # channel.
    owners = [q for q in queues if q in state.live.agents]
    if owners:
        serving = {**serving, **dict.fromkeys(owners, EVERY_CHANNEL)}
    return serving


def _staffing(state: InstanceState) -> _Staffing:
    """Worked out again only when users, routing profiles or agent statuses change (the
    directory's listings are then new objects)."""
    users = state.directory.all(User)
    profiles = state.directory.all(RoutingProfile)
    statuses = state.directory.all(AgentStatus)
    sources = (users, profiles, statuses)
    cached = state.memo.get("queue-members")
    if cached is not None and all(a is b for a, b in zip(cached[0], sources, strict=True)):
        found: _Staffing = cached[1]
        return found
    plans = {p.id: ProfilePlan.of(p) for p in profiles}
    queues_of: dict[str, dict[str, frozenset[Channel]]] = {}
    for profile in profiles:
        channels_of: dict[str, set[Channel]] = {}
        for config in profile.queue_configs:
            channels_of.setdefault(config.queue_id, set()).add(config.channel)
        queues_of[profile.id] = {q: frozenset(c) for q, c in channels_of.items()}
    members: dict[str, dict[str, frozenset[Channel]]] = {}
    user_plans: dict[str, ProfilePlan] = {}
    for user in users:
        plan = plans.get(user.routing_profile_id)
        if plan is not None:
            user_plans[user.id] = plan
        for queue_id, channels in queues_of.get(user.routing_profile_id, {}).items():
            members.setdefault(queue_id, {})[user.id] = channels
    status_types = {s.id: s.status_type for s in statuses}
    staffing = _Staffing(members, user_plans, status_types)
    state.memo["queue-members"] = (sources, staffing)
    return staffing


def _free_slots(
    plan: ProfilePlan,
    held: list[tuple[Channel, AgentLegState]],
    served: frozenset[Channel],
    known: dict[_SlotsKey, int],
) -> int:
    """Slots routing would fill now on the served channels (concurrency and cross-channel
    rules), for an agent routing may offer contacts to. Agents of one profile holding the same
    contacts have the same free slots: `known` keeps those already worked out."""
    taken_channels = tuple(sorted(channel for channel, _ in held))
    key = (plan.profile_id, served, taken_channels)
    free = known.get(key)
    if free is None:
        taken = Counter(taken_channels)
        open_channels = plan.open_channels(taken)
        free = known[key] = sum(
            plan.concurrency[c] - taken[c] for c in open_channels if c in served
        )
    return free
