"""What the API's live feeds (the agent's desk, the admin website's changes) share: taking the
session token, closing with a code and a sentence, and the loop that writes queued messages
while reading the client's (`ping`, `snapshot`).

Close codes: 4401 no valid token (missing, invalid, expired — also while connected — or the
user is gone), 4403 the security profile does not allow the feed, 4400 a message that is not
JSON, 1013 the client fell more than MAX_BEHIND messages behind (reconnect).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from fastapi import WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.agent.json import dumps
from opencontact.clock import Clock
from opencontact.domain.errors import AccessDenied, DomainError

AUTH_SECONDS = 10.0
MAX_BEHIND = 1000
UNAUTHORIZED, FORBIDDEN, NOT_JSON, TRY_AGAIN_LATER = 4401, 4403, 4400, 1013
NO_TOKEN = 'Send the session token as ?token=... or first {"type": "auth", "token": "..."}.'


@dataclass(frozen=True)
class Close:
    code: int
    reason: str


Outgoing = dict[str, Any] | Close


def refusal(error: NotAuthenticated | DomainError) -> Close:
    """How a socket closes when its session may no longer follow the feed."""
    if isinstance(error, AccessDenied):
        return Close(FORBIDDEN, error.message)
    # NotAuthenticated, or the instance is gone.
    return Close(UNAUTHORIZED, error.message)


async def accept_token(websocket: WebSocket) -> str | None:
    """Accept the socket and take its token: `?token=`, or (to keep it out of URLs and logs)
    the first message `{"type": "auth", "token": ...}` within AUTH_SECONDS."""
    await websocket.accept()
    token = websocket.query_params.get("token")
    if token:
        return token
    try:
        parsed = json.loads(await asyncio.wait_for(websocket.receive_text(), AUTH_SECONDS))
    except (TimeoutError, WebSocketDisconnect, ValueError, KeyError, RuntimeError):
        return None
    if isinstance(parsed, dict) and parsed.get("type") == "auth":
        token = parsed.get("token")
        return token if isinstance(token, str) else None
    return None


async def close(websocket: WebSocket, closing: Close) -> None:
    if websocket.client_state is WebSocketState.CONNECTED:
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            # A close reason is at most 123 bytes.
            reason = closing.reason.encode()[:123].decode(errors="ignore")
            await websocket.close(closing.code, reason)


async def refuse(websocket: WebSocket, error: NotAuthenticated | DomainError) -> None:
    await close(websocket, refusal(error))


T = TypeVar("T")


async def admit(websocket: WebSocket, check: Callable[[str], T]) -> T | None:
    """Accept the socket, take its token and `check` it (NotAuthenticated or a DomainError
    refuse it): what `check` answers, or None once the socket has been closed with the reason."""
    token = await accept_token(websocket)
    if not token:
        await close(websocket, Close(UNAUTHORIZED, NO_TOKEN))
        return None
    try:
        return check(token)
    except (NotAuthenticated, DomainError) as refused:
        await refuse(websocket, refused)
        return None


class FeedSocket(ABC):
    """One open feed: messages are queued (`put`) by whoever notices a change and written in
    order by `pump`, which also answers the client's messages."""

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.outgoing: asyncio.Queue[Outgoing] = asyncio.Queue()

    @abstractmethod
    def send_snapshot(self) -> None:
        """Queue the whole current state (first, and whenever the client asks)."""

    def put(self, message: dict[str, Any]) -> None:
        """Queue a change, or the socket's closing if the client has fallen too far behind."""
        if self.outgoing.qsize() >= MAX_BEHIND:
            self.outgoing.put_nowait(Close(TRY_AGAIN_LATER, "Too far behind; reconnect."))
        else:
            self.outgoing.put_nowait(message)

    def end(self, error: NotAuthenticated | DomainError) -> None:
        self.outgoing.put_nowait(refusal(error))

    def expire_at(self, clock: Clock, expires_at: datetime) -> Callable[[], None]:
        """Close when the session expires; returns how to cancel that."""
        seconds = (expires_at - clock.now()).total_seconds()
        expired = Close(UNAUTHORIZED, "Your session has expired; log in again.")
        timer = clock.call_later(seconds, lambda: self.outgoing.put_nowait(expired))
        return timer.cancel

    async def pump(self) -> None:
        writing = asyncio.create_task(self._write())
        reading = asyncio.create_task(self._read())
        try:
            await asyncio.wait({writing, reading}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (writing, reading):
                task.cancel()
            await asyncio.gather(writing, reading, return_exceptions=True)

    async def _write(self) -> None:
        while True:
            item = await self.outgoing.get()
            if isinstance(item, Close):
                await close(self.websocket, item)
                return
            try:
                await self.websocket.send_text(dumps(item))
            except (WebSocketDisconnect, RuntimeError, OSError):
                return

    async def _read(self) -> None:
        while True:
            try:
                text = await self.websocket.receive_text()
            except (WebSocketDisconnect, RuntimeError):
                return
            except KeyError:  # a binary message
                text = ""
            try:
                message = json.loads(text)
            except ValueError:
                self.outgoing.put_nowait(Close(NOT_JSON, "Messages must be JSON."))
                continue
            self._answer(message)

    def _answer(self, message: Any) -> None:
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "ping":
            pong: dict[str, Any] = {"type": "pong"}
            if "id" in message:
                pong["id"] = message["id"]
            self.outgoing.put_nowait(pong)
        elif kind == "snapshot":
            self.send_snapshot()
        elif kind != "auth":
            self.outgoing.put_nowait(
                {
                    "type": "error",
                    "message": f"Unknown message type {kind!r}; send ping or snapshot.",
                }
            )
