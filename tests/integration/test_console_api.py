"""The console API (`/api/v1/console`): the AWS account signs in with its access key pair and
creates and configures instances, as in the Amazon Connect console; the admin it creates then
signs in to the instance like any user. Bad input is refused with the Connect error's name and
changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from opencontact.app import Runtime, start
from opencontact.clock import VirtualClock
from opencontact.config import Settings
from tests.support.engine import START

WRONG_KEYS = "The access key ID or secret access key is not right."
ADMIN_PASSWORD = "Adm1nPassword"


@dataclass
class Console:
    runtime: Runtime
    clock: VirtualClock
    http: httpx.AsyncClient

    @property
    def keys(self) -> dict[str, str]:
        credentials = self.runtime.credentials
        return {
            "accessKeyId": credentials.access_key_id,
            "secretAccessKey": credentials.secret_access_key,
        }

    async def sign_in(self, region: str = "us-east-1") -> str:
        response = await self.http.post(
            "/api/v1/console/sessions", json={**self.keys, "region": region}
        )
        assert response.status_code == 201, response.text
        token: str = response.json()["token"]
        return token

    async def call(
        self, token: str, operation: str, params: dict[str, Any] | None = None
    ) -> httpx.Response:
        return await self.http.post(
            f"/api/v1/console/operations/{operation}",
            json=params if params is not None else {},
            headers={"Authorization": f"Bearer {token}"},
        )

    async def ok(
        self, token: str, operation: str, params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        response = await self.call(token, operation, params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def instances(self, token: str) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = (await self.ok(token, "ListInstances"))[
            "InstanceSummaryList"
        ]
        return listed


@asynccontextmanager
async def console(data_dir: Path) -> AsyncIterator[Console]:
    """A server with no instance yet (the console is where they are made)."""
    clock = VirtualClock(START)
    runtime = await start(Settings(data_dir=data_dir), clock)
    try:
        transport = httpx.ASGITransport(app=runtime.asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://opencontact") as http:
            yield Console(runtime, clock, http)
    finally:
        await runtime.close()


def _new_instance(alias: str, **overrides: Any) -> dict[str, Any]:
    return {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": alias,
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": False,
        **overrides,
    }


async def _create_admin(api: Console, token: str, instance_id: str) -> dict[str, Any]:
    """What the console's Create instance wizard does after CreateInstance."""
    profiles = await api.ok(token, "ListSecurityProfiles", {"InstanceId": instance_id})
    [admin] = [p for p in profiles["SecurityProfileSummaryList"] if p["Name"] == "Admin"]
    routing = await api.ok(token, "ListRoutingProfiles", {"InstanceId": instance_id})
    [basic] = [
        p for p in routing["RoutingProfileSummaryList"] if p["Name"] == "Basic Routing Profile"
    ]
    return await api.ok(
        token,
        "CreateUser",
        {
            "InstanceId": instance_id,
            "Username": "boss",
            "Password": ADMIN_PASSWORD,
            "IdentityInfo": {"FirstName": "Ada", "LastName": "Boss"},
            "PhoneConfig": {"PhoneType": "SOFT_PHONE"},
            "SecurityProfileIds": [admin["Id"]],
            "RoutingProfileId": basic["Id"],
        },
    )


async def test_the_account_signs_in_with_its_access_keys(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        response = await api.http.post(
            "/api/v1/console/sessions", json={**api.keys, "region": "eu-central-1"}
        )
        assert response.status_code == 201
        created = response.json()
        assert created["region"] == "eu-central-1"
        assert datetime.fromisoformat(created["expiresAt"]) == START + timedelta(hours=12)

        session = await api.http.get(
            "/api/v1/console/session", headers={"Authorization": f"Bearer {created['token']}"}
        )
        assert session.status_code == 200
        assert session.json() == {
            "accessKeyId": api.keys["accessKeyId"],
            "accountId": "123456789012",
            "region": "eu-central-1",
            "expiresAt": created["expiresAt"],
        }


@pytest.mark.parametrize("wrong", ["accessKeyId", "secretAccessKey"])
async def test_wrong_access_keys_are_refused_without_saying_which(
    tmp_path: Path, wrong: str
) -> None:
    async with console(tmp_path) as api:
        keys = {**api.keys, wrong: api.keys[wrong] + "x"}
        response = await api.http.post(
            "/api/v1/console/sessions", json={**keys, "region": "us-east-1"}
        )
        assert response.status_code == 401
        assert response.json() == {"error": "Unauthorized", "message": WRONG_KEYS}


@pytest.mark.parametrize("region", ["US-EAST-1", "moon-base", "us-east-1; drop", ""])
async def test_a_region_that_is_not_an_aws_region_name_is_refused(
    tmp_path: Path, region: str
) -> None:
    async with console(tmp_path) as api:
        response = await api.http.post(
            "/api/v1/console/sessions", json={**api.keys, "region": region}
        )
        assert response.status_code == 400
        assert response.json()["error"] == "InvalidParameter"


async def test_operations_need_a_genuine_unexpired_console_token(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        response = await api.call("", "ListInstances")
        assert response.status_code == 401
        assert response.json()["error"] == "Unauthorized"

        token = await api.sign_in()
        body, _, signature = token.partition(".")
        forged = await api.call(f"{body}x.{signature}", "ListInstances")
        assert forged.status_code == 401
        assert forged.json()["message"] == "The console session is not valid; sign in again."

        api.clock.advance(12 * 3600)
        expired = await api.call(token, "ListInstances")
        assert expired.status_code == 401
        assert expired.json()["message"] == "Your console session has expired; sign in again."


async def test_the_console_creates_an_instance_whose_admin_signs_in(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        token = await api.sign_in()
        assert await api.instances(token) == []

        created = await api.ok(token, "CreateInstance", _new_instance("acme-support"))
        assert created["Arn"].endswith(f"instance/{created['Id']}")

        [listed] = await api.instances(token)
        assert listed["Id"] == created["Id"]
        assert listed["InstanceAlias"] == "acme-support"
        assert listed["IdentityManagementType"] == "CONNECT_MANAGED"
        assert listed["InboundCallsEnabled"] is True
        assert listed["OutboundCallsEnabled"] is False
        assert listed["InstanceStatus"] == "ACTIVE"
        assert listed["InstanceAccessUrl"] == "http://opencontact/login?instance=acme-support"

        user = await _create_admin(api, token, created["Id"])
        assert user["UserId"]

        login = await api.http.post(
            "/api/v1/sessions",
            json={"instance": "acme-support", "username": "boss", "password": ADMIN_PASSWORD},
        )
        assert login.status_code == 201, login.text
        signed_in = login.json()["user"]
        assert signed_in["instanceId"] == created["Id"]
        assert signed_in["username"] == "boss"
        assert "Users.Create" in signed_in["permissions"]

        # The admin's session is for the instance, not the account: no console with it.
        as_admin = await api.call(login.json()["token"], "ListInstances")
        assert as_admin.status_code == 401


async def test_instances_live_in_the_region_of_the_session(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        east = await api.sign_in("us-east-1")
        west = await api.sign_in("us-west-2")
        await api.ok(east, "CreateInstance", _new_instance("east-center"))

        assert [i["InstanceAlias"] for i in await api.instances(east)] == ["east-center"]
        assert await api.instances(west) == []


async def test_telephony_switches_change_and_the_instance_can_be_deleted(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        token = await api.sign_in()
        created = await api.ok(token, "CreateInstance", _new_instance("switches"))
        await api.ok(
            token,
            "UpdateInstanceAttribute",
            {"InstanceId": created["Id"], "AttributeType": "OUTBOUND_CALLS", "Value": "true"},
        )
        described = await api.ok(token, "DescribeInstance", {"InstanceId": created["Id"]})
        assert described["Instance"]["OutboundCallsEnabled"] is True

        await api.ok(token, "DeleteInstance", {"InstanceId": created["Id"]})
        assert await api.instances(token) == []
        gone = await api.call(token, "DescribeInstance", {"InstanceId": created["Id"]})
        assert gone.status_code == 404
        assert gone.json()["error"] == "ResourceNotFoundException"


async def test_a_duplicate_alias_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        token = await api.sign_in()
        await api.ok(token, "CreateInstance", _new_instance("acme"))
        before = await api.instances(token)

        response = await api.call(token, "CreateInstance", _new_instance("acme"))
        assert response.status_code == 400
        assert response.json() == {
            "error": "InvalidRequestException",
            "message": "The alias 'acme' is already used by another instance.",
        }
        assert await api.instances(token) == before


@pytest.mark.parametrize(
    ("alias", "error"),
    [
        # CreateInstance's model lists InvalidRequestException for a rule the alias breaks...
        ("-acme", "InvalidRequestException"),
        ("d-1234", "InvalidRequestException"),
        ("acme_support", "InvalidRequestException"),
        # ... and a value longer than the model allows fails parameter validation.
        ("a" * 46, "InvalidParameterException"),
    ],
)
async def test_a_bad_alias_is_refused_and_changes_nothing(
    tmp_path: Path, alias: str, error: str
) -> None:
    async with console(tmp_path) as api:
        token = await api.sign_in()
        response = await api.call(token, "CreateInstance", _new_instance(alias))
        assert response.status_code == 400
        assert response.json()["error"] == error
        assert "alias" in response.json()["message"].lower()
        assert await api.instances(token) == []


async def test_bad_operation_input_gets_connect_error_names(tmp_path: Path) -> None:
    async with console(tmp_path) as api:
        token = await api.sign_in()
        missing = await api.call(token, "CreateInstance", {"InstanceAlias": "acme"})
        assert missing.status_code == 400
        assert missing.json()["error"] == "InvalidParameterException"

        unknown = await api.call(token, "FlyToTheMoon")
        assert unknown.status_code == 404
        assert unknown.json()["error"] == "UnknownOperationException"

        not_an_object = await api.http.post(
            "/api/v1/console/operations/ListInstances",
            content=b"[1, 2]",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert not_an_object.status_code == 400
        assert not_an_object.json()["error"] == "InvalidParameterException"
        assert await api.instances(token) == []
