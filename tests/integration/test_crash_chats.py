"""Kill -9 the server while chats wait for an agent and are offered to one: after a restart the
chats carry on (a chat has no media to lose) with their whole transcript, the customer writes on
with the token they had, and the offer is made again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.conftest import BACKENDS, database_url_for
from tests.support.process import ServerProcess

GREETING = "Thank you for calling. Please hold while we connect you to the next available agent."


def _participant(server: ServerProcess) -> Any:
    return boto3.client(
        "connectparticipant",
        endpoint_url=server.base_url,
        region_name="us-east-1",
        aws_access_key_id="customer",
        aws_secret_access_key="customer",
        config=Config(retries={"max_attempts": 1}),
    )


def _texts(participant: Any, connection_token: str) -> list[str]:
    transcript = participant.get_transcript(
        ConnectionToken=connection_token, MaxResults=100, SortOrder="ASCENDING"
    )["Transcript"]
    return [item["Content"] for item in transcript if item["Type"] == "MESSAGE"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_chats_survive_kill_9(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    database_url = database_url_for(backend, request, own=True)
    server = ServerProcess(tmp_path, database_url, "--demo")
    try:
        server.wait_until_ready()
        connect = server.connect_client(Config(retries={"max_attempts": 1}))
        instance = connect.list_instances()["InstanceSummaryList"][0]["Id"]
        flows = connect.list_contact_flows(InstanceId=instance, ContactFlowTypes=["CONTACT_FLOW"])
        inbound = next(
            f["Id"]
            for f in flows["ContactFlowSummaryList"]
            if f["Name"].startswith("Sample inbound")
        )
        waiting = connect.start_chat_contact(
            InstanceId=instance,
            ContactFlowId=inbound,
            ParticipantDetails={"DisplayName": "Ana"},
            InitialMessage={"ContentType": "text/plain", "Content": "Is anyone there?"},
        )
        participant = _participant(server)
        connection = participant.create_participant_connection(
            ParticipantToken=waiting["ParticipantToken"], Type=["CONNECTION_CREDENTIALS"]
        )["ConnectionCredentials"]["ConnectionToken"]
        participant.send_message(
            ConnectionToken=connection, ContentType="text/plain", Content="Order A-17"
        )
        users = {
            u["Username"]: u["Id"]
            for u in connect.list_users(InstanceId=instance)["UserSummaryList"]
        }
        statuses = connect.list_agent_statuses(InstanceId=instance)["AgentStatusSummaryList"]
        available = next(s["Id"] for s in statuses if s["Name"] == "Available")
        connect.put_user_status(
            InstanceId=instance, UserId=users["agent1"], AgentStatusId=available
        )
        offered = connect.start_chat_contact(
            InstanceId=instance, ContactFlowId=inbound, ParticipantDetails={"DisplayName": "Bo"}
        )
    finally:
        server.kill()

    restarted = ServerProcess(tmp_path, database_url, "--demo")
    try:
        restarted.wait_until_ready()
        connect = restarted.connect_client(Config(retries={"max_attempts": 1}))
        for chat in (waiting, offered):
            contact = connect.describe_contact(InstanceId=instance, ContactId=chat["ContactId"])
            assert contact["Contact"]["Channel"] == "CHAT"
            assert "DisconnectTimestamp" not in contact["Contact"]  # the chat carries on
        participant = _participant(restarted)
        participant.send_message(
            ConnectionToken=connection, ContentType="text/plain", Content="Still here"
        )
        assert _texts(participant, connection) == [
            "Is anyone there?",
            GREETING,
            "Order A-17",
            "Still here",
        ]
        data = connect.get_current_user_data(
            InstanceId=instance, Filters={"Agents": [users["agent1"]]}
        )["UserDataList"]
        held = {c["ContactId"] for c in data[0]["Contacts"]}
        assert {waiting["ContactId"], offered["ContactId"]} <= held  # offered again
    finally:
        restarted.stop()
