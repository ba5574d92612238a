"""The agent's WebSocket, on a real server (uvicorn on the test's event loop, virtual clock):
a snapshot first, then an update after each change the agent sees — a call offered, then
connected — in order and without polling; a reconnect starts again with a fresh snapshot."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from opencontact.client import AgentApiError, AgentClient
from tests.integration.test_agent_api import (
    AgentApiUnderTest,
    agent_api_center,
    served,
)

WAIT = 10.0  # seconds: only a safety net against a hang; messages come at once


@asynccontextmanager
async def live(tmp_path: Path) -> AsyncIterator[tuple[AgentApiUnderTest, str]]:
    """The contact center with the agent API served; yields it and its ws:// base."""
    async with agent_api_center(tmp_path) as api, served(api.app) as url:
        yield api, "ws" + url.removeprefix("http") + "/api/v1/agent/events"


async def _next(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT))
    return message


async def _until(socket: ClientConnection, state: str) -> list[str]:
    """The states the agent went through, up to and including `state`."""
    seen: list[str] = []
    while not seen or seen[-1] != state:
        message = await _next(socket)
        assert message["type"] == "agent", message
        seen.append(message["agent"]["state"])
    return seen


async def _closed_with(socket: ClientConnection) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(socket.recv(), WAIT)
    received = closed.value.rcvd
    assert received is not None
    return received.code, received.reason


async def test_the_socket_sends_a_snapshot_then_the_call_offered_then_connected(
    tmp_path: Path,
) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        async with connect(f"{events}?token={agent1.token}") as socket:
            snapshot = await _next(socket)
            assert snapshot["type"] == "snapshot"
            assert snapshot["agent"] == await agent1.desk()
            assert snapshot["agent"]["state"] == "Offline"
            assert datetime.fromisoformat(snapshot["at"]) == api.cc.clock.now()

            await agent1.ok("PUT", "/agent/status", {"status": "Available"})
            assert await _until(socket, "Available") == ["Available"]

            await api.customer_calls()
            incoming = await _next(socket)
            assert incoming["agent"]["state"] == "Incoming"
            [offered] = incoming["agent"]["contacts"]
            assert offered["customer"]["phoneNumber"] == "+15555550100"

            await agent1.ok("POST", f"/agent/contacts/{offered['contactId']}/accept")
            await api.cc.settle()
            states = await _until(socket, "On contact")
            assert set(states) <= {"Connecting", "On contact"}
            assert (await agent1.desk())["state"] == "On contact"


async def test_the_token_can_come_as_the_first_message(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        async with connect(events) as socket:
            await socket.send(json.dumps({"type": "auth", "token": agent1.token}))
            snapshot = await _next(socket)
            assert snapshot["type"] == "snapshot"
            assert snapshot["agent"]["username"] == "agent1"


@pytest.mark.parametrize("token", ["not-a-token", ""])
async def test_a_socket_without_a_valid_token_is_closed_with_4401(
    tmp_path: Path, token: str
) -> None:
    async with live(tmp_path) as (_api, events), connect(f"{events}?token={token}") as socket:
        if not token:
            await socket.send(json.dumps({"type": "auth"}))
        code, reason = await _closed_with(socket)
        assert code == 4401
        assert reason


async def test_a_socket_for_a_user_without_the_ccp_permission_is_closed_with_4403(
    tmp_path: Path,
) -> None:
    async with live(tmp_path) as (api, events):
        await api.add_user("analyst", "QualityAnalyst")
        analyst = await api.login("analyst", "Passw0rd1")
        async with connect(f"{events}?token={analyst.token}") as socket:
            code, reason = await _closed_with(socket)
            assert code == 4403
            assert reason == "Your security profile does not allow the Contact Control Panel."


async def test_ping_gets_pong_and_a_snapshot_can_be_asked_for(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        async with connect(f"{events}?token={agent1.token}") as socket:
            await _next(socket)
            await socket.send(json.dumps({"type": "ping", "id": 7}))
            assert await _next(socket) == {"type": "pong", "id": 7}
            await socket.send(json.dumps({"type": "snapshot"}))
            again = await _next(socket)
            assert again["type"] == "snapshot"
            assert again["agent"]["username"] == "agent1"
            await socket.send(json.dumps({"type": "dance"}))
            assert (await _next(socket))["type"] == "error"
            await socket.send("not json")
            code, _reason = await _closed_with(socket)
            assert code == 4400


async def test_a_reconnecting_agent_gets_a_fresh_snapshot(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        url = f"{events}?token={agent1.token}"
        async with connect(url) as socket:
            await _next(socket)
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        async with connect(url) as socket:
            snapshot = await _next(socket)
            assert snapshot["type"] == "snapshot"
            assert snapshot["agent"]["state"] == "Incoming"


async def test_another_agent_s_call_sends_nothing_to_this_agent(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        async with connect(f"{events}?token={agent2.token}") as socket:
            await _next(socket)
            await agent1.ok("PUT", "/agent/status", {"status": "Available"})
            await api.customer_calls()
            assert (await agent1.desk())["state"] == "Incoming"
            # Messages are in order: had agent1's call concerned agent2, it would come first.
            await agent2.ok("PUT", "/agent/status", {"status": "Available"})
            message = await _next(socket)
            assert message["agent"]["state"] == "Available"
            assert message["agent"]["contacts"] == []


async def test_a_phone_settings_change_reaches_the_agent_s_socket(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        async with connect(f"{events}?token={agent1.token}") as socket:
            await _next(socket)
            await agent1.ok(
                "PUT",
                "/agent/settings/phone",
                {"phoneType": "DESK_PHONE", "deskPhoneNumber": "+12065550142"},
            )
            message = await _next(socket)
            assert message["agent"]["settings"]["deskPhoneNumber"] == "+12065550142"


async def test_the_socket_closes_when_the_session_expires(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        async with connect(f"{events}?token={agent1.token}") as socket:
            await _next(socket)
            api.cc.clock.advance(12 * 3600)
            code, reason = await _closed_with(socket)
            assert code == 4401
            assert "expired" in reason


async def test_the_python_client_follows_the_events(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        agent1 = await api.login("agent1")
        client = AgentClient(events.replace("ws", "http", 1).removesuffix("/agent/events"))
        client.token = agent1.token
        stream = client.events()
        try:
            snapshot = await asyncio.wait_for(anext(stream), WAIT)
            assert snapshot["type"] == "snapshot"
            await agent1.ok("PUT", "/agent/status", {"status": "Available"})
            update = await asyncio.wait_for(anext(stream), WAIT)
            assert (update["type"], update["agent"]["state"]) == ("agent", "Available")
        finally:
            await stream.aclose()
            client.close()


async def test_the_python_client_reports_a_refused_socket(tmp_path: Path) -> None:
    async with live(tmp_path) as (_api, events):
        base = events.replace("ws", "http", 1).removesuffix("/agent/events")
        client = AgentClient(base, token="forged.token")
        with pytest.raises(AgentApiError) as refused:
            async for _message in client.events():
                pass
        assert refused.value.status == 401
        assert refused.value.code == "Unauthorized"
        client.close()
