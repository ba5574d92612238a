"""The seed's quick-connect walkthrough: an agent transfers a call to another agent, to a queue
and to a phone number; joins, holds everyone, swaps and leaves; and what happens when the
customer hangs up or the other agent misses the transfer."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.domain.contacts import DisconnectReason, PartyState
from opencontact.domain.quick_connects import QuickConnect
from opencontact.engine import commands
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"
SUPERVISOR = "+15555550123"


class Call:
    """agent1 on a call with a customer, both Available agents."""

    def __init__(self, cc: ContactCenterUnderTest, leg: str, contact_id: str) -> None:
        self.cc = cc
        self.leg = leg
        self.contact_id = contact_id
        self.agent1 = cc.user_id("agent1")
        self.agent2 = cc.user_id("agent2")

    def quick_connect(self, name: str) -> str:
        found = self.cc.state.directory.find_by_name(QuickConnect, name)
        assert found is not None
        return found.id

    def agent_leg(self, contact_id: str) -> str:
        leg = self.cc.contact(contact_id).agent
        assert leg is not None
        assert leg.leg_id is not None
        return leg.leg_id


async def _agent1_on_a_call(cc: ContactCenterUnderTest) -> Call:
    await cc.available("agent1")
    leg = cc.carrier.place_call(CUSTOMER, cc.demo_number)
    await cc.settle()
    contact_id = cc.contact_of_call(leg)
    call = Call(cc, leg, contact_id)
    await cc.run(commands.accept(call.agent1, contact_id))
    return call


def _party(cc: ContactCenterUnderTest, contact_id: str) -> dict[str, object]:
    [contact] = [c for c in cc.agent("agent1")["contacts"] if c["contactId"] == contact_id]
    [party] = contact["thirdParties"]
    found: dict[str, object] = party
    return found


async def test_transfer_to_an_agent_then_join_hold_all_swap_and_leave(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        agent1_leg = call.agent_leg(call.contact_id)
        await cc.available("agent2")
        await cc.run(
            commands.transfer(
                call.agent1,
                call.contact_id,
                quick_connect_id=call.quick_connect("agent2 qc"),
                phone_number=None,
            )
        )
        # The customer waits on hold; agent1 hears the transfer flow; agent2 is offered it.
        assert cc.carrier.call(call.leg).state == "on_hold"
        assert "Transferring now..." in cc.heard(agent1_leg)
        party = _party(cc, call.contact_id)
        assert party["kind"] == "AGENT"
        assert party["label"] == "agent2"
        assert party["state"] == "CONNECTING"
        assert cc.agent("agent2")["state"] == "Incoming"

        [transfer] = cc.agent("agent2")["contacts"]
        assert transfer["initiationMethod"] == "TRANSFER"
        assert transfer["previousContactId"] == call.contact_id
        # The Sample inbound flow turned flow logs on; the transfer segment inherits that.
        logs = await cc.runtime.store.flow_logs(cc.instance_id, transfer["contactId"])
        assert {r.flow_name for r in logs} >= {"Default agent transfer"}
        await cc.run(commands.accept(call.agent2, transfer["contactId"]))
        agent2_leg = call.agent_leg(transfer["contactId"])
        assert _party(cc, call.contact_id)["state"] == "CONNECTED"
        assert cc.carrier.talking_with(agent1_leg) == frozenset({agent2_leg})

        await cc.run(commands.swap(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(agent1_leg) == frozenset({call.leg})
        assert _party(cc, call.contact_id)["state"] == "ON_HOLD"
        await cc.run(commands.swap(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(agent1_leg) == frozenset({agent2_leg})

        await cc.run(commands.join(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(call.leg) == frozenset({agent1_leg, agent2_leg})

        await cc.run(commands.hold_all(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(agent1_leg) == frozenset()
        assert cc.carrier.call(call.leg).state == "on_hold"

        await cc.run(commands.join(call.agent1, call.contact_id))
        await cc.run(commands.leave(call.agent1, call.contact_id))
        assert cc.agent("agent1")["state"] == "After contact work"
        assert cc.carrier.talking_with(call.leg) == frozenset({agent2_leg})
        assert cc.agent("agent2")["state"] == "On contact"
        second = cc.contact(transfer["contactId"])
        assert second.customer_leg == call.leg
        # The customer hangs up: agent2's contact ends too.
        cc.carrier.party_hangs_up(call.leg)
        await cc.settle()
        assert cc.agent("agent2")["state"] == "After contact work"
        first = await cc.record(call.contact_id)
        assert first.disconnect_reason is DisconnectReason.AGENT_DISCONNECT


async def test_transfer_to_a_queue_reaches_any_agent_of_the_queue(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        await cc.run(
            commands.transfer(
                call.agent1,
                call.contact_id,
                quick_connect_id=call.quick_connect("BasicQueue qc"),
                phone_number=None,
            )
        )
        party = _party(cc, call.contact_id)
        assert party["kind"] == "QUEUE"
        assert party["label"] == "BasicQueue"
        await cc.available("agent2")
        [transfer] = cc.agent("agent2")["contacts"]
        await cc.run(commands.accept(call.agent2, transfer["contactId"]))
        assert _party(cc, call.contact_id)["state"] == "CONNECTED"
        await cc.run(commands.leave(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(call.leg) == frozenset(
            {call.agent_leg(transfer["contactId"])}
        )


async def test_transfer_to_a_phone_number_then_leave(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        agent1_leg = call.agent_leg(call.contact_id)
        await cc.run(
            commands.transfer(
                call.agent1,
                call.contact_id,
                quick_connect_id=call.quick_connect("Supervisor mobile"),
                phone_number=None,
            )
        )
        [ringing] = cc.carrier.calls_at(SUPERVISOR)
        assert _party(cc, call.contact_id)["state"] == "CONNECTING"
        cc.carrier.party_answers(ringing.call_id)
        await cc.settle()
        assert _party(cc, call.contact_id)["state"] == "CONNECTED"
        assert cc.carrier.talking_with(agent1_leg) == frozenset({ringing.call_id})
        await cc.run(commands.leave(call.agent1, call.contact_id))
        assert cc.agent("agent1")["state"] == "After contact work"
        assert cc.carrier.talking_with(call.leg) == frozenset({ringing.call_id})
        cc.carrier.party_hangs_up(call.leg)
        await cc.settle()
        assert cc.carrier.call(ringing.call_id).state == "ended"


async def test_a_typed_number_outside_the_region_is_refused(tmp_path: Path) -> None:
    from opencontact.domain.errors import DestinationNotAllowed

    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        with pytest.raises(DestinationNotAllowed):
            await cc.run(
                commands.transfer(
                    call.agent1, call.contact_id, quick_connect_id=None, phone_number="999"
                )
            )
        assert cc.carrier.call(call.leg).state == "connected"  # nothing changed
        assert cc.agent("agent1")["contacts"][0]["thirdParties"] == []


async def test_a_transfer_the_other_agent_misses_can_be_cancelled(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        await cc.available("agent2")
        await cc.run(
            commands.transfer(
                call.agent1,
                call.contact_id,
                quick_connect_id=call.quick_connect("agent2 qc"),
                phone_number=None,
            )
        )
        await cc.advance(21)
        assert cc.agent("agent2")["state"] == "Missed"
        party = _party(cc, call.contact_id)
        assert party["state"] == "CONNECTING"  # still waiting in agent2's queue
        await cc.run(commands.end_party(call.agent1, call.contact_id, str(party["id"])))
        await cc.run(commands.resume(call.agent1, call.contact_id))
        assert cc.carrier.talking_with(call.leg) == frozenset({call.agent_leg(call.contact_id)})


async def test_the_customer_hangs_up_while_on_hold(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        await cc.run(commands.hold(call.agent1, call.contact_id))
        cc.carrier.party_hangs_up(call.leg)
        await cc.settle()
        assert cc.agent("agent1")["state"] == "After contact work"
        record = await cc.record(call.contact_id)
        assert record.disconnect_reason is DisconnectReason.CUSTOMER_DISCONNECT


async def test_the_customer_hangs_up_during_a_transfer(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        call = await _agent1_on_a_call(cc)
        await cc.available("agent2")
        await cc.run(
            commands.transfer(
                call.agent1,
                call.contact_id,
                quick_connect_id=call.quick_connect("agent2 qc"),
                phone_number=None,
            )
        )
        assert cc.agent("agent2")["state"] == "Incoming"
        cc.carrier.party_hangs_up(call.leg)
        await cc.settle()
        assert cc.agent("agent1")["state"] == "After contact work"
        assert cc.agent("agent2")["state"] == "Available"  # the offer went away
        assert cc.agent("agent2")["contacts"] == []
        assert all(
            p.state is PartyState.DISCONNECTED
            for p in (await cc.record(call.contact_id)).third_parties
        )
