"""The admin website's live feed: `GET /api/v1/admin/events` (WebSocket).

    server: {"type": "snapshot", "dashboard": <dashboard>}              first, and on request
    server: {"type": "changed", "kinds": ["User", ...], "dashboard": ...}  after durable changes
    client: {"type": "ping"} -> {"type": "pong"};  {"type": "snapshot"} -> a fresh snapshot

`kinds` are the entity class names of what changed (User, Queue, AgentStatus, Agent, Contact,
...), so that list pages know to read their data again. Every batch the instance's writer makes
durable is published on the event bus; the changes published in one turn of the event loop (a
batch, or a burst of them) go out as one message. `<dashboard>` is admin.dashboard's, or null
for a user without the real-time metrics permission.

The token comes as `?token=...` or as the first message `{"type": "auth", "token": "..."}`.
Close codes as the agent's feed: 4401 no valid token (or it expired, or the user is gone), 4403
the security profile does not open the admin website (checked again before every message), 4400
a message that is not JSON, 1013 the client fell too far behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, WebSocket

from opencontact.api.admin.context import AdminContext, Caller
from opencontact.api.admin.dashboard import dashboard
from opencontact.api.admin.permissions import REAL_TIME_METRICS, holds
from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.feed_socket import FeedSocket, admit
from opencontact.domain.errors import DomainError
from opencontact.engine.bus import Changed, Event

router = APIRouter(tags=["Events"])


@router.websocket("/events", name="admin_events")
async def admin_events(websocket: WebSocket) -> None:
    context: AdminContext = websocket.app.state.admin_api
    caller = await admit(websocket, context.caller)
    if caller is not None:
        await _Feed(context, caller, websocket).run()


class _Feed(FeedSocket):
    def __init__(self, context: AdminContext, caller: Caller, websocket: WebSocket) -> None:
        super().__init__(websocket)
        self.context = context
        self.token = caller.session.token
        self.instance_id = caller.session.instance_id
        self.expires_at = caller.session.expires_at
        # What changed since the last message, and whether a message is already on its way.
        self.kinds: set[str] = set()
        self.flush_due = False

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        stops: list[Callable[[], None]] = []
        try:
            # Following and the snapshot happen in one step of the event loop, so no change can
            # fall between them.
            stops.append(
                self.context.bus.subscribe(self.instance_id, lambda e: self._changed(e, loop))
            )
            stops.append(self.expire_at(self.context.center.clock, self.expires_at))
            self.send_snapshot()
            await self.pump()
        finally:
            for stop in stops:
                stop()

    def _changed(self, event: Event, loop: asyncio.AbstractEventLoop) -> None:
        if not isinstance(event, Changed):
            return
        self.kinds.add(type(event.entity).__name__)
        if not self.flush_due:
            # The rest of the batch is published in this same turn of the loop: one message.
            self.flush_due = True
            loop.call_soon(self._flush)

    def _flush(self) -> None:
        self.flush_due = False
        kinds, self.kinds = sorted(self.kinds), set()
        if kinds:
            message = self._message("changed", kinds)
            if message is not None:
                self.put(message)

    def send_snapshot(self) -> None:
        message = self._message("snapshot")
        if message is not None:
            self.outgoing.put_nowait(message)

    def _message(self, kind: str, kinds: list[str] | None = None) -> dict[str, Any] | None:
        """The message, or None (and the socket closing) if the caller may no longer follow."""
        try:
            caller = self.context.caller(self.token)
            figures = self._dashboard() if holds(caller.permissions, REAL_TIME_METRICS) else None
        except (NotAuthenticated, DomainError) as over:  # incl. the instance being gone
            self.end(over)
            return None
        message: dict[str, Any] = {"type": kind}
        if kinds is not None:
            message["kinds"] = kinds
        message["dashboard"] = figures
        return message

    def _dashboard(self) -> dict[str, Any]:
        center = self.context.center
        state = center.state(self.instance_id)
        return dashboard(state, center.env(state.instance.region))
