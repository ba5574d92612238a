"""The agent API as the CCP uses it: an agent logs in, goes Available, a customer calls the
demo number, and the agent answers, holds, resumes, ends and closes through the API.

Also the harness the other agent-API tests share: a whole OpenContact on a virtual clock
(tests.support.engine), its server app (the agent API at /api/v1) called in-process through
httpx's ASGI transport on the test's own event loop.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from starlette.types import ASGIApp

from opencontact.api.agent.schemas import (
    AgentDesk,
    AgentSettings,
    ContactView,
    CustomerView,
    QueueRef,
    QuickConnectView,
    SessionUser,
    StatusView,
    ThirdPartyView,
    field_names,
)
from opencontact.client import AgentClient
from opencontact.config import Settings
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile, create_security_profile
from opencontact.domain.users import IdentityInfo, User, create_user
from opencontact.passwords import hash_password_async
from opencontact.server import Server, server_config
from opencontact.testing import LiveServer
from tests.support.engine import ContactCenterUnderTest, contact_center

CUSTOMER = "+15555550100"


class ApiAgent:
    """One logged-in agent, calling the API with their token."""

    def __init__(self, http: httpx.AsyncClient, token: str, user: dict[str, Any]) -> None:
        self.http = http
        self.token = token
        self.user = user
        self.headers = {"Authorization": f"Bearer {token}"}

    @property
    def user_id(self) -> str:
        return str(self.user["id"])

    async def call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        return await self.http.request(method, f"/api/v1{path}", json=body, headers=self.headers)

    async def ok(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        """The answer of a request that must succeed."""
        response = await self.call(method, path, body)
        assert response.status_code in (200, 201), response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def desk(self) -> dict[str, Any]:
        return await self.ok("GET", "/agent")

    async def error(
        self, method: str, path: str, body: Any, status: int, code: str, words: str = ""
    ) -> dict[str, Any]:
        """The answer of a request that must fail with `status` and `code`, saying `words`."""
        response = await self.call(method, path, body)
        assert response.status_code == status, response.text
        error: dict[str, Any] = response.json()
        assert error["error"] == code, error
        assert words in error["message"], error
        return error

    async def refused(
        self, method: str, path: str, body: Any, status: int, code: str, words: str = ""
    ) -> dict[str, Any]:
        """A request that must fail without changing what the agent sees."""
        before = await self.desk()
        error = await self.error(method, path, body, status, code, words)
        assert await self.desk() == before
        return error


class AgentApiUnderTest:
    def __init__(self, cc: ContactCenterUnderTest, app: ASGIApp, http: httpx.AsyncClient) -> None:
        self.cc = cc
        self.app = app
        self.http = http

    def password(self, username: str) -> str:
        assert self.cc.runtime.demo is not None
        return self.cc.runtime.demo.passwords[username]

    async def login(self, username: str, password: str | None = None) -> ApiAgent:
        response = await self.http.post(
            "/api/v1/sessions",
            json={
                "instance": "demo",
                "username": username,
                "password": password or self.password(username),
            },
        )
        assert response.status_code == 201, response.text
        body = response.json()
        return ApiAgent(self.http, body["token"], body["user"])

    def quick_connect(self, name: str) -> str:
        found = self.cc.state.directory.find_by_name(QuickConnect, name)
        assert found is not None, name
        return found.id

    async def add_user(self, username: str, profile: str, password: str = "Passw0rd1") -> User:
        """A user of the demo instance with one security profile (and this password)."""
        directory = self.cc.state.directory
        security = directory.find_by_name(SecurityProfile, profile)
        routing = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
        assert security is not None
        assert routing is not None
        password_hash = await hash_password_async(password)
        center = self.cc.runtime.center
        env = center.env("us-east-1")
        return await center.change(
            self.cc.instance_id,
            None,
            lambda d: create_user(
                d,
                env,
                username=username,
                security_profile_ids=[security.id],
                routing_profile_id=routing.id,
                password_hash=password_hash,
                identity_info=IdentityInfo(first_name="Test", last_name=username),
            ),
        )

    async def user_with(self, username: str, permissions: list[str]) -> ApiAgent:
        """A user with a security profile of their own (BasicAgentAccess and `permissions`),
        logged in."""
        center = self.cc.runtime.center
        env = center.env("us-east-1")
        name = f"Profile-{username}"
        if self.cc.state.directory.find_by_name(SecurityProfile, name) is None:
            await center.change(
                self.cc.instance_id,
                None,
                lambda d: create_security_profile(
                    d, env, name=name, permissions=["BasicAgentAccess", *permissions]
                ),
            )
            await self.add_user(username, name)
        return await self.login(username, "Passw0rd1")

    async def customer_calls(self, number: str = CUSTOMER) -> str:
        """A customer dials the demo number; returns their call (carrier leg)."""
        leg = self.cc.carrier.place_call(number, self.cc.demo_number)
        await self.cc.settle()
        return leg


@asynccontextmanager
async def agent_api_center(data_dir: Path, **settings: Any) -> AsyncIterator[AgentApiUnderTest]:
    """The server's own ASGI app (app.start mounts the agent API at /api/v1); `settings`: more
    Settings fields."""
    async with contact_center(data_dir, **settings) as cc:
        app = cc.runtime.asgi
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://opencontact") as http:
            yield AgentApiUnderTest(cc, app, http)


@asynccontextmanager
async def served(app: ASGIApp) -> AsyncIterator[str]:
    """`app` on a real HTTP server (uvicorn) on the test's own event loop; yields its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    started = asyncio.Event()
    server = Server(server_config(app), started.set)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    waiting = asyncio.create_task(started.wait())
    await asyncio.wait({serving, waiting}, return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        waiting.cancel()
        serving.result()
        raise RuntimeError("the server stopped before it started")
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await serving
        sock.close()


async def test_an_agent_answers_a_customer_call_through_the_api(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        desk = await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        assert desk["state"] == "Available"

        call = await api.customer_calls()
        desk = await agent1.desk()
        assert desk["state"] == "Incoming"
        [offered] = desk["contacts"]
        assert offered["customer"]["phoneNumber"] == CUSTOMER
        assert offered["queue"]["name"] == "BasicQueue"
        contact_id = offered["contactId"]

        await agent1.ok("POST", f"/agent/contacts/{contact_id}/accept")
        await api.cc.settle()
        desk = await agent1.desk()
        assert desk["state"] == "On contact"
        assert api.cc.carrier.call(call).state == "connected"

        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/hold")
        assert desk["state"] == "On hold"
        assert api.cc.carrier.call(call).state == "on_hold"
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/resume")
        assert desk["state"] == "On contact"

        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/end")
        assert desk["state"] == "After contact work"
        assert api.cc.carrier.call(call).state == "ended"
        desk = await agent1.ok("POST", f"/agent/contacts/{contact_id}/close")
        assert desk["state"] == "Available"
        assert desk["contacts"] == []


async def test_the_openapi_document_describes_every_endpoint_and_its_answers(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        document = (await api.http.get("/api/v1/openapi.json")).json()
        assert document["servers"] == [{"url": "/api/v1"}]
        operations = {
            (method.upper(), path): operation
            for path, methods in document["paths"].items()
            for method, operation in methods.items()
        }
        assert len(operations) == 56
        assert ("GET", "/agent/workspace/{panel_id}") in operations
        # The agent workspace's three APIs.
        assert ("POST", "/customer-profiles/search") in operations
        assert any(path.startswith("/cases") for _, path in operations)
        assert any(path.startswith("/knowledge") for _, path in operations)
        assert ("POST", "/agent/contacts/{contact_id}/hold-all") in operations
        assert ("POST", "/agent/contacts/{contact_id}/pause") in operations
        assert ("GET", "/agent/contacts/{contact_id}/transcript") in operations
        for (method, path), operation in operations.items():
            assert operation.get("summary"), (method, path)
            responses = operation["responses"]
            assert "422" not in responses, (method, path)
            [success] = [code for code in responses if code.startswith("2")]
            if success == "204":  # no content (a chat event)
                assert "content" not in responses[success], (method, path)
                continue
            schema = responses[success]["content"]["application/json"]["schema"]
            assert "$ref" in schema or schema.get("type") == "array", (method, path)
            if path not in ("/sessions", "/sessions/options"):
                assert operation.get("security"), (method, path)
        schemas = document["components"]["schemas"]
        assert "HTTPValidationError" not in schemas
        assert schemas["EventMessage"]["properties"]["agent"] == {
            "$ref": "#/components/schemas/AgentDesk"
        }
        assert (await api.http.get("/api/v1/docs")).status_code == 200


async def test_the_documented_shapes_match_what_the_desk_sends(tmp_path: Path) -> None:
    """engine.views builds the bodies; schemas.py documents them: they must not drift."""
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("PUT", "/agent/status", {"status": "Available"})
        await api.customer_calls()
        [offered] = (await agent1.desk())["contacts"]
        contact_id = offered["contactId"]
        await agent1.ok("POST", f"/agent/contacts/{contact_id}/accept")
        await api.cc.settle()
        desk = await agent1.ok(
            "POST", f"/agent/contacts/{contact_id}/transfer", {"phoneNumber": "+12065550188"}
        )
        [contact] = desk["contacts"]
        [party] = contact["thirdParties"]
        assert set(desk) == field_names(AgentDesk)
        assert set(contact) == field_names(ContactView)
        assert set(contact["customer"]) == field_names(CustomerView)
        assert set(contact["queue"]) == field_names(QueueRef)
        assert set(party) == field_names(ThirdPartyView)
        assert set(desk["status"]) == field_names(StatusView)
        assert set(desk["settings"]) == field_names(AgentSettings)
        assert set(desk["quickConnects"][0]) == field_names(QuickConnectView)
        AgentDesk.model_validate(desk)
        session = (await agent1.call("GET", "/sessions/current")).json()
        assert set(session["user"]) == field_names(SessionUser)


def test_the_server_serves_the_agent_api_at_api_v1(tmp_path: Path) -> None:
    """Through the server's one ASGI app (beside the Connect API and /sim), on a real port."""
    with LiveServer(Settings(data_dir=tmp_path, demo=True)) as server:
        assert server.runtime is not None
        assert server.runtime.demo is not None
        password = server.runtime.demo.passwords["agent1"]
        with AgentClient(server.base_url) as client:
            client.login("demo", "agent1", password)
            assert client.set_status("Available")["state"] == "Available"

            async def first_message() -> dict[str, Any]:
                stream = client.events()
                try:
                    return await asyncio.wait_for(anext(stream), 10)
                finally:
                    await stream.aclose()

            snapshot = asyncio.run(first_message())
        assert snapshot["type"] == "snapshot"
        assert snapshot["agent"]["state"] == "Available"
