"""The agent's live feed: `GET /api/v1/agent/events` (WebSocket).

    server: {"type": "snapshot", "agent": <desk>, "at": <time>}  first, and on {"type": "snapshot"}
    server: {"type": "agent", "agent": <desk>, "at": <time>}     after each change for the agent
    client: {"type": "ping"}  ->  server: {"type": "pong"}        any time; an "id" is echoed

`<desk>` is the body of GET /api/v1/agent; `at` is the contact center's clock.

The token comes as `?token=...`, or (to keep it out of URLs and logs) as the first message
`{"type": "auth", "token": "..."}` within 10 seconds. Close codes: 4401 no valid token (or it
expired, or the user is gone), 4403 no BasicAgentAccess, 4400 a message that is not JSON,
1013 the client fell too far behind; reconnecting always starts with a fresh snapshot.

Changes come from the event bus (through `feeds`), which publishes every batch once it is
durable. The desk is computed right away, in the bus's callback, so each message shows the state
that batch left; a change that leaves the agent's desk as it was sends nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext
from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.agent.json import dumps
from opencontact.domain.errors import AccessDenied, DomainError

router = APIRouter(tags=["Events"])

AUTH_SECONDS = 10.0
MAX_BEHIND = 1000
UNAUTHORIZED, FORBIDDEN, NOT_JSON, TRY_AGAIN_LATER = 4401, 4403, 4400, 1013
NO_TOKEN = 'Send the session token as ?token=... or first {"type": "auth", "token": "..."}.'


@dataclass(frozen=True)
class _Close:
    code: int
    reason: str


_Outgoing = dict[str, Any] | _Close


@router.websocket("/agent/events", name="agent_events")
async def agent_events(websocket: WebSocket) -> None:
    context: ApiContext = websocket.app.state.agent_api
    await websocket.accept()
    token = websocket.query_params.get("token") or await _token_message(websocket)
    if not token:
        await _close(websocket, _Close(UNAUTHORIZED, NO_TOKEN))
        return
    try:
        session = context.auth.check(token)
        context.auth.check_ccp(session)
    except NotAuthenticated as refused:
        await _close(websocket, _Close(UNAUTHORIZED, refused.message))
        return
    except AccessDenied as refused:
        await _close(websocket, _Close(FORBIDDEN, refused.message))
        return
    await _Feed(context, session, websocket).run()


async def _token_message(websocket: WebSocket) -> str | None:
    try:
        message = await asyncio.wait_for(websocket.receive_text(), AUTH_SECONDS)
        parsed = json.loads(message)
    except (TimeoutError, WebSocketDisconnect, ValueError, KeyError, RuntimeError):
        return None
    if isinstance(parsed, dict) and parsed.get("type") == "auth":
        token = parsed.get("token")
        return token if isinstance(token, str) else None
    return None


async def _close(websocket: WebSocket, close: _Close) -> None:
    if websocket.client_state is WebSocketState.CONNECTED:
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            # A close reason is at most 123 bytes.
            await websocket.close(close.code, close.reason.encode()[:123].decode(errors="ignore"))


class _Feed:
    def __init__(self, context: ApiContext, session: AgentSession, websocket: WebSocket) -> None:
        self.context = context
        self.session = session
        self.websocket = websocket
        self.outgoing: asyncio.Queue[_Outgoing] = asyncio.Queue()
        self.last: dict[str, Any] | None = None

    async def run(self) -> None:
        instance_id, user_id = self.session.instance_id, self.session.user_id
        stops: list[Callable[[], None]] = []
        try:
            # Following and the snapshot happen in one step of the event loop, so no change can
            # fall between them.
            stops.append(self.context.feeds.follow(instance_id, user_id, self._refresh))
            stops.append(self._expiry_timer())
            self._send_snapshot()
            await self._pump()
        finally:
            for stop in stops:
                stop()

    def _expiry_timer(self) -> Callable[[], None]:
        clock = self.context.desk.center.clock
        seconds = (self.session.expires_at - clock.now()).total_seconds()
        expired = _Close(UNAUTHORIZED, "Your session has expired; log in again.")
        timer = clock.call_later(seconds, lambda: self.outgoing.put_nowait(expired))
        return timer.cancel

    # -- what goes out ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        desk = self._desk()
        if desk is None or desk == self.last:
            return
        self.last = desk
        if self.outgoing.qsize() >= MAX_BEHIND:
            self.outgoing.put_nowait(_Close(TRY_AGAIN_LATER, "Too far behind; reconnect."))
            return
        self.outgoing.put_nowait(self._message("agent", desk))

    def _send_snapshot(self) -> None:
        desk = self._desk()
        if desk is not None:
            self.last = desk
            self.outgoing.put_nowait(self._message("snapshot", desk))

    def _message(self, kind: str, desk: dict[str, Any]) -> dict[str, Any]:
        # `at`: the contact center's clock (simulated time under a virtual clock), so that the
        # CCP's timers count from the server's time, not the browser's.
        now = self.context.desk.center.clock.now()
        return {"type": kind, "agent": desk, "at": now.isoformat()}

    def _desk(self) -> dict[str, Any] | None:
        """The agent's desk now, or None (and the socket closing) if the session is over."""
        try:
            self.context.auth.check(self.session.token)
            self.context.auth.check_ccp(self.session)
            return self.context.desk.view(self.session)
        except NotAuthenticated as over:
            self.outgoing.put_nowait(_Close(UNAUTHORIZED, over.message))
        except AccessDenied as over:
            self.outgoing.put_nowait(_Close(FORBIDDEN, over.message))
        except DomainError as over:
            self.outgoing.put_nowait(_Close(UNAUTHORIZED, over.message))
        return None

    async def _pump(self) -> None:
        sending = asyncio.create_task(self._send())
        receiving = asyncio.create_task(self._receive())
        try:
            await asyncio.wait({sending, receiving}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sending, receiving):
                task.cancel()
            await asyncio.gather(sending, receiving, return_exceptions=True)

    async def _send(self) -> None:
        while True:
            item = await self.outgoing.get()
            if isinstance(item, _Close):
                await _close(self.websocket, item)
                return
            try:
                await self.websocket.send_text(dumps(item))
            except (WebSocketDisconnect, RuntimeError, OSError):
                return

    # -- what comes in ---------------------------------------------------------------------------

    async def _receive(self) -> None:
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
                self.outgoing.put_nowait(_Close(NOT_JSON, "Messages must be JSON."))
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
            self._send_snapshot()
        elif kind != "auth":
            self.outgoing.put_nowait(
                {
                    "type": "error",
                    "message": f"Unknown message type {kind!r}; send ping or snapshot.",
                }
            )
