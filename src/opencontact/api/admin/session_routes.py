"""`GET /session`: who is signed in to the admin website, their instance, and what their
security profiles allow now (the pages show only what the user may use)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.admin.context import AdminCaller
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import error_responses
from opencontact.domain.instance import Instance

router = APIRouter(tags=["Session"])


def instance_summary(instance: Instance) -> dict[str, Any]:
    return {
        "id": instance.id,
        "arn": instance.arn,
        "alias": instance.alias,
        "region": instance.region,
        "identityManagementType": instance.identity_management_type.value,
        "inboundCalls": instance.inbound_calls_enabled,
        "outboundCalls": instance.outbound_calls_enabled,
    }


@router.get(
    "/session",
    summary="The admin website's session",
    description="The signed-in user (as in POST /api/v1/sessions), a summary of their instance "
    "and their permissions, read now. 403 AccessDenied for users whose security profiles hold "
    "only Contact Control Panel permissions.",
    responses=error_responses(401, 403),
)
async def admin_session(caller: AdminCaller) -> Response:
    instance = caller.directory.instance
    permissions = sorted(caller.permissions)
    user = {
        "id": caller.user.id,
        "username": caller.user.username,
        "instanceId": instance.id,
        "instanceAlias": instance.alias,
        "permissions": permissions,
    }
    return Json({"user": user, "instance": instance_summary(instance), "permissions": permissions})
