"""`POST /operations/{operation}`: any Amazon Connect operation OpenContact implements, run as
the account in the session's region. The body is the operation's input with botocore's names
(InstanceId included: the console acts across instances); the answer is its output exactly as
the Connect API renders it, or the Connect error's status with
`{"error": <error name>, "message": <sentence>}`."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from opencontact.api.agent.errors import error_response
from opencontact.api.agent.json import Json
from opencontact.api.console.context import Context, Session
from opencontact.api.console.schemas import ErrorBody

router = APIRouter(tags=["Connect operations"])


@router.post(
    "/operations/{operation}",
    summary="Run an Amazon Connect operation",
    description='The body is the operation\'s input (e.g. `{"IdentityManagementType": '
    '"CONNECT_MANAGED", "InstanceAlias": "acme", "InboundCallsEnabled": true, '
    '"OutboundCallsEnabled": true}` for CreateInstance); an empty body is `{}`. Errors carry '
    "the Connect error name: InvalidParameterException, InvalidRequestException, "
    "ResourceNotFoundException, DuplicateResourceException, UnknownOperationException, ...",
    responses={
        200: {"description": "The operation's output."},
        400: {"model": ErrorBody, "description": "The input is not valid"},
        401: {"model": ErrorBody, "description": "No valid console token"},
        404: {"model": ErrorBody, "description": "No such resource or operation"},
    },
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": {"type": "object"}}},
            "required": False,
        }
    },
)
async def run_operation(
    operation: str, request: Request, session: Session, context: Context
) -> Response:
    raw = await request.body()
    try:
        params: Any = orjson.loads(raw) if raw.strip() else {}
    except orjson.JSONDecodeError:
        return error_response(
            400, "InvalidParameterException", "The request body is not valid JSON."
        )
    if not isinstance(params, dict):
        return error_response(
            400,
            "InvalidParameterException",
            f"The input of {operation} must be a JSON object.",
        )
    base_url = f"{request.url.scheme}://{request.headers.get('host', 'localhost')}"
    status, body = await context.operations.call(operation, params, session.region, base_url)
    if status >= 400:
        code = str(body.get("__type", "InternalServiceException"))
        message = str(body.get("Message") or body.get("message") or code)
        return error_response(status, code, message)
    return Json(body, status_code=status)
