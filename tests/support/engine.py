"""A whole OpenContact in the test's own event loop, on a virtual clock: the demo instance,
the simulated carrier for customers and outside numbers, and the engine's commands for agents.

    async with contact_center(tmp_path) as cc:
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx

from opencontact.app import Runtime, start
from opencontact.clock import VirtualClock
from opencontact.config import Settings
from opencontact.domain.agents import Agent
from opencontact.domain.base import Outcome
from opencontact.domain.contacts import Contact
from opencontact.domain.users import User
from opencontact.engine import commands
from opencontact.engine.commands import Command
from opencontact.engine.state import InstanceState
from opencontact.engine.views import agent_view

T = TypeVar("T")

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # a Monday, 09:00 in New York


class ContactCenterUnderTest:
    def __init__(self, runtime: Runtime, clock: VirtualClock) -> None:
        self.runtime = runtime
        self.clock = clock
        self.carrier = runtime.carrier
        assert runtime.demo is not None
        self.instance_id = runtime.demo.instance.id
        self.demo_number = runtime.demo.phone_number

    @property
    def state(self) -> InstanceState:
        return self.runtime.center.state(self.instance_id)

    def user_id(self, username: str) -> str:
        user = self.state.directory.find_by_name(User, username)
        assert user is not None, username
        return user.id

    async def run(self, command: Command[T]) -> T:
        """Run an engine command as the API would, then let everything it set off happen."""
        env = self.runtime.center.env(self.state.instance.region)
        result = await self.runtime.center.live(
            self.instance_id, None, lambda state: command(state, env)
        )
        await self.settle()
        return result

    async def settle(self) -> None:
        """Until the engine has nothing left to do at this moment (no sleeping: the writer
        reports when its queue is empty)."""
        writer = self.runtime.center.writer(self.instance_id)
        for _ in range(1000):
            await writer.execute(_noop)
            if writer.idle:
                return
        raise AssertionError("the engine did not settle")

    async def advance(self, seconds: float) -> None:
        """Move the virtual clock on, firing timers in order, and let the engine catch up."""
        step = 1.0
        remaining = seconds
        while remaining > 0:
            self.clock.advance(min(step, remaining))
            remaining -= step
            await self.settle()

    async def available(self, username: str) -> Agent:
        return await self.run(commands.set_status(self.user_id(username), "Available"))

    def agent(self, username: str) -> dict[str, Any]:
        agent = self.state.live.agent(self.user_id(username))
        assert agent is not None, f"{username} has no live state yet"
        return agent_view(self.state, agent)

    def contact(self, contact_id: str) -> Contact:
        found = self.state.live.contact(contact_id)
        assert found is not None, f"contact {contact_id} is not in progress"
        return found

    async def record(self, contact_id: str) -> Contact:
        """The contact's stored record (the contact as it was last made durable)."""
        found = await self.runtime.store.contact(self.instance_id, contact_id)
        assert found is not None, f"contact {contact_id} has no record"
        return found

    def heard(self, leg_id: str) -> list[str]:
        return [h.text for h in self.carrier.call(leg_id).heard]

    def contact_of_call(self, leg_id: str) -> str:
        contact_id = self.runtime.engine.legs.contact_of(leg_id)
        assert contact_id is not None
        return contact_id


def _noop(_state: InstanceState) -> Outcome[None]:
    return Outcome(None)


@asynccontextmanager
async def contact_center(
    data_dir: Path,
    lambda_transport: httpx.AsyncBaseTransport | None = None,
    start_at: datetime = START,
    **settings: Any,
) -> AsyncIterator[ContactCenterUnderTest]:
    """`start_at`: the clock's time (a later one, to restart on the same data dir later)."""
    clock = VirtualClock(start_at)
    runtime = await start(
        Settings(data_dir=data_dir, demo=True, **settings), clock, lambda_transport=lambda_transport
    )
    try:
        yield ContactCenterUnderTest(runtime, clock)
    finally:
        await runtime.close()
