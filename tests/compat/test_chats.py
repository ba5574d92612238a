"""A website starts chats with StartChatContact through boto3: the chat runs its contact flow
(its greeting is the first SYSTEM message of the transcript) and waits in the flow's queue; bad
input is refused with the error boto3 users catch."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.domain.base import Outcome
from opencontact.domain.chats import ChatItem
from opencontact.testing import LiveServer
from tests.compat.test_live_contacts import to_queue_flow

SAMPLE_INBOUND = "Sample inbound flow (first contact experience)"


class Chats:
    def __init__(self, connect: Any, server: LiveServer, instance_id: str) -> None:
        self.connect = connect
        self.server = server
        self.instance_id = instance_id
        flows = connect.list_contact_flows(InstanceId=instance_id)["ContactFlowSummaryList"]
        self.flows = {f["Name"]: f for f in flows}
        queues = connect.list_queues(InstanceId=instance_id)["QueueSummaryList"]
        self.queue = next(q for q in queues if q.get("Name") == "BasicQueue")

    def start(self, **params: Any) -> Any:
        params.setdefault("ContactFlowId", self.flows[SAMPLE_INBOUND]["Id"])
        params.setdefault("ParticipantDetails", {"DisplayName": "Ana"})
        started = self.connect.start_chat_contact(InstanceId=self.instance_id, **params)
        self._on_loop(self._settle())
        return started

    def transcript(self, initial_contact_id: str) -> list[ChatItem]:
        runtime = self.server.runtime
        assert runtime is not None
        items: list[ChatItem] = self._on_loop(
            runtime.store.chat_transcript(self.instance_id, initial_contact_id)
        )
        return items

    def refused(self, **params: Any) -> tuple[str, str]:
        with pytest.raises(ClientError) as error:
            self.start(**params)
        details = error.value.response["Error"]
        return details["Code"], details["Message"]

    async def _settle(self) -> None:
        runtime = self.server.runtime
        assert runtime is not None
        writer = runtime.center.writer(self.instance_id)
        for _ in range(1000):
            await writer.execute(lambda _state: Outcome(None))
            if writer.idle:
                return
        raise AssertionError("the engine did not settle")

    def _on_loop(self, coroutine: Any) -> Any:
        assert self.server.loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self.server.loop).result(timeout=30)


@pytest.fixture
def chats(connect: Any, live_server: LiveServer, instance_id: str) -> Chats:
    return Chats(connect, live_server, instance_id)


def test_a_chat_starts_in_its_flow_and_waits_in_the_queue(chats: Chats) -> None:
    started = chats.start(
        InitialMessage={"ContentType": "text/plain", "Content": "My order is late"},
        Attributes={"orderId": "A-17"},
    )
    assert set(started) - {"ResponseMetadata"} == {"ContactId", "ParticipantId", "ParticipantToken"}
    contact = chats.connect.describe_contact(
        InstanceId=chats.instance_id, ContactId=started["ContactId"]
    )["Contact"]
    assert contact["Channel"] == "CHAT"
    assert contact["InitiationMethod"] == "API"
    assert contact["QueueInfo"]["Id"] == chats.queue["Id"]
    attributes = chats.connect.get_contact_attributes(
        InstanceId=chats.instance_id, InitialContactId=started["ContactId"]
    )["Attributes"]
    assert attributes == {"orderId": "A-17"}
    items = chats.transcript(started["ContactId"])
    assert [(i.type.value, i.participant_role.value, i.content) for i in items] == [
        ("PARTICIPANT_JOINED", "CUSTOMER", None),
        ("MESSAGE", "CUSTOMER", "My order is late"),
        (
            "MESSAGE",
            "SYSTEM",
            "Thank you for calling. Please hold while we connect you to the next available agent.",
        ),
    ]
    assert items[0].participant_id == started["ParticipantId"]
    assert items[0].display_name == "Ana"


def test_a_chat_started_twice_with_one_client_token_is_one_chat(chats: Chats) -> None:
    token = str(uuid.uuid4())
    first = chats.start(ClientToken=token)
    again = chats.start(ClientToken=token)
    assert again["ContactId"] == first["ContactId"]
    assert again["ParticipantId"] == first["ParticipantId"]


def test_a_chat_in_a_custom_flow_gets_its_greeting(chats: Chats) -> None:
    flow = chats.connect.create_contact_flow(
        InstanceId=chats.instance_id,
        Name="Chat greeting",
        Type="CONTACT_FLOW",
        Content=to_queue_flow(chats.queue["Arn"], greeting="Hi! An agent will be with you."),
    )
    started = chats.start(ContactFlowId=flow["ContactFlowArn"])
    items = chats.transcript(started["ContactId"])
    assert items[-1].content == "Hi! An agent will be with you."
    assert items[-1].display_name == "SYSTEM_MESSAGE"


def test_bad_chats_are_refused(chats: Chats) -> None:
    code, message = chats.refused(ContactFlowId=str(uuid.uuid4()))
    assert code == "ResourceNotFoundException"
    queue_flow = chats.flows["Default customer queue"]["Id"]
    code, message = chats.refused(ContactFlowId=queue_flow)
    assert code == "InvalidRequestException"
    assert "CONTACT_FLOW" in message
    code, message = chats.refused(ParticipantDetails={"DisplayName": "   "})
    assert code == "InvalidParameterException"
    assert "display name" in message
    code, _ = chats.refused(ParticipantDetails={"DisplayName": "x" * 257})
    assert code == "InvalidParameterException"
    code, _ = chats.refused(ParticipantDetails={})
    assert code == "InvalidParameterException"
    code, message = chats.refused(
        InitialMessage={"ContentType": "application/json", "Content": "{}"}
    )
    assert code == "InvalidParameterException"
    assert "text/plain" in message
    code, _ = chats.refused(InitialMessage={"ContentType": "text/plain", "Content": ""})
    assert code == "InvalidParameterException"
    code, _ = chats.refused(InitialMessage={"ContentType": "text/plain", "Content": "é" * 8193})
    assert code == "InvalidParameterException"
    code, message = chats.refused(RelatedContactId=str(uuid.uuid4()))
    assert code == "ResourceNotFoundException"
    assert "RelatedContactId" in message
    code, message = chats.refused(PersistentChat={"RehydrationType": "ENTIRE_PAST_SESSION"})
    assert code == "InvalidRequestException"
    code, _ = chats.refused(SupportedMessagingContentTypes=["text/markdown"])
    assert code == "InvalidParameterException"


def test_a_chat_s_duration_is_checked_and_kept(chats: Chats) -> None:
    for minutes in (59, 10_081):
        code, message = chats.refused(ChatDurationInMinutes=minutes)
        assert code == "InvalidParameterException"
        assert "ChatDurationInMinutes" in message
    runtime = chats.server.runtime
    assert runtime is not None
    for given in (60, 10_080, None):
        params = {} if given is None else {"ChatDurationInMinutes": given}
        started = chats.start(**params)
        contact = runtime.center.state(chats.instance_id).live.contact(started["ContactId"])
        assert contact is not None
        assert contact.chat_expires_at is not None
        lasts = contact.chat_expires_at - contact.initiated_at
        assert lasts.total_seconds() == 60 * (given or 1_500)
