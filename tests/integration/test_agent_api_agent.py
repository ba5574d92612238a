"""The agent's own desk through the API: what GET /agent shows, setting a status, clearing
Missed and Rejected, phone settings, the quick connects usable now, and the number pad.
Every refusal leaves the desk as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusState, create_agent_status
from opencontact.domain.security_profiles import create_security_profile
from opencontact.domain.users import User
from tests.integration.test_agent_api import (
    CUSTOMER,
    AgentApiUnderTest,
    ApiAgent,
    agent_api_center,
)


async def _on_a_call(api: AgentApiUnderTest, agent: ApiAgent) -> str:
    """The agent Available, a customer calling, the agent accepting; returns the contact."""
    await agent.ok("PUT", "/agent/status", {"status": "Available"})
    await api.customer_calls()
    [offered] = (await agent.desk())["contacts"]
    await agent.ok("POST", f"/agent/contacts/{offered['contactId']}/accept")
    await api.cc.settle()
    return str(offered["contactId"])


async def test_a_new_agent_s_desk_shows_offline_statuses_quick_connects_and_settings(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        desk = await agent1.desk()
        assert desk["userId"] == agent1.user_id
        assert desk["username"] == "agent1"
        assert desk["state"] == "Offline"
        assert desk["status"]["name"] == "Offline"
        assert desk["contacts"] == []
        assert [s["name"] for s in desk["statuses"]] == ["Available", "Offline"]
        # Off a contact, only phone numbers can be called.
        assert [q["name"] for q in desk["quickConnects"]] == ["Supervisor mobile"]
        assert desk["settings"] == {
            "phoneType": "SOFT_PHONE",
            "deskPhoneNumber": None,
            "autoAccept": False,
            "afterContactWorkTimeLimit": 0,
        }


# -- status ------------------------------------------------------------------------------------


async def test_an_agent_sets_a_status_by_name_or_by_id(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        desk = await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        assert desk["state"] == "Available"
        assert desk["status"]["type"] == "ROUTABLE"
        offline = api.cc.state.directory.find_by_name(AgentStatus, "Offline")
        assert offline is not None
        desk = await agent1.ok("PUT", "/agent/status", {"status": offline.id})
        assert desk["state"] == "Offline"


async def test_a_custom_status_is_listed_and_can_be_chosen(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        await center.change(
            api.cc.instance_id,
            None,
            lambda d: create_agent_status(
                d, env, name="Lunch", state=AgentStatusState.ENABLED, display_order=3
            ),
        )
        agent1 = await api.login("agent1")
        desk = await agent1.ok("PUT", "/agent/status", {"status": "Lunch"})
        assert "Lunch" in [s["name"] for s in desk["statuses"]]
        assert desk["state"] == "Lunch"
        assert desk["status"]["type"] == "CUSTOM"


async def test_an_unknown_or_disabled_status_is_refused(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        await center.change(
            api.cc.instance_id,
            None,
            lambda d: create_agent_status(d, env, name="Training", state=AgentStatusState.DISABLED),
        )
        agent1 = await api.login("agent1")
        await agent1.refused(
            "PUT", "/agent/status", {"status": "Lunchtime"}, 400, "InvalidParameter", "Lunchtime"
        )
        await agent1.refused(
            "PUT", "/agent/status", {"status": "Training"}, 409, "InvalidRequest", "disabled"
        )
        await agent1.refused("PUT", "/agent/status", {"status": ""}, 400, "InvalidParameter")
        await agent1.refused("PUT", "/agent/status", {}, 400, "InvalidParameter", "status")
        # System states are shown, not chosen.
        await agent1.refused(
            "PUT", "/agent/status", {"status": "Missed"}, 400, "InvalidParameter", "Missed"
        )


async def test_a_status_chosen_on_a_contact_waits_as_the_next_status(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        desk = await agent1.ok("PUT", "/agent/status", {"status": "Offline"})
        assert desk["state"] == "On contact"
        assert desk["nextStatus"]["name"] == "Offline"
        await agent1.ok("POST", f"/agent/contacts/{contact_id}/end")
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/close")
        assert desk["state"] == "Offline"
        assert desk["nextStatus"] is None


# -- Missed, Rejected, dismiss ------------------------------------------------------------------


async def test_a_missed_call_leaves_the_agent_missed_until_they_choose_a_status(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent1.desk())["contacts"]
        assert offered["offerExpiresAt"] is not None
        await api.cc.advance(20)
        desk = await agent1.desk()
        assert desk["state"] == "Missed"
        assert desk["systemState"] == "MISSED"
        assert desk["contacts"] == []
        desk = await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        assert desk["systemState"] is None


async def test_dismiss_clears_rejected_and_does_nothing_otherwise(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        desk = await agent1.ok("POST", "/agent/dismiss")
        assert desk["state"] == "Available"
        await api.customer_calls()
        [offered] = (await agent1.desk())["contacts"]
        desk = await agent1.ok("POST", f"/agent/contacts/{offered['contactId']}/reject")
        assert desk["state"] == "Rejected"
        desk = await agent1.ok("POST", "/agent/dismiss")
        assert desk["systemState"] is None
        # Routable again: the call, back in its queue, rings them once more.
        await api.cc.settle()
        assert (await agent1.desk())["state"] == "Incoming"


# -- phone settings -----------------------------------------------------------------------------


async def test_an_agent_switches_to_a_desk_phone_and_back(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        desk = await agent1.ok(
            "PUT",
            "/agent/settings/phone",
            {"phoneType": "DESK_PHONE", "deskPhoneNumber": "+1 (206) 555-0142"},
        )
        assert desk["settings"]["phoneType"] == "DESK_PHONE"
        assert desk["settings"]["deskPhoneNumber"] == "+12065550142"
        user = api.cc.state.directory.get(User, agent1.user_id)
        assert user is not None
        assert user.desk_phone_number == "+12065550142"
        desk = await agent1.ok("PUT", "/agent/settings/phone", {"phoneType": "SOFT_PHONE"})
        assert desk["settings"]["phoneType"] == "SOFT_PHONE"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"phoneType": "DESK_PHONE"}, "needs a phone number"),
        ({"phoneType": "DESK_PHONE", "deskPhoneNumber": "12345"}, "not an E.164"),
        ({"phoneType": "DESK_PHONE", "deskPhoneNumber": "+447700900123"}, "not allowed"),
        ({"phoneType": "DESK_PHONE", "deskPhoneNumber": "+33142685300"}, "not allowed"),
        ({"phoneType": "DESK_PHONE", "deskPhoneNumber": "911"}, "911"),
        ({"phoneType": "DESK_PHONE", "deskPhoneNumber": "+1911"}, "emergency"),
        ({"phoneType": "CELL_PHONE"}, "phoneType: Input should be 'SOFT_PHONE' or 'DESK_PHONE'"),
        ({"deskPhoneNumber": "+12065550142"}, "phoneType: Field required"),
    ],
)
async def test_a_desk_phone_number_the_instance_may_not_call_is_refused(
    tmp_path: Path, body: dict[str, str], words: str
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.refused("PUT", "/agent/settings/phone", body, 400, "InvalidParameter", words)


# -- quick connects -----------------------------------------------------------------------------


async def test_agents_and_queues_are_quick_connects_only_while_on_a_contact(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        free = (await agent1.call("GET", "/agent/quick-connects")).json()
        assert [(q["name"], q["type"]) for q in free] == [("Supervisor mobile", "PHONE_NUMBER")]
        assert free[0]["phoneNumber"] == "+15555550123"
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        ringing = await agent1.desk()
        assert ringing["state"] == "Incoming"
        assert [q["name"] for q in ringing["quickConnects"]] == ["Supervisor mobile"]
        await agent1.ok("POST", f"/agent/contacts/{ringing['contacts'][0]['contactId']}/accept")
        await api.cc.settle()
        on_call = (await agent1.call("GET", "/agent/quick-connects")).json()
        # Never themself.
        assert [q["name"] for q in on_call] == ["agent2 qc", "BasicQueue qc", "Supervisor mobile"]
        assert (await agent1.desk())["quickConnects"] == on_call


# -- the number pad -----------------------------------------------------------------------------


async def test_an_agent_dials_a_number_from_the_number_pad(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        response = await agent1.call("POST", "/agent/calls", {"phoneNumber": "(206) 555-0100"})
        assert response.status_code == 201
        desk = response.json()
        [contact] = desk["contacts"]
        assert desk["contactId"] == contact["contactId"]
        assert contact["initiationMethod"] == "OUTBOUND"
        assert contact["customer"]["phoneNumber"] == "+12065550100"
        await api.cc.settle()
        [ringing] = api.cc.carrier.calls_at("+12065550100")
        api.cc.carrier.party_answers(ringing.call_id)
        await api.cc.settle()
        assert (await agent1.desk())["state"] == "On contact"


@pytest.mark.parametrize(
    ("number", "status", "code", "words"),
    [
        ("911", 403, "DestinationNotAllowed", "emergency number"),
        ("112", 403, "DestinationNotAllowed", "emergency number"),
        ("+447700900123", 403, "DestinationNotAllowed", "not allowed"),
        ("+33142685300", 403, "DestinationNotAllowed", "not allowed from this instance's region"),
        ("call me", 400, "InvalidParameter", "is not a phone number"),
        ("", 400, "InvalidParameter", "phoneNumber"),
    ],
)
async def test_the_number_pad_refuses_numbers_the_region_may_not_call(
    tmp_path: Path, number: str, status: int, code: str, words: str
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.refused("POST", "/agent/calls", {"phoneNumber": number}, status, code, words)
        assert api.cc.carrier.calls_at("+12065550100") == []


async def test_a_second_call_waits_until_the_first_is_over(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await _on_a_call(api, agent1)
        await agent1.refused(
            "POST", "/agent/calls", {"phoneNumber": "+12065550100"}, 409, "InvalidRequest", "Finish"
        )


async def test_dialling_out_needs_the_outbound_call_permission(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        await center.change(
            api.cc.instance_id,
            None,
            lambda d: create_security_profile(
                d, env, name="InboundOnly", permissions=["BasicAgentAccess"]
            ),
        )
        await api.add_user("inbound", "InboundOnly")
        inbound = await api.login("inbound", "Passw0rd1")
        await inbound.refused(
            "POST",
            "/agent/calls",
            {"phoneNumber": "+12065550100"},
            403,
            "AccessDenied",
            "outbound calls",
        )


async def test_the_customer_s_number_shows_on_the_incoming_contact(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent1.desk())["contacts"]
        assert offered["customer"]["phoneNumber"] == CUSTOMER
        assert offered["state"] == "OFFERED"
