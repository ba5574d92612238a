"""Chats on the Connect API: StartChatContact.

The chat starts in the given contact flow with the customer (ParticipantDetails) joined and
their InitialMessage, if any, posted; the answer carries the customer's ParticipantId and the
ParticipantToken with which they connect through the Participant Service (/participant/*).
The chat ends by itself (EXPIRED) after ChatDurationInMinutes: 60 to 10,080, 1,500 if left out.
"""

from __future__ import annotations

from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.live import (
    checked_attributes,
    find_contact,
    idempotent,
    instance_state,
    require_contact,
    run_command,
)
from opencontact.api.connect.operations import operation
from opencontact.api.connect.operations.contacts import runnable_flow
from opencontact.api.participant.tokens import ParticipantTokens
from opencontact.domain.chats import (
    DEFAULT_CHAT_MINUTES,
    MESSAGE_CONTENT_TYPES,
    PLAIN_TEXT,
    check_chat_duration,
)
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.engine import commands

# What StartChatContact takes that OpenContact does not do (yet): refused, not ignored.
_UNSUPPORTED = (
    "PersistentChat",
    "SegmentAttributes",
    "ParticipantConfiguration",
    "ChatStreamingConfiguration",
)


@operation("StartChatContact")
async def start_chat_contact(call: ConnectCall) -> dict[str, Any]:
    tokens = _tokens(call)  # before anything starts
    for unsupported in _UNSUPPORTED:
        if call.get(unsupported):
            raise InvalidRequest(f"OpenContact does not support {unsupported} on chats yet.")
    _check_content_types(call.get("SupportedMessagingContentTypes"))
    duration = call.get("ChatDurationInMinutes")
    if duration is not None:
        check_chat_duration(duration)
    contact_id = await idempotent(call, lambda: _start_chat(call))
    contact = await find_contact(call, contact_id)
    participant_id = contact.customer_participant_id if contact else None
    if participant_id is None:  # cannot happen for a chat this operation started
        raise InvalidRequest(f"Contact {contact_id} is not a chat.")
    instance_id = instance_state(call).instance.id
    return {
        "ContactId": contact_id,
        "ParticipantId": participant_id,
        "ParticipantToken": tokens.participant_token(instance_id, contact_id, participant_id),
    }


def _tokens(call: ConnectCall) -> ParticipantTokens:
    if call.participant_tokens is None:
        # A wiring mistake, not the caller's: the Connect API answers InternalServiceException.
        raise RuntimeError(
            "StartChatContact needs the server's participant tokens; this Connect API was "
            "built without them (see opencontact/app.py)."
        )
    return call.participant_tokens


async def _start_chat(call: ConnectCall) -> str:
    directory = instance_state(call).directory
    flow = runnable_flow(directory, call.params["ContactFlowId"])
    display_name = call.params["ParticipantDetails"]["DisplayName"]
    message = call.get("InitialMessage") or {}
    content_type = message.get("ContentType", PLAIN_TEXT)
    if message and content_type not in MESSAGE_CONTENT_TYPES:
        raise InvalidParameter(
            f"InitialMessage ContentType '{content_type}' is not supported; OpenContact chats "
            "carry text/plain and text/markdown."
        )
    related_id = call.get("RelatedContactId")
    if related_id:
        await require_contact(call, related_id, "RelatedContactId")
    started = await run_command(
        call,
        commands.start_chat(
            flow_id=flow.id,
            display_name=display_name,
            attributes=checked_attributes(call.get("Attributes") or {}),
            initial_message=message.get("Content"),
            related_contact_id=related_id,
            initial_content_type=content_type,
            duration_minutes=call.get("ChatDurationInMinutes") or DEFAULT_CHAT_MINUTES,
        ),
    )
    return started.contact.id


def _check_content_types(types: list[str] | None) -> None:
    if not types:
        return
    if PLAIN_TEXT not in types:
        raise InvalidParameter("SupportedMessagingContentTypes must include text/plain.")
    others = [t for t in types if t not in MESSAGE_CONTENT_TYPES]
    if others:
        raise InvalidParameter(
            f"OpenContact chats carry text/plain and text/markdown only, not {', '.join(others)}."
        )
