"""What the console endpoints share, and the FastAPI dependencies that hand it out: the
sign-in checker, the in-process Connect operations, and the caller's checked session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opencontact.api.connect.inprocess import ConnectOperations
from opencontact.api.console.auth import ConsoleAuth, ConsoleSession


@dataclass(frozen=True)
class ConsoleContext:
    auth: ConsoleAuth
    operations: ConnectOperations
    account_id: str


def console_context(request: Request) -> ConsoleContext:
    return cast(ConsoleContext, request.app.state.console_api)


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ConsoleToken",
    description="The token from POST /api/v1/console/sessions.",
)


def signed_in(
    context: Annotated[ConsoleContext, Depends(console_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ConsoleSession:
    return context.auth.check(credentials.credentials if credentials else None)


Context = Annotated[ConsoleContext, Depends(console_context)]
Session = Annotated[ConsoleSession, Depends(signed_in)]
