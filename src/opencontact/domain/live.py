"""The live side of an instance: contacts in progress and the agents working them.

Contacts that are over (ended, after-contact work closed) leave memory; they stay in the store
as contact records. Agents are kept for every user who has ever been seen by the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Put, Remove
from opencontact.domain.contacts import Contact


class Live:
    def __init__(self, contacts: Iterable[Contact] = (), agents: Iterable[Agent] = ()) -> None:
        self.contacts: dict[str, Contact] = {c.id: c for c in contacts if not c.is_over}
        self.agents: dict[str, Agent] = {a.id: a for a in agents}

    def contact(self, contact_id: str) -> Contact | None:
        return self.contacts.get(contact_id)

    def agent(self, user_id: str) -> Agent | None:
        return self.agents.get(user_id)

    def apply(self, change: Change) -> None:
        entity = change.entity
        if isinstance(entity, Contact):
            if isinstance(change, Remove) or entity.is_over:
                self.contacts.pop(entity.id, None)
            else:
                self.contacts[entity.id] = entity
        elif isinstance(entity, Agent):
            if isinstance(change, Remove):
                self.agents.pop(entity.id, None)
            else:
                self.agents[entity.id] = entity

    def previous(self, change: Change) -> Sequence[Change]:
        """The change that would undo `change` (for rolling back a failed commit)."""
        entity = change.entity
        if isinstance(entity, Contact):
            before_contact = self.contacts.get(entity.id)
            return [Put(before_contact)] if before_contact else [Remove(entity)]
        if isinstance(entity, Agent):
            before_agent = self.agents.get(entity.id)
            return [Put(before_agent)] if before_agent else [Remove(entity)]
        return []
