"""A work-management tool drives tasks through boto3: schedules one for later, pauses and resumes
tasks (one an agent works, one still waiting in the queue), transfers tasks to a queue and to
an agent, and gets Amazon Connect's error names for what it may not do — with nothing changed.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from opencontact.domain.contacts import Contact
from opencontact.testing import LiveServer
from tests.compat.test_live_contacts import Center, build_center, contact_ids, refused


def _accepting_tasks(center: Center, user_id: str) -> str:
    """The agent's CCP accepts tasks by itself (tasks are offered otherwise)."""
    center.api(
        "update_user_config",
        UserId=user_id,
        AutoAcceptConfigs=[{"Channel": "TASK", "AutoAccept": True}],
    )
    return user_id


@pytest.fixture
def center(connect: Any, live_server: LiveServer, instance_id: str) -> Center:
    built = build_center(connect, live_server, instance_id)
    _accepting_tasks(built, built.agent_id)
    return built


def _flow(center: Center, name: str) -> str:
    flows = center.connect.list_contact_flows(InstanceId=center.instance_id)
    return str(next(f["Id"] for f in flows["ContactFlowSummaryList"] if f["Name"] == name))


def _live(center: Center, contact_id: str) -> Contact:
    assert center.server.runtime is not None
    found = center.server.runtime.center.state(center.instance_id).live.contact(contact_id)
    assert found is not None
    return found


def _task(center: Center, name: str = "Review the claim", **params: Any) -> str:
    task_id: str = center.api(
        "start_task_contact", Name=name, ContactFlowId=center.flow_id, **params
    )["ContactId"]
    return task_id


# -- starting ---------------------------------------------------------------------------------


def test_a_task_keeps_the_types_of_its_references(center: Center) -> None:
    task = _task(
        center,
        References={
            "claim": {"Type": "URL", "Value": "https://claims.example/9"},
            "amount": {"Type": "NUMBER", "Value": "120.50"},
            "due": {"Type": "DATE", "Value": "1767225600"},
            "owner": {"Type": "EMAIL", "Value": "ana@example.com"},
            "note": {"Type": "STRING", "Value": "priority customer"},
        },
    )
    live = _live(center, task)
    assert live.references["amount"] == "120.50"
    assert live.reference_types == {
        "claim": "URL",
        "amount": "NUMBER",
        "due": "DATE",
        "owner": "EMAIL",
        "note": "STRING",
    }


def test_a_scheduled_task_waits_for_its_time_and_can_be_stopped(center: Center) -> None:
    center.set_status("Available")
    at = datetime.now(UTC) + timedelta(days=2)
    task = _task(center, "Renewal reminder", ScheduledTime=at)
    described = center.describe(task)
    assert abs(described["ScheduledTimestamp"] - at) < timedelta(seconds=1)
    assert "QueueInfo" not in described
    assert "AgentInfo" not in described  # the agent is free, but the task is not due yet
    code, _message = refused(
        center.connect.pause_contact, InstanceId=center.instance_id, ContactId=task
    )
    assert code == "ConflictException"
    center.api("stop_contact", ContactId=task)
    assert center.describe(task)["DisconnectReason"] == "API"


# -- pausing and resuming ---------------------------------------------------------------------


def test_a_task_with_an_agent_is_paused_and_resumed(center: Center) -> None:
    center.set_status("Available")
    task = _task(center)
    assert center.describe(task)["AgentInfo"]["Id"] == center.agent_id

    center.api("pause_contact", ContactId=task)
    paused = center.describe(task)
    assert paused["TotalPauseCount"] == 1
    assert "LastPausedTimestamp" in paused
    assert "LastResumedTimestamp" not in paused
    # The agent's slot is free: a second task reaches the same agent.
    second = _task(center, "Meanwhile")
    assert center.describe(second)["AgentInfo"]["Id"] == center.agent_id

    center.api("resume_contact", ContactId=task)
    resumed = center.describe(task)
    assert "LastResumedTimestamp" in resumed
    assert resumed["TotalPauseCount"] == 1
    assert resumed["TotalPauseDurationInSeconds"] >= 0
    assert resumed["AgentInfo"]["AgentPauseDurationInSeconds"] >= 0


def test_a_waiting_task_paused_leaves_the_queue_until_resumed(center: Center) -> None:
    task = _task(center)  # the agent is offline: the task waits
    center.api("pause_contact", ContactId=task)
    center.set_status("Available")
    assert "AgentInfo" not in center.describe(task)  # a paused task is offered to nobody
    center.api("resume_contact", ContactId=task)
    assert center.describe(task)["AgentInfo"]["Id"] == center.agent_id


def test_a_waiting_task_resumes_into_the_flow_given(center: Center) -> None:
    task = _task(center)
    center.api("pause_contact", ContactId=task)
    center.set_status("Available")
    center.api("resume_contact", ContactId=task, ContactFlowId=center.flow_id)
    assert center.describe(task)["AgentInfo"]["Id"] == center.agent_id


def test_pausing_and_resuming_what_cannot_be_is_refused(center: Center) -> None:
    center.set_status("Available")
    task = _task(center)
    _call, call_contact = center.customer_calls("+15555550177")
    queue_flow = _flow(center, "Default customer queue")
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        ("resume_contact", {"ContactId": task}, "ConflictException", "not paused"),
        ("pause_contact", {"ContactId": call_contact}, "InvalidRequestException", "VOICE"),
        ("pause_contact", {"ContactId": "nobody"}, "ResourceNotFoundException", "nobody"),
        (
            "pause_contact",
            {"ContactId": task, "ContactFlowId": "no-flow"},
            "ResourceNotFoundException",
            "no-flow",
        ),
        (
            "pause_contact",
            {"ContactId": task, "ContactFlowId": queue_flow},
            "InvalidRequestException",
            "CUSTOMER_QUEUE",
        ),
    ]
    before = center.describe(task)
    for operation, params, code, words in cases:
        found = refused(getattr(center.connect, operation), InstanceId=center.instance_id, **params)
        assert found[0] == code, (operation, params, found)
        assert words in found[1], (operation, params, found)
    assert center.describe(task) == before

    center.api("pause_contact", ContactId=task)
    paused = center.describe(task)
    for operation, params, code, words in [
        ("pause_contact", {"ContactId": task}, "ConflictException", "paused"),
        (
            "resume_contact",
            {"ContactId": task, "ContactFlowId": center.flow_id},
            "InvalidRequestException",
            "with an agent",
        ),
    ]:
        found = refused(getattr(center.connect, operation), InstanceId=center.instance_id, **params)
        assert (found[0], words in found[1]) == (code, True), found
    assert center.describe(task) == paused


# -- transferring -------------------------------------------------------------------------------


def test_a_task_is_transferred_to_a_queue(center: Center) -> None:
    center.set_status("Available")
    task = _task(center)
    moved = center.api(
        "transfer_contact",
        ContactId=task,
        QueueId=center.queue_id,
        ContactFlowId=_flow(center, "Default queue transfer"),
    )
    segment = moved["ContactId"]
    assert segment != task
    assert moved["ContactArn"].endswith(f"/contact/{segment}")
    old = center.describe(task)
    assert "DisconnectTimestamp" in old
    assert "AfterContactWorkStartTimestamp" in old["AgentInfo"]
    new = center.describe(segment)
    assert (new["InitiationMethod"], new["PreviousContactId"]) == ("TRANSFER", task)
    assert new["InitialContactId"] == task
    assert new["Name"] == "Review the claim"
    assert new["QueueInfo"]["Id"] == center.queue_id


def test_a_task_is_transferred_to_an_agent_once_per_client_token(center: Center) -> None:
    colleague = _accepting_tasks(center, center.new_agent("bob"))
    center.set_status("Available", colleague)
    task = _task(center)  # amy is offline; bob takes it
    assert center.describe(task)["AgentInfo"]["Id"] == colleague
    center.set_status("Available")
    token = str(uuid.uuid4())
    before = contact_ids(center)
    params = {
        "ContactId": task,
        "UserId": center.agent_id,
        "ContactFlowId": _flow(center, "Default agent transfer"),
        "ClientToken": token,
    }
    first = center.api("transfer_contact", **params)["ContactId"]
    again = center.api("transfer_contact", **params)["ContactId"]
    assert again == first
    assert contact_ids(center) - before == {first}
    assert center.describe(first)["AgentInfo"]["Id"] == center.agent_id
    assert "AfterContactWorkStartTimestamp" in center.describe(task)["AgentInfo"]


def test_bad_transfers_are_refused_and_nothing_changes(center: Center) -> None:
    task = _task(center)
    _call, call_contact = center.customer_calls("+15555550178")
    to_queue = _flow(center, "Default queue transfer")
    to_agent = _flow(center, "Default agent transfer")
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"ContactFlowId": to_queue}, "InvalidRequestException", "exactly one"),
        (
            {"ContactFlowId": to_queue, "QueueId": center.queue_id, "UserId": center.agent_id},
            "InvalidRequestException",
            "exactly one",
        ),
        (
            {"ContactFlowId": to_agent, "QueueId": center.queue_id},
            "InvalidRequestException",
            "UserId",
        ),
        (
            {"ContactFlowId": _flow(center, "Default customer queue"), "QueueId": center.queue_id},
            "InvalidRequestException",
            "CUSTOMER_QUEUE",
        ),
        (
            {"ContactFlowId": to_queue, "QueueId": "no-queue"},
            "ResourceNotFoundException",
            "no-queue",
        ),
        (
            {"ContactFlowId": "no-flow", "QueueId": center.queue_id},
            "ResourceNotFoundException",
            "no-flow",
        ),
        (
            {"ContactFlowId": to_queue, "QueueId": center.queue_id, "ContactId": call_contact},
            "InvalidRequestException",
            "VOICE",
        ),
        (
            {"ContactFlowId": to_queue, "QueueId": center.queue_id, "ContactId": "nobody"},
            "ResourceNotFoundException",
            "nobody",
        ),
    ]
    before = contact_ids(center)
    described = center.describe(task)
    for params, code, words in cases:
        found = refused(
            center.connect.transfer_contact,
            InstanceId=center.instance_id,
            **{"ContactId": task, **params},
        )
        assert found[0] == code, (params, found)
        assert words in found[1], (params, found)
    assert contact_ids(center) == before
    assert center.describe(task) == described


def test_a_task_is_transferred_at_most_eleven_times(center: Center) -> None:
    to_queue = _flow(center, "Default queue transfer")
    segment = _task(center)  # nobody is available: every segment waits in the queue
    for _ in range(11):
        segment = center.api(
            "transfer_contact", ContactId=segment, QueueId=center.queue_id, ContactFlowId=to_queue
        )["ContactId"]
    before = contact_ids(center)
    code, message = refused(
        center.connect.transfer_contact,
        InstanceId=center.instance_id,
        ContactId=segment,
        QueueId=center.queue_id,
        ContactFlowId=to_queue,
    )
    assert code == "ServiceQuotaExceededException"
    assert "11" in message
    assert contact_ids(center) == before
