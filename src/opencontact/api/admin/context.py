"""What the admin website API's endpoints share, and the FastAPI dependency that hands out the
caller's session: a logged-in user (the agent API's tokens and Authenticator) whose security
profiles open the admin website, read afresh on every request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opencontact.api.admin.permissions import holds, opens_admin_website
from opencontact.api.agent.auth import AgentSession, Authenticator
from opencontact.api.connect.inprocess import ConnectOperations
from opencontact.domain.directory import Directory
from opencontact.domain.errors import AccessDenied
from opencontact.domain.users import User, user_permissions
from opencontact.engine.bus import EventBus
from opencontact.engine.center import ContactCenter

NO_ADMIN = "Your security profile does not allow the admin website."


@dataclass(frozen=True)
class Caller:
    """A checked session with what its user is now."""

    session: AgentSession
    directory: Directory
    user: User
    permissions: frozenset[str]

    def require(self, permission: str) -> None:
        if not holds(self.permissions, permission):
            raise AccessDenied(f"Your security profile does not allow {permission}.")

    def require_admin(self) -> None:
        if not opens_admin_website(self.permissions):
            raise AccessDenied(NO_ADMIN)


@dataclass(frozen=True)
class AdminContext:
    center: ContactCenter
    bus: EventBus
    auth: Authenticator
    operations: ConnectOperations

    def caller(self, token: str | None, *, admin: bool = True) -> Caller:
        """The user a token stands for, with their permissions now (NotAuthenticated if the
        token cannot be used); with `admin`, only if those open the admin website
        (AccessDenied if not)."""
        session = self.auth.check(token)
        directory, user = self.auth.user(session)
        caller = Caller(session, directory, user, user_permissions(directory, user))
        if admin:
            caller.require_admin()
        return caller


def admin_context(request: Request) -> AdminContext:
    return cast(AdminContext, request.app.state.admin_api)


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="SessionToken",
    description="The token from POST /api/v1/sessions.",
)


def admin_caller(
    context: Annotated[AdminContext, Depends(admin_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    return context.caller(credentials.credentials if credentials else None)


def signed_in(
    context: Annotated[AdminContext, Depends(admin_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """Any signed-in user: the endpoint checks the permission it needs itself, so that a refusal
    can name it."""
    return context.caller(credentials.credentials if credentials else None, admin=False)


Context = Annotated[AdminContext, Depends(admin_context)]
AdminCaller = Annotated[Caller, Depends(admin_caller)]
SignedIn = Annotated[Caller, Depends(signed_in)]
