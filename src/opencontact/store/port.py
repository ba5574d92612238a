"""What the engine needs from storage, and nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from opencontact.domain.base import Change, Resource
from opencontact.domain.instance import Instance


@dataclass(frozen=True)
class StoredInstance:
    instance: Instance
    resources: Sequence[Resource]


class Store(Protocol):
    async def load(self) -> list[StoredInstance]:
        """Every instance with all its resources, as last committed."""
        ...

    async def commit(self, instance_id: str, changes: Sequence[Change]) -> None:
        """Make `changes` to one instance durable, all or nothing. Returns only once they would
        survive a crash of this process."""
        ...

    async def commit_many(self, batches: Sequence[tuple[str, Sequence[Change]]]) -> None:
        """Changes to several instances in one transaction: all of them or none."""
        ...

    async def close(self) -> None: ...
