"""Logging in: `POST /sessions` exchanges a username and password for a token;
`GET /sessions/current` says whom a token stands for (any user, CCP or not)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import Context, Session
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import (
    LoginRequest,
    SessionCreated,
    SessionInfo,
    SignInOptions,
    error_responses,
)
from opencontact.domain.users import user_permissions

router = APIRouter(prefix="/sessions", tags=["Sessions"])


def _user(context: Context, session: AgentSession) -> dict[str, Any]:
    directory, user = context.auth.user(session)
    return {
        "id": user.id,
        "username": user.username,
        "instanceId": directory.instance.id,
        "instanceAlias": directory.instance.alias,
        "permissions": sorted(user_permissions(directory, user)),
    }


@router.post(
    "",
    status_code=201,
    response_model=SessionCreated,
    summary="Log in",
    description="Exchange a username and password (instances with CONNECT_MANAGED identity "
    "management) for a session token valid for 12 hours. A wrong username or password gets "
    "401 without saying which; an instance whose users sign in elsewhere (SAML, an existing "
    "directory) gets 400.",
    responses=error_responses(400, 401, 404),
)
async def login(body: LoginRequest, context: Context) -> Response:
    session = await context.auth.login(body.instance, body.username, body.password)
    created = {
        "token": session.token,
        "expiresAt": session.expires_at.isoformat(),
        "user": _user(context, session),
    }
    return Json(created, status_code=201)


@router.get(
    "/current",
    response_model=SessionInfo,
    summary="Who the token stands for",
    description="The session's user and expiry. Works for every user, with or without the "
    "Contact Control Panel permission (pages use it to decide what to show).",
    responses=error_responses(401),
)
async def current_session(session: Session, context: Context) -> Response:
    return Json({"expiresAt": session.expires_at.isoformat(), "user": _user(context, session)})


@router.get(
    "/options",
    response_model=SignInOptions,
    summary="What the sign-in page can fill in",
    description="The alias of the instance to sign in to when the server has exactly one "
    "instance that keeps passwords (CONNECT_MANAGED); null otherwise. Needs no token.",
)
async def sign_in_options(context: Context) -> Response:
    aliases = context.auth.password_instances()
    return Json({"instance": aliases[0] if len(aliases) == 1 else None})
