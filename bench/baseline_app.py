"""The baseline for bench/api.py: a bare Starlette endpoint that answers each path with the
same bytes OpenContact answered it with (read from a JSON file), served by uvicorn with the
same settings as OpenContact (uvloop, httptools, no access log). The difference between the two
is then everything OpenContact does per request, not the size of the answer."""

from __future__ import annotations

import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def build(bodies: dict[str, str]) -> Starlette:
    encoded = {path: body.encode() for path, body in bodies.items()}

    async def endpoint(request: Request) -> Response:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Response(encoded[path], media_type="application/json")

    return Starlette(routes=[Route("/{path:path}", endpoint, methods=["GET"])])


if __name__ == "__main__":
    port, bodies_file = int(sys.argv[1]), sys.argv[2]
    with open(bodies_file) as handle:
        app = build(json.load(handle))
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        access_log=False,
        log_level="warning",
        loop="uvloop",
        http="httptools",
    )
