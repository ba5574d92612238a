"""The running contact center: the account, one writer per instance, the store and the clock.

The API edges read through `directory` (configuration) and `state` (configuration and live
contacts and agents), and change state only through `change` (a configuration command),
`live` (a command on the whole instance state), or `create_instance` / `delete_instance`.
Whoever carries out the effects of live commands (engine.runtime) subscribes with `on_writer`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from opencontact.clock import Clock
from opencontact.domain.account import Account, instance_of
from opencontact.domain.base import Change, Env, Outcome, PairOutcome, Remove
from opencontact.domain.contacts import Contact
from opencontact.domain.directory import Directory
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.instance import Instance
from opencontact.domain.live import Live
from opencontact.engine.state import InstanceState
from opencontact.engine.writer import SingleWriter, WriterClosed
from opencontact.store.port import Store

T = TypeVar("T")


def new_id() -> str:
    return str(uuid.uuid4())


WriterHook = Callable[[str, "SingleWriter[InstanceState]"], None]


class ContactCenter:
    def __init__(
        self, store: Store, clock: Clock, account: Account, live: dict[str, Live] | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.account = account
        self._account_writer = SingleWriter(account, self._commit_account, "account")
        self._writers: dict[str, SingleWriter[InstanceState]] = {}
        self._live = live or {}
        self._writer_hooks: list[WriterHook] = []

    @classmethod
    async def load(cls, store: Store, clock: Clock, account_id: str) -> ContactCenter:
        stored = await store.load()
        directories = [Directory(s.instance, s.resources) for s in stored]
        live = {s.instance.id: Live(s.contacts, s.agents) for s in stored}
        return cls(store, clock, Account(account_id, directories), live)

    def on_writer(self, hook: WriterHook) -> None:
        """Call `hook(instance_id, writer)` for every instance writer, now and when created."""
        self._writer_hooks.append(hook)
        for instance_id, writer in self._writers.items():
            hook(instance_id, writer)

    def writer(self, instance_id: str) -> SingleWriter[InstanceState]:
        return self._writer_for(self.directory(instance_id))

    def writers(self) -> dict[str, SingleWriter[InstanceState]]:
        """A writer for every instance (created if need be), e.g. to resume work at start."""
        for directory in list(self.account.directories.values()):
            self._writer_for(directory)
        return dict(self._writers)

    def env(self, region: str) -> Env:
        return Env(now=self.clock.now(), region=region, new_id=new_id)

    # -- reading -----------------------------------------------------------------------------

    def directory(self, instance_id: str, region: str | None = None) -> Directory:
        return self.account.directory(instance_id, region)

    def state(self, instance_id: str, region: str | None = None) -> InstanceState:
        return self._writer_for(self.directory(instance_id, region)).state

    async def contact(
        self, instance_id: str, contact_id: str, region: str | None = None
    ) -> Contact | None:
        """The contact as it is now: live if in progress (or in after-contact work), else its
        stored record."""
        live = self.state(instance_id, region).live.contact(contact_id)
        return live if live is not None else await self.store.contact(instance_id, contact_id)

    # -- changing ----------------------------------------------------------------------------

    async def change(
        self,
        instance_id: str,
        region: str | None,
        command: Callable[[Directory], Outcome[T]],
    ) -> T:
        """Run `command` on the instance's writer; returns once its changes are durable."""
        return await self.live(instance_id, region, lambda state: command(state.directory))

    async def live(
        self,
        instance_id: str,
        region: str | None,
        command: Callable[[InstanceState], Outcome[T]],
    ) -> T:
        """Run a command on the whole instance state (configuration, contacts, agents)."""
        directory = self.directory(instance_id, region)
        writer = self._writer_for(directory)
        try:
            return await writer.execute(command)
        except WriterClosed:
            raise ResourceNotFound(f"Instance '{instance_id}' was not found.") from None

    async def change_two(
        self,
        first_id: str,
        second_id: str,
        region: str | None,
        command: Callable[[Directory, Directory], PairOutcome[T]],
    ) -> T:
        """Run a command that changes two instances at once: both writers are held (in id
        order, so two such commands cannot deadlock), the changes to both are committed in one
        transaction, then applied to both."""
        first = self._writer_for(self.directory(first_id, region))
        second = self._writer_for(self.directory(second_id, region))
        ordered = sorted((first, second), key=lambda w: w.state.instance.id)
        try:
            async with ordered[0].hold() as held_a, ordered[1].hold() as held_b:
                held = {held_a.state.instance.id: held_a, held_b.state.instance.id: held_b}
                outcome = command(first.state.directory, second.state.directory)
                first_key, second_key = first.state.instance.id, second.state.instance.id
                await self.store.commit_many(
                    [(first_key, outcome.first), (second_key, outcome.second)]
                )
                held[first_key].apply(outcome.first)
                held[second_key].apply(outcome.second)
                return outcome.value
        except WriterClosed:
            raise ResourceNotFound("The instance was deleted while the change ran.") from None

    async def create_instance(self, command: Callable[[Account], Outcome[Instance]]) -> Instance:
        return await self._account_writer.execute(command)

    async def delete_instance(self, instance_id: str, region: str | None) -> None:
        directory = self.directory(instance_id, region)
        writer = self._writers.pop(directory.instance.id, None)
        if writer is not None:
            await writer.close()
        instance = directory.instance
        await self._account_writer.execute(lambda _account: _removal(instance))

    async def close(self) -> None:
        for writer in list(self._writers.values()):
            await writer.close()
        await self._account_writer.close()

    def _writer_for(self, directory: Directory) -> SingleWriter[InstanceState]:
        instance_id = directory.instance.id
        writer = self._writers.get(instance_id)
        if writer is None:
            state = InstanceState(directory, self._live.pop(instance_id, None))
            writer = SingleWriter(
                state, partial(self.store.commit, instance_id), f"instance {instance_id}"
            )
            self._writers[instance_id] = writer
            for hook in self._writer_hooks:
                hook(instance_id, writer)
        return writer

    async def _commit_account(self, changes: Sequence[Change]) -> None:
        await self.store.commit(instance_of(changes).id, changes)


def _removal(instance: Instance) -> Outcome[None]:
    return Outcome(None, [Remove(instance)])
