"""An agent works tasks through the agent API: pauses one (it stays on the desk, PAUSED, and
the agent is free for other work), resumes it, transfers a task to a colleague through a quick
connect, ends it — and the refusals: pausing twice, pausing a call, someone else's task."""

from __future__ import annotations

from pathlib import Path

from opencontact.engine import commands
from tests.integration.test_agent_api import AgentApiUnderTest, ApiAgent, agent_api_center


async def _working_a_task(api: AgentApiUnderTest, agent: ApiAgent, name: str = "Paperwork") -> str:
    """A task through the BasicQueue quick connect, offered to and accepted by the agent."""
    await agent.ok("PUT", "/agent/status", {"status": "Available"})
    task = await api.cc.run(
        commands.start_task(
            name=name,
            description="Fill in the form",
            quick_connect_id=api.quick_connect("BasicQueue qc"),
            flow_id=None,
            previous_contact_id=None,
            references={"form": "https://forms.example/1"},
            attributes={},
        )
    )
    await agent.ok("POST", f"/agent/contacts/{task.id}/accept")
    await api.cc.settle()
    return task.id


async def test_an_agent_pauses_and_resumes_a_task(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent2 = await api.login("agent2")
        task_id = await _working_a_task(api, agent2)
        [working] = (await agent2.desk())["contacts"]
        assert (working["state"], working["pausedAt"], working["scheduledAt"]) == (
            "CONNECTED",
            None,
            None,
        )
        assert working["referenceTypes"] == {"form": "URL"}

        desk = await agent2.ok("POST", f"/agent/contacts/{task_id}/pause")
        [paused] = desk["contacts"]
        assert paused["state"] == "PAUSED"
        assert paused["contactState"] == "PAUSED"
        assert paused["pausedAt"] == api.cc.clock.now().isoformat()
        assert desk["state"] == "Available"  # free for other work while the task is paused
        await agent2.refused(
            "POST", f"/agent/contacts/{task_id}/pause", None, 409, "InvalidRequest", "paused"
        )

        await api.cc.advance(45)
        desk = await agent2.ok("POST", f"/agent/contacts/{task_id}/resume")
        [resumed] = desk["contacts"]
        assert (resumed["state"], resumed["pausedAt"]) == ("CONNECTED", None)
        assert desk["state"] == "On contact"
        assert api.cc.contact(task_id).pause_seconds == 45

        desk = await agent2.ok("POST", f"/agent/contacts/{task_id}/end")
        assert desk["contacts"][0]["state"] == "AFTER_CONTACT_WORK"


async def test_an_agent_transfers_a_task_to_a_colleague(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        task_id = await _working_a_task(api, agent1, "For agent2")
        await agent2.ok("PUT", "/agent/status", {"status": "Available"})
        desk = await agent1.ok(
            "POST",
            f"/agent/contacts/{task_id}/transfer",
            {"quickConnectId": api.quick_connect("agent2 qc")},
        )
        assert desk["contacts"][0]["state"] == "AFTER_CONTACT_WORK"
        await api.cc.settle()
        [offered] = (await agent2.desk())["contacts"]
        assert (offered["channel"], offered["name"]) == ("TASK", "For agent2")
        assert offered["previousContactId"] == task_id
        assert offered["references"] == {"form": "https://forms.example/1"}


async def test_what_cannot_be_paused_is_refused(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [call] = (await agent1.desk())["contacts"]
        await agent1.ok("POST", f"/agent/contacts/{call['contactId']}/accept")
        await api.cc.settle()
        await agent1.refused(
            "POST",
            f"/agent/contacts/{call['contactId']}/pause",
            None,
            409,
            "InvalidRequest",
            "only tasks",
        )
        task_id = await _working_a_task(api, agent2)
        await agent1.refused(
            "POST", f"/agent/contacts/{task_id}/pause", None, 404, "ResourceNotFound"
        )
        await agent1.refused("POST", "/agent/contacts/nope/resume", None, 404, "ResourceNotFound")
