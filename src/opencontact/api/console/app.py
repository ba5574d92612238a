"""The console API as one FastAPI application, mounted at `/api/v1/console` (OpenAPI document
at `/api/v1/console/openapi.json`, browsable at `/api/v1/console/docs`)."""

from __future__ import annotations

from fastapi import FastAPI

from opencontact.api.agent.sessions import SessionKey
from opencontact.api.connect.inprocess import ConnectOperations
from opencontact.api.console import operation_routes, session_routes
from opencontact.api.console.auth import ConsoleAuth
from opencontact.api.console.context import ConsoleContext
from opencontact.api.console.tokens import KEY_FILE, ConsoleTokens
from opencontact.api.fastapi_app import api_app
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.config import ApiCredentials, Settings
from opencontact.engine.center import ContactCenter

DESCRIPTION = """\
What the /console page uses: the AWS account's view of Amazon Connect, where instances are
created and configured.

Sign in with `POST /api/v1/console/sessions` and the access key pair the server accepts, then
send `Authorization: Bearer <token>`. `POST /api/v1/console/operations/{Operation}` runs any
Connect operation OpenContact implements, as the account, in the session's region.
See docs/console.md.
"""


def console_api(
    center: ContactCenter,
    credentials: ApiCredentials,
    settings: Settings,
    participant_tokens: ParticipantTokens,
) -> FastAPI:
    tokens = ConsoleTokens(SessionKey(settings.data_dir / KEY_FILE), center.clock)
    app = api_app("OpenContact console API", DESCRIPTION, "console API")
    app.state.console_api = ConsoleContext(
        auth=ConsoleAuth(credentials, tokens),
        operations=ConnectOperations(center, participant_tokens),
        account_id=settings.account_id,
    )
    for module in (session_routes, operation_routes):
        app.include_router(module.router)
    return app
