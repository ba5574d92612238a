"""`POST /operations/{Operation}`: an Amazon Connect operation on the caller's own instance.

The body is the operation's input without InstanceId: the session's instance goes in (an
InstanceId naming another instance is refused). The operation runs in-process
(api.connect.inprocess) in the instance's own region, so the answer is exactly what the Connect
API renders; its errors are reshaped to `{"error": <Connect error name>, "message": ...}` with
the Connect status. Which permission each operation needs: admin.permissions.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from opencontact.api.admin.context import Context, SignedIn
from opencontact.api.admin.permissions import CONSOLE_ONLY, required_permission
from opencontact.api.agent.errors import error_response
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import error_responses
from opencontact.api.connect.service_model import connect_model
from opencontact.domain.errors import AccessDenied, ResourceNotFound

router = APIRouter(tags=["Operations"])

BAD_INPUT = "InvalidParameterException"


def instance_level(operation: str) -> bool:
    """Whether the operation acts inside one instance (its input has an InstanceId)."""
    shape = connect_model().operation_model(operation).input_shape
    return shape is not None and "InstanceId" in shape.members


@router.post(
    "/operations/{operation}",
    summary="Run an Amazon Connect operation on the session's instance",
    description="Body: the operation's input (botocore member names) without InstanceId. "
    "Answer: its output as the Connect API renders it. Errors: the Connect status and "
    '`{"error": <Connect error name>, "message": <sentence>}`; 403 AccessDenied names the '
    "missing permission; 404 ResourceNotFound for operations that are not offered here "
    "(account-level ones are the console's).",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def run_operation(
    operation: str, request: Request, caller: SignedIn, context: Context
) -> Response:
    if not context.operations.implemented(operation):
        raise ResourceNotFound(f"OpenContact has no Amazon Connect operation named {operation}.")
    if operation in CONSOLE_ONLY or not instance_level(operation):
        raise ResourceNotFound(
            f"{operation} acts on the account, not on one instance: use the console (/console)."
        )
    permission = required_permission(operation)
    if permission is None:
        # Never allowed by default: an operation must be in the table to be offered.
        raise AccessDenied(f"The admin website does not offer {operation}.")
    caller.require(permission)
    # No permission of the table is a CCP one, so this never refuses; it keeps the rule that the
    # admin website is for admin-website users in one place.
    caller.require_admin()
    instance = caller.directory.instance
    params = await _input(request)
    if isinstance(params, Response):
        return params
    named = params.pop("InstanceId", None)
    if named is not None and named not in (instance.id, instance.arn):
        return error_response(
            400,
            BAD_INPUT,
            f"InstanceId '{named}' is not your instance: the admin website acts on instance "
            f"{instance.id} only (leave InstanceId out).",
        )
    params["InstanceId"] = instance.id
    status, body = await context.operations.call(
        operation, params, instance.region, _base_url(request)
    )
    if status >= 400:
        return _error(status, body)
    return Json(body, status_code=status)


async def _input(request: Request) -> dict[str, Any] | Response:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        params = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return error_response(400, BAD_INPUT, "The request body is not valid JSON.")
    if not isinstance(params, dict):
        return error_response(
            400, BAD_INPUT, "The request body must be a JSON object: the operation's input."
        )
    return params


def _error(status: int, body: dict[str, Any]) -> Response:
    shaped: dict[str, Any] = {
        "error": body.get("__type", "InternalServiceException"),
        "message": body.get("Message") or body.get("message") or "The operation failed.",
    }
    # InvalidContactFlowException lists what is wrong with the flow.
    if "problems" in body:
        shaped["problems"] = body["problems"]
    return Json(shaped, status_code=status)


def _base_url(request: Request) -> str:
    """The server's own address as the browser reached it (for URLs in answers)."""
    return f"{request.url.scheme}://{request.url.netloc}"
