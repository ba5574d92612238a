"""The agent's live feed: `GET /api/v1/agent/events` (WebSocket).

    server: {"type": "snapshot", "agent": <desk>, "at": <time>}  first, and on {"type": "snapshot"}
    server: {"type": "agent", "agent": <desk>, "at": <time>}     after each change for the agent
    server: {"type": "chat", "contactId": <id>, "item": <Item>}  each new item of the agent's chats
    client: {"type": "ping"}  ->  server: {"type": "pong"}        any time; an "id" is echoed

`<desk>` is the body of GET /api/v1/agent; `at` is the contact center's clock.

The token comes as `?token=...`, or (to keep it out of URLs and logs) as the first message
`{"type": "auth", "token": "..."}` within 10 seconds. Close codes (api/feed_socket.py):
4401 no valid token (or it expired, or the user is gone), 4403 no BasicAgentAccess, 4400 a
message that is not JSON, 1013 the client fell too far behind; reconnecting always starts with a
fresh snapshot.

Changes come from the event bus (through `feeds`), which publishes every batch once it is
durable. The desk is computed right away, in the bus's callback, so each message shows the state
that batch left; a change that leaves the agent's desk as it was sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, WebSocket

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext
from opencontact.api.agent.errors import NotAuthenticated
from opencontact.api.feed_socket import FeedSocket, admit
from opencontact.domain.errors import DomainError

router = APIRouter(tags=["Events"])


@router.websocket("/agent/events", name="agent_events")
async def agent_events(websocket: WebSocket) -> None:
    context: ApiContext = websocket.app.state.agent_api

    def ccp_session(token: str) -> AgentSession:
        session = context.auth.check(token)
        context.auth.check_ccp(session)
        return session

    session = await admit(websocket, ccp_session)
    if session is not None:
        await _Feed(context, session, websocket).run()


class _Feed(FeedSocket):
    def __init__(self, context: ApiContext, session: AgentSession, websocket: WebSocket) -> None:
        super().__init__(websocket)
        self.context = context
        self.session = session
        self.last: dict[str, Any] | None = None

    async def run(self) -> None:
        instance_id, user_id = self.session.instance_id, self.session.user_id
        clock = self.context.desk.center.clock
        stops: list[Callable[[], None]] = []
        try:
            # Following and the snapshot happen in one step of the event loop, so no change can
            # fall between them.
            stops.append(
                self.context.feeds.follow(instance_id, user_id, self._refresh, self._chat_item)
            )
            stops.append(self.expire_at(clock, self.session.expires_at))
            self.send_snapshot()
            await self.pump()
        finally:
            for stop in stops:
                stop()

    def _refresh(self) -> None:
        desk = self._desk()
        if desk is None or desk == self.last:
            return
        self.last = desk
        self.put(self._message("agent", desk))

    def _chat_item(self, contact_id: str, item: dict[str, Any]) -> None:
        self.put({"type": "chat", "contactId": contact_id, "item": item})

    def send_snapshot(self) -> None:
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
        except (NotAuthenticated, DomainError) as over:
            self.end(over)
        return None
