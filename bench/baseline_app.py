"""The baseline for bench/api.py: a bare Starlette endpoint answering a fixed JSON body, served by
uvicorn with the same settings as OpenContact (uvloop, httptools, no access log)."""

from __future__ import annotations

import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY = b'{"User":{"Id":"baseline","Username":"agent1","RoutingProfileId":"rp"}}'


async def endpoint(_request: Request) -> Response:
    return Response(BODY, media_type="application/json")


app = Starlette(routes=[Route("/{path:path}", endpoint, methods=["GET", "POST"])])

if __name__ == "__main__":
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        access_log=False,
        log_level="warning",
        loop="uvloop",
        http="httptools",
    )
