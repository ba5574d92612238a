"""A single writer: the one place where a piece of state changes.

Every command for the state goes through `execute`, which queues it; one task takes the queue
in order, runs the command against the current state, commits its changes to the store and
only then applies them in memory and resolves the caller. Two commands never interleave, so
there are no locks and no races (an accept and an offer timeout simply arrive in some order).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
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


class SingleWriter(Generic[S]):
    def __init__(self, state: S, commit: Commit, name: str) -> None:
        self.state = state
        self._commit = commit
        self._name = name
        self._inbox: asyncio.Queue[tuple[Callable[[S], Outcome[Any]], asyncio.Future[Any]]] = (
            asyncio.Queue()
        )
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
            command, future = await self._inbox.get()
            if future.cancelled():
                continue
            try:
                outcome = command(self.state)
                if outcome.changes:
                    await self._commit(outcome.changes)
                    self.state.apply(outcome.changes)
                    self._announce(outcome.changes)
            except Exception as error:  # the caller gets the error; the writer lives on
                if not future.done():
                    future.set_exception(error)
                continue
            if not future.done():
                future.set_result(outcome.value)

    def _announce(self, changes: Sequence[Change]) -> None:
        for listener in self._listeners:
            try:
                listener(changes)
            except Exception:
                log.exception("listener of %s failed", self._name)
