"""Keeps the router (routing.Router) in step with an instance's state.

The router is a pure index of waiting contacts and agents' free slots. Every change the writer
applies (or rolls back) is shown to it here: queued contacts join, contacts leaving the queue
leave, agents' status, profile and contacts are re-read, routing profiles are re-planned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Channel, Remove
from opencontact.domain.contacts import AgentLegState, Contact, ContactState
from opencontact.domain.directory import Directory
from opencontact.domain.live import Live
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.routing.agents import AgentSlots
from opencontact.routing.router import Router
from opencontact.routing.waiting import WaitingContact


class RoutingIndex:
    def __init__(self, directory: Directory, live: Live) -> None:
        self.router = Router()
        self._directory = directory
        self._live = live
        for profile in directory.all(RoutingProfile):
            self.router.set_profile(profile)
        for contact in live.contacts.values():
            self._contact(contact)
        for agent in live.agents.values():
            self._agent(agent)

    def observe(self, changes: Sequence[Change]) -> None:
        """Called after the state applied `changes`."""
        for change in changes:
            entity = change.entity
            if isinstance(entity, Contact):
                self._contact(entity, removed=isinstance(change, Remove))
            elif isinstance(entity, Agent):
                if isinstance(change, Remove):
                    self.router.remove_agent(entity.id)
                else:
                    self._agent(entity)
            elif isinstance(entity, RoutingProfile):
                if isinstance(change, Remove):
                    self.router.remove_profile(entity.id)
                else:
                    self.router.set_profile(entity)
            elif isinstance(entity, User):
                agent = self._live.agent(entity.id)
                if agent is not None:
                    self._agent(agent)

    def resync(self, contact_id: str) -> None:
        """Put a contact back as the state has it (after an offer that could not be made)."""
        contact = self._live.contact(contact_id)
        if contact is not None:
            self._contact(contact)

    def _contact(self, contact: Contact, removed: bool = False) -> None:
        if removed or contact.state is not ContactState.QUEUED or contact.queue_id is None:
            self.router.remove_contact(contact.id)
            return
        queue = self._directory.get(Queue, contact.queue_id)
        if queue is None:
            self.router.remove_contact(contact.id)
            return
        self.router.add_contact(
            WaitingContact.in_queue(
                queue,
                contact.id,
                contact.channel,
                contact.enqueued_at or contact.initiated_at,
                queue_priority=max(contact.queue_priority, 1),
                queue_time_adjustment_seconds=float(contact.queue_time_adjustment_seconds),
            )
        )

    def _agent(self, agent: Agent) -> None:
        user = self._directory.get(User, agent.id)
        status = self._directory.get(AgentStatus, agent.status_id)
        if user is None:
            self.router.remove_agent(agent.id)
            return
        busy: Counter[Channel] = Counter()
        for contact_id in agent.contact_ids:
            contact = self._live.contact(contact_id)
            if contact is None:
                continue
            if contact.agent is not None and contact.agent.state is AgentLegState.PAUSED:
                continue  # a paused task frees its slot
            busy[contact.channel] += 1
        self.router.set_agent(
            AgentSlots(
                user_id=agent.id,
                routing_profile_id=user.routing_profile_id,
                status_type=status.status_type if status else AgentStatusType.OFFLINE,
                available_since=agent.available_since,
                busy=dict(busy),
                system_state=agent.system_state.value if agent.system_state else None,
            )
        )
