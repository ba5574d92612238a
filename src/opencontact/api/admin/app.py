"""The admin website API as one FastAPI application, mounted at `/api/v1/admin` (OpenAPI:
`/api/v1/admin/openapi.json`, browsable at `/api/v1/admin/docs`). See docs/admin-api.md."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from opencontact import __version__
from opencontact.api.admin import events, operation_routes, password_routes, session_routes
from opencontact.api.admin.context import AdminContext
from opencontact.api.agent.auth import Authenticator
from opencontact.api.agent.errors import error_response, install_error_handlers
from opencontact.api.agent.json import Json
from opencontact.api.agent.sessions import KEY_FILE, SessionKey, SessionTokens
from opencontact.api.connect.inprocess import ConnectOperations
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
    app = FastAPI(
        title="OpenContact admin website API",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        default_response_class=Json,
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.admin_api = AdminContext(
        center=center,
        bus=bus,
        auth=Authenticator(center, tokens),
        operations=ConnectOperations(center, participant_tokens),
    )
    for module in (session_routes, operation_routes, password_routes, events):
        app.include_router(module.router)
    install_error_handlers(app, "admin API")
    app.add_exception_handler(HTTPException, _http_error)
    return app


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        return error_response(404, "ResourceNotFound", f"The admin API has no {request.url.path}.")
    if error.status_code == 405:
        message = f"{request.url.path} does not answer {request.method}."
        return error_response(405, "MethodNotAllowed", message)
    return error_response(error.status_code, "HttpError", str(error.detail))
