"""Signing in to the console: `POST /sessions` exchanges the access key pair and a region for
a token; `GET /session` says what a token stands for."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.json import Json
from opencontact.api.console.context import Context, Session
from opencontact.api.console.schemas import (
    ConsoleSessionCreated,
    ConsoleSessionInfo,
    ErrorBody,
    SignInRequest,
)

router = APIRouter(tags=["Console sessions"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "InvalidParameter: the input is malformed"},
    401: {"model": ErrorBody, "description": "Unauthorized: wrong keys, or no valid token"},
}


@router.post(
    "/sessions",
    status_code=201,
    response_model=ConsoleSessionCreated,
    summary="Sign in to the console",
    description="Exchange the access key pair the server accepts (the one `opencontact serve` "
    "prints) and a region for a console token valid for 12 hours. Wrong keys get 401 without "
    "saying which part was wrong; a region name that is not shaped like an AWS region, 400.",
    responses={400: _ERRORS[400], 401: _ERRORS[401]},
)
async def sign_in(body: SignInRequest, context: Context) -> Response:
    session = context.auth.sign_in(body.access_key_id, body.secret_access_key, body.region)
    created = {
        "token": session.token,
        "expiresAt": session.expires_at.isoformat(),
        "region": session.region,
    }
    return Json(created, status_code=201)


@router.get(
    "/session",
    response_model=ConsoleSessionInfo,
    summary="What the console token stands for",
    responses={401: _ERRORS[401]},
)
async def current_session(session: Session, context: Context) -> Response:
    return Json(
        {
            "accessKeyId": session.access_key_id,
            "accountId": context.account_id,
            "region": session.region,
            "expiresAt": session.expires_at.isoformat(),
        }
    )
