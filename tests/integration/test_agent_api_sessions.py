"""Logging in to the agent API, and what a token lets its holder do: only CONNECT_MANAGED
instances take passwords, wrong credentials never say which part was wrong, and a token stops
working when it expires, is tampered with, or outlives its user or password."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from opencontact.api.agent import agent_api
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import delete_user, set_password_hash, update_user_security_profiles
from opencontact.passwords import hash_password_async
from tests.integration.test_agent_api import AgentApiUnderTest, agent_api_center
from tests.support.engine import START

WRONG = "The username or password is not right."
NO_CCP = "Your security profile does not allow the Contact Control Panel."


async def _login(api: AgentApiUnderTest, body: dict[str, Any]) -> httpx.Response:
    return await api.http.post("/api/v1/sessions", json=body)


async def test_an_agent_logs_in_with_the_instance_alias(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await _login(
            api, {"instance": "demo", "username": "agent1", "password": api.password("agent1")}
        )
        assert response.status_code == 201
        session = response.json()
        assert session["token"]
        assert datetime.fromisoformat(session["expiresAt"]) == START + timedelta(hours=12)
        user = session["user"]
        assert user["username"] == "agent1"
        assert user["id"] == api.cc.user_id("agent1")
        assert user["instanceId"] == api.cc.instance_id
        assert user["instanceAlias"] == "demo"
        assert "BasicAgentAccess" in user["permissions"]


async def test_an_agent_logs_in_with_the_instance_id_and_any_case_of_username(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await _login(
            api,
            {
                "instance": api.cc.instance_id,
                "username": "AGENT1",
                "password": api.password("agent1"),
            },
        )
        assert response.status_code == 201
        assert response.json()["user"]["username"] == "agent1"


@pytest.mark.parametrize("username", ["agent1", "nobody"])
async def test_a_wrong_username_or_password_is_refused_without_saying_which(
    tmp_path: Path, username: str
) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await _login(
            api, {"instance": "demo", "username": username, "password": "Wrong-passw0rd"}
        )
        assert response.status_code == 401
        assert response.json() == {"error": "Unauthorized", "message": WRONG}


async def test_logging_in_to_an_unknown_instance_says_so(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await _login(api, {"instance": "nowhere", "username": "agent1", "password": "x"})
        assert response.status_code == 404
        assert response.json()["error"] == "ResourceNotFound"
        assert "nowhere" in response.json()["message"]


async def test_a_saml_instance_has_no_passwords_to_log_in_with(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        spec = InstanceSpec(IdentityManagementType.SAML, True, True, alias="single-sign-on")
        await center.create_instance(lambda account: create_instance(account, env, spec))
        response = await _login(
            api, {"instance": "single-sign-on", "username": "agent1", "password": "Passw0rd1"}
        )
        assert response.status_code == 400
        error = response.json()
        assert error["error"] == "InvalidParameter"
        assert "SAML" in error["message"]
        assert "keeps no passwords" in error["message"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"instance": "demo", "username": "agent1"}, "password: Field required."),
        ({"instance": "demo", "username": "", "password": "x"}, "username: String should"),
        ({"instance": "demo", "username": "a", "password": "x", "extra": 1}, "'extra' is not"),
        ([], "must be a JSON object"),
        (None, "needs a JSON body"),
    ],
)
async def test_a_malformed_login_is_a_bad_request(tmp_path: Path, body: Any, words: str) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await _login(api, body)
        assert response.status_code == 400
        assert response.json()["error"] == "InvalidParameter"
        assert words in response.json()["message"]


async def test_a_body_that_is_not_json_is_a_bad_request(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await api.http.post(
            "/api/v1/sessions", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json() == {
            "error": "InvalidParameter",
            "message": "The request body is not valid JSON.",
        }


# -- the CCP permission -------------------------------------------------------------------------


def _every_agent_endpoint(contact: str) -> list[tuple[str, str, Any]]:
    base = f"/agent/contacts/{contact}"
    actions = ["accept", "reject", "hold", "resume", "end", "close", "join", "hold-all"]
    return [
        ("GET", "/agent", None),
        ("PUT", "/agent/status", {"status": "Available"}),
        ("POST", "/agent/dismiss", None),
        ("PUT", "/agent/settings/phone", {"phoneType": "SOFT_PHONE"}),
        ("GET", "/agent/quick-connects", None),
        ("POST", "/agent/calls", {"phoneNumber": "+12065550100"}),
        ("GET", base, None),
        *[("POST", f"{base}/{action}", None) for action in [*actions, "swap", "leave"]],
        ("POST", f"{base}/transfer", {"phoneNumber": "+12065550100"}),
        ("DELETE", f"{base}/parties/p", None),
        ("POST", f"{base}/tasks", {"name": "Call back", "quickConnectId": "q"}),
        ("PATCH", f"{base}/attributes", {"attributes": {"a": "b"}}),
    ]


async def test_a_user_without_the_ccp_permission_is_refused_on_every_agent_endpoint(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        await api.add_user("analyst", "QualityAnalyst")
        analyst = await api.login("analyst", "Passw0rd1")
        assert "BasicAgentAccess" not in analyst.user["permissions"]
        for method, path, body in _every_agent_endpoint("some-contact"):
            response = await analyst.call(method, path, body)
            assert response.status_code == 403, (method, path)
            assert response.json() == {"error": "AccessDenied", "message": NO_CCP}
        # Who they are is still theirs to know (pages decide what to show from it).
        response = await analyst.call("GET", "/sessions/current")
        assert response.status_code == 200
        assert response.json()["user"]["username"] == "analyst"


async def test_losing_the_ccp_permission_takes_effect_on_the_next_request(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        await agent1.ok("GET", "/agent")
        analyst = api.cc.state.directory.find_by_name(SecurityProfile, "QualityAnalyst")
        assert analyst is not None
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        await center.change(
            api.cc.instance_id,
            None,
            lambda d: update_user_security_profiles(d, env, agent1.user_id, [analyst.id]),
        )
        response = await agent1.call("GET", "/agent")
        assert response.status_code == 403
        assert response.json()["message"] == NO_CCP


# -- tokens -------------------------------------------------------------------------------------


async def _status_of(api: AgentApiUnderTest, headers: dict[str, str]) -> tuple[int, Any]:
    response = await api.http.get("/api/v1/agent", headers=headers)
    return response.status_code, response.json()


async def test_a_request_without_a_token_is_told_to_log_in(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        status, error = await _status_of(api, {})
        assert status == 401
        assert error["error"] == "Unauthorized"
        assert error["message"].startswith("Log in first")
        status, error = await _status_of(api, {"Authorization": "Basic YWdlbnQxOng="})
        assert status == 401


async def test_a_tampered_token_is_refused(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        agent2 = await api.login("agent2")
        body1, _sig1 = agent1.token.split(".")
        _body2, sig2 = agent2.token.split(".")
        for forged in (f"{body1}.{sig2}", agent1.token[:-2] + "xx", "garbage", "a.b.c"):
            status, error = await _status_of(api, {"Authorization": f"Bearer {forged}"})
            assert status == 401, forged
            assert error == {
                "error": "Unauthorized",
                "message": "The session token is not valid; log in again.",
            }


async def test_a_token_expires_after_twelve_hours(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        api.cc.clock.advance(12 * 3600 - 1)
        assert (await agent1.call("GET", "/agent")).status_code == 200
        api.cc.clock.advance(1)
        response = await agent1.call("GET", "/agent")
        assert response.status_code == 401
        assert response.json()["message"] == "Your session has expired; log in again."


async def test_a_deleted_user_s_token_stops_working(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        user = await api.add_user("agent3", "Agent")
        agent3 = await api.login("agent3", "Passw0rd1")
        assert (await agent3.call("GET", "/agent")).status_code == 200
        await api.cc.runtime.center.change(
            api.cc.instance_id, None, lambda d: delete_user(d, user.id)
        )
        response = await agent3.call("GET", "/agent")
        assert response.status_code == 401
        assert response.json()["message"] == "Your user no longer exists in this instance."


async def test_a_password_change_ends_the_sessions_opened_with_the_old_one(
    tmp_path: Path,
) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        new_hash = await hash_password_async("N3w-password")
        center = api.cc.runtime.center
        env = center.env("us-east-1")
        await center.change(
            api.cc.instance_id,
            None,
            lambda d: set_password_hash(d, env, agent1.user_id, new_hash),
        )
        response = await agent1.call("GET", "/agent")
        assert response.status_code == 401
        assert "password has changed" in response.json()["message"]
        again = await api.login("agent1", "N3w-password")
        assert (await again.call("GET", "/agent")).status_code == 200


async def test_the_signing_key_is_private_and_tokens_survive_a_restart(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent1 = await api.login("agent1")
        key = tmp_path / "session.key"
        assert key.stat().st_mode & 0o777 == 0o600
        runtime = api.cc.runtime
        restarted = agent_api(runtime.center, runtime.bus, runtime.settings, runtime.store.database)
        transport = httpx.ASGITransport(app=restarted)
        async with httpx.AsyncClient(transport=transport, base_url="http://oc") as http:
            response = await http.get("/agent", headers=agent1.headers)
        assert response.status_code == 200
        assert response.json()["username"] == "agent1"


async def test_whoami_names_the_session_s_user_and_expiry(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent2 = await api.login("agent2")
        session = await agent2.ok("GET", "/sessions/current")
        assert session["user"]["username"] == "agent2"
        assert session["user"]["instanceAlias"] == "demo"
        assert datetime.fromisoformat(session["expiresAt"]) == START + timedelta(hours=12)
