"""Chats: the items of a chat conversation (messages, events) and the rules for what may be sent.

A chat is a contact on the CHAT channel. What its participants (the customer, the agents, the
contact center's flows as SYSTEM) send and what happens to them (joining, leaving, the chat
ending, a transfer) are *items*, in the Amazon Connect Participant Service's sense. A chat that
is transferred goes on in a new contact (segment); its items are kept together under the chat's
first contact (`initial_contact_id`), so whoever joins later reads the whole conversation.

Pure: the rules raise InvalidParameter (a malformed message) or InvalidRequest (not allowed now).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from opencontact.domain.base import Entity
from opencontact.domain.errors import InvalidParameter


class ChatItemType(enum.StrEnum):
    MESSAGE = "MESSAGE"
    EVENT = "EVENT"
    PARTICIPANT_JOINED = "PARTICIPANT_JOINED"
    PARTICIPANT_LEFT = "PARTICIPANT_LEFT"
    CHAT_ENDED = "CHAT_ENDED"
    TYPING = "TYPING"
    MESSAGE_DELIVERED = "MESSAGE_DELIVERED"
    MESSAGE_READ = "MESSAGE_READ"
    TRANSFER_SUCCEEDED = "TRANSFER_SUCCEEDED"
    TRANSFER_FAILED = "TRANSFER_FAILED"


class ParticipantRole(enum.StrEnum):
    CUSTOMER = "CUSTOMER"
    AGENT = "AGENT"
    SYSTEM = "SYSTEM"


# What flows' messages are signed with (as Amazon Connect shows them).
SYSTEM_DISPLAY_NAME = "SYSTEM_MESSAGE"

PLAIN_TEXT = "text/plain"
MARKDOWN = "text/markdown"
MESSAGE_CONTENT_TYPES = (PLAIN_TEXT, MARKDOWN)

# The content type of each kind of event item (the Participant Service's names).
_EVENT = "application/vnd.amazonaws.connect.event."
EVENT_CONTENT_TYPES: dict[ChatItemType, str] = {
    ChatItemType.TYPING: _EVENT + "typing",
    ChatItemType.MESSAGE_DELIVERED: _EVENT + "message.delivered",
    ChatItemType.MESSAGE_READ: _EVENT + "message.read",
    ChatItemType.PARTICIPANT_JOINED: _EVENT + "participant.joined",
    ChatItemType.PARTICIPANT_LEFT: _EVENT + "participant.left",
    ChatItemType.CHAT_ENDED: _EVENT + "chat.ended",
    ChatItemType.TRANSFER_SUCCEEDED: _EVENT + "transfer.succeeded",
    ChatItemType.TRANSFER_FAILED: _EVENT + "transfer.failed",
}

# What a participant may send with SendEvent.
PARTICIPANT_EVENTS = (
    ChatItemType.TYPING,
    ChatItemType.MESSAGE_DELIVERED,
    ChatItemType.MESSAGE_READ,
)
RECEIPTS = (ChatItemType.MESSAGE_DELIVERED, ChatItemType.MESSAGE_READ)

# The Participant Service's limits (SendMessage: 1 to 16,384 of content; DisplayName 1 to 256).
MAX_CONTENT = 16_384
MAX_DISPLAY_NAME = 256

# How long a chat may last (StartChatContact's ChatDurationInMinutes): 25 hours unless the
# request says otherwise, from 1 hour to 7 days.
DEFAULT_CHAT_MINUTES = 1_500
MIN_CHAT_MINUTES = 60
MAX_CHAT_MINUTES = 10_080


@dataclass(frozen=True)
class ChatSender:
    """Who sends an item: the customer, an agent (their user id is their participant id in
    the chat), or the contact center itself (flows)."""

    role: ParticipantRole
    participant_id: str | None
    display_name: str | None


SYSTEM = ChatSender(ParticipantRole.SYSTEM, None, SYSTEM_DISPLAY_NAME)


@dataclass(frozen=True)
class ChatItem:
    """One message or event of a chat. `message_id`: for delivered/read receipts, the message
    they acknowledge."""

    id: str
    contact_id: str
    initial_contact_id: str
    type: ChatItemType
    content_type: str
    content: str | None
    participant_id: str | None
    participant_role: ParticipantRole
    display_name: str | None
    at: datetime
    message_id: str | None = None

    @property
    def kept(self) -> bool:
        """Whether the item belongs in the transcript (typing indicators do not)."""
        return self.type is not ChatItemType.TYPING


@dataclass(frozen=True, kw_only=True)
class ChatItemRecord(Entity):
    """A chat item as the store keeps it, in the same transaction as the contact change that
    produced it (the live state does not hold transcripts)."""

    kind: ClassVar[str] = "chat-item"

    item: ChatItem


def check_message(content: str, content_type: str) -> None:
    """A message as SendMessage takes it: plain text or markdown, 1 to 16,384 characters."""
    if content_type not in MESSAGE_CONTENT_TYPES:
        raise InvalidParameter(
            f"A chat message must be text/plain or text/markdown, not '{content_type}'."
        )
    if not content or not content.strip():
        raise InvalidParameter("A chat message cannot be empty.")
    if len(content) > MAX_CONTENT or len(content.encode("utf-8")) > MAX_CONTENT:
        raise InvalidParameter(
            f"A chat message can be at most {MAX_CONTENT:,} bytes long; this one has "
            f"{len(content.encode('utf-8')):,}."
        )


def check_display_name(display_name: str) -> str:
    """The name a customer shows in the chat: 1 to 256 characters, not only spaces."""
    name = display_name.strip()
    if not name:
        raise InvalidParameter("Give the customer a display name for the chat.")
    if len(display_name) > MAX_DISPLAY_NAME:
        raise InvalidParameter(
            f"A display name can be at most {MAX_DISPLAY_NAME} characters long; "
            f"this one has {len(display_name)}."
        )
    return name


def check_chat_duration(minutes: int) -> int:
    """A chat's duration in minutes: 60 (an hour) to 10,080 (7 days)."""
    if isinstance(minutes, bool) or not MIN_CHAT_MINUTES <= minutes <= MAX_CHAT_MINUTES:
        raise InvalidParameter(
            f"ChatDurationInMinutes must be from {MIN_CHAT_MINUTES} (an hour) to "
            f"{MAX_CHAT_MINUTES:,} (7 days); not {minutes}."
        )
    return minutes


def check_event(item_type: ChatItemType, message_id: str | None) -> None:
    """An event a participant sends: typing, or a receipt for one message."""
    if item_type not in PARTICIPANT_EVENTS:
        allowed = ", ".join(t.value for t in PARTICIPANT_EVENTS)
        raise InvalidParameter(
            f"A participant can send only these chat events: {allowed}; not {item_type.value}."
        )
    if item_type in RECEIPTS and not message_id:
        raise InvalidParameter(
            f"A {item_type.value.lower().replace('_', ' ')} receipt must name the message it is "
            "for (messageId)."
        )


def event_content_type(item_type: ChatItemType) -> str:
    return EVENT_CONTENT_TYPES.get(item_type, _EVENT + item_type.value.lower())
