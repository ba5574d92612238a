"""A single writer: the one place where a piece of state changes.

Every command for the state goes through `execute`, which queues it; one task takes the queue in
order. Commands that arrive together are run as a batch: each runs against the state the ones
before it left (their changes are applied in memory at once), then the whole batch is committed to
the store in one transaction, and only then are the callers answered and the effects carried out.
So two commands never interleave, there are no locks, an accept and an offer timeout simply
arrive in some order, and one disk flush serves many commands (group commit).

If the commit fails, every change of the batch is rolled back in memory and every caller of the
batch gets the error: nothing is half-applied. (A read made while a batch is being committed can
see its changes a moment before they are durable; that is the price of group commit.)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from opencontact.domain.base import Change, Outcome

log = logging.getLogger(__name__)

S = TypeVar("S", bound="Appliable")
T = TypeVar("T")

Commit = Callable[[Sequence[Change]], Awaitable[None]]
Listener = Callable[[Sequence[Change], Sequence[object]], None]

MAX_BATCH = 256


@dataclass(frozen=True)
class Then:
    """An effect that is another command, run at once after the one that asked for it, in the
    same batch (it sees that command's changes), e.g. routing after a contact is queued."""

    command: Callable[[Any], Outcome[Any]]


class Appliable(Protocol):
    def apply(self, changes: Sequence[Change]) -> None: ...

    def inverse(self, changes: Sequence[Change]) -> list[Change]: ...


class WriterClosed(Exception):
    """The writer was closed (its instance deleted or the server stopping)."""


@dataclass
class _Hold:
    acquired: asyncio.Future[None]
    released: asyncio.Future[None]


@dataclass
class _Command:
    run: Callable[[Any], Outcome[Any]]
    future: asyncio.Future[Any]


@dataclass
class _Done:
    command: _Command | None  # None for a follow-up command: nobody waits for it
    outcome: Outcome[Any]
    undo: list[Change] = field(default_factory=list)


class SingleWriter(Generic[S]):
    def __init__(self, state: S, commit: Commit, name: str) -> None:
        self.state = state
        self._commit = commit
        self._name = name
        self._inbox: asyncio.Queue[_Command | _Hold] = asyncio.Queue()
        self._listeners: list[Listener] = []
        self._closed = False
        self._busy = False
        self._task = asyncio.get_running_loop().create_task(self._serve(), name=name)

    @property
    def idle(self) -> bool:
        """Nothing queued (a command being run counts as queued until it is answered)."""
        return self._inbox.empty() and not self._busy

    def subscribe(self, listener: Listener) -> None:
        """Call `listener(changes, effects)` after every batch, once it is durable and applied."""
        self._listeners.append(listener)

    async def execute(self, command: Callable[[S], Outcome[T]]) -> T:
        if self._closed:
            raise WriterClosed(self._name)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._inbox.put_nowait(_Command(command, future))
        return await future

    def submit(self, command: Callable[[S], Outcome[Any]]) -> None:
        """Queue a command nobody waits for (timers, carrier events); its errors are logged."""
        if self._closed:
            return
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.add_done_callback(self._log_failure)
        self._inbox.put_nowait(_Command(command, future))

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[Held[S]]:
        """Stop the writer between two batches and hand its state to the caller, who may then
        change it through the handle while no command of this writer runs. For changes that
        span two writers (hold both, in a fixed order)."""
        if self._closed:
            raise WriterClosed(self._name)
        loop = asyncio.get_running_loop()
        hold = _Hold(loop.create_future(), loop.create_future())
        self._inbox.put_nowait(hold)
        await hold.acquired
        try:
            yield Held(self)
        finally:
            hold.released.set_result(None)

    async def close(self) -> None:
        """Finish the commands already queued, then stop."""
        if self._closed:
            return
        self._closed = True
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._inbox.put_nowait(_Command(lambda _state: Outcome(None), done))
        await done
        self._task.cancel()

    async def _serve(self) -> None:
        while True:
            item = await self._inbox.get()
            if isinstance(item, _Hold):
                await self._held(item)
                continue
            self._busy = True
            batch = [item]
            while len(batch) < MAX_BATCH and not self._inbox.empty():
                following = self._inbox.get_nowait()
                if isinstance(following, _Hold):
                    await self._run_batch(batch)
                    await self._held(following)
                    batch = []
                    break
                batch.append(following)
            if batch:
                await self._run_batch(batch)
            self._busy = False

    async def _held(self, hold: _Hold) -> None:
        if not hold.acquired.cancelled():
            hold.acquired.set_result(None)
            await hold.released

    def _run(self, command: _Command, done: list[_Done]) -> None:
        """Run a command and the commands it asks to follow it; all or none of them apply."""
        applied: list[_Done] = []
        pending: list[Callable[[Any], Outcome[Any]]] = [command.run]
        try:
            while pending:
                outcome = pending.pop(0)(self.state)
                undo = self.state.inverse(outcome.changes) if outcome.changes else []
                self.state.apply(outcome.changes)
                applied.append(_Done(command, outcome, undo))
                pending[:0] = [e.command for e in outcome.effects if isinstance(e, Then)]
        except Exception:
            for finished in reversed(applied):
                self.state.apply(finished.undo)
            raise
        for position, finished in enumerate(applied):
            # The caller's answer is the first command's value.
            done.append(finished if position == 0 else _Done(None, finished.outcome, finished.undo))

    async def _run_batch(self, batch: list[_Command]) -> None:
        done: list[_Done] = []
        for command in batch:
            if command.future.cancelled():
                continue
            try:
                self._run(command, done)
            except Exception as error:  # the caller gets the error; the batch goes on
                if not command.future.done():
                    command.future.set_exception(error)
        changes = [change for d in done for change in d.outcome.changes]
        if changes:
            try:
                await self._commit(changes)
            except Exception as error:
                for finished in reversed(done):
                    self.state.apply(finished.undo)
                for finished in done:
                    if finished.command and not finished.command.future.done():
                        finished.command.future.set_exception(error)
                return
        effects = [e for d in done for e in d.outcome.effects if not isinstance(e, Then)]
        if changes or effects:
            self._announce(changes, effects)
        for finished in done:
            if finished.command and not finished.command.future.done():
                finished.command.future.set_result(finished.outcome.value)

    def _announce(self, changes: Sequence[Change], effects: Sequence[object]) -> None:
        for listener in self._listeners:
            try:
                listener(changes, effects)
            except Exception:
                log.exception("listener of %s failed", self._name)

    def _applied(self, changes: Sequence[Change]) -> None:
        self.state.apply(changes)
        self._announce(changes, ())

    def _log_failure(self, future: asyncio.Future[Any]) -> None:
        if not future.cancelled() and future.exception() is not None:
            log.warning("%s: a background command failed: %s", self._name, future.exception())


class Held(Generic[S]):
    """A held writer's state, and the way to apply changes to it once they are durable."""

    def __init__(self, writer: SingleWriter[S]) -> None:
        self._writer = writer

    @property
    def state(self) -> S:
        return self._writer.state

    def apply(self, changes: Sequence[Change]) -> None:
        self._writer._applied(changes)
