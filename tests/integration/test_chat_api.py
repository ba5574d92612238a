"""A chat from both sides, on a real server (uvicorn on the test's event loop, virtual clock): a
customer starts it with POST /api/v1/chat/start, connects through the participant service and
follows it on /participant/ws; an agent takes it through the agent API and follows it on the
agent's WebSocket. Messages, typing and read receipts cross over live; both read the same
transcript; the customer leaving ends the chat (CHAT_ENDED, the socket closes) and the agent
goes to after-contact work. Bad tokens and bad input are refused and change nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from opencontact.api.agent.schemas import ChatItemView
from opencontact.client import AgentClient
from opencontact.config import ChatRateLimits
from opencontact.domain.contact_flows import ContactFlow
from tests.integration.test_agent_api import (
    AgentApiUnderTest,
    ApiAgent,
    agent_api_center,
    served,
)

WAIT = 10.0  # seconds: only a safety net against a hang; messages come at once
TYPING = "application/vnd.amazonaws.connect.event.typing"
READ = "application/vnd.amazonaws.connect.event.message.read"
DELIVERED = "application/vnd.amazonaws.connect.event.message.delivered"


@dataclass
class Customer:
    """A chat customer: what /api/v1/chat/start answered, and their connection."""

    http: httpx.AsyncClient
    contact_id: str
    participant_id: str
    participant_token: str
    connection_token: str = ""
    socket_url: str = ""

    async def call(self, operation: str, body: Any, token: str | None = None) -> httpx.Response:
        bearer = token if token is not None else self.connection_token
        return await self.http.post(
            f"/participant/{operation}", json=body, headers={"X-Amz-Bearer": bearer}
        )

    async def ok(self, operation: str, body: Any) -> dict[str, Any]:
        response = await self.call(operation, body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def connect(self) -> dict[str, Any]:
        response = await self.call(
            "connection",
            {"Type": ["WEBSOCKET", "CONNECTION_CREDENTIALS"], "ConnectParticipant": True},
            token=self.participant_token,
        )
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        self.connection_token = answer["ConnectionCredentials"]["ConnectionToken"]
        self.socket_url = answer["Websocket"]["Url"]
        return answer

    async def transcript(self, **body: Any) -> dict[str, Any]:
        return await self.ok("transcript", {"SortOrder": "ASCENDING", "MaxResults": 100, **body})


async def start_chat(api: AgentApiUnderTest, **body: Any) -> Customer:
    response = await api.http.post(
        "/api/v1/chat/start", json={"instance": "demo", "displayName": "Ana", **body}
    )
    assert response.status_code == 200, response.text
    started = response.json()
    await api.cc.settle()
    return Customer(
        api.http, started["ContactId"], started["ParticipantId"], started["ParticipantToken"]
    )


@asynccontextmanager
async def live(tmp_path: Path, **settings: Any) -> AsyncIterator[tuple[AgentApiUnderTest, str]]:
    """The server on a port; yields it (its `http` now goes through that port, as a browser's
    would) and its ws:// base. `settings`: more Settings fields."""
    async with (
        agent_api_center(tmp_path, **settings) as api,
        served(api.app) as url,
        httpx.AsyncClient(base_url=url) as http,
    ):
        api.http = http
        yield api, "ws" + url.removeprefix("http")


async def _next(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT))
    return message


def customer_item(message: dict[str, Any]) -> dict[str, Any] | None:
    if message.get("topic") != "aws/chat":
        return None
    assert message["contentType"] == "application/json"
    item: dict[str, Any] = json.loads(message["content"])
    return item


def agent_item(message: dict[str, Any]) -> dict[str, Any] | None:
    if message.get("type") != "chat":
        return None
    item: dict[str, Any] = message["item"]
    return item


async def until(
    socket: ClientConnection,
    unwrap: Callable[[dict[str, Any]], dict[str, Any] | None],
    wanted: Callable[[dict[str, Any]], bool],
) -> list[dict[str, Any]]:
    """The chat items the socket sends, up to and including the first `wanted` one."""
    seen: list[dict[str, Any]] = []
    while True:
        item = unwrap(await _next(socket))
        if item is None:
            continue
        seen.append(item)
        if wanted(item):
            return seen


def of_type(kind: str, **members: Any) -> Callable[[dict[str, Any]], bool]:
    return lambda item: item["Type"] == kind and all(item.get(k) == v for k, v in members.items())


async def subscribe(socket: ClientConnection) -> None:
    await socket.send(json.dumps({"topic": "aws/subscribe", "content": {"topics": ["aws/chat"]}}))
    ack = await _next(socket)
    assert ack == {
        "topic": "aws/subscribe",
        "content": {"status": "success", "topics": ["aws/chat"]},
    }


async def _drain(socket: ClientConnection) -> None:
    """Read until the socket closes (ConnectionClosed)."""
    while True:
        await asyncio.wait_for(socket.recv(), WAIT)


async def _closed_with(socket: ClientConnection) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as closed:
        await _drain(socket)
    received = closed.value.rcvd
    assert received is not None
    return received.code, received.reason


async def accepted_chat(api: AgentApiUnderTest, agent: ApiAgent, customer: Customer) -> None:
    await agent.ok("POST", f"/agent/contacts/{customer.contact_id}/accept")
    await api.cc.settle()


async def test_a_customer_and_an_agent_chat_live_until_the_customer_leaves(
    tmp_path: Path,
) -> None:
    async with live(tmp_path) as (api, ws):
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        customer = await start_chat(api, initialMessage="Hello, my order is late.")

        [offered] = (await agent1.desk())["contacts"]
        assert offered["contactId"] == customer.contact_id
        assert offered["channel"] == "CHAT"
        assert offered["state"] == "OFFERED"
        assert offered["customer"]["displayName"] == "Ana"

        connection = await customer.connect()
        assert connection["Websocket"]["Url"].startswith(f"{ws}/participant/ws?token=")
        async with (
            connect(connection["Websocket"]["Url"]) as customer_socket,
            connect(f"{ws}/api/v1/agent/events?token={agent1.token}") as agent_socket,
        ):
            await subscribe(customer_socket)
            assert (await _next(agent_socket))["type"] == "snapshot"

            # The agent accepts: it connects at once, and the customer hears them join.
            await accepted_chat(api, agent1, customer)
            assert (await agent1.desk())["state"] == "On contact"
            joined = await until(customer_socket, customer_item, of_type("PARTICIPANT_JOINED"))
            assert joined[-1]["ParticipantRole"] == "AGENT"
            assert joined[-1]["ParticipantId"] == agent1.user_id

            # The agent reads what came before (the first message, the flow's greeting).
            transcript = await agent1.ok("GET", f"/agent/contacts/{customer.contact_id}/transcript")
            said = [(i["ParticipantRole"], i.get("Content")) for i in transcript["items"]]
            assert ("CUSTOMER", "Hello, my order is late.") in said
            assert any(role == "SYSTEM" and text for role, text in said)

            # Customer -> agent: typing, then a message.
            typing = await customer.ok("event", {"ContentType": TYPING})
            seen = await until(agent_socket, agent_item, of_type("TYPING"))
            assert seen[-1]["Id"] == typing["Id"]
            assert seen[-1]["ParticipantRole"] == "CUSTOMER"
            sent = await customer.ok(
                "message", {"ContentType": "text/plain", "Content": "Order 1234."}
            )
            seen = await until(agent_socket, agent_item, of_type("MESSAGE", Id=sent["Id"]))
            assert seen[-1]["Content"] == "Order 1234."
            assert seen[-1]["DisplayName"] == "Ana"
            assert seen[-1]["AbsoluteTime"] == sent["AbsoluteTime"]

            # The agent reads it: the customer gets the read receipt.
            reading = await agent1.call(
                "POST",
                f"/agent/contacts/{customer.contact_id}/chat-events",
                {"type": "read", "messageId": sent["Id"]},
            )
            assert reading.status_code == 204, reading.text
            seen = await until(customer_socket, customer_item, of_type("MESSAGE_READ"))
            assert seen[-1]["MessageMetadata"]["MessageId"] == sent["Id"]
            assert seen[-1]["MessageMetadata"]["Receipts"][0]["ReadTimestamp"]

            # Agent -> customer: typing, then a message, which the customer acknowledges.
            typing_answer = await agent1.call(
                "POST", f"/agent/contacts/{customer.contact_id}/chat-events", {"type": "typing"}
            )
            assert typing_answer.status_code == 204
            seen = await until(customer_socket, customer_item, of_type("TYPING"))
            assert seen[-1]["ParticipantRole"] == "AGENT"
            reply = await agent1.ok(
                "POST",
                f"/agent/contacts/{customer.contact_id}/messages",
                {"content": "Let me look.", "contentType": "text/plain"},
            )
            ChatItemView.model_validate(reply)
            assert reply["Type"] == "MESSAGE"
            assert reply["ParticipantRole"] == "AGENT"
            seen = await until(customer_socket, customer_item, of_type("MESSAGE", Id=reply["Id"]))
            assert seen[-1]["Content"] == "Let me look."
            for event in (DELIVERED, READ):
                await customer.ok(
                    "event",
                    {"ContentType": event, "Content": json.dumps({"messageId": reply["Id"]})},
                )
            seen = await until(
                agent_socket, agent_item, of_type("MESSAGE_READ", ParticipantRole="CUSTOMER")
            )
            receipts = [i for i in seen if i["ParticipantRole"] == "CUSTOMER"]
            assert [i["Type"] for i in receipts if i["Type"].startswith("MESSAGE_")] == [
                "MESSAGE_DELIVERED",
                "MESSAGE_READ",
            ]
            assert seen[-1]["MessageMetadata"]["MessageId"] == reply["Id"]

            # Both read the same transcript; typing is not kept in it.
            mine = (await customer.transcript())["Transcript"]
            theirs = (await agent1.ok("GET", f"/agent/contacts/{customer.contact_id}/transcript"))[
                "items"
            ]
            assert [i["Id"] for i in mine] == [i["Id"] for i in theirs]
            assert "TYPING" not in {i["Type"] for i in mine}
            assert {sent["Id"], reply["Id"]} <= {i["Id"] for i in mine}
            for item in theirs:
                ChatItemView.model_validate(item)

            # The customer leaves: the chat ends, the socket says so and closes.
            assert await customer.ok("disconnect", {}) == {}
            seen = await until(customer_socket, customer_item, of_type("CHAT_ENDED"))
            assert of_type("PARTICIPANT_LEFT", ParticipantRole="CUSTOMER")(seen[-2])
            assert await _closed_with(customer_socket) == (1000, "The chat has ended.")
            await until(agent_socket, agent_item, of_type("CHAT_ENDED"))
        await api.cc.settle()
        desk = await agent1.desk()
        assert desk["state"] == "After contact work"
        [contact] = desk["contacts"]
        assert contact["state"] == "AFTER_CONTACT_WORK"

        # The connection no longer works for anything.
        for operation, body in (
            ("message", {"ContentType": "text/plain", "Content": "still there?"}),
            ("transcript", {}),
            ("disconnect", {}),
        ):
            refused = await customer.call(operation, body)
            assert refused.status_code == 403, refused.text
            assert refused.headers["x-amzn-errortype"] == "AccessDeniedException"
            assert "ended" in refused.json()["Message"]
        again = await customer.call(
            "connection", {"Type": ["WEBSOCKET"]}, customer.participant_token
        )
        assert again.status_code == 403
        async with connect(customer.socket_url) as late:
            assert await _closed_with(late) == (
                1000,
                "The chat has ended; this participant can no longer take part in it.",
            )


async def test_bad_tokens_are_refused_with_access_denied(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, ws):
        customer = await start_chat(api)
        await customer.connect()
        tampered = customer.connection_token[:-2] + (
            "AA" if not customer.connection_token.endswith("AA") else "BB"
        )
        for token in ("", "nonsense", tampered, customer.participant_token):
            # A participant token is not a connection token (and the other way round).
            response = await customer.call(
                "message", {"ContentType": "text/plain", "Content": "hi"}, token=token
            )
            assert response.status_code == 403, (token, response.text)
            assert response.headers["x-amzn-errortype"] == "AccessDeniedException"
            assert response.json()["Message"]
        response = await customer.call(
            "connection", {"Type": ["WEBSOCKET"]}, token=customer.connection_token
        )
        assert response.status_code == 403
        assert response.headers["x-amzn-errortype"] == "AccessDeniedException"
        for url in (f"{ws}/participant/ws?token=nonsense", f"{ws}/participant/ws"):
            async with connect(url) as socket:
                if url.endswith("/ws"):
                    await socket.send(json.dumps({"type": "auth", "token": tampered}))
                code, reason = await _closed_with(socket)
                assert code == 4401, reason
        transcript = await customer.transcript()
        assert [i["Type"] for i in transcript["Transcript"]].count("MESSAGE") == 1  # the greeting


async def test_bad_input_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, _ws):
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        customer = await start_chat(api)
        await customer.connect()
        before = await customer.transcript()
        for operation, body, words in (
            ("message", {"ContentType": "text/plain"}, "Content"),
            ("message", {"ContentType": "text/plain", "Content": ""}, "Content"),
            ("message", {"ContentType": "text/plain", "Content": "x" * 16_385}, "16384"),
            ("message", {"ContentType": "application/pdf", "Content": "hi"}, "text/plain"),
            ("message", {"ContentType": "text/plain", "Content": 7}, "string"),
            (
                "event",
                {"ContentType": "application/vnd.amazonaws.connect.event.nonsense"},
                "typing",
            ),
            ("event", {"ContentType": READ}, "messageId"),
            ("event", {"ContentType": READ, "Content": "not json"}, "JSON"),
            ("transcript", {"MaxResults": 101}, "100"),
            ("transcript", {"SortOrder": "SIDEWAYS"}, "ASCENDING"),
            ("transcript", {"NextToken": "bm90IGEgdG9rZW4="}, "NextToken"),
            ("transcript", {"StartPosition": {"Id": "nope"}}, "nope"),
        ):
            response = await customer.call(operation, body)
            assert response.status_code == 400, (body, response.text)
            assert response.headers["x-amzn-errortype"] == "ValidationException", body
            assert words in response.json()["Message"], (body, response.json())
        assert await customer.transcript() == before
        huge = await customer.http.post(
            "/participant/message",
            content=b'{"Content": "' + b"x" * 70_000 + b'"}',
            headers={"X-Amz-Bearer": customer.connection_token},
        )
        assert huge.status_code == 400
        assert "64 KiB" in huge.json()["Message"]
        unknown = await customer.call("attachment", {"AttachmentId": "a"})
        assert unknown.status_code == 404
        assert "GetAttachment" in unknown.json()["Message"]

        # The agent's side: only their own chats, only real messages.
        contact_id = customer.contact_id
        await agent1.refused(
            "POST",
            f"/agent/contacts/{contact_id}/messages",
            {"content": ""},
            400,
            "InvalidParameter",
        )
        await agent1.refused(  # offered, not accepted yet
            "POST",
            f"/agent/contacts/{contact_id}/messages",
            {"content": "hi"},
            409,
            "InvalidRequest",
        )
        await accepted_chat(api, agent1, customer)
        await agent1.refused(
            "POST",
            f"/agent/contacts/{contact_id}/chat-events",
            {"type": "read"},
            400,
            "InvalidParameter",
            "messageId",
        )
        await agent1.refused(
            "POST",
            f"/agent/contacts/{contact_id}/messages",
            {"content": "hi", "contentType": "text/html"},
            400,
            "InvalidParameter",
        )
        agent2 = await api.login("agent2")
        await agent2.refused(
            "POST",
            f"/agent/contacts/{contact_id}/messages",
            {"content": "hi"},
            404,
            "ResourceNotFound",
        )
        response = await agent2.call("GET", f"/agent/contacts/{contact_id}/transcript")
        assert response.status_code == 404


async def test_the_start_endpoint_checks_its_input(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, _ws):
        for body, status, code, words in (
            ({"instance": "nowhere", "displayName": "Ana"}, 404, "ResourceNotFound", "nowhere"),
            (
                {"instance": "demo", "displayName": "Ana", "contactFlowId": "missing"},
                404,
                "ResourceNotFound",
                "missing",
            ),
            ({"instance": "demo", "displayName": ""}, 400, "InvalidParameter", "displayName"),
            ({"instance": "demo", "displayName": "   "}, 400, "InvalidParameter", "display name"),
            ({"instance": "demo", "displayName": "A" * 257}, 400, "InvalidParameter", "256"),
            ({"instance": "demo"}, 400, "InvalidParameter", "displayName"),
            (
                {"instance": "demo", "displayName": "Ana", "initialMessage": "x" * 16_385},
                400,
                "InvalidParameter",
                "initialMessage",
            ),
            (
                {"instance": "demo", "displayName": "Ana", "extra": 1},
                400,
                "InvalidParameter",
                "extra",
            ),
        ):
            response = await api.http.post("/api/v1/chat/start", json=body)
            assert response.status_code == status, (body, response.text)
            assert response.json()["error"] == code, response.json()
            assert words in response.json()["message"], response.json()
        huge = await api.http.post(
            "/api/v1/chat/start",
            content=b'{"instance": "demo", "displayName": "' + b"x" * 70_000 + b'"}',
            headers={"content-type": "application/json"},
        )
        assert huge.status_code == 413
        assert huge.json()["error"] == "PayloadTooLarge"
        assert api.cc.state.live.contacts == {}

        queue_flow = api.cc.state.directory.find_by_name(ContactFlow, "Default customer queue")
        assert queue_flow is not None
        response = await api.http.post(
            "/api/v1/chat/start",
            json={"instance": "demo", "displayName": "Ana", "contactFlowId": queue_flow.id},
        )
        assert response.status_code == 400, response.text
        assert "CONTACT_FLOW" in response.json()["message"]
        assert api.cc.state.live.contacts == {}


async def test_transcript_pages_as_the_model_says(tmp_path: Path) -> None:
    # 12 messages at once: more than the default rate limit (10 a second) takes.
    unlimited = ChatRateLimits(participant_sends_per_second=0)
    async with live(tmp_path, chat_rate_limits=unlimited) as (api, _ws):
        customer = await start_chat(api)
        await customer.connect()
        for n in range(12):
            await customer.ok("message", {"ContentType": "text/plain", "Content": f"m{n}"})
        everything = [i["Id"] for i in (await customer.transcript())["Transcript"]]
        assert len(everything) == 2 + 12  # joined, the greeting, the messages

        # The default: the 10 most recent, newest first.
        first = await customer.ok("transcript", {})
        assert [i["Id"] for i in first["Transcript"]] == everything[::-1][:10]
        rest = await customer.ok("transcript", {"NextToken": first["NextToken"]})
        assert [i["Id"] for i in rest["Transcript"]] == everything[::-1][10:]
        assert "NextToken" not in rest

        # Forward from the start, 5 at a time, oldest first.
        pages: list[str] = []
        token = None
        while True:
            body: dict[str, Any] = {
                "ScanDirection": "FORWARD",
                "SortOrder": "ASCENDING",
                "MaxResults": 5,
            }
            if token:
                body["NextToken"] = token
            answer = await customer.ok("transcript", body)
            assert answer["InitialContactId"] == customer.contact_id
            pages.extend(i["Id"] for i in answer["Transcript"])
            token = answer.get("NextToken")
            if token is None:
                break
        assert pages == everything

        # From a given item on, and the 3 most recent ones.
        start = await customer.ok(
            "transcript",
            {"StartPosition": {"Id": everything[5]}, "SortOrder": "ASCENDING", "MaxResults": 3},
        )
        assert [i["Id"] for i in start["Transcript"]] == everything[5:8]
        recent = await customer.ok(
            "transcript",
            {
                "StartPosition": {"MostRecent": 2},
                "ScanDirection": "FORWARD",
                "SortOrder": "ASCENDING",
            },
        )
        assert [i["Id"] for i in recent["Transcript"]] == everything[-3:]


async def test_the_python_client_chats_for_the_agent(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, _ws):
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        customer = await start_chat(api, initialMessage="Hi")
        await customer.connect()
        await accepted_chat(api, agent1, customer)
        contact_id = customer.contact_id
        with AgentClient(str(api.http.base_url)) as client:
            client.token = agent1.token
            item = await asyncio.to_thread(client.send_chat_message, contact_id, "Hello Ana")
            assert item["Content"] == "Hello Ana"
            await asyncio.to_thread(client.send_chat_event, contact_id, "typing")
            first = (await customer.transcript())["Transcript"][1]
            await asyncio.to_thread(client.send_chat_event, contact_id, "read", first["Id"])
            items = await asyncio.to_thread(client.chat_transcript, contact_id)
        assert [i["Type"] for i in items][-2:] == ["MESSAGE", "MESSAGE_READ"]
        assert items[-2]["Id"] == item["Id"]
        assert items == (await customer.transcript())["Transcript"]


async def test_a_customer_keeps_their_chat_across_a_restart(tmp_path: Path) -> None:
    """Tokens are signed, not stored: after a restart on the same data dir they still work."""
    async with live(tmp_path) as (api, _ws):
        customer = await start_chat(api, initialMessage="Before")
        await customer.connect()
    async with live(tmp_path) as (api, _ws):
        customer.http = api.http
        sent = await customer.ok("message", {"ContentType": "text/plain", "Content": "After"})
        said = [i.get("Content") for i in (await customer.transcript())["Transcript"]]
        assert said[1] == "Before"
        assert said[-1] == "After"
        assert (await customer.transcript())["Transcript"][-1]["Id"] == sent["Id"]
        reconnected = await customer.call(
            "connection", {"Type": ["CONNECTION_CREDENTIALS"]}, token=customer.participant_token
        )
        assert reconnected.status_code == 200, reconnected.text
        assert "Websocket" not in reconnected.json()


async def test_a_server_takes_only_the_tokens_it_signed(tmp_path: Path) -> None:
    """Two servers in one process, each on its own data dir: neither takes the other's tokens."""
    async with (
        agent_api_center(tmp_path / "first") as first,
        agent_api_center(tmp_path / "second") as second,
    ):
        customer = await start_chat(first)
        await customer.connect()
        elsewhere = replace(customer, http=second.http)
        for operation, body, token, message in (
            (
                "connection",
                {"Type": ["CONNECTION_CREDENTIALS"]},
                customer.participant_token,
                "The participant token is not valid.",
            ),
            (
                "message",
                {"ContentType": "text/plain", "Content": "hi"},
                customer.connection_token,
                "The connection token is not valid.",
            ),
        ):
            response = await elsewhere.call(operation, body, token=token)
            assert response.status_code == 403, response.text
            assert response.headers["x-amzn-errortype"] == "AccessDeniedException"
            assert response.json()["Message"] == message
        await customer.ok("message", {"ContentType": "text/plain", "Content": "hi"})


async def test_the_customer_stays_in_the_chat_across_a_transfer(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, ws):
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        customer = await start_chat(api, initialMessage="I need billing.")
        connection = await customer.connect()
        await accepted_chat(api, agent1, customer)
        await agent2.ok("PUT", "/agent/status", {"status": "Available"})
        async with (
            connect(connection["Websocket"]["Url"]) as customer_socket,
            connect(f"{ws}/api/v1/agent/events?token={agent2.token}") as agent2_socket,
        ):
            await subscribe(customer_socket)
            assert (await _next(agent2_socket))["type"] == "snapshot"
            await agent1.ok(
                "POST",
                f"/agent/contacts/{customer.contact_id}/transfer",
                {"quickConnectId": api.quick_connect("agent2 qc")},
            )
            await api.cc.settle()
            assert (await agent1.desk())["state"] == "After contact work"
            [offered] = (await agent2.desk())["contacts"]
            segment = offered["contactId"]
            assert segment != customer.contact_id
            assert offered["customer"]["displayName"] == "Ana"
            await agent2.ok("POST", f"/agent/contacts/{segment}/accept")
            await api.cc.settle()

            seen = await until(
                customer_socket,
                customer_item,
                of_type("PARTICIPANT_JOINED", ParticipantId=agent2.user_id),
            )
            assert "CHAT_ENDED" not in {i["Type"] for i in seen}
            assert seen[-1]["ContactId"] == segment

            # The customer writes on as before; it reaches agent2 on their contact.
            sent = await customer.ok(
                "message", {"ContentType": "text/plain", "Content": "Still here"}
            )
            found = await until(agent2_socket, agent_item, of_type("MESSAGE", Id=sent["Id"]))
            assert found[-1]["ContactId"] == segment

            # agent2 reads the whole chat, from before the transfer.
            transcript = await agent2.ok("GET", f"/agent/contacts/{segment}/transcript")
            said = [i.get("Content") for i in transcript["items"]]
            assert "I need billing." in said
            assert "Still here" in said
            answer = await customer.transcript()
            assert answer["InitialContactId"] == customer.contact_id
            assert [i["Id"] for i in answer["Transcript"]] == [i["Id"] for i in transcript["items"]]


async def test_the_customer_socket_answers_heartbeats_and_holds_items_until_subscribed(
    tmp_path: Path,
) -> None:
    async with live(tmp_path) as (api, _ws):
        customer = await start_chat(api)
        connection = await customer.connect()
        async with connect(connection["Websocket"]["Url"]) as socket:
            await socket.send(json.dumps({"topic": "aws/heartbeat"}))
            assert await _next(socket) == {"topic": "aws/heartbeat"}
            sent = await customer.ok("message", {"ContentType": "text/plain", "Content": "early"})
            await socket.send(
                json.dumps({"topic": "aws/subscribe", "content": {"topics": ["aws/typing"]}})
            )
            refused = await _next(socket)
            assert refused["content"]["status"] == "failure"
            await subscribe(socket)
            [item] = await until(socket, customer_item, of_type("MESSAGE"))
            assert item["Id"] == sent["Id"]
            await socket.send("not json")
            assert await _closed_with(socket) == (4400, "Messages must be JSON.")
