"""A single writer: the one place where a piece of state changes.

Every command for the state goes through `execute`, which queues it; one task takes the queue
in order, runs the command against the current state, commits its changes to the store and
only then applies them in memory and resolves the caller. Two commands never interleave, so
there are no locks and no races (an accept and an offer timeout simply arrive in some order).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from opencontact.domain.base import Change, Outcome

log = logging.getLogger(__name__)

S = TypeVar("S", bound="Appliable")
T = TypeVar("T")

Commit = Callable[[Sequence[Change]], Awaitable[None]]
Listener = Callable[[Sequence[Change]], None]


class Appliable(Protocol):
    def apply(self, changes: Sequence[Change]) -> None: ...


class WriterClosed(Exception):
    """The writer was closed (its instance deleted or the server stopping)."""


@dataclass
class _Hold:
    acquired: asyncio.Future[None]
    released: asyncio.Future[None]


_Command = tuple[Callable[[Any], Outcome[Any]], asyncio.Future[Any]]


class SingleWriter(Generic[S]):
    def __init__(self, state: S, commit: Commit, name: str) -> None:
        self.state = state
        self._commit = commit
        self._name = name
        self._inbox: asyncio.Queue[_Command | _Hold] = asyncio.Queue()
        self._listeners: list[Listener] = []
        self._closed = False
        self._task = asyncio.get_running_loop().create_task(self._serve(), name=name)

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with every batch of changes once it is durable and applied."""
        self._listeners.append(listener)

    async def execute(self, command: Callable[[S], Outcome[T]]) -> T:
        if self._closed:
            raise WriterClosed(self._name)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._inbox.put_nowait((command, future))
        return await future

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[Held[S]]:
        """Stop the writer between two commands and hand its state to the caller, who may then
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
        self._inbox.put_nowait((lambda _state: Outcome(None), done))
        await done
        self._task.cancel()

    async def _serve(self) -> None:
        while True:
            item = await self._inbox.get()
            if isinstance(item, _Hold):
                if not item.acquired.cancelled():
                    item.acquired.set_result(None)
                    await item.released
                continue
            command, future = item
            if future.cancelled():
                continue
            try:
                outcome = command(self.state)
                if outcome.changes:
                    await self._commit(outcome.changes)
                    self._applied(outcome.changes)
            except Exception as error:  # the caller gets the error; the writer lives on
                if not future.done():
                    future.set_exception(error)
                continue
            if not future.done():
                future.set_result(outcome.value)

    def _applied(self, changes: Sequence[Change]) -> None:
        self.state.apply(changes)
        self._announce(changes)

    def _announce(self, changes: Sequence[Change]) -> None:
        for listener in self._listeners:
            try:
                listener(changes)
            except Exception:
                log.exception("listener of %s failed", self._name)


class Held(Generic[S]):
    """A held writer's state, and the way to apply changes to it once they are durable."""

    def __init__(self, writer: SingleWriter[S]) -> None:
        self._writer = writer

    @property
    def state(self) -> S:
        return self._writer.state

    def apply(self, changes: Sequence[Change]) -> None:
        self._writer._applied(changes)
