"""The customer's live chat: `GET /participant/ws?token=<ConnectionToken>` (WebSocket), as the
URL CreateParticipantConnection answers.

    client: {"topic": "aws/subscribe", "content": {"topics": ["aws/chat"]}}
    server: {"topic": "aws/subscribe", "content": {"status": "success", "topics": ["aws/chat"]}}
    server: {"topic": "aws/chat", "contentType": "application/json", "content": "<Item JSON>"}
    client: {"topic": "aws/heartbeat"}  ->  server: {"topic": "aws/heartbeat"}

Every item posted to the chat after the socket opened is pushed, across transfers, once the
client has subscribed (items posted before the subscription wait for it). When the chat ends the
server sends the CHAT_ENDED item and closes (1000). The token may also come as the first message
`{"type": "auth", "token": ...}` (api/feed_socket.py). Close codes: 4401 no valid connection
token (missing, tampered with, expired — also while connected), 1000 the chat is over, 4400 a
message that is not JSON, 1013 too far behind. A client that reconnects catches up with
GetTranscript (items have Ids).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import WebSocket

from opencontact.api.agent.json import dumps
from opencontact.api.feed_socket import (
    UNAUTHORIZED,
    Close,
    FeedSocket,
    accept_token,
    close,
)
from opencontact.api.participant.chats import CHAT_OVER, ChatParticipants, customer_segment
from opencontact.api.participant.feeds import ChatFeeds
from opencontact.api.participant.tokens import ConnectionClaims, InvalidParticipantToken
from opencontact.domain.chats import ChatItemType
from opencontact.domain.errors import DomainError
from opencontact.engine.bus import ChatItemPosted
from opencontact.engine.views import chat_item_view

CHAT_TOPIC = "aws/chat"
SUBSCRIBE = "aws/subscribe"
HEARTBEAT = "aws/heartbeat"
NORMAL = 1000
NO_TOKEN = "Open the socket with the URL CreateParticipantConnection answered (?token=...)."


async def participant_socket(
    websocket: WebSocket, participants: ChatParticipants, feeds: ChatFeeds
) -> None:
    token = await accept_token(websocket)
    if not token:
        await close(websocket, Close(UNAUTHORIZED, NO_TOKEN))
        return
    try:
        claims = participants.tokens.read_connection_token(token, participants.center.clock.now())
    except InvalidParticipantToken as invalid:
        await close(websocket, Close(UNAUTHORIZED, invalid.message))
        return
    await _ChatSocket(websocket, participants, feeds, claims).run()


class _ChatSocket(FeedSocket):
    def __init__(
        self,
        websocket: WebSocket,
        participants: ChatParticipants,
        feeds: ChatFeeds,
        claims: ConnectionClaims,
    ) -> None:
        super().__init__(websocket)
        self.participants = participants
        self.feeds = feeds
        self.claims = claims
        self.subscribed = False
        self.waiting: list[dict[str, Any]] = []

    async def run(self) -> None:
        stops: list[Callable[[], None]] = []
        try:
            # Following and the check that the chat goes on happen in one step of the event
            # loop, so the chat cannot end unnoticed between them.
            stops.append(
                self.feeds.follow(self.claims.instance_id, self.claims.contact_id, self._posted)
            )
            if not self._ongoing():
                await close(self.websocket, Close(NORMAL, CHAT_OVER))
                return
            stops.append(self._expire())
            await self.pump()
        finally:
            for stop in stops:
                stop()

    def send_snapshot(self) -> None:
        """The participant protocol has no snapshot: a client catches up with GetTranscript."""

    def _posted(self, posted: ChatItemPosted) -> None:
        message = {
            "topic": CHAT_TOPIC,
            "contentType": "application/json",
            "content": dumps(chat_item_view(posted.item)),
        }
        if self.subscribed:
            self.put(message)
        else:
            self.waiting.append(message)
        if posted.item.type is ChatItemType.CHAT_ENDED and not self._ongoing():
            # The end is said even to a client that never subscribed.
            for waiting in self.waiting:
                self.put(waiting)
            self.waiting.clear()
            self.outgoing.put_nowait(Close(NORMAL, "The chat has ended."))

    def _ongoing(self) -> bool:
        try:
            state = self.participants.state(self.claims.participant)
        except DomainError:
            return False
        return customer_segment(state, self.claims.participant) is not None

    def _expire(self) -> Callable[[], None]:
        clock = self.participants.center.clock
        seconds = (self.claims.expires_at - clock.now()).total_seconds()
        expired = Close(UNAUTHORIZED, "The connection has expired; create a new one.")
        timer = clock.call_later(seconds, lambda: self.outgoing.put_nowait(expired))
        return timer.cancel

    def _answer(self, message: Any) -> None:
        topic = message.get("topic") if isinstance(message, dict) else None
        if topic == HEARTBEAT:
            self.outgoing.put_nowait({"topic": HEARTBEAT})
        elif topic == SUBSCRIBE:
            self._subscribe(message.get("content"))
        # Anything else (an "auth" message, topics of other clients) is ignored.

    def _subscribe(self, content: Any) -> None:
        topics = content.get("topics") if isinstance(content, dict) else None
        if not isinstance(topics, list) or CHAT_TOPIC not in topics:
            self.outgoing.put_nowait(
                {
                    "topic": SUBSCRIBE,
                    "content": {
                        "status": "failure",
                        "topics": topics if isinstance(topics, list) else [],
                        "message": f'Subscribe to ["{CHAT_TOPIC}"].',
                    },
                }
            )
            return
        self.outgoing.put_nowait(
            {"topic": SUBSCRIBE, "content": {"status": "success", "topics": [CHAT_TOPIC]}}
        )
        if not self.subscribed:
            self.subscribed = True
            for waiting in self.waiting:
                self.put(waiting)
            self.waiting.clear()
