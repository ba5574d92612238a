"""An agent's contacts through the API: the seed's quick-connect walkthrough (transfer to an
agent, join, hold all, swap, leave), transfers to a number, tasks from after contact work,
attributes — and the refusals: someone else's contact, a move the state does not allow, a
quick connect the agent may not use, a number the region may not call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from opencontact.domain.quick_connects import PhoneConfig as QuickConnectPhone
from opencontact.domain.quick_connects import (
    QuickConnectConfig,
    QuickConnectType,
    create_quick_connect,
)
from tests.integration.test_agent_api import AgentApiUnderTest, ApiAgent, agent_api_center

SUPERVISOR = "+15555550123"


async def _on_a_call(api: AgentApiUnderTest, agent: ApiAgent) -> str:
    await agent.ok("PUT", "/agent/status", {"status": "Available"})
    await api.customer_calls()
    [offered] = (await agent.desk())["contacts"]
    await agent.ok("POST", f"/agent/contacts/{offered['contactId']}/accept")
    await api.cc.settle()
    return str(offered["contactId"])


def _party(desk: dict[str, Any]) -> dict[str, Any]:
    [contact] = desk["contacts"]
    [party] = contact["thirdParties"]
    return dict(party)


async def test_the_seed_s_transfer_to_an_agent_join_hold_all_swap_and_leave(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        contact_id = await _on_a_call(api, agent1)
        await agent2.ok("PUT", "/agent/status", {"status": "Available"})

        desk = await agent1.ok(
            "POST",
            f"/agent/contacts/{contact_id}/transfer",
            {"quickConnectId": api.quick_connect("agent2 qc")},
        )
        assert desk["contacts"][0]["customer"]["onHold"] is True
        await api.cc.settle()
        party = _party(await agent1.desk())
        assert (party["kind"], party["label"], party["state"]) == ("AGENT", "agent2", "CONNECTING")

        desk2 = await agent2.desk()
        assert desk2["state"] == "Incoming"
        [transfer] = desk2["contacts"]
        assert transfer["initiationMethod"] == "TRANSFER"
        assert transfer["previousContactId"] == contact_id
        await agent2.ok("POST", f"/agent/contacts/{transfer['contactId']}/accept")
        await api.cc.settle()
        assert _party(await agent1.desk())["state"] == "CONNECTED"

        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/swap")
        assert _party(desk)["state"] == "ON_HOLD"
        assert desk["contacts"][0]["customer"]["onHold"] is False
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/join")
        assert _party(desk)["state"] == "CONNECTED"
        assert desk["contacts"][0]["customer"]["onHold"] is False
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/hold-all")
        assert _party(desk)["state"] == "ON_HOLD"
        assert desk["contacts"][0]["customer"]["onHold"] is True
        await agent1.ok("POST", f"/agent/contacts/{contact_id}/join")

        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/leave")
        assert desk["state"] == "After contact work"
        await api.cc.settle()
        assert (await agent2.desk())["state"] == "On contact"
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/close")
        assert desk["contacts"] == []


async def test_an_agent_transfers_to_a_typed_number_and_hangs_up_on_it(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        desk = await agent1.ok(
            "POST", f"/agent/contacts/{contact_id}/transfer", {"phoneNumber": "+12065550188"}
        )
        party = _party(desk)
        assert (party["kind"], party["label"], party["state"]) == (
            "PHONE_NUMBER",
            "+12065550188",
            "CONNECTING",
        )
        await api.cc.settle()
        [ringing] = api.cc.carrier.calls_at("+12065550188")
        desk = await agent1.ok("DELETE", f"/agent/contacts/{contact_id}/parties/{party['id']}")
        assert desk["contacts"][0]["thirdParties"] == []
        await api.cc.settle()
        assert api.cc.carrier.call(ringing.call_id).state == "ended"


async def test_a_phone_number_quick_connect_transfers_to_its_number(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        desk = await agent1.ok(
            "POST",
            f"/agent/contacts/{contact_id}/transfer",
            {"quickConnectId": api.quick_connect("Supervisor mobile")},
        )
        assert _party(desk)["label"] == SUPERVISOR


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        ({}, 400, "InvalidParameter", "Give either quickConnectId or phoneNumber"),
        (
            {"quickConnectId": "x", "phoneNumber": "+12065550188"},
            400,
            "InvalidParameter",
            "Give either",
        ),
        ({"phoneNumber": "911"}, 403, "DestinationNotAllowed", "emergency number"),
        ({"phoneNumber": "+447700900123"}, 403, "DestinationNotAllowed", "not allowed"),
        ({"phoneNumber": "+8613800138000"}, 403, "DestinationNotAllowed", "not allowed"),
        ({"quickConnectId": "no-such-quick-connect"}, 404, "ResourceNotFound", "can use"),
        ({"quickConnectId": "agent1 qc"}, 404, "ResourceNotFound", "can use"),
        ({"quickConnect": "x"}, 400, "InvalidParameter", "'quickConnect' is not a field"),
    ],
)
async def test_a_transfer_the_agent_may_not_make_is_refused(
    tmp_path: Path, body: dict[str, str], status: int, code: str, words: str
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        if body.get("quickConnectId") == "agent1 qc":
            body = {"quickConnectId": api.quick_connect("agent1 qc")}
        await agent1.refused(
            "POST", f"/agent/contacts/{contact_id}/transfer", body, status, code, words
        )


async def test_a_quick_connect_of_a_queue_outside_the_agent_s_profile_cannot_be_used(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        config = QuickConnectConfig(
            QuickConnectType.PHONE_NUMBER, phone=QuickConnectPhone("+12065550177")
        )
        elsewhere = await center.change(
            api.cc.instance_id,
            None,
            lambda d: create_quick_connect(d, env, name="Elsewhere", config=config),
        )
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        await agent1.refused(
            "POST",
            f"/agent/contacts/{contact_id}/transfer",
            {"quickConnectId": elsewhere.id},
            404,
            "ResourceNotFound",
            "not one of the quick connects you can use",
        )


# -- whose contact -------------------------------------------------------------------------------


async def test_a_token_used_on_another_agent_s_contact_finds_nothing(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        contact_id = await _on_a_call(api, agent1)
        agent1_before = await agent1.desk()
        base = f"/agent/contacts/{contact_id}"
        attempts: list[tuple[str, str, Any]] = [
            ("GET", base, None),
            *[
                ("POST", f"{base}/{action}", None)
                for action in ["accept", "reject", "hold", "resume", "end", "close"]
            ],
            *[("POST", f"{base}/{action}", None) for action in ["join", "hold-all", "swap"]],
            ("POST", f"{base}/leave", None),
            ("POST", f"{base}/transfer", {"phoneNumber": "+12065550188"}),
            ("DELETE", f"{base}/parties/anyone", None),
            ("POST", f"{base}/tasks", {"name": "Steal", "quickConnectId": "x"}),
            ("PATCH", f"{base}/attributes", {"attributes": {"stolen": "yes"}}),
        ]
        for method, path, body in attempts:
            await agent2.refused(
                method, path, body, 404, "ResourceNotFound", "is not one of your contacts"
            )
        assert await agent1.desk() == agent1_before
        assert api.cc.contact(contact_id).attributes.get("stolen") is None


async def test_an_unknown_contact_is_not_found(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.refused(
            "POST", "/agent/contacts/nope/accept", None, 404, "ResourceNotFound", "'nope'"
        )
        await agent1.refused("GET", "/agent/contacts/nope", None, 404, "ResourceNotFound")


async def test_a_move_the_contact_s_state_does_not_allow_is_a_conflict(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent1.desk())["contacts"]
        base = f"/agent/contacts/{offered['contactId']}"
        for action in ["hold", "resume", "end", "close", "join", "swap", "leave"]:
            await agent1.refused("POST", f"{base}/{action}", None, 409, "InvalidRequest")
        await agent1.ok("POST", f"{base}/accept")
        await api.cc.settle()
        await agent1.refused("POST", f"{base}/accept", None, 409, "InvalidRequest")
        await agent1.refused("POST", f"{base}/close", None, 409, "InvalidRequest")
        await agent1.refused("POST", f"{base}/join", None, 409, "InvalidRequest", "third party")
        await agent1.refused(
            "DELETE", f"{base}/parties/nobody", None, 404, "ResourceNotFound", "'nobody'"
        )


# -- tasks and attributes -----------------------------------------------------------------------


async def test_an_agent_creates_a_task_for_a_colleague_from_after_contact_work(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        contact_id = await _on_a_call(api, agent1)
        await agent2.ok("PUT", "/agent/status", {"status": "Available"})
        await agent1.ok("POST", f"/agent/contacts/{contact_id}/end")
        response = await agent1.call(
            "POST",
            f"/agent/contacts/{contact_id}/tasks",
            {
                "name": "Call the customer back",
                "description": "About the refund",
                "quickConnectId": api.quick_connect("agent2 qc"),
                "references": [
                    {"name": "Refund ticket", "value": "https://tickets.example.com/R-981"},
                    {"name": "Amount", "value": "42.50", "type": "NUMBER"},
                ],
            },
        )
        assert response.status_code == 201
        task_id = response.json()["contactId"]
        assert response.json()["state"] == "After contact work"
        await api.cc.settle()
        [task] = (await agent2.desk())["contacts"]
        assert task["contactId"] == task_id
        assert task["channel"] == "TASK"
        assert task["name"] == "Call the customer back"
        assert task["description"] == "About the refund"
        assert task["relatedContactId"] == contact_id
        assert task["references"] == {
            "Refund ticket": "https://tickets.example.com/R-981",
            "Amount": "42.50",
        }
        assert task["referenceTypes"] == {"Refund ticket": "URL", "Amount": "NUMBER"}


@pytest.mark.parametrize(
    ("body", "status", "code", "words"),
    [
        ({"quickConnectId": "x"}, 400, "InvalidParameter", "name: Field required"),
        ({"name": "", "quickConnectId": "x"}, 400, "InvalidParameter", "name: String should"),
        ({"name": "Follow up"}, 400, "InvalidParameter", "quickConnectId: Field required"),
        ({"name": "Follow up", "quickConnectId": "x"}, 404, "ResourceNotFound", "can use"),
        ({"name": "Follow up", "quickConnectId": "mobile"}, 409, "InvalidRequest", "PHONE_NUMBER"),
        (
            {"name": "Follow up", "quickConnectId": "x", "references": [{"name": "A"}]},
            400,
            "InvalidParameter",
            "references.0.value: Field required",
        ),
        (
            {
                "name": "Follow up",
                "quickConnectId": "agent2",
                "references": [{"name": "Amount", "value": "lots", "type": "NUMBER"}],
            },
            400,
            "InvalidParameter",
            "Reference 'Amount' is a NUMBER; 'lots' is not a number.",
        ),
        (
            {
                "name": "Follow up",
                "quickConnectId": "agent2",
                "references": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}],
            },
            400,
            "InvalidParameter",
            "its own name",
        ),
    ],
)
async def test_a_task_needs_a_name_and_an_agent_or_queue_quick_connect(
    tmp_path: Path, body: dict[str, str], status: int, code: str, words: str
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        await agent1.ok("POST", f"/agent/contacts/{contact_id}/end")
        if body.get("quickConnectId") == "mobile":
            body = {**body, "quickConnectId": api.quick_connect("Supervisor mobile")}
        if body.get("quickConnectId") == "agent2":
            body = {**body, "quickConnectId": api.quick_connect("agent2 qc")}
        await agent1.refused(
            "POST", f"/agent/contacts/{contact_id}/tasks", body, status, code, words
        )


async def test_an_agent_edits_the_contact_s_attributes(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        path = f"/agent/contacts/{contact_id}/attributes"
        await agent1.ok("PATCH", path, {"attributes": {"reason": "refund", "tier": "gold"}})
        desk = await agent1.ok("PATCH", path, {"attributes": {"tier": "platinum"}})
        attributes = desk["contacts"][0]["attributes"]
        assert attributes["reason"] == "refund"
        assert attributes["tier"] == "platinum"
        contact = await agent1.ok("GET", f"/agent/contacts/{contact_id}")
        assert contact["attributes"] == attributes
        await agent1.refused("PATCH", path, {"attributes": {}}, 400, "InvalidParameter")
        await agent1.refused(
            "PATCH", path, {"attributes": {"n": 1}}, 400, "InvalidParameter", "attributes.n"
        )
        await agent1.refused("PATCH", path, {"attrs": {}}, 400, "InvalidParameter")


async def test_one_contact_reads_as_the_desk_shows_it(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        contact_id = await _on_a_call(api, agent1)
        [shown] = (await agent1.desk())["contacts"]
        assert await agent1.ok("GET", f"/agent/contacts/{contact_id}") == shown
        assert shown["state"] == "CONNECTED"
        assert shown["connectedAt"] is not None
