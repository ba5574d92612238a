"""Agents at work: the status each agent chose and the state their contacts put them in.

An agent *chooses* a status (Available, Offline, or a custom one). Contacts then add states on
top, and the CCP shows the first of these that applies (the precedence):

    1. Incoming            a contact is being offered to the agent
    2. On contact / On hold  the agent is connected to a contact (or has the customer on hold)
    3. After contact work  a contact has ended and the agent has not closed it yet
    4. Missed / Rejected / Error  the agent missed or rejected an offer, or their phone failed;
                           no contacts are routed until the agent sets a status again
    5. the chosen status   Available, Offline, Lunch, ...

Only an agent whose chosen status is routable (Available), with no Missed/Rejected/Error state
and a free slot for the channel, is offered contacts. A status chosen while on a contact is kept
as the *next status* and takes effect when the agent's last contact is closed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from opencontact.domain.base import Entity


class SystemState(enum.StrEnum):
    MISSED = "MISSED"
    REJECTED = "REJECTED"
    ERROR = "ERROR"


@dataclass(frozen=True, kw_only=True)
class Agent(Entity):
    """The live state of one user of an instance (`id` is the user's id)."""

    kind: ClassVar[str] = "agent"

    status_id: str
    status_since: datetime
    next_status_id: str | None = None
    system_state: SystemState | None = None
    system_state_since: datetime | None = None
    contact_ids: tuple[str, ...] = ()
    # When the agent last became free of contacts: the longest-free agent is offered first.
    available_since: datetime

    def with_status(self, status_id: str, now: datetime) -> Agent:
        """The agent chose a status. On a contact it waits as the next status; otherwise it
        applies now and clears Missed/Rejected/Error."""
        if self.contact_ids:
            return replace(self, next_status_id=status_id)
        return replace(
            self,
            status_id=status_id,
            status_since=now if status_id != self.status_id else self.status_since,
            next_status_id=None,
            system_state=None,
            system_state_since=None,
        )

    def with_system_state(self, state: SystemState, now: datetime) -> Agent:
        return replace(self, system_state=state, system_state_since=now)

    def holding(self, contact_id: str) -> Agent:
        if contact_id in self.contact_ids:
            return self
        return replace(self, contact_ids=(*self.contact_ids, contact_id))

    def releasing(self, contact_id: str, now: datetime) -> Agent:
        """A contact left the agent; the last one leaving frees the agent and applies the next
        status, if one was chosen meanwhile. (An outbound call never changed the status, so
        the agent is back in the status they dialled from.)"""
        remaining = tuple(c for c in self.contact_ids if c != contact_id)
        if remaining == self.contact_ids:
            return self
        released = replace(self, contact_ids=remaining)
        if remaining:
            return released
        released = replace(released, available_since=now)
        if self.next_status_id is not None:
            released = replace(released, next_status_id=None).with_status(self.next_status_id, now)
        return released
