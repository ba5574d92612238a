"""The HTML shells of the pages and the static files they load.

Every page is the same small document: the shared stylesheet, an import map that lets modules
say `import ... from "preact"`, and the page's own module. Signing in, permissions and data all
go through the APIs, so the shells themselves are public.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

IMPORT_MAP = {
    "imports": {
        "preact": "/static/vendor/preact.module.js",
        "preact/hooks": "/static/vendor/preact-hooks.module.js",
        "htm": "/static/vendor/htm.module.js",
    }
}


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    module: str
    stylesheet: str | None = None
    # Further stylesheets after the page's own (the agent application's workspace panels).
    more_stylesheets: tuple[str, ...] = ()

    def render(self) -> str:
        styles = '<link rel="stylesheet" href="/static/css/base.css">'
        for sheet in (self.stylesheet, *self.more_stylesheets):
            if sheet:
                styles += f'\n<link rel="stylesheet" href="/static/css/{sheet}">'
        return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(self.title)} · OpenContact</title>
<link rel="icon" href="data:,">
{styles}
<script type="importmap">{json.dumps(IMPORT_MAP)}</script>
</head>
<body>
<div id="app"><noscript>This page needs JavaScript.</noscript></div>
<script type="module" src="/static/js/{self.module}"></script>
</body>
</html>
"""


PAGES = (
    Page("/login", "Sign in", "login.js"),
    Page("/ccp-v2", "Contact Control Panel", "ccp.js", "ccp.css"),
    Page("/agent-app-v2", "Agent application", "agent-app.js", "ccp.css", ("workspace.css",)),
    Page("/admin", "Amazon Connect admin", "admin/main.js", "admin.css"),
    Page("/console", "Console", "console.js", "admin.css"),
    Page("/phone", "Phone", "phone.js", "phone.css"),
    Page("/chat", "Chat with us", "chat.js", "chat.css"),
)


def _shell(page: Page) -> Callable[[Request], Awaitable[Response]]:
    html = page.render()

    async def endpoint(_request: Request) -> Response:
        return HTMLResponse(html, headers={"cache-control": "no-cache"})

    return endpoint


async def _home(_request: Request) -> Response:
    return RedirectResponse("/ccp-v2", status_code=307)


async def _chat_widget(_request: Request) -> Response:
    """The embeddable chat widget at a path other sites can keep in their script tag."""
    return FileResponse(
        STATIC / "js" / "chat-widget.js",
        media_type="text/javascript",
        headers={"cache-control": "no-cache"},
    )


def page_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [Route("/", _home), Route("/chat/widget.js", _chat_widget)]
    for page in PAGES:
        endpoint = _shell(page)
        routes.append(Route(page.path, endpoint, name=page.path.strip("/")))
        if page.path == "/admin":
            # The admin website routes in the browser (/admin/users, ...); reloading such a URL
            # gets the same shell.
            routes.append(Route(page.path + "/{rest:path}", endpoint))
    routes.append(Mount("/static", app=StaticFiles(directory=STATIC), name="static"))
    return routes
