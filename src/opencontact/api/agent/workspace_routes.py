"""The agent application's workspace panels (`/agent-app-v2`): Customer profile, Cases and
Knowledge, each behind its security-profile permission, checked here on every request rather
than only hidden in the page.

A panel whose contents are not built yet answers a permitted agent with `available: false`
and a sentence saying so (`available` is set per panel below).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.context import CcpSession, Context
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import WorkspacePanelView, WorkspaceView, error_responses
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.users import user_permissions

router = APIRouter(prefix="/agent/workspace", tags=["Agent"])


@dataclass(frozen=True)
class Panel:
    id: str
    name: str
    permission: str
    # Whether this version of OpenContact has the panel's contents.
    available: bool = False

    def view(self, permissions: frozenset[str] | set[str]) -> dict[str, Any]:
        allowed = self.permission in permissions
        if not allowed:
            message = f"Your security profile does not allow {self.name} ({self.permission})."
        elif self.available:
            message = f"{self.name} is open to you."
        else:
            message = f"{self.name} is not available in this version of OpenContact yet."
        return {
            "id": self.id,
            "name": self.name,
            "permission": self.permission,
            "allowed": allowed,
            "available": self.available,
            "message": message,
        }


PANELS = (
    Panel("customer-profile", "Customer profile", "CustomerProfiles.View", available=True),
    Panel("cases", "Cases", "Cases.View", available=True),
    Panel("knowledge", "Knowledge", "Wisdom.View", available=True),
)


def _permissions(session: CcpSession, context: Context) -> set[str]:
    directory, user = context.auth.user(session)
    return set(user_permissions(directory, user))


@router.get(
    "",
    response_model=WorkspaceView,
    summary="The agent application's panels",
    description="Each panel of /agent-app-v2 with the permission it needs and whether this "
    "agent's security profile grants it (read now).",
    responses=error_responses(401, 403),
)
async def workspace(session: CcpSession, context: Context) -> Response:
    permissions = _permissions(session, context)
    return Json({"panels": [panel.view(permissions) for panel in PANELS]})


@router.get(
    "/{panel_id}",
    response_model=WorkspacePanelView,
    summary="One workspace panel",
    description="403 AccessDenied unless the agent's security profile grants the panel's "
    "permission; 404 for an unknown panel.",
    responses=error_responses(401, 403, 404),
)
async def workspace_panel(panel_id: str, session: CcpSession, context: Context) -> Response:
    panel = next((panel for panel in PANELS if panel.id == panel_id), None)
    if panel is None:
        raise ResourceNotFound(f"There is no workspace panel '{panel_id}'.")
    context.auth.require(session, panel.permission, panel.name)
    return Json(panel.view(_permissions(session, context)))
