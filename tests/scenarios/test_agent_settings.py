"""Agent settings from the seed: auto-accept, desk phones, after-contact-work limits, and
dialling out from the number pad with the region's rules."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from opencontact.domain.base import Channel, Outcome, Put
from opencontact.domain.errors import AccessDenied, DestinationNotAllowed
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.user_settings import ChannelConfig, PhoneType
from opencontact.domain.users import User
from opencontact.engine import commands
from opencontact.engine.state import InstanceState
from opencontact.telephony.sim_calls import AnswerMode, NumberBehaviour
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"
DESK = "+12065550142"


async def _configure(cc: ContactCenterUnderTest, username: str, **changes: object) -> None:
    user_id = cc.user_id(username)

    def command(state: InstanceState, _env: object) -> Outcome[None]:
        user = state.directory.require(User, user_id)
        return Outcome(None, [Put(replace(user, **changes))])  # type: ignore[arg-type]

    await cc.run(command)


async def test_a_softphone_agent_with_auto_accept_is_connected_without_clicking(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await _configure(cc, "agent1", channel_configs={Channel.VOICE: ChannelConfig(True, 0)})
        await cc.available("agent1")
        call = cc.carrier.place_call(CUSTOMER, cc.demo_number)
        await cc.settle()
        assert cc.agent("agent1")["state"] == "On contact"
        assert cc.carrier.call(call).state == "connected"


async def test_a_desk_phone_agent_is_rung_on_their_number(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _configure(cc, "agent1", phone_type=PhoneType.DESK_PHONE, desk_phone_number=DESK)
        await cc.available("agent1")
        call = cc.carrier.place_call(CUSTOMER, cc.demo_number)
        await cc.settle()
        [ringing] = cc.carrier.calls_at(DESK)
        assert ringing.state == "ringing"
        assert cc.agent("agent1")["state"] == "Incoming"
        cc.carrier.party_answers(ringing.call_id)
        await cc.settle()
        assert cc.agent("agent1")["state"] == "On contact"
        assert cc.carrier.talking_with(call) == frozenset({ringing.call_id})


async def test_a_desk_phone_left_ringing_is_a_missed_call(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _configure(cc, "agent1", phone_type=PhoneType.DESK_PHONE, desk_phone_number=DESK)
        await cc.available("agent1")
        cc.carrier.place_call(CUSTOMER, cc.demo_number)
        await cc.settle()
        await cc.advance(21)
        assert cc.agent("agent1")["state"] == "Missed"
        assert all(call.state == "ended" for call in cc.carrier.calls_at(DESK))


async def test_after_contact_work_ends_by_itself_after_the_users_limit(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await _configure(cc, "agent1", channel_configs={Channel.VOICE: ChannelConfig(False, 30)})
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        cc.carrier.place_call(CUSTOMER, cc.demo_number)
        await cc.settle()
        [contact] = cc.agent("agent1")["contacts"]
        await cc.run(commands.accept(agent1, contact["contactId"]))
        await cc.run(commands.end(agent1, contact["contactId"]))
        [acw] = cc.agent("agent1")["contacts"]
        assert acw["afterContactWorkEndsAt"] is not None
        await cc.advance(29)
        assert cc.agent("agent1")["state"] == "After contact work"
        await cc.advance(2)
        assert cc.agent("agent1")["state"] == "Available"


async def test_a_status_chosen_on_a_call_applies_when_the_contact_is_closed(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        cc.carrier.place_call(CUSTOMER, cc.demo_number)
        await cc.settle()
        [contact] = cc.agent("agent1")["contacts"]
        await cc.run(commands.accept(agent1, contact["contactId"]))
        await cc.run(commands.set_status(agent1, "Offline"))
        view = cc.agent("agent1")
        assert view["state"] == "On contact"
        assert view["nextStatus"]["name"] == "Offline"
        await cc.run(commands.end(agent1, contact["contactId"]))
        await cc.run(commands.close(agent1, contact["contactId"]))
        assert cc.agent("agent1")["state"] == "Offline"


async def test_an_agent_dials_out_from_the_number_pad_even_when_offline(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        cc.carrier.configure_number("+12065550199", NumberBehaviour(AnswerMode.MANUAL))
        contact = await cc.run(commands.dial(agent1, "(206) 555-0199"))
        assert contact.customer_endpoint is not None
        assert contact.customer_endpoint.address == "+12065550199"
        [ringing] = cc.carrier.calls_at("+12065550199")
        assert ringing.from_number == cc.demo_number
        cc.carrier.party_answers(ringing.call_id)
        await cc.settle()
        view = cc.agent("agent1")
        assert view["state"] == "On contact"
        await cc.run(commands.end(agent1, contact.id))
        await cc.run(commands.close(agent1, contact.id))
        assert cc.agent("agent1")["state"] == "Offline"  # back to the status dialled from


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("+447700900123", "+447"),  # a UK mobile from us-east-1
        ("+33612345678", "not allowed"),  # France is not in us-east-1's countries
        ("911", "emergency"),
        ("112", "emergency"),
        ("+1 911", "emergency"),
    ],
)
async def test_numbers_the_region_does_not_allow_are_refused(
    tmp_path: Path, number: str, words: str
) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        with pytest.raises(DestinationNotAllowed, match=re.escape(words)):
            await cc.run(commands.dial(agent1, number))
        assert cc.state.live.contacts == {}
        assert cc.state.live.agent(agent1) is None  # nothing about the agent changed


async def test_an_agent_without_outbound_permission_cannot_dial(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        quality = cc.state.directory.find_by_name(SecurityProfile, "QualityAnalyst")
        assert quality is not None
        await _configure(cc, "agent1", security_profile_ids=(quality.id,))
        with pytest.raises(AccessDenied, match="outbound"):
            await cc.run(commands.dial(cc.user_id("agent1"), "+12065550199"))
