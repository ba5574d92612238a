"""Hypothesis walks the contact and agent state machines through the engine: customers call and
hang up, tasks arrive, agents pick statuses, accept, reject, hold, resume, pause, end and close
in any order, and time passes. After every step the live state must be consistent, and a
refused action must have changed nothing."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLegState, ContactState
from opencontact.domain.errors import DomainError
from opencontact.domain.quick_connects import QuickConnect
from opencontact.engine import commands
from tests.support.engine import ContactCenterUnderTest, contact_center

AGENTS = ("agent1", "agent2")
STATUSES = ("Available", "Offline")
ACTIONS = ("accept", "reject", "hold", "resume", "end", "close", "pause")


class ContactCenterMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = tempfile.TemporaryDirectory()
        self.context = contact_center(Path(self.folder.name))
        self.cc: ContactCenterUnderTest = self.loop.run_until_complete(self.context.__aenter__())
        self.calls: list[str] = []
        self.numbers = iter(range(100, 10_000))

    def teardown(self) -> None:
        self.loop.run_until_complete(self.context.__aexit__(None, None, None))
        self.loop.close()
        self.folder.cleanup()

    def _run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def _snapshot(self) -> tuple[dict[str, Any], dict[str, Any]]:
        live = self.cc.state.live
        return dict(live.contacts), dict(live.agents)

    @rule(agent=st.sampled_from(AGENTS), status=st.sampled_from(STATUSES))
    def choose_status(self, agent: str, status: str) -> None:
        self._run(self.cc.run(commands.set_status(self.cc.user_id(agent), status)))

    async def _place_call(self, number: str) -> str:
        # The carrier reports to the engine on the event loop, so customers act inside it.
        leg = self.cc.carrier.place_call(number, self.cc.demo_number)
        await self.cc.settle()
        return leg

    async def _hang_up(self, leg: str) -> None:
        self.cc.carrier.party_hangs_up(leg)
        await self.cc.settle()

    @rule()
    def customer_calls(self) -> None:
        number = f"+1555555{next(self.numbers):04d}"
        self.calls.append(self._run(self._place_call(number)))
        event("a customer called")

    @rule()
    def a_task_arrives(self) -> None:
        quick_connect = self.cc.state.directory.find_by_name(QuickConnect, "BasicQueue qc")
        assert quick_connect is not None
        self._run(
            self.cc.run(
                commands.start_task(
                    name="Follow up",
                    description=None,
                    quick_connect_id=quick_connect.id,
                    flow_id=None,
                    previous_contact_id=None,
                    references={},
                    attributes={},
                )
            )
        )
        event("a task arrived")

    @precondition(lambda self: bool(self.calls))
    @rule(data=st.data())
    def customer_hangs_up(self, data: st.DataObject) -> None:
        leg = data.draw(st.sampled_from(self.calls))
        if self.cc.carrier.call(leg).state != "ended":
            self._run(self._hang_up(leg))

    @rule(agent=st.sampled_from(AGENTS), action=st.sampled_from(ACTIONS), data=st.data())
    def agent_acts(self, agent: str, action: str, data: st.DataObject) -> None:
        contacts = sorted(self.cc.state.live.contacts)
        if not contacts:
            return
        contact_id = data.draw(st.sampled_from(contacts))
        before = self._snapshot()
        try:
            self._run(self.cc.run(getattr(commands, action)(self.cc.user_id(agent), contact_id)))
            event(f"{action} done")
        except DomainError:
            assert self._snapshot() == before, f"a refused {action} changed the state"

    @rule(agent=st.sampled_from(AGENTS), action=st.sampled_from(ACTIONS), data=st.data())
    def agent_acts_on_their_contact(self, agent: str, action: str, data: st.DataObject) -> None:
        """Mostly what agents do: act on a contact that is theirs."""
        user_id = self.cc.user_id(agent)
        theirs = sorted(c.id for c in self.cc.state.live.contacts.values() if c.agent_id == user_id)
        if not theirs:
            return
        contact_id = data.draw(st.sampled_from(theirs))
        before = self._snapshot()
        try:
            self._run(self.cc.run(getattr(commands, action)(user_id, contact_id)))
            event(f"{action} done")
        except DomainError:
            assert self._snapshot() == before, f"a refused {action} changed the state"

    @rule(seconds=st.integers(min_value=1, max_value=40))
    def time_passes(self, seconds: int) -> None:
        self._run(self.cc.advance(seconds))
        for agent in self.cc.state.live.agents.values():
            if agent.system_state is not None:
                event(f"an agent is {agent.system_state.value}")

    @invariant()
    def contacts_and_agents_agree(self) -> None:
        live = self.cc.state.live
        for agent in live.agents.values():
            assert len(set(agent.contact_ids)) == len(agent.contact_ids)
            for contact_id in agent.contact_ids:
                contact = live.contacts.get(contact_id)
                assert contact is not None, "an agent holds a contact that is over"
                assert contact.agent_id == agent.id
            voice = [c for c in agent.contact_ids if live.contacts[c].channel is Channel.VOICE]
            assert len(voice) <= 1, "more calls than the routing profile allows"
            task_legs = [
                live.contacts[c].agent
                for c in agent.contact_ids
                if live.contacts[c].channel is Channel.TASK
            ]
            offered = [leg for leg in task_legs if leg and leg.state is AgentLegState.OFFERED]
            assert len(offered) <= 1, "more task offers than the routing profile allows"
        for contact in live.contacts.values():
            if contact.agent_id is not None:
                assert contact.id in live.agents[contact.agent_id].contact_ids

    @invariant()
    def contact_states_are_consistent(self) -> None:
        for contact in self.cc.state.live.contacts.values():
            leg = contact.agent
            if contact.state is ContactState.QUEUED:
                assert leg is None or leg.state is AgentLegState.CLOSED
            elif contact.state is ContactState.OFFERED:
                assert leg is not None
                assert leg.state in (AgentLegState.OFFERED, AgentLegState.CONNECTING)
            elif contact.state is ContactState.CONNECTED:
                assert leg is not None
                assert leg.state in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD)
                assert contact.customer_on_hold == (leg.state is AgentLegState.ON_HOLD)
            elif contact.state is ContactState.PAUSED:
                assert contact.channel is Channel.TASK
                assert leg is None or leg.state is AgentLegState.PAUSED
            elif contact.state is ContactState.ENDED:
                assert leg is not None
                assert leg.state is AgentLegState.AFTER_CONTACT_WORK

    @invariant()
    def calls_match_their_contacts(self) -> None:
        for contact in self.cc.state.live.contacts.values():
            if contact.customer_leg is None:
                continue
            call = self.cc.carrier.call(contact.customer_leg).state
            if contact.state is ContactState.ENDED:
                assert call == "ended"
            elif contact.customer_on_hold:
                assert call == "on_hold"
            else:
                assert call == "connected"


TestContactCenterStateMachines = ContactCenterMachine.TestCase
TestContactCenterStateMachines.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
