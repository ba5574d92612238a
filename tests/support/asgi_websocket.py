"""A WebSocket client that talks to an ASGI app in-process, on the test's own event loop (as
httpx's ASGI transport does for HTTP): the test can change the carrier directly between
messages, with no server, thread or port."""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import Any

from starlette.types import ASGIApp, Message

WAIT = 10.0  # seconds: only a safety net against a hang; messages come at once


class Closed(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"closed with {code}: {reason}")
        self.code = code
        self.reason = reason


class WebSocketSession:
    """`async with WebSocketSession(app, "/sim/calls/x/events") as socket: ...`"""

    def __init__(self, app: ASGIApp, path: str) -> None:
        self._app = app
        self._path = path
        self._to_app: asyncio.Queue[Message] = asyncio.Queue()
        self._from_app: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.closed: Closed | None = None

    async def __aenter__(self) -> WebSocketSession:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": self._path,
            "raw_path": self._path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [(b"host", b"opencontact.test")],
            "subprotocols": [],
            "client": ("127.0.0.1", 50000),
            "server": ("opencontact.test", 80),
        }
        self._task = asyncio.create_task(
            self._app(scope, self._to_app.get, self._from_app.put)  # type: ignore[arg-type]
        )
        await self._to_app.put({"type": "websocket.connect"})
        first = await self._next()
        if first["type"] == "websocket.close":
            self.closed = Closed(first.get("code", 1000), first.get("reason", ""))
        else:
            assert first["type"] == "websocket.accept", first
        return self

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        assert self._task is not None
        if not self._task.done():
            await self._to_app.put({"type": "websocket.disconnect", "code": 1000})
        # The app must notice the disconnect and finish by itself.
        await asyncio.wait_for(self._task, WAIT)

    async def receive_json(self) -> dict[str, Any]:
        """The next message the server sends; `Closed` when it closes instead."""
        if self.closed is not None:
            raise self.closed
        message = await self._next()
        if message["type"] == "websocket.close":
            self.closed = Closed(message.get("code", 1000), message.get("reason", ""))
            raise self.closed
        assert message["type"] == "websocket.send", message
        body: dict[str, Any] = json.loads(message["text"])
        return body

    async def send_json(self, body: dict[str, Any]) -> None:
        await self._to_app.put({"type": "websocket.receive", "text": json.dumps(body)})

    async def _next(self) -> Message:
        return await asyncio.wait_for(self._from_app.get(), WAIT)
