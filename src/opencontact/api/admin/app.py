"""The admin website API as one FastAPI application, mounted at `/api/v1/admin` (OpenAPI:
`/api/v1/admin/openapi.json`, browsable at `/api/v1/admin/docs`). See docs/admin-api.md."""

from __future__ import annotations

from fastapi import FastAPI

from opencontact.api.admin import events, operation_routes, password_routes, session_routes
from opencontact.api.admin.context import AdminContext
from opencontact.api.agent.auth import Authenticator
from opencontact.api.agent.sessions import KEY_FILE, SessionKey, SessionTokens
from opencontact.api.connect.inprocess import ConnectOperations
from opencontact.api.fastapi_app import api_app
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.config import Settings
from opencontact.engine.bus import EventBus
from opencontact.engine.center import ContactCenter

DESCRIPTION = """\
What the admin website (/admin) uses to manage one instance as its signed-in user.

Sign in with the agent API's `POST /api/v1/sessions`, then send `Authorization: Bearer <token>`.
`GET /session` says who is signed in; `POST /operations/{Operation}` runs an Amazon Connect
operation on the session's instance, if the user's security profiles allow it (permissions are
read on every request); `PUT /users/{UserId}/password` sets a user's password. The WebSocket
`GET /events` sends a snapshot of the real-time dashboard, then
`{"type": "changed", "kinds": [...], "dashboard": ...}` after every durable change.
"""


def admin_api(
    center: ContactCenter,
    bus: EventBus,
    settings: Settings,
    participant_tokens: ParticipantTokens,
) -> FastAPI:
    # The same key file as the agent API: its tokens are the admin website's too.
    tokens = SessionTokens(SessionKey(settings.data_dir / KEY_FILE), center.clock)
    app = api_app("OpenContact admin website API", DESCRIPTION, "admin API")
    app.state.admin_api = AdminContext(
        center=center,
        bus=bus,
        auth=Authenticator(center, tokens),
        operations=ConnectOperations(center, participant_tokens),
    )
    for module in (session_routes, operation_routes, password_routes, events):
        app.include_router(module.router)
    return app
