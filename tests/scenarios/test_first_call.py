"""The seed's agent basics: a customer calls, waits in BasicQueue, an agent takes the call,
holds and resumes it, ends it and does after-contact work; missed and rejected offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.domain.contacts import DisconnectReason
from opencontact.domain.errors import InvalidRequest
from opencontact.engine import commands
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"


async def _offered_call(cc: ContactCenterUnderTest, username: str = "agent1") -> tuple[str, str]:
    await cc.available(username)
    call = cc.carrier.place_call(CUSTOMER, cc.demo_number)
    await cc.settle()
    return call, cc.contact_of_call(call)


async def test_a_call_through_the_sample_flow_reaches_an_available_agent(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call, contact_id = await _offered_call(cc)
        heard = cc.heard(call)
        assert heard[0].startswith("Thank you for calling")
        assert cc.carrier.call(call).state == "connected"

        view = cc.agent("agent1")
        assert view["state"] == "Incoming"
        [offered] = view["contacts"]
        assert offered["customer"]["phoneNumber"] == CUSTOMER
        assert offered["queue"]["name"] == "BasicQueue"

        await cc.run(commands.accept(cc.user_id("agent1"), contact_id))
        view = cc.agent("agent1")
        assert view["state"] == "On contact"
        contact = cc.contact(contact_id)
        assert contact.agent is not None
        assert contact.agent.leg_id is not None
        assert cc.carrier.talking_with(call) == frozenset({contact.agent.leg_id})


async def test_hold_and_resume(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        call, contact_id = await _offered_call(cc)
        await cc.run(commands.accept(agent1, contact_id))
        await cc.run(commands.hold(agent1, contact_id))
        assert cc.agent("agent1")["state"] == "On hold"
        assert cc.carrier.call(call).state == "on_hold"
        heard_before = len(cc.heard(call))
        await cc.advance(30)
        assert len(cc.heard(call)) > heard_before  # hold music plays on

        await cc.run(commands.resume(agent1, contact_id))
        assert cc.agent("agent1")["state"] == "On contact"
        assert cc.carrier.call(call).state == "connected"
        contact = cc.contact(contact_id)
        assert contact.agent is not None
        assert contact.agent.hold_count == 1
        assert contact.agent.hold_seconds == pytest.approx(30, abs=1)


async def test_ending_a_call_leads_to_after_contact_work_until_closed(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        call, contact_id = await _offered_call(cc)
        await cc.run(commands.accept(agent1, contact_id))
        await cc.run(commands.end(agent1, contact_id))
        assert cc.carrier.call(call).state == "ended"
        view = cc.agent("agent1")
        assert view["state"] == "After contact work"
        await cc.advance(600)  # no limit: ACW lasts until the agent closes it
        assert cc.agent("agent1")["state"] == "After contact work"
        await cc.run(commands.close(agent1, contact_id))
        view = cc.agent("agent1")
        assert view["state"] == "Available"
        assert view["contacts"] == []
        record = await cc.record(contact_id)
        assert record.disconnect_reason is DisconnectReason.AGENT_DISCONNECT


async def test_a_missed_offer_goes_to_the_next_agent_and_the_agent_shows_missed(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        call, contact_id = await _offered_call(cc, "agent1")
        first = cc.contact(contact_id).agent
        assert first is not None
        missing = "agent2" if first.user_id == cc.user_id("agent2") else "agent1"
        other = "agent1" if missing == "agent2" else "agent2"
        await cc.advance(20)
        assert cc.agent(missing)["state"] == "Missed"
        assert cc.agent(other)["state"] == "Incoming"
        # Missed: nothing more until the agent sets a status again.
        await cc.run(commands.set_status(cc.user_id(missing), "Available"))
        assert cc.agent(missing)["state"] == "Available"
        del call


async def test_a_rejected_offer_goes_back_to_the_queue(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        _call, contact_id = await _offered_call(cc)
        await cc.run(commands.reject(agent1, contact_id))
        assert cc.agent("agent1")["state"] == "Rejected"
        assert cc.contact(contact_id).state.value == "QUEUED"
        await cc.available("agent2")
        assert cc.agent("agent2")["state"] == "Incoming"


async def test_accepting_twice_or_holding_an_offer_is_refused(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        _call, contact_id = await _offered_call(cc)
        with pytest.raises(InvalidRequest, match="cannot put the customer on hold"):
            await cc.run(commands.hold(agent1, contact_id))
        await cc.run(commands.accept(agent1, contact_id))
        with pytest.raises(InvalidRequest, match="cannot accept"):
            await cc.run(commands.accept(agent1, contact_id))
        assert cc.agent("agent1")["state"] == "On contact"
