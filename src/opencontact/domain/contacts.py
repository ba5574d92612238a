"""Contacts: one customer interaction (a call, a chat, a task) from the moment it reaches the
contact center until the agent has finished with it.

A contact is a segment in Amazon Connect's sense: a transfer to another agent or queue creates a
new contact that points back to this one (`previous_contact_id`) and to the first
(`initial_contact_id`). Its participants are the customer, at most one agent at a time (the
*agent leg*), and the third parties an agent adds while transferring. Everything here is pure:
methods return a changed copy or raise InvalidRequest for a move that is not legal now.

States of the contact itself:

    IN_FLOW ──enqueue──> QUEUED ──offer──> OFFERED ──accept──> CONNECTED ──end──> ENDED
       │                   ^  └────────────── missed / rejected ──┘                 ^
       └─────────────────────────── disconnect, hang-up, error ───────────────────────┘

A task may also be SCHEDULED (created with a ScheduledTime: its flow starts at that time) and
PAUSED (from QUEUED, when it leaves the queue, or from CONNECTED, when its agent's leg is
PAUSED too and frees the agent's slot); resuming puts it back where it was.

States of the agent leg (what the agent sees in the CCP):

    OFFERED ──accept──> CONNECTING ──media up──> CONNECTED <──hold/resume──> ON_HOLD
        │                                             │
        └─ missed / rejected (the leg goes away)      └─end──> AFTER_CONTACT_WORK ──close──> CLOSED
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar

from opencontact.domain.base import Channel, Entity
from opencontact.domain.errors import InvalidRequest
from opencontact.flows.run import FlowPurpose, FlowRun


class ContactState(enum.StrEnum):
    IN_FLOW = "IN_FLOW"
    QUEUED = "QUEUED"
    OFFERED = "OFFERED"
    CONNECTED = "CONNECTED"
    ENDED = "ENDED"
    SCHEDULED = "SCHEDULED"
    PAUSED = "PAUSED"


class InitiationMethod(enum.StrEnum):
    INBOUND = "INBOUND"
    OUTBOUND = "OUTBOUND"
    TRANSFER = "TRANSFER"
    QUEUE_TRANSFER = "QUEUE_TRANSFER"
    CALLBACK = "CALLBACK"
    API = "API"
    DISCONNECT = "DISCONNECT"


class DisconnectReason(enum.StrEnum):
    CUSTOMER_DISCONNECT = "CUSTOMER_DISCONNECT"
    AGENT_DISCONNECT = "AGENT_DISCONNECT"
    THIRD_PARTY_DISCONNECT = "THIRD_PARTY_DISCONNECT"
    TELECOM_PROBLEM = "TELECOM_PROBLEM"
    CONTACT_FLOW_DISCONNECT = "CONTACT_FLOW_DISCONNECT"
    EXPIRED = "EXPIRED"
    API = "API"
    OTHER = "OTHER"


class AgentLegState(enum.StrEnum):
    OFFERED = "OFFERED"
    CONNECTING = "CONNECTING"
    CONNECTED = "CONNECTED"
    ON_HOLD = "ON_HOLD"
    AFTER_CONTACT_WORK = "AFTER_CONTACT_WORK"
    CLOSED = "CLOSED"
    PAUSED = "PAUSED"  # a task the agent paused: it stays with them but takes no slot


class PartyKind(enum.StrEnum):
    AGENT = "AGENT"
    QUEUE = "QUEUE"
    PHONE_NUMBER = "PHONE_NUMBER"


class PartyState(enum.StrEnum):
    CONNECTING = "CONNECTING"
    CONNECTED = "CONNECTED"
    ON_HOLD = "ON_HOLD"
    DISCONNECTED = "DISCONNECTED"


@dataclass(frozen=True)
class Endpoint:
    type: str  # TELEPHONE_NUMBER, AGENT, CONTACT_FLOW, ...
    address: str


@dataclass(frozen=True)
class AgentLeg:
    """The agent's connection to the contact."""

    user_id: str
    state: AgentLegState
    offered_at: datetime
    accepted_at: datetime | None = None
    connected_at: datetime | None = None
    leg_id: str | None = None  # the carrier leg of the agent's phone (voice)
    hold_started_at: datetime | None = None
    hold_count: int = 0
    hold_seconds: float = 0.0
    acw_started_at: datetime | None = None
    acw_ended_at: datetime | None = None
    paused_at: datetime | None = None
    pause_seconds: float = 0.0
    # Bumped at every offer, so a stale offer timer can be recognised and ignored.
    offer_number: int = 0


@dataclass(frozen=True)
class ThirdParty:
    """Someone an agent brought into the contact (transfer, conference)."""

    id: str
    kind: PartyKind
    label: str
    state: PartyState
    since: datetime
    phone_number: str | None = None
    leg_id: str | None = None
    # For transfers to an agent or queue: the new contact the transfer created.
    transfer_contact_id: str | None = None
    failure: str | None = None


@dataclass(frozen=True, kw_only=True)
class Contact(Entity):
    kind: ClassVar[str] = "contact"

    channel: Channel
    initiation_method: InitiationMethod
    initial_contact_id: str
    previous_contact_id: str | None = None
    related_contact_id: str | None = None
    state: ContactState
    customer_endpoint: Endpoint | None = None
    system_endpoint: Endpoint | None = None
    customer_leg: str | None = None
    customer_on_hold: bool = False
    # A chat's customer: the name they show and their participant id in the chat.
    customer_display_name: str | None = None
    customer_participant_id: str | None = None
    name: str | None = None
    description: str | None = None
    references: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[str, str] = field(default_factory=dict)
    target_queue_id: str | None = None
    queue_id: str | None = None
    enqueued_at: datetime | None = None
    queue_priority: int = 5
    queue_time_adjustment_seconds: int = 0
    agent: AgentLeg | None = None
    third_parties: tuple[ThirdParty, ...] = ()
    flow: FlowRun | None = None
    # The leg that hears the running flow (the customer's, or the transferring agent's during a
    # transfer flow), and a counter of flow steps so stale timers and results are ignored.
    flow_leg: str | None = None
    flow_step: int = 0
    # How many flow log entries the contact has: the next entry's sequence number (entries made
    # in one step share a timestamp, so their order is this number's).
    flow_log_count: int = 0
    # Set logging behavior: whether the contact's flows log their actions (inherited by the
    # contact's later segments).
    flow_logging: bool = False
    # Digits pressed so far while the flow waits for input.
    pending_digits: str = ""
    event_hooks: Mapping[str, str] = field(default_factory=dict)
    # A contact created by a transfer: the participant it stands for on the contact it came from,
    # and, for a transfer to an agent, who that agent is.
    transfer_party_id: str | None = None
    transfer_target_user_id: str | None = None
    # For a call the contact center places (StartOutboundVoiceContact): the flow that runs once
    # the customer answers.
    answer_flow_id: str | None = None
    recorded_participants: tuple[str, ...] = ()
    voice: str = "Joanna"
    language_code: str = "en-US"
    callback_number: str | None = None
    initiated_at: datetime
    connected_to_system_at: datetime | None = None
    last_updated_at: datetime
    scheduled_at: datetime | None = None
    # A scheduled task: the flow that starts at `scheduled_at`, and what for.
    scheduled_flow_id: str | None = None
    scheduled_flow_purpose: FlowPurpose | None = None
    # A chat ends (EXPIRED) at this time, whatever segment it is on (ChatDurationInMinutes).
    chat_expires_at: datetime | None = None
    # The type of each reference (URL, STRING, NUMBER, DATE, EMAIL); an untyped one is a URL.
    reference_types: Mapping[str, str] = field(default_factory=dict)
    task_template_id: str | None = None
    task_template_arn: str | None = None
    task_template_name: str | None = None
    # Pausing (tasks): when the current pause began, and the totals so far.
    paused_at: datetime | None = None
    last_paused_at: datetime | None = None
    last_resumed_at: datetime | None = None
    pause_count: int = 0
    pause_seconds: float = 0.0
    disconnected_at: datetime | None = None
    disconnect_reason: DisconnectReason | None = None
    disconnect_detail: str | None = None
    # The agents who already missed or rejected this contact, most recent last.
    declined_by: tuple[str, ...] = ()

    # -- reading ---------------------------------------------------------------------------------

    @property
    def is_over(self) -> bool:
        """Ended, and no agent still doing after-contact work on it."""
        return self.state is ContactState.ENDED and (
            self.agent is None or self.agent.state is AgentLegState.CLOSED
        )

    @property
    def agent_id(self) -> str | None:
        """The agent the contact is with (offered, connected or in after-contact work)."""
        if self.agent is None or self.agent.state is AgentLegState.CLOSED:
            return None
        return self.agent.user_id

    def party(self, party_id: str) -> ThirdParty:
        for party in self.third_parties:
            if party.id == party_id:
                return party
        raise InvalidRequest(f"Contact {self.id} has no participant '{party_id}'.")

    def active_parties(self) -> Iterable[ThirdParty]:
        return (p for p in self.third_parties if p.state is not PartyState.DISCONNECTED)

    def _require_state(self, action: str, *allowed: ContactState) -> None:
        if self.state not in allowed:
            raise InvalidRequest(
                f"Contact {self.id} is {self.state.value.lower().replace('_', ' ')}; "
                f"it cannot be {action} now."
            )

    def _require_leg(self, user_id: str, action: str, *allowed: AgentLegState) -> AgentLeg:
        leg = self.agent
        if leg is None or leg.user_id != user_id:
            raise InvalidRequest(f"Contact {self.id} is not with this agent; cannot {action}.")
        if leg.state not in allowed:
            shown = leg.state.value.lower().replace("_", " ")
            raise InvalidRequest(f"Contact {self.id} is {shown}; cannot {action} now.")
        return leg

    # -- flow and queue --------------------------------------------------------------------------

    def running(self, run: FlowRun | None, now: datetime) -> Contact:
        return replace(
            self, flow=run, flow_step=self.flow_step + 1, pending_digits="", last_updated_at=now
        )

    def enqueued(self, queue_id: str, now: datetime) -> Contact:
        self._require_state("queued", ContactState.IN_FLOW, ContactState.QUEUED)
        first_time = self.enqueued_at is None or self.queue_id != queue_id
        return replace(
            self,
            state=ContactState.QUEUED,
            queue_id=queue_id,
            enqueued_at=now if first_time else self.enqueued_at,
            flow=None,
            last_updated_at=now,
        )

    # -- offer -------------------------------------------------------------------------------------

    def offered(self, user_id: str, now: datetime) -> Contact:
        self._require_state("offered", ContactState.QUEUED)
        number = (self.agent.offer_number if self.agent else 0) + 1
        leg = AgentLeg(user_id, AgentLegState.OFFERED, offered_at=now, offer_number=number)
        return replace(self, state=ContactState.OFFERED, agent=leg, last_updated_at=now)

    def declined(self, user_id: str, now: datetime) -> Contact:
        """The agent missed or rejected the offer: back to the queue, in its place."""
        self._require_leg(user_id, "decline the offer", AgentLegState.OFFERED)
        return replace(
            self,
            state=ContactState.QUEUED,
            agent=None,
            declined_by=(*self.declined_by, user_id),
            last_updated_at=now,
        )

    def accepted(self, user_id: str, now: datetime) -> Contact:
        leg = self._require_leg(user_id, "accept", AgentLegState.OFFERED)
        accepted = replace(leg, state=AgentLegState.CONNECTING, accepted_at=now)
        return replace(self, agent=accepted, last_updated_at=now)

    def agent_connected(self, leg_id: str | None, now: datetime) -> Contact:
        """The agent's phone is up: agent and customer talk."""
        leg = self.agent
        if leg is None or leg.state is not AgentLegState.CONNECTING:
            raise InvalidRequest(f"Contact {self.id} is not connecting an agent.")
        connected = replace(
            leg, state=AgentLegState.CONNECTED, connected_at=now, leg_id=leg_id or leg.leg_id
        )
        return replace(
            self, state=ContactState.CONNECTED, agent=connected, flow=None, last_updated_at=now
        )

    def with_agent_leg(self, leg_id: str) -> Contact:
        if self.agent is None:
            raise InvalidRequest(f"Contact {self.id} has no agent.")
        return replace(self, agent=replace(self.agent, leg_id=leg_id))

    # -- on the contact ----------------------------------------------------------------------------

    def held(self, user_id: str, now: datetime) -> Contact:
        leg = self._require_leg(user_id, "put the customer on hold", AgentLegState.CONNECTED)
        if self.customer_on_hold:
            raise InvalidRequest(f"The customer of contact {self.id} is already on hold.")
        on_hold = replace(
            leg, state=AgentLegState.ON_HOLD, hold_started_at=now, hold_count=leg.hold_count + 1
        )
        return replace(self, agent=on_hold, customer_on_hold=True, last_updated_at=now)

    def resumed(self, user_id: str, now: datetime) -> Contact:
        leg = self._require_leg(user_id, "resume", AgentLegState.ON_HOLD)
        return replace(self, agent=_off_hold(leg, now), customer_on_hold=False, last_updated_at=now)

    def ended(self, reason: DisconnectReason, now: datetime, detail: str | None = None) -> Contact:
        """The customer's part is over. An agent on the contact moves to after-contact work;
        an agent only offered it loses the offer."""
        if self.state is ContactState.ENDED:
            return self
        leg = self.agent
        if leg is not None and leg.state in (AgentLegState.OFFERED, AgentLegState.CONNECTING):
            leg = None
        elif leg is not None and leg.state in _WORKING:
            working = _off_hold(_unpaused(leg, now), now)
            leg = replace(working, state=AgentLegState.AFTER_CONTACT_WORK, acw_started_at=now)
        return replace(
            self._pause_over(now),
            state=ContactState.ENDED,
            agent=leg,
            flow=None,
            customer_on_hold=False,
            third_parties=tuple(_disconnected(p, now) for p in self.third_parties),
            disconnected_at=now,
            disconnect_reason=reason,
            disconnect_detail=detail,
            last_updated_at=now,
        )

    def agent_left(self, user_id: str, now: datetime) -> Contact:
        """The agent leaves a contact that goes on without them (after a transfer): the agent
        moves to after-contact work on this segment, which ends here."""
        self._require_leg(user_id, "leave", AgentLegState.CONNECTED, AgentLegState.ON_HOLD)
        return self.ended(DisconnectReason.AGENT_DISCONNECT, now)

    def closed(self, user_id: str, now: datetime) -> Contact:
        """The agent finished after-contact work (Close contact, or the time limit)."""
        leg = self._require_leg(user_id, "close", AgentLegState.AFTER_CONTACT_WORK)
        done = replace(leg, state=AgentLegState.CLOSED, acw_ended_at=now)
        return replace(self, agent=done, last_updated_at=now)

    # -- pausing (tasks) ---------------------------------------------------------------------------

    def paused(self, now: datetime) -> Contact:
        """A task waiting in a queue leaves it (an offer of it is withdrawn); a task with an
        agent stays with them, its leg PAUSED (the agent's slot is free for other work)."""
        if self.channel is not Channel.TASK:
            raise InvalidRequest(
                f"Contact {self.id} is a {self.channel.value} contact; only tasks can be paused."
            )
        leg = self.agent
        if self.state is ContactState.CONNECTED and leg and leg.state is AgentLegState.CONNECTED:
            leg = replace(leg, state=AgentLegState.PAUSED, paused_at=now)
        elif self.state is ContactState.OFFERED:
            leg = None  # the offer is withdrawn
        elif self.state is not ContactState.QUEUED:
            shown = self.state.value.lower().replace("_", " ")
            raise InvalidRequest(
                f"Task {self.id} is {shown}; a task can be paused while it waits in a queue or "
                "while an agent works it."
            )
        return replace(
            self,
            state=ContactState.PAUSED,
            agent=leg,
            paused_at=now,
            last_paused_at=now,
            pause_count=self.pause_count + 1,
            last_updated_at=now,
        )

    def unpaused(self, now: datetime) -> Contact:
        """Back to its agent (CONNECTED), or, without one, out of the pause into IN_FLOW: the
        engine then queues it again or runs a flow."""
        if self.state is not ContactState.PAUSED:
            shown = self.state.value.lower().replace("_", " ")
            raise InvalidRequest(f"Task {self.id} is {shown}, not paused; nothing to resume.")
        leg = self.agent
        state = ContactState.IN_FLOW
        if leg is not None and leg.state is AgentLegState.PAUSED:
            leg, state = _unpaused(leg, now), ContactState.CONNECTED
        resumed = replace(self._pause_over(now), state=state, agent=leg, last_resumed_at=now)
        return replace(resumed, last_updated_at=now)

    def _pause_over(self, now: datetime) -> Contact:
        if self.paused_at is None:
            return self
        seconds = self.pause_seconds + (now - self.paused_at).total_seconds()
        return replace(self, paused_at=None, pause_seconds=seconds)

    def with_attributes(self, values: Mapping[str, str], now: datetime) -> Contact:
        return replace(self, attributes={**self.attributes, **values}, last_updated_at=now)

    # -- third parties -----------------------------------------------------------------------------

    def with_party(self, party: ThirdParty, now: datetime) -> Contact:
        others = tuple(p for p in self.third_parties if p.id != party.id)
        return replace(self, third_parties=(*others, party), last_updated_at=now)


# Leg states of an agent working the contact: ending the contact moves them to ACW.
_WORKING = (AgentLegState.CONNECTED, AgentLegState.ON_HOLD, AgentLegState.PAUSED)


def _unpaused(leg: AgentLeg, now: datetime) -> AgentLeg:
    if leg.paused_at is None:
        return leg
    paused = (now - leg.paused_at).total_seconds()
    return replace(
        leg, state=AgentLegState.CONNECTED, paused_at=None, pause_seconds=leg.pause_seconds + paused
    )


def _off_hold(leg: AgentLeg, now: datetime) -> AgentLeg:
    if leg.hold_started_at is None:
        return leg
    held = (now - leg.hold_started_at).total_seconds()
    return replace(
        leg,
        state=AgentLegState.CONNECTED,
        hold_started_at=None,
        hold_seconds=leg.hold_seconds + held,
    )


def _disconnected(party: ThirdParty, now: datetime) -> ThirdParty:
    if party.state is PartyState.DISCONNECTED:
        return party
    return replace(party, state=PartyState.DISCONNECTED, since=now)
