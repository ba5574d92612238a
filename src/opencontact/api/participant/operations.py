"""The operations of the Amazon Connect Participant Service a chat customer uses: each takes
the validated parameters (model names) and answers the output shape's members.

    CreateParticipantConnection  ParticipantToken -> a ConnectionToken and the WebSocket URL
    SendMessage, SendEvent       a message; typing, delivered and read receipts
    GetTranscript                the whole chat (every segment), paged
    DisconnectParticipant        the customer leaves; the chat ends

Everything but CreateParticipantConnection takes the ConnectionToken. A token whose chat is
over is refused with AccessDeniedException (chats.py). SendMessage and SendEvent are rate
limited per participant (ThrottlingException; rate_limits.py).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from opencontact.api.participant.chats import (
    ChatParticipants,
    CustomerChat,
    on_customer_segment,
)
from opencontact.api.participant.rate_limits import ChatThrottle, Throttled
from opencontact.api.participant.service import THROTTLING, VALIDATION, ParticipantError
from opencontact.api.participant.tokens import CONNECTION_LIFETIME
from opencontact.api.participant.transcript import page
from opencontact.domain.chats import EVENT_CONTENT_TYPES, PARTICIPANT_EVENTS, ChatItem
from opencontact.domain.contacts import Contact
from opencontact.engine import commands
from opencontact.engine.chat_items import customer_sender
from opencontact.engine.views import chat_item_view, chat_time

# How many SendMessage/SendEvent answers are remembered for their ClientToken (retries).
_REMEMBERED = 10_000
_EVENT_TYPES = {EVENT_CONTENT_TYPES[kind]: kind for kind in PARTICIPANT_EVENTS}


@dataclass(frozen=True)
class Request:
    params: dict[str, Any]
    # Where the customer reached the server: "http://host:port" (for the WebSocket URL).
    base_url: str


Handler = Callable[[Request], Awaitable[dict[str, Any]]]


class ParticipantOperations:
    def __init__(self, participants: ChatParticipants, throttle: ChatThrottle) -> None:
        self.participants = participants
        self.throttle = throttle
        self._sent: OrderedDict[tuple[str, str, str], dict[str, Any]] = OrderedDict()

    def handlers(self) -> dict[str, Handler]:
        return {
            "CreateParticipantConnection": self.create_participant_connection,
            "SendMessage": self.send_message,
            "SendEvent": self.send_event,
            "GetTranscript": self.get_transcript,
            "DisconnectParticipant": self.disconnect_participant,
        }

    async def create_participant_connection(self, request: Request) -> dict[str, Any]:
        chat = self.participants.by_participant_token(request.params.get("ParticipantToken"))
        types = request.params.get("Type") or []
        if "WEBRTC_CONNECTION" in types:
            raise ParticipantError(
                VALIDATION, "OpenContact chats have no WebRTC connection; ask for WEBSOCKET."
            )
        expires = self.participants.center.clock.now() + CONNECTION_LIFETIME
        token = self.participants.tokens.connection_token(chat.claims, expires)
        expiry = chat_time(expires)
        answer: dict[str, Any] = {}
        if "WEBSOCKET" in types:
            scheme, _, host = request.base_url.partition("://")
            ws = "wss" if scheme == "https" else "ws"
            answer["Websocket"] = {
                "Url": f"{ws}://{host}/participant/ws?token={token}",
                "ConnectionExpiry": expiry,
            }
        if "CONNECTION_CREDENTIALS" in types:
            answer["ConnectionCredentials"] = {"ConnectionToken": token, "Expiry": expiry}
        return answer

    async def send_message(self, request: Request) -> dict[str, Any]:
        _, chat = self.participants.by_connection_token(request.params.get("ConnectionToken"))
        content, content_type = request.params["Content"], request.params["ContentType"]

        def post(segment: Contact) -> commands.Command[ChatItem]:
            return commands.post_chat_message(
                segment.id, customer_sender(segment), content, content_type
            )

        return await self._once("SendMessage", chat, request, post)

    async def send_event(self, request: Request) -> dict[str, Any]:
        _, chat = self.participants.by_connection_token(request.params.get("ConnectionToken"))
        content_type = request.params["ContentType"]
        kind = _EVENT_TYPES.get(content_type)
        if kind is None:
            allowed = ", ".join(_EVENT_TYPES)
            raise ParticipantError(
                VALIDATION, f"ContentType must be one of {allowed}; not '{content_type}'."
            )
        message_id = _message_id(request.params.get("Content"))

        def post(segment: Contact) -> commands.Command[ChatItem]:
            return commands.post_chat_event(segment.id, customer_sender(segment), kind, message_id)

        return await self._once("SendEvent", chat, request, post)

    async def get_transcript(self, request: Request) -> dict[str, Any]:
        _, chat = self.participants.by_connection_token(request.params.get("ConnectionToken"))
        asked = request.params.get("ContactId")
        if asked is not None and asked != chat.chat_id:
            record = await self.participants.center.contact(chat.instance_id, asked)
            if record is None or record.initial_contact_id != chat.chat_id:
                raise ParticipantError(VALIDATION, f"Contact '{asked}' is not part of this chat.")
        items = await self.participants.center.store.chat_transcript(chat.instance_id, chat.chat_id)
        found = page(items, request.params, chat.chat_id)
        answer: dict[str, Any] = {
            "InitialContactId": chat.chat_id,
            "Transcript": [chat_item_view(item) for item in found.items],
        }
        if found.next_token is not None:
            answer["NextToken"] = found.next_token
        return answer

    async def disconnect_participant(self, request: Request) -> dict[str, Any]:
        _, chat = self.participants.by_connection_token(request.params.get("ConnectionToken"))
        await self.participants.run(
            chat.claims,
            on_customer_segment(
                chat.claims, lambda segment: commands.customer_left_chat(segment.id)
            ),
        )
        return {}

    async def _once(
        self,
        operation: str,
        chat: CustomerChat,
        request: Request,
        post: Callable[[Contact], commands.Command[ChatItem]],
    ) -> dict[str, Any]:
        """Post an item, or — for a retry with the same ClientToken — answer as the first time.
        Either counts against the participant's rate limit for the operation."""
        try:
            self.throttle.participant_send(operation, chat.chat_id, chat.claims.participant_id)
        except Throttled as refused:
            raise ParticipantError(THROTTLING, refused.message, refused.retry_after) from None
        client_token = request.params.get("ClientToken")
        key = (chat.chat_id, chat.claims.participant_id, client_token) if client_token else None
        if key is not None and key in self._sent:
            return self._sent[key]
        item = await self.participants.run(chat.claims, on_customer_segment(chat.claims, post))
        answer = {"Id": item.id, "AbsoluteTime": chat_item_view(item)["AbsoluteTime"]}
        if key is not None:
            self._sent[key] = answer
            if len(self._sent) > _REMEMBERED:
                self._sent.popitem(last=False)
        return answer


def _message_id(content: str | None) -> str | None:
    """The messageId a receipt's Content names (`{"messageId": "..."}`), if any."""
    if not content:
        return None
    try:
        parsed = json.loads(content)
    except ValueError:
        raise ParticipantError(
            VALIDATION, 'Content must be JSON, such as {"messageId": "<the message\'s Id>"}.'
        ) from None
    message_id = parsed.get("messageId") if isinstance(parsed, dict) else None
    if message_id is not None and not isinstance(message_id, str):
        raise ParticipantError(VALIDATION, "messageId must be a string.")
    return message_id
