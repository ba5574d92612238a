"""Serving the ASGI application with uvicorn, with a hook for when it is accepting requests."""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp


class Server(uvicorn.Server):
    """uvicorn's server, calling `on_started` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started()


def server_config(app: ASGIApp, host: str = "127.0.0.1", port: int = 8080) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=host, port=port, lifespan="off", access_log=False, log_level="warning"
    )
