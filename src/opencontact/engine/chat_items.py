"""Posting items to chats: a new item is recorded in the command's batch (so it is durable with
the contact change that produced it; typing indicators are not kept) and published on the event
bus once the batch is durable.

The steps every part of the engine uses when a chat changes (a flow's message, an agent joining
or leaving, the chat ending) live here, below the chat commands (engine/chats.py), so that
flow_runner and contact_work can post items without importing the commands.
"""

from __future__ import annotations

import json

from opencontact.domain.base import Channel
from opencontact.domain.chats import (
    SYSTEM,
    ChatItem,
    ChatItemRecord,
    ChatItemType,
    ChatSender,
    ParticipantRole,
    event_content_type,
)
from opencontact.domain.contacts import AgentLegState, Contact, ContactState
from opencontact.domain.users import User
from opencontact.engine import effects as fx
from opencontact.engine.bus import ChatItemPosted
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work


def post(
    work: Work,
    contact: Contact,
    item_type: ChatItemType,
    sender: ChatSender,
    *,
    content: str | None = None,
    content_type: str | None = None,
    message_id: str | None = None,
) -> ChatItem:
    item = ChatItem(
        id=work.new_id(),
        contact_id=contact.id,
        initial_contact_id=contact.initial_contact_id,
        type=item_type,
        content_type=content_type or event_content_type(item_type),
        content=content,
        participant_id=sender.participant_id,
        participant_role=sender.role,
        display_name=sender.display_name,
        at=work.now,
        message_id=message_id,
    )
    if item.kept:
        work.record(ChatItemRecord(id=item.id, arn="", item=item))
    posted = ChatItemPosted(work.state.instance.id, contact.id, contact.initial_contact_id, item)
    work.effect(fx.Publish(posted))
    return item


def receipt_content(message_id: str) -> str:
    """The content of a delivered/read receipt, as the Participant Service writes it."""
    return json.dumps({"messageId": message_id})


def customer_sender(contact: Contact) -> ChatSender:
    return ChatSender(
        ParticipantRole.CUSTOMER, contact.customer_participant_id, contact.customer_display_name
    )


def agent_sender(state: InstanceState, user_id: str) -> ChatSender:
    """An agent in a chat: their user id is their participant id; they show their first name
    (as the CCP does), else their username."""
    user = state.directory.get(User, user_id)
    name = None
    if user is not None:
        name = user.identity_info.first_name or user.username
    return ChatSender(ParticipantRole.AGENT, user_id, name or user_id)


def system_message(work: Work, contact: Contact, text: str) -> ChatItem | None:
    """A flow's message to the customer (MessageParticipant and the like)."""
    if not text.strip():
        return None
    return post(
        work, contact, ChatItemType.MESSAGE, SYSTEM, content=text, content_type="text/plain"
    )


def agent_joined(work: Work, contact: Contact) -> None:
    if contact.channel is Channel.CHAT and contact.agent is not None:
        sender = agent_sender(work.state, contact.agent.user_id)
        post(work, contact, ChatItemType.PARTICIPANT_JOINED, sender)


def agent_left(work: Work, contact: Contact) -> None:
    """The agent connected to the chat leaves it (ends it, or leaves after a transfer)."""
    leg = contact.agent
    if contact.channel is not Channel.CHAT or leg is None:
        return
    if leg.state in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD):
        post(work, contact, ChatItemType.PARTICIPANT_LEFT, agent_sender(work.state, leg.user_id))


def deadline_timer(initial_contact_id: str) -> str:
    """The clock timer that ends the chat when its duration is over (engine.chat_duration)."""
    return f"{initial_contact_id}:chat-duration"


def chat_goes_on_elsewhere(work: Work, contact: Contact) -> bool:
    """Another segment of the same chat is still in progress (the chat was transferred)."""
    return any(
        other.id != contact.id
        and other.channel is Channel.CHAT
        and other.initial_contact_id == contact.initial_contact_id
        and other.state is not ContactState.ENDED
        for other in work.contacts()
    )


def chat_ending(work: Work, contact: Contact, *, agent_leaves: bool) -> None:
    """The contact is about to end: the agent on it leaves (unless the customer left first:
    then the agent stays to do after-contact work), and unless the chat goes on in another
    segment, the chat ends."""
    if contact.channel is not Channel.CHAT:
        return
    if agent_leaves:
        agent_left(work, contact)
    if not chat_goes_on_elsewhere(work, contact):
        post(work, contact, ChatItemType.CHAT_ENDED, SYSTEM)
        work.effect(fx.CancelTimer(deadline_timer(contact.initial_contact_id)))
