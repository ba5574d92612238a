"""What the engine needs from storage, and nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Resource
from opencontact.domain.chats import ChatItem
from opencontact.domain.contacts import Contact
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.instance import Instance


@dataclass(frozen=True)
class StoredInstance:
    instance: Instance
    resources: Sequence[Resource]
    # Contacts not over yet (in progress, or in after-contact work), and agents' live state.
    contacts: Sequence[Contact] = ()
    agents: Sequence[Agent] = ()


class Store(Protocol):
    async def load(self) -> list[StoredInstance]:
        """Every instance with all its resources, as last committed."""
        ...

    async def commit(self, instance_id: str, changes: Sequence[Change]) -> None:
        """Make `changes` to one instance durable, all or nothing. Returns only once they would
        survive a crash of this process."""
        ...

    async def contact(self, instance_id: str, contact_id: str) -> Contact | None:
        """A contact record, in progress or over."""
        ...

    async def contacts(
        self,
        instance_id: str,
        *,
        initial_contact_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
    ) -> list[Contact]:
        """Contact records, newest first."""
        ...

    async def flow_logs(self, instance_id: str, contact_id: str) -> list[FlowLogRecord]: ...

    async def chat_transcript(self, instance_id: str, initial_contact_id: str) -> list[ChatItem]:
        """Every kept item of a chat (all its segments), in the order they were posted."""
        ...

    async def commit_many(self, batches: Sequence[tuple[str, Sequence[Change]]]) -> None:
        """Changes to several instances in one transaction: all of them or none."""
        ...

    async def close(self) -> None: ...
