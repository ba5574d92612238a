"""The seed's first walkthrough: a customer calls, waits in BasicQueue, an agent takes the call,
holds and resumes it, ends it and closes the contact."""

from __future__ import annotations

from pathlib import Path

from opencontact.engine import commands
from tests.support.engine import contact_center


async def test_a_call_through_the_sample_flow_reaches_an_available_agent(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        call = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        print(cc.heard(call))
        contact_id = cc.contact_of_call(call)
        view = cc.agent("agent1")
        print(view)
        assert view["state"] == "Incoming"
        await cc.run(commands.accept(agent1, contact_id))
        view = cc.agent("agent1")
        print(view)
        assert view["state"] == "On contact"
