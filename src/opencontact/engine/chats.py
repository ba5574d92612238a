"""Chats on the engine: a customer starts one (StartChatContact, the /chat widget), it runs its
contact flow and waits in a queue like any contact, an agent accepts it (no phone: it connects at
once), and the customer and the agent send messages and events until one of them ends it.

The customer always talks to the chat's current segment: after a transfer that is the newest
contact of the chat still in progress, so a customer's request names the chat by the contact
it started with. An agent talks only on their own contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from opencontact.domain.base import Channel
from opencontact.domain.chats import (
    DEFAULT_CHAT_MINUTES,
    PLAIN_TEXT,
    RECEIPTS,
    ChatItem,
    ChatItemType,
    ChatSender,
    ParticipantRole,
    check_chat_duration,
    check_display_name,
    check_event,
    check_message,
)
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    InitiationMethod,
)
from opencontact.domain.errors import InvalidParameter, InvalidRequest, ResourceNotFound
from opencontact.engine import chat_duration, chat_items, contact_work, flow_runner
from opencontact.engine.environment import published_flow
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work
from opencontact.flows.run import AwaitKind, FlowPurpose, MessageReceived


@dataclass(frozen=True)
class ChatStart:
    contact: Contact
    participant_id: str  # the customer's


def agent_chat_sender(state: InstanceState, user_id: str) -> ChatSender:
    """How an agent appears in chats (participant id and display name)."""
    return chat_items.agent_sender(state, user_id)


# -- starting ----------------------------------------------------------------------------------


def start_chat(
    work: Work,
    *,
    flow_id: str,
    display_name: str,
    attributes: Mapping[str, str],
    initial_message: str | None = None,
    related_contact_id: str | None = None,
    initial_content_type: str = PLAIN_TEXT,
    duration_minutes: int = DEFAULT_CHAT_MINUTES,
) -> ChatStart:
    """A new chat: the customer joins, their first message (if any) is posted, and the contact
    flow runs (its messages reach the customer as SYSTEM messages). It ends by itself
    `duration_minutes` from now if nobody ends it before."""
    name = check_display_name(display_name)
    check_chat_duration(duration_minutes)
    if initial_message:
        check_message(initial_message, initial_content_type)
    flow = work.state.directory.require(ContactFlow, flow_id)
    if flow.flow_type is not ContactFlowType.CONTACT_FLOW:
        raise InvalidParameter(
            f"Flow '{flow.name}' is a {flow.flow_type.value} flow; a chat starts with a contact "
            "flow (type CONTACT_FLOW)."
        )
    if published_flow(work.state, flow.id) is None:
        raise InvalidRequest(f"Flow '{flow.name}' is not published; publish it to start chats.")
    participant_id = work.new_id()
    chat = contact_work.new_contact(
        work,
        channel=Channel.CHAT,
        initiation_method=InitiationMethod.API,
        related_contact_id=related_contact_id,
        attributes=dict(attributes),
        customer_display_name=name,
        customer_participant_id=participant_id,
        connected_to_system_at=work.now,
        chat_expires_at=chat_duration.deadline(work.now, duration_minutes),
    )
    chat_duration.arm(work, chat)
    customer = chat_items.customer_sender(chat)
    chat_items.post(work, chat, ChatItemType.PARTICIPANT_JOINED, customer)
    if initial_message:
        chat_items.post(
            work,
            chat,
            ChatItemType.MESSAGE,
            customer,
            content=initial_message,
            content_type=initial_content_type,
        )
    flow_runner.start_flow(work, chat, flow.id, FlowPurpose.INBOUND)
    return ChatStart(work.contact(chat.id), participant_id)


# -- what participants send --------------------------------------------------------------------


def post_message(
    work: Work, contact_id: str, sender: ChatSender, content: str, content_type: str
) -> ChatItem:
    check_message(content, content_type)
    contact = _speaking_on(work, contact_id, sender, "send a message")
    item = chat_items.post(
        work, contact, ChatItemType.MESSAGE, sender, content=content, content_type=content_type
    )
    if sender.role is ParticipantRole.CUSTOMER:
        _customer_wrote(work, contact, content)
    return item


def post_event(
    work: Work,
    contact_id: str,
    sender: ChatSender,
    item_type: ChatItemType,
    message_id: str | None,
) -> ChatItem:
    check_event(item_type, message_id)
    receipt = item_type in RECEIPTS
    contact = _speaking_on(work, contact_id, sender, "send events", receipt=receipt)
    content = chat_items.receipt_content(message_id) if receipt and message_id else None
    return chat_items.post(work, contact, item_type, sender, content=content, message_id=message_id)


def customer_left(work: Work, contact_id: str) -> Contact:
    """The customer leaves (DisconnectParticipant): the chat ends and the agent, if one was
    connected, does after-contact work."""
    contact = current_segment(work, contact_id)
    if contact.state is ContactState.ENDED:
        raise InvalidRequest("The chat has already ended.")
    chat_items.post(
        work, contact, ChatItemType.PARTICIPANT_LEFT, chat_items.customer_sender(contact)
    )
    return contact_work.customer_gone(work, contact)


def current_segment(work: Work, contact_id: str) -> Contact:
    """The contact of the chat the customer is on now: `contact_id` itself while it is in
    progress, else the newest segment of the same chat still in progress (after a transfer),
    else `contact_id` as it ended (while its agent still does after-contact work)."""
    known = work.find_contact(contact_id)
    if known is not None and known.channel is not Channel.CHAT:
        raise InvalidRequest(f"Contact {contact_id} is not a chat.")
    if known is not None and known.state is not ContactState.ENDED:
        return known
    initial = known.initial_contact_id if known is not None else contact_id
    segments = [
        c
        for c in work.contacts()
        if c.channel is Channel.CHAT
        and c.initial_contact_id == initial
        and c.state is not ContactState.ENDED
    ]
    if segments:
        return max(segments, key=lambda c: c.initiated_at)
    if known is not None:
        return known
    raise ResourceNotFound(f"There is no chat {contact_id} in progress.")


def _speaking_on(
    work: Work, contact_id: str, sender: ChatSender, action: str, *, receipt: bool = False
) -> Contact:
    """The contact the sender may post on now, or an InvalidRequest that says why not."""
    if sender.role is ParticipantRole.CUSTOMER:
        contact = current_segment(work, contact_id)
        if sender.participant_id != contact.customer_participant_id:
            raise InvalidRequest(f"This participant is not the customer of chat {contact_id}.")
        if contact.state is ContactState.ENDED:
            raise InvalidRequest(f"The chat has ended; cannot {action}.")
        return contact
    contact = work.contact(contact_id)
    if contact.channel is not Channel.CHAT:
        raise InvalidRequest(f"Contact {contact_id} is not a chat; cannot {action}.")
    if sender.role is ParticipantRole.SYSTEM:
        if contact.state is ContactState.ENDED:
            raise InvalidRequest(f"The chat has ended; cannot {action}.")
        return contact
    leg = contact.agent
    if leg is None or leg.user_id != sender.participant_id:
        raise InvalidRequest(f"Chat {contact_id} is not with this agent; cannot {action}.")
    # An agent doing after-contact work may still mark the last messages read.
    allowed: tuple[AgentLegState, ...] = (AgentLegState.CONNECTED, AgentLegState.ON_HOLD)
    if receipt:
        allowed = (*allowed, AgentLegState.AFTER_CONTACT_WORK)
    if leg.state not in allowed or (contact.state is ContactState.ENDED and not receipt):
        shown = "ended" if contact.state is ContactState.ENDED else leg.state.value.lower()
        raise InvalidRequest(f"Chat {contact_id} is {shown}; cannot {action}.")
    return contact


def _customer_wrote(work: Work, contact: Contact, text: str) -> None:
    """A flow waiting for the customer's reply (GetParticipantInput) or for them to come back
    (Wait with CustomerReturned) hears about the message."""
    run = contact.flow
    if run is None or run.awaiting is None:
        return
    if run.awaiting.kind in (AwaitKind.INPUT, AwaitKind.TIMER):
        flow_runner.resume_flow(work, contact, MessageReceived(text))
