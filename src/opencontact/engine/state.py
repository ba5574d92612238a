"""The state one instance's writer owns: its configuration (Directory) and its live contacts and
agents (Live), changed together and rolled back together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Put, Remove, Resource
from opencontact.domain.contacts import Contact
from opencontact.domain.directory import Directory
from opencontact.domain.instance import Instance
from opencontact.domain.live import Live
from opencontact.engine.routing_index import RoutingIndex


class InstanceState:
    def __init__(self, directory: Directory, live: Live | None = None) -> None:
        self.directory = directory
        self.live = live or Live()
        self.routing = RoutingIndex(directory, self.live)
        # Derived figures worth remembering between commands; each entry carries what it was
        # worked out from, so it is recomputed when that changes.
        self.memo: dict[str, Any] = {}

    @property
    def instance(self) -> Instance:
        return self.directory.instance

    def apply(self, changes: Sequence[Change]) -> None:
        for change in changes:
            if isinstance(change.entity, Contact | Agent):
                self.live.apply(change)
            elif isinstance(change.entity, Resource | Instance):
                self.directory.apply([change])
        self.routing.observe(changes)

    def inverse(self, changes: Sequence[Change]) -> list[Change]:
        """Changes that put back what `changes` will overwrite, in the order to apply them."""
        undo: list[Change] = []
        for change in changes:
            entity = change.entity
            if isinstance(entity, Contact | Agent):
                undo.extend(self.live.previous(change))
            elif isinstance(entity, Instance):
                undo.append(Put(self.directory.instance))
            elif isinstance(entity, Resource):
                before = self.directory.get(type(entity), entity.id)
                undo.append(Put(before) if before is not None else Remove(entity))
        undo.reverse()
        return undo
