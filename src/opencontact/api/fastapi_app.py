"""The FastAPI application of each /api/v1 API (agent, admin website, console): served at its
own mount point with its OpenAPI document at `openapi.json` and a browsable one at `docs`, JSON
answers, operation ids a generated client can use as method names (login, set_status, ...) and
the error answers of api/agent/errors.py."""

from __future__ import annotations

from fastapi import FastAPI

from opencontact import __version__
from opencontact.api.agent.errors import install_error_handlers
from opencontact.api.agent.json import Json


def api_app(title: str, description: str, name: str, app_class: type[FastAPI] = FastAPI) -> FastAPI:
    """`name` ("agent API", "console API", ...) is how error messages and log lines call the
    API; `app_class`: FastAPI or a subclass of it."""
    app = app_class(
        title=title,
        version=__version__,
        description=description,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        default_response_class=Json,
        generate_unique_id_function=lambda route: route.name,
    )
    install_error_handlers(app, name)
    return app
