"""boto3's own `connectparticipant` client against a real server (the virtual clock, uvicorn on
the test's event loop; boto3 runs in a thread): a chat started with the Connect API's
StartChatContact, then CreateParticipantConnection, SendMessage, SendEvent, GetTranscript (with
its paginator) and DisconnectParticipant. boto3 signs these requests with whatever credentials
it has; the server goes by the tokens alone. Every answer is checked against botocore's model.
"""

from __future__ import annotations

import asyncio
import json
from functools import partial
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.model import OperationModel

from opencontact.api.participant.service import participant_model
from opencontact.domain.contact_flows import ContactFlow
from tests.integration.test_agent_api import agent_api_center, served
from tests.support.conformance import check_shape


class Conformance:
    """Each answer a client receives, checked against the participant service's model."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def watch(self, client: Any) -> None:
        client.meta.events.register("after-call.connectparticipant", self._after_call)

    def _after_call(
        self, http_response: Any, parsed: dict[str, Any], model: OperationModel, **_: Any
    ) -> None:
        if http_response.status_code >= 300:
            code = parsed.get("Error", {}).get("Code", "")
            known = {shape.name for shape in participant_model().error_shapes}
            if code not in known:
                self.violations.append(f"{model.name}: {code!r} is not a participant error")
            return
        if model.output_shape is not None:
            body = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
            self.violations.extend(check_shape(model.output_shape, body, model.name))


def clients(url: str, key_id: str, secret: str) -> tuple[Any, Any]:
    options: dict[str, Any] = {
        "endpoint_url": url,
        "region_name": "us-east-1",
        "config": Config(parameter_validation=False, retries={"max_attempts": 1}),
    }
    connect = boto3.client(
        "connect", aws_access_key_id=key_id, aws_secret_access_key=secret, **options
    )
    # The participant service needs no particular credentials: any will do.
    participant = boto3.client(
        "connectparticipant",
        aws_access_key_id="anything",
        aws_secret_access_key="at-all",
        **options,
    )
    return connect, participant


async def test_boto3_chats_through_the_participant_service(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api, served(api.app) as url:
        credentials = api.cc.runtime.credentials
        connect, participant = clients(
            url, credentials.access_key_id, credentials.secret_access_key
        )
        conformance = Conformance()
        conformance.watch(participant)
        flow = api.cc.state.directory.find_by_name(
            ContactFlow, "Sample inbound flow (first contact experience)"
        )
        assert flow is not None

        async def run(method: Any, **params: Any) -> Any:
            return await asyncio.to_thread(partial(method, **params))

        started = await run(
            connect.start_chat_contact,
            InstanceId=api.cc.instance_id,
            ContactFlowId=flow.id,
            ParticipantDetails={"DisplayName": "Ana"},
            InitialMessage={"ContentType": "text/plain", "Content": "Hello"},
        )
        await api.cc.settle()
        connection = await run(
            participant.create_participant_connection,
            ParticipantToken=started["ParticipantToken"],
            Type=["WEBSOCKET", "CONNECTION_CREDENTIALS"],
            ConnectParticipant=True,
        )
        token = connection["ConnectionCredentials"]["ConnectionToken"]
        assert connection["Websocket"]["Url"].startswith("ws://127.0.0.1:")

        sent = await run(
            participant.send_message,
            ConnectionToken=token,
            ContentType="text/markdown",
            Content="**Order** 1234",
        )
        assert sent["Id"]
        await run(
            participant.send_event,
            ConnectionToken=token,
            ContentType="application/vnd.amazonaws.connect.event.typing",
        )
        await run(
            participant.send_event,
            ConnectionToken=token,
            ContentType="application/vnd.amazonaws.connect.event.message.read",
            Content=json.dumps({"messageId": sent["Id"]}),
        )

        transcript = await run(
            participant.get_transcript, ConnectionToken=token, SortOrder="ASCENDING"
        )
        assert transcript["InitialContactId"] == started["ContactId"]
        items = transcript["Transcript"]
        assert [i["Type"] for i in items] == [
            "PARTICIPANT_JOINED",
            "MESSAGE",
            "MESSAGE",
            "MESSAGE",
            "MESSAGE_READ",
        ]
        assert items[1]["Content"] == "Hello"
        assert items[2]["ParticipantRole"] == "SYSTEM"
        assert items[2]["DisplayName"] == "SYSTEM_MESSAGE"
        assert items[3]["Id"] == sent["Id"]
        assert items[3]["ContentType"] == "text/markdown"
        assert items[4]["MessageMetadata"]["MessageId"] == sent["Id"]

        # Two at a time, following NextToken to the end.
        def all_pages() -> list[str]:
            ids: list[str] = []
            more: dict[str, str] = {}
            while True:
                answer = participant.get_transcript(
                    ConnectionToken=token,
                    ScanDirection="FORWARD",
                    SortOrder="ASCENDING",
                    MaxResults=2,
                    **more,
                )
                assert len(answer["Transcript"]) <= 2
                ids.extend(item["Id"] for item in answer["Transcript"])
                if "NextToken" not in answer:
                    return ids
                more = {"NextToken": answer["NextToken"]}

        assert await asyncio.to_thread(all_pages) == [i["Id"] for i in items]

        with pytest.raises(participant.exceptions.ValidationException) as invalid:
            await run(
                participant.send_message,
                ConnectionToken=token,
                ContentType="text/plain",
                Content="",
            )
        assert "Content" in invalid.value.response["Error"]["Message"]
        with pytest.raises(participant.exceptions.AccessDeniedException):
            await run(
                participant.send_message,
                ConnectionToken=started["ParticipantToken"],
                ContentType="text/plain",
                Content="a participant token is not a connection token",
            )

        assert "ResponseMetadata" in await run(
            participant.disconnect_participant, ConnectionToken=token
        )
        await api.cc.settle()
        with pytest.raises(participant.exceptions.AccessDeniedException) as ended:
            await run(participant.get_transcript, ConnectionToken=token)
        assert "ended" in ended.value.response["Error"]["Message"]
        record = await api.cc.record(started["ContactId"])
        assert record.state.value == "ENDED"
        assert conformance.violations == []
