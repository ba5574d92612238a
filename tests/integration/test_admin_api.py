"""The admin website API as the /admin pages use it: the session, Amazon Connect operations on
the session's own instance under the user's permissions (read on every request), and the live
feed of changes and real-time figures. The demo instance on a virtual clock, its server app
called in-process (and served by uvicorn for the WebSocket)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.integration.test_agent_api import AgentApiUnderTest, agent_api_center, served

WAIT = 10.0  # seconds: only a safety net against a hang; messages come at once


class AdminUser:
    """A signed-in user of the admin website."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http = http
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"}

    async def session(self) -> httpx.Response:
        return await self.http.get("/api/v1/admin/session", headers=self.headers)

    async def call(self, operation: str, body: Any = None) -> httpx.Response:
        return await self.http.post(
            f"/api/v1/admin/operations/{operation}", json=body or {}, headers=self.headers
        )

    async def ok(self, operation: str, body: Any = None) -> dict[str, Any]:
        response = await self.call(operation, body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def refused(
        self, operation: str, body: Any, status: int, code: str, words: str = ""
    ) -> dict[str, Any]:
        response = await self.call(operation, body)
        assert response.status_code == status, response.text
        error: dict[str, Any] = response.json()
        assert error["error"] == code, error
        assert words in error["message"], error
        return error


async def sign_in(api: AgentApiUnderTest, username: str, password: str | None = None) -> AdminUser:
    agent = await api.login(username, password)
    return AdminUser(api.http, agent.token)


def _names(listing: list[dict[str, Any]]) -> set[str]:
    return {str(item["Name"]) for item in listing if "Name" in item}


async def _id_of(admin: AdminUser, operation: str, key: str, name: str) -> str:
    listing = (await admin.ok(operation))[key]
    [found] = [item["Id"] for item in listing if item.get("Name") == name]
    return str(found)


async def _new_user(admin: AdminUser, username: str) -> dict[str, Any]:
    """CreateUser's input for an agent of the demo instance."""
    agent_profile = await _id_of(
        admin, "ListSecurityProfiles", "SecurityProfileSummaryList", "Agent"
    )
    routing = await _id_of(
        admin, "ListRoutingProfiles", "RoutingProfileSummaryList", "Basic Routing Profile"
    )
    return {
        "Username": username,
        "Password": "Passw0rd1",
        "IdentityInfo": {"FirstName": "Pat", "LastName": "Doe"},
        "PhoneConfig": {"PhoneType": "SOFT_PHONE"},
        "SecurityProfileIds": [agent_profile],
        "RoutingProfileId": routing,
    }


# -- the session -------------------------------------------------------------------------------


async def test_the_session_names_the_user_their_instance_and_permissions(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        response = await admin.session()
        assert response.status_code == 200, response.text
        session = response.json()
        assert set(session) == {"user", "instance", "permissions"}
        assert session["user"]["username"] == "admin"
        assert set(session["user"]) == {
            "id",
            "username",
            "instanceId",
            "instanceAlias",
            "permissions",
        }
        instance = api.cc.state.instance
        assert session["instance"] == {
            "id": instance.id,
            "arn": instance.arn,
            "alias": "demo",
            "region": instance.region,
            "identityManagementType": "CONNECT_MANAGED",
            "inboundCalls": True,
            "outboundCalls": True,
        }
        assert "Users.Create" in session["permissions"]
        assert session["permissions"] == sorted(session["permissions"])


async def test_an_agent_with_only_ccp_permissions_is_refused_the_admin_website(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await sign_in(api, "agent1")
        response = await agent1.session()
        assert response.status_code == 403
        assert response.json() == {
            "error": "AccessDenied",
            "message": "Your security profile does not allow the admin website.",
        }
        admin = await sign_in(api, "admin")
        users = (await admin.ok("ListUsers"))["UserSummaryList"]
        await agent1.refused(
            "CreateUser",
            await _new_user(admin, "intruder"),
            403,
            "AccessDenied",
            "Your security profile does not allow Users.Create.",
        )
        await agent1.refused(
            "ListUsers", {}, 403, "AccessDenied", "Your security profile does not allow Users.View."
        )
        assert (await admin.ok("ListUsers"))["UserSummaryList"] == users


async def test_without_a_token_the_admin_api_answers_401(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await api.http.get("/api/v1/admin/session")
        assert response.status_code == 401
        assert response.json()["error"] == "Unauthorized"
        response = await api.http.post("/api/v1/admin/operations/ListUsers", json={})
        assert response.status_code == 401


# -- operations --------------------------------------------------------------------------------


async def test_an_admin_lists_creates_and_updates_users(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        listed = (await admin.ok("ListUsers"))["UserSummaryList"]
        assert {"admin", "agent1", "agent2"} <= {u["Username"] for u in listed}

        created = await admin.ok("CreateUser", await _new_user(admin, "pat"))
        assert set(created) == {"UserId", "UserArn"}
        user_id = created["UserId"]
        assert created["UserArn"].startswith(api.cc.state.instance.arn)

        await admin.ok(
            "UpdateUserIdentityInfo",
            {"UserId": user_id, "IdentityInfo": {"FirstName": "Patricia", "LastName": "Doe"}},
        )
        user = (await admin.ok("DescribeUser", {"UserId": user_id}))["User"]
        assert user["Username"] == "pat"
        assert user["IdentityInfo"]["FirstName"] == "Patricia"
        assert isinstance(user["LastModifiedTime"], (int, float))  # epoch seconds, as Connect

        # The new user signs in to the CCP with the password the admin gave.
        pat = await api.login("pat", "Passw0rd1")
        assert (await pat.desk())["state"] == "Offline"


async def test_an_admin_sets_a_users_password_and_their_sessions_end(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        agent1 = await api.login("agent1")
        user_id = agent1.user_id
        path = f"/api/v1/admin/users/{user_id}/password"

        # A password that breaks the policy is refused, and nothing changes.
        response = await api.http.put(path, json={"password": "short"}, headers=admin.headers)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "InvalidParameter"
        assert "8 to 64 characters" in response.json()["message"]
        assert "short" not in response.json()["message"]
        assert (await agent1.call("GET", "/agent")).status_code == 200

        # Agents may not set passwords; unknown users are not found.
        response = await api.http.put(
            path, json={"password": "N3wPassword"}, headers=agent1.headers
        )
        assert response.status_code == 403
        assert response.json()["message"] == "Your security profile does not allow Users.Edit."
        response = await api.http.put(
            "/api/v1/admin/users/nobody/password",
            json={"password": "N3wPassword"},
            headers=admin.headers,
        )
        assert response.status_code == 404

        response = await api.http.put(path, json={"password": "N3wPassword"}, headers=admin.headers)
        assert response.status_code == 204, response.text
        # agent1's open session ends; the old password no longer signs in, the new one does.
        assert (await agent1.call("GET", "/agent")).status_code == 401
        old = await api.http.post(
            "/api/v1/sessions",
            json={"instance": "demo", "username": "agent1", "password": api.password("agent1")},
        )
        assert old.status_code == 401
        again = await api.login("agent1", "N3wPassword")
        assert (await again.desk())["username"] == "agent1"


async def test_an_admin_manages_agent_statuses(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        created = await admin.ok(
            "CreateAgentStatus", {"Name": "Lunch", "State": "ENABLED", "Description": "Eating"}
        )
        status_id = created["AgentStatusId"]
        listed = (await admin.ok("ListAgentStatuses"))["AgentStatusSummaryList"]
        assert "Lunch" in _names(listed)

        await admin.ok("UpdateAgentStatus", {"AgentStatusId": status_id, "Name": "Lunch break"})
        status = (await admin.ok("DescribeAgentStatus", {"AgentStatusId": status_id}))[
            "AgentStatus"
        ]
        assert status["Name"] == "Lunch break"
        assert status["State"] == "ENABLED"

        # Agents can now pick it in the CCP.
        agent1 = await api.login("agent1")
        assert "Lunch break" in {s["name"] for s in (await agent1.desk())["statuses"]}


async def test_an_admin_creates_a_quick_connect_and_puts_it_on_a_queue(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        created = await admin.ok(
            "CreateQuickConnect",
            {
                "Name": "Billing desk",
                "QuickConnectConfig": {
                    "QuickConnectType": "PHONE_NUMBER",
                    "PhoneConfig": {"PhoneNumber": "+12065550142"},
                },
            },
        )
        quick_connect_id = created["QuickConnectId"]
        queue_id = await _id_of(admin, "ListQueues", "QueueSummaryList", "BasicQueue")
        await admin.ok(
            "AssociateQueueQuickConnects",
            {"QueueId": queue_id, "QuickConnectIds": [quick_connect_id]},
        )
        on_queue = await admin.ok("ListQueueQuickConnects", {"QueueId": queue_id})
        assert "Billing desk" in _names(on_queue["QuickConnectSummaryList"])

        agent1 = await api.login("agent1")
        usable = (await agent1.call("GET", "/agent/quick-connects")).json()
        assert "Billing desk" in {q["name"] for q in usable}


async def test_bad_input_gets_the_connect_error_and_changes_nothing(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        before = (await admin.ok("ListAgentStatuses"))["AgentStatusSummaryList"]

        await admin.refused(
            "CreateAgentStatus",
            {"Name": "Available", "State": "ENABLED"},
            409,
            "DuplicateResourceException",
        )
        await admin.refused(
            "CreateAgentStatus", {"State": "ENABLED"}, 400, "InvalidParameterException", "Name"
        )
        await admin.refused(
            "CreateAgentStatus",
            {"Name": "Lunch", "State": "MAYBE"},
            400,
            "InvalidParameterException",
        )
        await admin.refused(
            "DescribeUser", {"UserId": "no-such-user"}, 404, "ResourceNotFoundException"
        )
        response = await api.http.post(
            "/api/v1/admin/operations/CreateAgentStatus",
            content=b"{not json",
            headers=admin.headers,
        )
        assert response.status_code == 400
        assert response.json()["error"] == "InvalidParameterException"
        response = await api.http.post(
            "/api/v1/admin/operations/CreateAgentStatus", json=["Lunch"], headers=admin.headers
        )
        assert response.status_code == 400

        assert (await admin.ok("ListAgentStatuses"))["AgentStatusSummaryList"] == before


async def test_an_invalid_flow_keeps_the_list_of_problems(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        error = await admin.refused(
            "CreateContactFlow",
            {
                "Name": "Broken",
                "Type": "CONTACT_FLOW",
                "Content": json.dumps({"Version": "2019-10-30", "StartAction": "nowhere"}),
            },
            400,
            "InvalidContactFlowException",
        )
        assert error["problems"], error


async def test_the_instance_is_the_sessions_own(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        instance = api.cc.state.instance
        before = (await admin.ok("ListAgentStatuses"))["AgentStatusSummaryList"]
        await admin.refused(
            "CreateAgentStatus",
            {
                "InstanceId": "6f1c4d2e-0000-4000-8000-000000000000",
                "Name": "Lunch",
                "State": "ENABLED",
            },
            400,
            "InvalidParameterException",
            "InstanceId",
        )
        assert (await admin.ok("ListAgentStatuses"))["AgentStatusSummaryList"] == before
        # Naming its own instance (by id or ARN) is allowed, though unnecessary.
        await admin.ok("ListUsers", {"InstanceId": instance.id})
        await admin.ok("ListUsers", {"InstanceId": instance.arn})


async def test_account_level_and_unknown_operations_are_not_found(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await sign_in(api, "admin")
        for operation in ("CreateInstance", "DeleteInstance", "ListInstances", "DescribeInstance"):
            await admin.refused(operation, {}, 404, "ResourceNotFound", "console")
        await admin.refused("DescribePhoneNumber", {"PhoneNumberId": "x"}, 404, "ResourceNotFound")
        await admin.refused("MakeCoffee", {}, 404, "ResourceNotFound", "MakeCoffee")
        assert api.cc.state.instance.id in api.cc.runtime.center.account


async def test_permissions_are_read_on_every_request(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        await api.add_user("manager", "CallCenterManager")
        manager = await sign_in(api, "manager", "Passw0rd1")
        admin = await sign_in(api, "admin")
        assert (await manager.session()).status_code == 200
        await manager.ok("ListUsers")
        hours = await _id_of(
            admin, "ListHoursOfOperations", "HoursOfOperationSummaryList", "Basic Hours"
        )
        queue = {"Name": "Spanish", "HoursOfOperationId": hours}
        await manager.refused(
            "CreateQueue",
            queue,
            403,
            "AccessDenied",
            "Your security profile does not allow Queues.Create.",
        )
        assert "Spanish" not in _names((await admin.ok("ListQueues"))["QueueSummaryList"])

        admin_profile = await _id_of(
            admin, "ListSecurityProfiles", "SecurityProfileSummaryList", "Admin"
        )
        await admin.ok(
            "UpdateUserSecurityProfiles",
            {"UserId": api.cc.user_id("manager"), "SecurityProfileIds": [admin_profile]},
        )
        created = await manager.ok("CreateQueue", queue)
        assert created["QueueId"]


# -- the live feed -----------------------------------------------------------------------------


@asynccontextmanager
async def live(tmp_path: Path) -> AsyncIterator[tuple[AgentApiUnderTest, str]]:
    """The contact center served on a real port; yields it and the admin feed's ws:// URL."""
    async with agent_api_center(tmp_path) as api, served(api.app) as url:
        yield api, "ws" + url.removeprefix("http") + "/api/v1/admin/events"


async def _next(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), WAIT))
    return message


async def _changed_until(socket: ClientConnection, kind: str) -> dict[str, Any]:
    """The first `changed` message that names `kind`."""
    while True:
        message = await _next(socket)
        assert message["type"] == "changed", message
        if kind in message["kinds"]:
            return message


def _agent(dashboard: dict[str, Any], username: str) -> dict[str, Any]:
    [row] = [a for a in dashboard["agents"] if a["username"] == username]
    found: dict[str, Any] = row
    return found


def _queue(dashboard: dict[str, Any], name: str) -> dict[str, Any]:
    [row] = [q for q in dashboard["queues"] if q["name"] == name]
    found: dict[str, Any] = row
    return found


async def test_the_feed_sends_a_snapshot_then_what_changed(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        admin = await sign_in(api, "admin")
        async with connect(events) as socket:
            await socket.send(json.dumps({"type": "auth", "token": admin.token}))
            snapshot = await _next(socket)
            assert snapshot["type"] == "snapshot"
            dashboard = snapshot["dashboard"]
            assert set(dashboard) == {"agents", "queues", "at"}
            assert dashboard["at"] == api.cc.clock.now().isoformat()
            agent1 = _agent(dashboard, "agent1")
            assert set(agent1) == {"userId", "username", "state", "statusSince", "contacts"}
            assert agent1["state"] == "Offline"
            assert agent1["contacts"] == 0
            basic = _queue(dashboard, "BasicQueue")
            assert set(basic) == {
                "id",
                "name",
                "contactsInQueue",
                "oldestContactAgeSeconds",
                "agentsOnline",
                "agentsAvailable",
            }
            assert basic["agentsAvailable"] == 0

            await admin.ok("CreateAgentStatus", {"Name": "Lunch", "State": "ENABLED"})
            changed = await _next(socket)
            assert changed["type"] == "changed"
            assert changed["kinds"] == ["AgentStatus"]

            agent = await api.login("agent1")
            await agent.ok("PUT", "/agent/status", {"status": "Available"})
            changed = await _changed_until(socket, "Agent")
            assert _agent(changed["dashboard"], "agent1")["state"] == "Available"
            basic = _queue(changed["dashboard"], "BasicQueue")
            assert basic["agentsOnline"] == 1
            assert basic["agentsAvailable"] == 1

            await api.customer_calls()
            changed = await _changed_until(socket, "Contact")
            # (The call may still be in its flow: wait for it to be offered.)
            while _agent(changed["dashboard"], "agent1")["state"] != "Incoming":
                changed = await _changed_until(socket, "Contact")
            assert _agent(changed["dashboard"], "agent1")["contacts"] == 1
            assert _queue(changed["dashboard"], "BasicQueue")["contactsInQueue"] == 1

            await socket.send(json.dumps({"type": "ping", "id": 7}))
            assert await _next(socket) == {"type": "pong", "id": 7}


async def test_the_feed_refuses_a_bad_token_and_a_ccp_only_user(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        async with connect(f"{events}?token=not-a-token") as socket:
            assert await _closed_with(socket) == (
                4401,
                "The session token is not valid; log in again.",
            )
        agent1 = await api.login("agent1")
        async with connect(f"{events}?token={agent1.token}") as socket:
            assert await _closed_with(socket) == (
                4403,
                "Your security profile does not allow the admin website.",
            )


async def _closed_with(socket: ClientConnection) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(socket.recv(), WAIT)
    received = closed.value.rcvd
    assert received is not None
    return received.code, received.reason


async def test_the_dashboard_is_only_for_users_allowed_real_time_metrics(tmp_path: Path) -> None:
    async with live(tmp_path) as (api, events):
        admin = await sign_in(api, "admin")
        profile = await admin.ok(
            "CreateSecurityProfile",
            {"SecurityProfileName": "User admins", "Permissions": ["Users.View", "Users.Edit"]},
        )
        user = await _new_user(admin, "clerk")
        user["SecurityProfileIds"] = [profile["SecurityProfileId"]]
        await admin.ok("CreateUser", user)
        clerk = await sign_in(api, "clerk", "Passw0rd1")
        async with connect(f"{events}?token={clerk.token}") as socket:
            assert await _next(socket) == {"type": "snapshot", "dashboard": None}
            await admin.ok("CreateAgentStatus", {"Name": "Lunch", "State": "ENABLED"})
            assert await _next(socket) == {
                "type": "changed",
                "kinds": ["AgentStatus"],
                "dashboard": None,
            }
