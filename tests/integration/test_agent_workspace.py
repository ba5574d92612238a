"""The agent application's workspace panels are gated on the server: an agent whose security
profile lacks a panel's permission is refused by the API, not only shown a lock in the page."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_agent_api import agent_api_center


async def test_an_agent_with_the_default_profile_sees_every_panel_locked(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent = await api.login("agent1")
        workspace = await agent.ok("GET", "/agent/workspace")
        assert [(p["name"], p["permission"], p["allowed"]) for p in workspace["panels"]] == [
            ("Customer profile", "CustomerProfiles.View", False),
            ("Cases", "Cases.View", False),
            ("Knowledge", "Wisdom.View", False),
        ]
        assert workspace["panels"][1]["message"] == (
            "Your security profile does not allow Cases (Cases.View)."
        )


async def test_the_server_refuses_a_locked_panel(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        agent = await api.login("agent1")
        response = await agent.call("GET", "/agent/workspace/customer-profile")
        assert response.status_code == 403
        assert response.json() == {
            "error": "AccessDenied",
            "message": "Your security profile does not allow Customer profile "
            "(CustomerProfiles.View).",
        }


async def test_a_user_whose_profile_grants_the_panels_opens_them(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await api.login("admin")
        workspace = await admin.ok("GET", "/agent/workspace")
        assert all(panel["allowed"] for panel in workspace["panels"])
        panel = await admin.ok("GET", "/agent/workspace/knowledge")
        assert panel["allowed"] is True
        assert panel["available"] is True
        assert panel["message"] == "Knowledge is open to you."


async def test_an_unknown_panel_is_not_found(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        admin = await api.login("admin")
        response = await admin.call("GET", "/agent/workspace/billing")
        assert response.status_code == 404
        assert response.json()["error"] == "ResourceNotFound"


async def test_the_sign_in_page_is_told_the_only_instance(tmp_path: Path) -> None:
    async with agent_api_center(tmp_path) as api:
        response = await api.http.get("/api/v1/sessions/options")
        assert response.json() == {"instance": "demo"}
