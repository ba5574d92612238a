"""The agent API as one FastAPI application, mounted at `/api/v1` (its OpenAPI document is
`/api/v1/openapi.json`, browsable at `/api/v1/docs`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from opencontact.api.agent import (
    agent_routes,
    case_routes,
    chat_routes,
    contact_routes,
    events,
    knowledge_routes,
    profile_routes,
    record_routes,
    session_routes,
    workspace_routes,
)
from opencontact.api.agent.auth import Authenticator
from opencontact.api.agent.context import ApiContext
from opencontact.api.agent.desk import AgentDesk
from opencontact.api.agent.feeds import AgentFeeds
from opencontact.api.agent.schemas import EventMessage
from opencontact.api.agent.sessions import KEY_FILE, SessionKey, SessionTokens
from opencontact.api.fastapi_app import api_app
from opencontact.config import Settings
from opencontact.engine.bus import EventBus
from opencontact.engine.center import ContactCenter
from opencontact.store.cases import CaseStore
from opencontact.store.customer_profiles import CustomerProfileStore
from opencontact.store.database import Database
from opencontact.store.knowledge import KnowledgeStore

DESCRIPTION = """\
What the Contact Control Panel (CCP) pages and scripts use to act as one agent.

Log in with `POST /api/v1/sessions`, then send `Authorization: Bearer <token>`. A token acts as
its user only, on that user's contacts only; the agent endpoints need the BasicAgentAccess
permission. Contact records and their flow logs (`/api/v1/contacts/...`, for supervisors) need
ContactSearch.View. Errors are `{"error": <code>, "message": <sentence>}`; nothing changes on
an error.

Live updates: the WebSocket `GET /api/v1/agent/events?token=<token>` sends
`{"type": "snapshot", "agent": <AgentDesk>, "at": <time>}`, then the same with
`"type": "agent"` after every durable change the agent sees (schema `EventMessage`), and
`{"type": "chat", "contactId": <id>, "item": <ChatItemView>}` for each new item of the agent's
chats.
See docs/agent-api.md.
"""


class AgentApi(FastAPI):
    """FastAPI, with the OpenAPI document saying what the API really answers: validation
    errors are 400 with the usual error body, not FastAPI's 422."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            _without_422(super().openapi())
        return super().openapi()


def _without_422(schema: dict[str, Any]) -> None:
    error = {
        "description": "InvalidParameter: the input is malformed",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            if responses.pop("422", None) is not None:
                responses.setdefault("400", error)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    # OpenAPI cannot describe a WebSocket; its messages' shape at least is listed.
    message = EventMessage.model_json_schema(
        by_alias=True, ref_template="#/components/schemas/{model}", mode="serialization"
    )
    for name, definition in message.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas["EventMessage"] = message


def agent_api(
    center: ContactCenter, bus: EventBus, settings: Settings, database: Database
) -> FastAPI:
    """`database`: where the records that are not engine state live (cases, ...)."""
    tokens = SessionTokens(SessionKey(settings.data_dir / KEY_FILE), center.clock)
    app = api_app("OpenContact agent API", DESCRIPTION, "agent API", AgentApi)
    app.state.agent_api = ApiContext(
        auth=Authenticator(center, tokens),
        desk=AgentDesk(center),
        feeds=AgentFeeds(center, bus),
        cases=CaseStore(database),
        profiles=CustomerProfileStore(database),
        knowledge=KnowledgeStore(database),
    )
    for module in (
        session_routes,
        agent_routes,
        workspace_routes,
        contact_routes,
        chat_routes,
        record_routes,
        case_routes,
        profile_routes,
        knowledge_routes,
        events,
    ):
        app.include_router(module.router)
    return app
