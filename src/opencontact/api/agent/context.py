"""What every endpoint of the agent API shares, and the FastAPI dependencies that hand it out:
the context (login, the desk, the agents' event feeds) and the caller's checked session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opencontact.api.agent.auth import AgentSession, Authenticator
from opencontact.api.agent.desk import AgentDesk
from opencontact.api.agent.feeds import AgentFeeds
from opencontact.store.cases import CaseStore
from opencontact.store.customer_profiles import CustomerProfileStore
from opencontact.store.knowledge import KnowledgeStore


@dataclass(frozen=True)
class ApiContext:
    auth: Authenticator
    desk: AgentDesk
    feeds: AgentFeeds
    profiles: CustomerProfileStore
    cases: CaseStore
    knowledge: KnowledgeStore


def api_context(request: Request) -> ApiContext:
    return cast(ApiContext, request.app.state.agent_api)


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="SessionToken",
    description="The token from POST /api/v1/sessions.",
)


def logged_in(
    context: Annotated[ApiContext, Depends(api_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AgentSession:
    return context.auth.check(credentials.credentials if credentials else None)


def at_the_ccp(
    context: Annotated[ApiContext, Depends(api_context)],
    session: Annotated[AgentSession, Depends(logged_in)],
) -> AgentSession:
    """A logged-in user whose security profile opens the Contact Control Panel."""
    context.auth.check_ccp(session)
    return session


Context = Annotated[ApiContext, Depends(api_context)]
Session = Annotated[AgentSession, Depends(logged_in)]
CcpSession = Annotated[AgentSession, Depends(at_the_ccp)]
