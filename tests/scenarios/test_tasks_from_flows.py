"""The CreateTask flow block on the engine, on a virtual clock: a task created with DelaySeconds
or ScheduledTime waits, SCHEDULED, and reaches an agent only at its time (after a restart too);
a bad delay or time takes the block's error branch and creates nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from opencontact.domain.base import Channel
from opencontact.domain.contacts import Contact, ContactState
from opencontact.engine.chats import ChatStart
from tests.scenarios.test_chats import (
    ChatCenter,
    action,
    basic_queue,
    chat_center,
    say,
    to_basic_queue,
)
from tests.support.engine import ContactCenterUnderTest, contact_center

MAKER = "Make a follow-up task"


async def _add_flows(chats: ChatCenter, **timing: str) -> None:
    """A flow that queues tasks in BasicQueue, and a chat flow whose CreateTask block creates
    one with `timing` (DelaySeconds / ScheduledTime), then says how it went."""
    queue_tasks = await chats.add_flow(
        "Queue the task", *to_basic_queue("q", basic_queue(chats.cc).arn)
    )
    await chats.add_flow(
        MAKER,
        action(
            "make",
            "CreateTask",
            {"Name": "Call Ana back", "ContactFlowId": queue_tasks.id, **timing},
            "made",
            errors={"NoMatchingError": "failed"},
        ),
        say("made", "Task made", "end"),
        say("failed", "No task", "end"),
        action("end", "DisconnectParticipant", {}),
    )


async def _chat(chats: ChatCenter, **attributes: str) -> ChatStart:
    return await chats.start("Ana", flow=MAKER, attributes=attributes)


def _tasks_of(cc: ContactCenterUnderTest, chat: ChatStart) -> list[Contact]:
    return [
        c
        for c in cc.state.live.contacts.values()
        if c.channel is Channel.TASK and c.related_contact_id == chat.contact.id
    ]


def _said(lines: list[tuple[str, str, str | None]]) -> list[str | None]:
    return [text for kind, who, text in lines if kind == "MESSAGE" and who == "SYSTEM_MESSAGE"]


async def test_a_task_with_a_delay_reaches_an_agent_only_when_the_delay_is_over(
    tmp_path: Path,
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await cc.available("agent2")
        await _add_flows(chats, DelaySeconds="$.Attributes.wait")
        chat = await _chat(chats, wait="600")
        assert _said(await chats.lines(chat)) == ["Task made"]
        [task] = _tasks_of(cc, chat)
        assert task.state is ContactState.SCHEDULED
        assert task.scheduled_at == cc.clock.now() + timedelta(seconds=600)
        assert task.name == "Call Ana back"

        await cc.advance(599)
        assert cc.agent("agent2")["contacts"] == []
        await cc.advance(1)
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == task.id
        assert offered["channel"] == "TASK"
        assert cc.contact(task.id).queue_id == basic_queue(cc).id


async def test_a_task_with_a_scheduled_time_reaches_an_agent_at_that_time(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await cc.available("agent2")
        await _add_flows(chats, ScheduledTime="$.Attributes.when")
        due = cc.clock.now() + timedelta(hours=2)
        chat = await _chat(chats, when=due.isoformat().replace("+00:00", "Z"))
        [task] = _tasks_of(cc, chat)
        assert task.state is ContactState.SCHEDULED
        assert task.scheduled_at == due

        cc.clock.advance(7199)
        await cc.settle()
        assert cc.agent("agent2")["contacts"] == []
        await cc.advance(1)
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == task.id


async def test_a_task_without_a_delay_starts_at_once(tmp_path: Path) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await cc.available("agent2")
        await _add_flows(chats)
        chat = await _chat(chats)
        [offered] = cc.agent("agent2")["contacts"]
        [task] = _tasks_of(cc, chat)
        assert offered["contactId"] == task.id
        assert task.scheduled_at is None


@pytest.mark.parametrize(
    ("timing", "attributes"),
    [
        ({"DelaySeconds": "$.Attributes.wait"}, {"wait": "0"}),
        ({"DelaySeconds": "$.Attributes.wait"}, {"wait": "518401"}),
        ({"DelaySeconds": "$.Attributes.wait"}, {"wait": "1.5"}),
        ({"DelaySeconds": "$.Attributes.wait"}, {"wait": "soon"}),
        ({"ScheduledTime": "$.Attributes.when"}, {"when": "tomorrow"}),
        ({"ScheduledTime": "$.Attributes.when"}, {"when": "-2h"}),
        ({"ScheduledTime": "$.Attributes.when"}, {"when": "+7d"}),
    ],
)
async def test_a_bad_delay_or_time_takes_the_error_branch(
    tmp_path: Path, timing: dict[str, Any], attributes: dict[str, str]
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await _add_flows(chats, **timing)
        # "-2h" and "+7d": that long before or after now, as ISO 8601
        relative = {"-2h": timedelta(hours=-2), "+7d": timedelta(days=7)}
        given = {
            key: (cc.clock.now() + relative[value]).isoformat() if value in relative else value
            for key, value in attributes.items()
        }
        chat = await _chat(chats, **given)
        assert _said(await chats.lines(chat)) == ["No task"]
        assert _tasks_of(cc, chat) == []


async def test_a_task_scheduled_by_a_flow_still_starts_at_its_time_after_a_restart(
    tmp_path: Path,
) -> None:
    async with chat_center(tmp_path) as chats:
        cc = chats.cc
        await _add_flows(chats, DelaySeconds="$.Attributes.wait")
        chat = await _chat(chats, wait="600")
        [task] = _tasks_of(cc, chat)
        await cc.advance(60)
        restarted_at = cc.clock.now() + timedelta(minutes=4)

    async with contact_center(tmp_path, start_at=restarted_at) as cc:
        await cc.available("agent2")
        assert cc.contact(task.id).state is ContactState.SCHEDULED
        await cc.advance(299)
        assert cc.agent("agent2")["contacts"] == []
        await cc.advance(1)
        [offered] = cc.agent("agent2")["contacts"]
        assert offered["contactId"] == task.id
