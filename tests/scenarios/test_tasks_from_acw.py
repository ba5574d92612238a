"""The seed: during after-contact work an agent creates a follow-up task, which needs a quick
connect as its destination; another agent receives and works the task."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencontact.domain.errors import InvalidRequest
from opencontact.domain.quick_connects import QuickConnect
from opencontact.engine import commands
from tests.support.engine import contact_center


async def test_an_agent_creates_a_task_in_after_contact_work_and_another_agent_works_it(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        leg = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        contact_id = cc.contact_of_call(leg)
        await cc.run(commands.accept(agent1, contact_id))
        await cc.run(commands.end(agent1, contact_id))
        queue_qc = cc.state.directory.find_by_name(QuickConnect, "BasicQueue qc")
        assert queue_qc is not None
        task = await cc.run(
            commands.create_task(
                agent1,
                contact_id,
                name="Send the refund form",
                description="Customer asked for the form by email",
                quick_connect_id=queue_qc.id,
            )
        )
        assert task.channel.value == "TASK"
        assert task.related_contact_id == contact_id
        assert cc.agent("agent1")["state"] == "After contact work"  # agent1 is not offered it

        await cc.available("agent2")
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["channel"] == "TASK"
        assert offered["name"] == "Send the refund form"
        assert offered["relatedContactId"] == contact_id
        await cc.run(commands.accept(agent2, offered["contactId"]))
        assert cc.agent("agent2")["state"] == "On contact"
        await cc.run(commands.end(agent2, offered["contactId"]))
        await cc.run(commands.close(agent2, offered["contactId"]))
        assert cc.agent("agent2")["state"] == "Available"


async def test_a_task_needs_an_agent_or_queue_quick_connect(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        agent1 = cc.user_id("agent1")
        await cc.available("agent1")
        leg = cc.carrier.place_call("+15555550100", cc.demo_number)
        await cc.settle()
        contact_id = cc.contact_of_call(leg)
        await cc.run(commands.accept(agent1, contact_id))
        await cc.run(commands.end(agent1, contact_id))
        phone_qc = cc.state.directory.find_by_name(QuickConnect, "Supervisor mobile")
        assert phone_qc is not None
        with pytest.raises(InvalidRequest, match="agent or a queue"):
            await cc.run(
                commands.create_task(
                    agent1, contact_id, name="x", description=None, quick_connect_id=phone_qc.id
                )
            )
        assert [c.channel.value for c in cc.state.live.contacts.values()] == ["VOICE"]
