"""Tasks on the engine, on a virtual clock: a scheduled task reaches an agent only at its time;
an agent pauses a task to take another and resumes it; a waiting task is paused out of its
queue; tasks are transferred to a queue and to an agent (TransferContact, and the CCP's
Transfer through a quick connect) and another agent works them; stopping a task puts its agent
in after-contact work for the user's TASK settings."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.contacts import ContactState, InitiationMethod
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.user_settings import AfterContactWorkSetting, ChannelSettings
from opencontact.domain.users import update_user_config
from opencontact.engine import commands, tasks
from opencontact.engine.tasks import TaskStateConflict
from opencontact.flows.run import FlowPurpose
from tests.support.engine import ContactCenterUnderTest, contact_center


def _quick_connect(cc: ContactCenterUnderTest, name: str) -> str:
    found = cc.state.directory.find_by_name(QuickConnect, name)
    assert found is not None, name
    return found.id


def _flow(cc: ContactCenterUnderTest, name: str) -> str:
    found = cc.state.directory.find_by_name(ContactFlow, name)
    assert found is not None, name
    return found.id


async def _task_for_queue(
    cc: ContactCenterUnderTest, name: str = "Send the form", scheduled_at: datetime | None = None
) -> str:
    task = await cc.run(
        commands.start_task(
            name=name,
            description=None,
            quick_connect_id=_quick_connect(cc, "BasicQueue qc"),
            flow_id=None,
            previous_contact_id=None,
            references={},
            attributes={},
            scheduled_at=scheduled_at,
        )
    )
    return task.id


async def _working(cc: ContactCenterUnderTest, username: str, task_id: str) -> None:
    """The agent accepts the task offered to them."""
    [offered] = [c for c in cc.agent(username)["contacts"] if c["contactId"] == task_id]
    assert offered["state"] == "OFFERED"
    await cc.run(commands.accept(cc.user_id(username), task_id))


async def test_a_scheduled_task_reaches_an_agent_only_at_its_time(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        due = cc.clock.now() + timedelta(minutes=10)
        task = cc.contact(await _task_for_queue(cc, "Call back at ten past", scheduled_at=due))
        assert cc.contact(task.id).state is ContactState.SCHEDULED
        assert cc.contact(task.id).scheduled_at == due

        await cc.advance(599)
        assert cc.agent("agent2")["contacts"] == []
        assert cc.contact(task.id).queue_id is None

        await cc.advance(1)
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == task.id
        assert offered["scheduledAt"] == due.isoformat()
        assert cc.contact(task.id).connected_to_system_at == due


async def test_a_scheduled_task_cannot_be_paused_and_stopping_it_cancels_it(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        task = cc.contact(
            await _task_for_queue(cc, "Later", scheduled_at=cc.clock.now() + timedelta(seconds=30))
        )
        with pytest.raises(TaskStateConflict, match="scheduled"):
            await cc.run(commands.pause_task(task.id))
        await cc.run(commands.stop_contact(task.id))
        await cc.advance(60)
        assert cc.agent("agent2")["contacts"] == []
        record = await cc.record(task.id)
        assert record.state is ContactState.ENDED
        assert record.queue_id is None


async def test_an_agent_pauses_a_task_takes_another_and_resumes_the_first(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        agent2 = cc.user_id("agent2")
        await cc.available("agent2")
        first = await _task_for_queue(cc, "Check the invoice")
        await _working(cc, "agent2", first)
        second = await _task_for_queue(cc, "Approve the refund")
        # One task at a time (the profile's TASK concurrency): the second waits.
        assert [c["contactId"] for c in cc.agent("agent2")["contacts"]] == [first]
        assert cc.contact(second).state is ContactState.QUEUED

        await cc.run(commands.pause(agent2, first))
        paused = next(c for c in cc.agent("agent2")["contacts"] if c["contactId"] == first)
        assert paused["state"] == "PAUSED"
        assert paused["contactState"] == "PAUSED"
        assert paused["pausedAt"] == cc.clock.now().isoformat()
        # The paused task freed the slot: the second task is offered to the same agent.
        offered = next(c for c in cc.agent("agent2")["contacts"] if c["contactId"] == second)
        assert offered["state"] == "OFFERED"
        await cc.run(commands.accept(agent2, second))
        await cc.advance(30)

        with pytest.raises(TaskStateConflict, match="paused"):
            await cc.run(commands.pause(agent2, first))
        await cc.run(commands.resume(agent2, first))
        resumed = next(c for c in cc.agent("agent2")["contacts"] if c["contactId"] == first)
        assert resumed["state"] == "CONNECTED"
        assert resumed["pausedAt"] is None
        contact = cc.contact(first)
        assert contact.pause_count == 1
        assert contact.pause_seconds == 30
        assert contact.agent is not None
        assert contact.agent.pause_seconds == 30

        # End task works on a paused task too: the agent goes to after-contact work.
        await cc.run(commands.pause(agent2, first))
        await cc.run(commands.end(agent2, first))
        ended = next(c for c in cc.agent("agent2")["contacts"] if c["contactId"] == first)
        assert ended["state"] == "AFTER_CONTACT_WORK"


async def test_a_waiting_task_paused_leaves_the_queue_and_resumed_waits_again(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        busy = await _task_for_queue(cc, "Keeps agent2 busy")
        await _working(cc, "agent2", busy)
        waiting = await _task_for_queue(cc, "Waits")
        assert cc.contact(waiting).state is ContactState.QUEUED

        await cc.run(commands.pause_task(waiting))
        assert cc.contact(waiting).state is ContactState.PAUSED
        await cc.run(commands.end(cc.user_id("agent2"), busy))
        await cc.run(commands.close(cc.user_id("agent2"), busy))
        assert cc.agent("agent2")["contacts"] == []  # a paused task is offered to nobody

        await cc.run(commands.resume_task(waiting))
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == waiting


async def test_pausing_a_task_being_offered_withdraws_the_offer(tmp_path: Path) -> None:
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        task = await _task_for_queue(cc)
        assert cc.agent("agent2")["state"] == "Incoming"
        await cc.run(commands.pause_task(task))
        assert cc.agent("agent2")["contacts"] == []
        assert cc.agent("agent2")["state"] == "Available"
        await cc.advance(60)  # the offer's time limit passes: nothing happens (no Missed)
        assert cc.agent("agent2")["state"] == "Available"
        await cc.run(commands.resume_task(task))
        assert cc.agent("agent2")["state"] == "Incoming"


async def test_a_task_is_transferred_to_a_queue_and_another_agent_works_it(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        task = await _task_for_queue(cc)
        await _working(cc, "agent1", task)
        await cc.run(commands.set_status(agent1, "Offline"))  # next status: nothing more for agent1
        await cc.available("agent2")
        queue = cc.state.directory.find_by_name(Queue, "BasicQueue")
        assert queue is not None
        route = tasks.Route(
            _flow(cc, "Default queue transfer"),
            FlowPurpose.QUEUE_TRANSFER,
            target_queue_id=queue.id,
        )
        segment = await cc.run(commands.transfer_task(task, route))

        assert segment.initiation_method is InitiationMethod.TRANSFER
        assert segment.previous_contact_id == task
        assert cc.agent("agent1")["contacts"][0]["state"] == "AFTER_CONTACT_WORK"
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == segment.id
        assert offered["name"] == "Send the form"
        await cc.run(commands.accept(agent2, segment.id))
        assert cc.agent("agent2")["state"] == "On contact"


async def test_an_agent_transfers_a_task_to_a_colleague_through_a_quick_connect(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        agent1, agent2 = cc.user_id("agent1"), cc.user_id("agent2")
        await cc.available("agent1")
        task = await _task_for_queue(cc, "Needs agent2")
        await _working(cc, "agent1", task)
        await cc.available("agent2")
        await cc.run(commands.pause(agent1, task))  # a paused task can be transferred too

        await cc.run(
            commands.transfer(
                agent1, task, quick_connect_id=_quick_connect(cc, "agent2 qc"), phone_number=None
            )
        )
        [mine] = cc.agent("agent1")["contacts"]
        assert mine["state"] == "AFTER_CONTACT_WORK"
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["channel"] == "TASK"
        assert offered["previousContactId"] == task
        assert offered["name"] == "Needs agent2"
        await cc.run(commands.accept(agent2, offered["contactId"]))
        await cc.run(commands.end(agent2, offered["contactId"]))
        await cc.run(commands.close(agent2, offered["contactId"]))
        assert cc.agent("agent2")["state"] == "Available"


async def test_stopping_a_task_starts_after_contact_work_as_the_user_s_task_settings_say(
    tmp_path: Path,
) -> None:
    async with contact_center(tmp_path) as cc:
        agent2 = cc.user_id("agent2")
        settings = ChannelSettings(after_contact_work=[AfterContactWorkSetting(Channel.TASK, 20)])
        env = cc.runtime.center.env("us-east-1")
        await cc.runtime.center.change(
            cc.instance_id, None, lambda d: update_user_config(d, env, agent2, settings)
        )
        await cc.available("agent2")
        task = await _task_for_queue(cc)
        await _working(cc, "agent2", task)
        await cc.run(commands.stop_contact(task))
        [working] = cc.agent("agent2")["contacts"]
        assert working["state"] == "AFTER_CONTACT_WORK"
        assert (
            working["afterContactWorkEndsAt"]
            == (cc.clock.now() + timedelta(seconds=20)).isoformat()
        )
        await cc.advance(20)
        assert cc.agent("agent2")["contacts"] == []
        assert cc.agent("agent2")["state"] == "Available"


@pytest.mark.parametrize(
    ("down_for", "wait_after_restart"), [(timedelta(minutes=4), 300), (timedelta(hours=1), 0)]
)
async def test_a_scheduled_task_still_starts_at_its_time_after_a_restart(
    tmp_path: Path, down_for: timedelta, wait_after_restart: int
) -> None:
    """The timer lived in memory; after a restart recovery arms it again for the rest of the
    wait, or starts the task at once if its time passed while the server was down."""
    async with contact_center(tmp_path) as cc:
        await cc.available("agent2")
        due = cc.clock.now() + timedelta(minutes=10)
        task = cc.contact(await _task_for_queue(cc, "Survives a restart", scheduled_at=due))
        await cc.advance(60)
        restarted_at = cc.clock.now() + down_for

    async with contact_center(tmp_path, start_at=restarted_at) as cc:
        if wait_after_restart:
            assert cc.contact(task.id).state is ContactState.SCHEDULED
            await cc.advance(wait_after_restart - 1)
            assert cc.agent("agent2")["contacts"] == []
            await cc.advance(1)
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == task.id
