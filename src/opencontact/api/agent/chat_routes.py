"""What an agent does in one of their chats: send a message, say they are typing or have read a
message, and read the whole conversation (every segment of the chat, so an agent who got it by
transfer reads what came before).

As for every contact action, a contact that is not the agent's is not found (404); one that is
not a chat, or a chat the agent can no longer write to, is 409. Ending and transferring a chat are
the usual contact actions (`/end`, `/transfer`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter
from starlette.responses import Response

from opencontact.api.agent.context import CcpSession, Context
from opencontact.api.agent.desk import on_own_contact, own_contact
from opencontact.api.agent.json import Json
from opencontact.api.agent.schemas import (
    ChatEventRequest,
    ChatItemView,
    ChatMessageRequest,
    ChatTranscript,
    error_responses,
)
from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.chats import ChatItemType, ChatSender
from opencontact.domain.errors import InvalidRequest
from opencontact.engine import commands
from opencontact.engine.chats import agent_chat_sender
from opencontact.engine.commands import Command
from opencontact.engine.state import InstanceState
from opencontact.engine.views import chat_item_view

T = TypeVar("T")

router = APIRouter(prefix="/agent/contacts", tags=["Chats"])

_EVENTS = {"typing": ChatItemType.TYPING, "read": ChatItemType.MESSAGE_READ}


def _as_agent(user_id: str, command: Callable[[ChatSender], Command[T]]) -> Command[T]:
    """`command` sent by the agent, as they appear in chats."""

    def sent(state: InstanceState, env: Env) -> Outcome[T]:
        return command(agent_chat_sender(state, user_id))(state, env)

    return sent


@router.post(
    "/{contact_id}/messages",
    status_code=201,
    response_model=ChatItemView,
    summary="Send a chat message",
    description="A message to the customer (and anyone else in the chat); the answer is the "
    "transcript item it became.",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def send_chat_message(
    contact_id: str, body: ChatMessageRequest, session: CcpSession, context: Context
) -> Response:
    user_id = session.user_id
    command = _as_agent(
        user_id,
        lambda sender: commands.post_chat_message(
            contact_id, sender, body.content, body.content_type
        ),
    )
    item = await context.desk.run(session, on_own_contact(user_id, contact_id, command))
    return Json(chat_item_view(item), status_code=201)


@router.post(
    "/{contact_id}/chat-events",
    status_code=204,
    response_class=Response,
    summary="Send a chat event",
    description="typing: the customer sees that the agent is typing (not kept in the "
    "transcript). read: the agent has read message messageId (a read receipt).",
    responses=error_responses(400, 401, 403, 404, 409),
)
async def send_chat_event(
    contact_id: str, body: ChatEventRequest, session: CcpSession, context: Context
) -> Response:
    user_id = session.user_id
    kind = _EVENTS[body.type]
    command = _as_agent(
        user_id,
        lambda sender: commands.post_chat_event(contact_id, sender, kind, body.message_id),
    )
    await context.desk.run(session, on_own_contact(user_id, contact_id, command))
    return Response(status_code=204)


@router.get(
    "/{contact_id}/transcript",
    response_model=ChatTranscript,
    summary="Chat transcript",
    description="Every message and event of the chat kept so far, oldest first, from the "
    "chat's first contact on (typing indicators are not kept).",
    responses=error_responses(401, 403, 404, 409),
)
async def chat_transcript(contact_id: str, session: CcpSession, context: Context) -> Response:
    state = context.desk.state(session)
    contact = own_contact(state, session.user_id, contact_id)
    if contact.channel is not Channel.CHAT:
        raise InvalidRequest(
            f"Contact {contact_id} is a {contact.channel.value} contact, not a chat."
        )
    store = context.desk.center.store
    items = await store.chat_transcript(session.instance_id, contact.initial_contact_id)
    return Json({"items": [chat_item_view(item) for item in items]})
