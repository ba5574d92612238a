"""Transferring a chat through a quick connect (to an agent or a queue).

A chat transfer is blind, as in Amazon Connect: a new CHAT contact (TRANSFER, pointing back to
this one, same chat and same customer) runs the quick connect's transfer flow, which queues it
for the target; the transferring agent leaves at once and does after-contact work on their own
contact. The customer stays in the conversation throughout and the next agent reads the whole
chat. If the transfer flow cannot take the chat (it disconnects at once), the transfer failed
and the chat stays with the agent. There is no consulting, Join, Swap or Hold on a chat.
"""

from __future__ import annotations

from opencontact.domain.base import Channel
from opencontact.domain.chats import SYSTEM, ChatItemType
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    DisconnectReason,
    InitiationMethod,
)
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.users import User
from opencontact.engine import chat_items, contact_work, flow_runner
from opencontact.engine.environment import published_flow
from opencontact.engine.work import Work
from opencontact.flows.run import FlowPurpose


def transfer_chat(work: Work, contact: Contact, user_id: str, quick_connect_id: str) -> Contact:
    leg = contact.agent
    if leg is None or leg.user_id != user_id:
        raise InvalidRequest(f"Chat {contact.id} is not with this agent; cannot transfer it.")
    if leg.state is not AgentLegState.CONNECTED or contact.state is ContactState.ENDED:
        raise InvalidRequest(f"Chat {contact.id} is not connected; cannot transfer it.")
    quick_connect = work.state.directory.require(QuickConnect, quick_connect_id)
    kind = quick_connect.quick_connect_type
    target_user_id: str | None = None
    target_queue_id: str | None = None
    if kind is QuickConnectType.USER:
        target_user_id = work.state.directory.require(User, quick_connect.user_id or "").id
        purpose = FlowPurpose.AGENT_TRANSFER
    elif kind is QuickConnectType.QUEUE:
        target_queue_id = work.state.directory.require(Queue, quick_connect.queue_id or "").id
        purpose = FlowPurpose.QUEUE_TRANSFER
    else:
        raise InvalidRequest(
            f"Quick connect '{quick_connect.name}' calls a phone number; a chat can be "
            "transferred only to an agent or a queue."
        )
    found = published_flow(work.state, quick_connect.contact_flow_id or "")
    if found is None:
        raise InvalidRequest(
            f"The flow of quick connect '{quick_connect.name}' does not exist or is not "
            "published; the chat cannot be transferred with it."
        )
    flow, _document = found
    segment = contact_work.new_contact(
        work,
        channel=Channel.CHAT,
        initiation_method=InitiationMethod.TRANSFER,
        previous=contact,
        customer_display_name=contact.customer_display_name,
        customer_participant_id=contact.customer_participant_id,
        transfer_target_user_id=target_user_id,
        target_queue_id=target_queue_id,
        connected_to_system_at=work.now,
        chat_expires_at=contact.chat_expires_at,  # the chat's deadline, not the segment's
    )
    flow_runner.start_flow(work, segment, flow.id, purpose)
    contact = work.contact(contact.id)
    if work.contact(segment.id).state is ContactState.ENDED:
        chat_items.post(work, contact, ChatItemType.TRANSFER_FAILED, SYSTEM)
        return contact
    chat_items.post(work, contact, ChatItemType.TRANSFER_SUCCEEDED, SYSTEM)
    return contact_work.end_contact(work, contact, DisconnectReason.AGENT_DISCONNECT)
