"""The baseline for bench/chat.py: the least a Starlette app can do for the same conversation.

It answers the requests the chat bench makes, on the same paths and in the same shapes as
OpenContact — start a chat, connect the customer, log agents in, offer and accept, send
messages — but keeps everything in dictionaries: no database, no contact flow, no routing
rules (each new chat goes to the agent with the fewest), no token signatures (a token is a
name), no validation. A message is turned into a chat item and pushed on the customer's socket
and the agent's feed, as OpenContact does. What OpenContact takes beyond this relay is its
work: the engine's single writer, the durable commit, tokens, views.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect


@dataclass
class _Outbox:
    """One socket's messages, sent in order by one task (sends never interleave)."""

    queue: asyncio.Queue[str] = field(default_factory=asyncio.Queue)

    def push(self, message: dict[str, Any]) -> None:
        self.queue.put_nowait(json.dumps(message))

    async def pump(self, socket: WebSocket) -> None:
        while True:
            await socket.send_text(await self.queue.get())


@dataclass
class _Agent:
    username: str
    outbox: _Outbox = field(default_factory=_Outbox)
    contacts: dict[str, str] = field(default_factory=dict)  # contact id -> state

    def desk(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "contacts": [
                {"contactId": contact_id, "channel": "CHAT", "state": state}
                for contact_id, state in self.contacts.items()
            ],
        }


@dataclass
class _Chat:
    contact_id: str
    display_name: str
    agent: _Agent
    outbox: _Outbox = field(default_factory=_Outbox)


class Relay:
    def __init__(self) -> None:
        self.agents: dict[str, _Agent] = {}
        self.chats: dict[str, _Chat] = {}

    def item(self, chat: _Chat, role: str, sender: str, name: str, body: Any) -> dict[str, Any]:
        item = {
            "Id": str(uuid.uuid4()),
            "Type": "MESSAGE",
            "ContentType": body.get("ContentType") or body.get("contentType") or "text/plain",
            "Content": body.get("Content") or body.get("content"),
            "ParticipantId": sender,
            "DisplayName": name,
            "ParticipantRole": role,
            "AbsoluteTime": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "ContactId": chat.contact_id,
        }
        chat.outbox.push(
            {"topic": "aws/chat", "contentType": "application/json", "content": json.dumps(item)}
        )
        chat.agent.outbox.push({"type": "chat", "contactId": chat.contact_id, "item": item})
        return item


def build() -> Starlette:
    relay = Relay()

    async def login(request: Request) -> Response:
        username = (await request.json())["username"]
        relay.agents.setdefault(username, _Agent(username))
        return JSONResponse({"token": username, "user": {"id": username}}, status_code=201)

    async def status(request: Request) -> Response:
        return JSONResponse(relay.agents[_bearer(request)].desk())

    async def start_chat(request: Request) -> Response:
        body = await request.json()
        agent = min(relay.agents.values(), key=lambda each: len(each.contacts))
        contact_id = str(uuid.uuid4())
        relay.chats[contact_id] = _Chat(contact_id, body["displayName"], agent)
        agent.contacts[contact_id] = "OFFERED"
        agent.outbox.push({"type": "agent", "agent": agent.desk()})
        return JSONResponse(
            {"ContactId": contact_id, "ParticipantId": contact_id, "ParticipantToken": contact_id}
        )

    async def accept(request: Request) -> Response:
        agent = relay.agents[_bearer(request)]
        agent.contacts[request.path_params["contact"]] = "CONNECTED"
        agent.outbox.push({"type": "agent", "agent": agent.desk()})
        return JSONResponse(agent.desk())

    async def agent_message(request: Request) -> Response:
        agent = relay.agents[_bearer(request)]
        chat = relay.chats[request.path_params["contact"]]
        body = await request.json()
        item = relay.item(chat, "AGENT", agent.username, agent.username, body)
        return JSONResponse(item, status_code=201)

    async def connection(request: Request) -> Response:
        token = request.headers["x-amz-bearer"]
        host = request.headers["host"]
        return JSONResponse(
            {
                "Websocket": {"Url": f"ws://{host}/participant/ws?token={token}"},
                "ConnectionCredentials": {"ConnectionToken": token},
            }
        )

    async def customer_message(request: Request) -> Response:
        chat = relay.chats[request.headers["x-amz-bearer"]]
        item = relay.item(
            chat, "CUSTOMER", chat.contact_id, chat.display_name, await request.json()
        )
        return JSONResponse({"Id": item["Id"], "AbsoluteTime": item["AbsoluteTime"]})

    async def customer_socket(socket: WebSocket) -> None:
        chat = relay.chats[socket.query_params["token"]]
        await socket.accept()
        await socket.receive_text()  # the subscription
        await socket.send_text(
            json.dumps(
                {"topic": "aws/subscribe", "content": {"status": "success", "topics": ["aws/chat"]}}
            )
        )
        await _serve(socket, chat.outbox)

    async def agent_socket(socket: WebSocket) -> None:
        agent = relay.agents[socket.query_params["token"]]
        await socket.accept()
        await socket.send_text(json.dumps({"type": "snapshot", "agent": agent.desk()}))
        await _serve(socket, agent.outbox)

    return Starlette(
        routes=[
            Mount(
                "/api/v1",
                routes=[
                    Route("/sessions", login, methods=["POST"]),
                    Route("/agent/status", status, methods=["PUT"]),
                    Route("/chat/start", start_chat, methods=["POST"]),
                    Route("/agent/contacts/{contact}/accept", accept, methods=["POST"]),
                    Route("/agent/contacts/{contact}/messages", agent_message, methods=["POST"]),
                    WebSocketRoute("/agent/events", agent_socket),
                ],
            ),
            Mount(
                "/participant",
                routes=[
                    Route("/connection", connection, methods=["POST"]),
                    Route("/message", customer_message, methods=["POST"]),
                    WebSocketRoute("/ws", customer_socket),
                ],
            ),
        ]
    )


def _bearer(request: Request) -> str:
    return request.headers["authorization"].removeprefix("Bearer ")


async def _serve(socket: WebSocket, outbox: _Outbox) -> None:
    """Push the outbox until the client goes."""
    pump = asyncio.create_task(outbox.pump(socket))
    try:
        while True:
            await socket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pump
