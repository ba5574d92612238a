"""Kill -9 the server while calls are ringing agents, agents are on calls, tasks wait (one
scheduled for tomorrow) and admins update contacts: after a restart every acknowledged change
is there, and every contact either continues (tasks; the scheduled one still waits for its
time) or is ended with a record saying why (calls, whose audio died with the process)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from botocore.config import Config

from tests.conftest import BACKENDS, database_url_for
from tests.support.process import ServerProcess


def _client(server: ServerProcess) -> Any:
    return server.connect_client(Config(retries={"max_attempts": 1}))


def _instance_and_users(connect: Any) -> tuple[str, dict[str, str]]:
    instance = connect.list_instances()["InstanceSummaryList"][0]["Id"]
    users = {
        u["Username"]: u["Id"] for u in connect.list_users(InstanceId=instance)["UserSummaryList"]
    }
    return instance, users


@pytest.mark.parametrize("backend", BACKENDS)
def test_live_contacts_survive_kill_9(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    database_url = database_url_for(backend, request, own=True)
    server = ServerProcess(tmp_path, database_url, "--demo")
    try:
        server.wait_until_ready()
        connect = _client(server)
        instance, users = _instance_and_users(connect)
        statuses = connect.list_agent_statuses(InstanceId=instance)["AgentStatusSummaryList"]
        available = next(s["Id"] for s in statuses if s["Name"] == "Available")
        connect.put_user_status(
            InstanceId=instance, UserId=users["agent1"], AgentStatusId=available
        )
        calls = [
            httpx.post(
                f"{server.base_url}/sim/calls",
                json={"from": f"+1555555010{n}", "to": "+18005550199"},
            ).json()["callId"]
            for n in range(3)
        ]
        call_contacts = [
            httpx.get(f"{server.base_url}/sim/calls/{call}").json()["contactId"] for call in calls
        ]
        flows = connect.list_contact_flows(InstanceId=instance, ContactFlowTypes=["CONTACT_FLOW"])
        inbound = next(
            f["Id"]
            for f in flows["ContactFlowSummaryList"]
            if f["Name"].startswith("Sample inbound")
        )
        tasks = [
            connect.start_task_contact(
                InstanceId=instance, ContactFlowId=inbound, Name=f"Follow-up {n}"
            )["ContactId"]
            for n in range(3)
        ]
        connect.update_contact_attributes(
            InstanceId=instance, InitialContactId=tasks[0], Attributes={"priority": "high"}
        )
        scheduled_for = datetime.now(UTC) + timedelta(days=1)
        scheduled = connect.start_task_contact(
            InstanceId=instance,
            ContactFlowId=inbound,
            Name="Tomorrow",
            ScheduledTime=scheduled_for,
        )["ContactId"]
    finally:
        server.kill()

    restarted = ServerProcess(tmp_path, database_url, "--demo")
    try:
        restarted.wait_until_ready()
        connect = _client(restarted)
        instance, users = _instance_and_users(connect)
        for contact_id in call_contacts:
            contact = connect.describe_contact(InstanceId=instance, ContactId=contact_id)["Contact"]
            assert contact["DisconnectReason"] == "TELECOM_PROBLEM"
            assert "DisconnectTimestamp" in contact
        for contact_id in tasks:
            contact = connect.describe_contact(InstanceId=instance, ContactId=contact_id)["Contact"]
            assert contact["Channel"] == "TASK"
            assert "DisconnectTimestamp" not in contact  # the task carries on
        waiting = connect.describe_contact(InstanceId=instance, ContactId=scheduled)["Contact"]
        assert abs(waiting["ScheduledTimestamp"] - scheduled_for) < timedelta(seconds=1)
        assert "DisconnectTimestamp" not in waiting  # still waiting for its time
        assert "QueueInfo" not in waiting
        attributes = connect.get_contact_attributes(InstanceId=instance, InitialContactId=tasks[0])
        assert attributes["Attributes"] == {"priority": "high"}
        data = connect.get_current_user_data(
            InstanceId=instance, Filters={"Agents": [users["agent1"]]}
        )["UserDataList"]
        assert data[0]["Status"]["StatusName"] == "Available"
    finally:
        restarted.stop()
