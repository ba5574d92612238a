"""The engine's commands, as the edges (agent API, Connect API) use them. Each returns a
`LiveCommand` to run on the instance's writer; each checks that the move is legal now."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypeVar

from opencontact.domain.agents import Agent, SystemState
from opencontact.domain.base import Env, Outcome
from opencontact.domain.chats import DEFAULT_CHAT_MINUTES, ChatItem, ChatItemType, ChatSender
from opencontact.domain.contacts import Contact, ContactState, DisconnectReason
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.references import Reference
from opencontact.engine import agent_work, chats, contact_work, outbound, tasks, transfers
from opencontact.engine.chats import ChatStart
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

T = TypeVar("T")

Command = Callable[[InstanceState, Env], Outcome[T]]


def _on_contact(step: Callable[[Work, Contact], T], contact_id: str) -> Command[T]:
    def command(state: InstanceState, env: Env) -> Outcome[T]:
        work = Work(state, env)
        return work.outcome(step(work, work.contact(contact_id)))

    return command


def _with_work(step: Callable[[Work], T]) -> Command[T]:
    def command(state: InstanceState, env: Env) -> Outcome[T]:
        work = Work(state, env)
        return work.outcome(step(work))

    return command


# -- an agent's own actions (the CCP) -----------------------------------------------------------


def set_status(user_id: str, status: str) -> Command[Agent]:
    return _with_work(lambda work: agent_work.set_status(work, user_id, status))


def accept(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: agent_work.accept(work, c, user_id), contact_id)


def reject(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(
        lambda work, c: agent_work.decline(work, c, user_id, SystemState.REJECTED), contact_id
    )


def hold(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: agent_work.hold(work, c, user_id), contact_id)


def resume(user_id: str, contact_id: str) -> Command[Contact]:
    """Take the customer off hold, or resume a paused task."""

    def step(work: Work, contact: Contact) -> Contact:
        if contact.state is ContactState.PAUSED:
            return tasks.resume(work, contact, user_id)
        return agent_work.resume(work, contact, user_id)

    return _on_contact(step, contact_id)


def pause(user_id: str, contact_id: str) -> Command[Contact]:
    """Pause a task the agent works: it stays theirs but frees their slot."""
    return _on_contact(lambda work, c: tasks.pause(work, c, user_id), contact_id)


def end(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: agent_work.end_by_agent(work, c, user_id), contact_id)


def close(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: agent_work.close(work, c, user_id), contact_id)


def dial(user_id: str, number: str) -> Command[Contact]:
    return _with_work(lambda work: outbound.agent_dial(work, user_id, number))


def transfer(
    user_id: str, contact_id: str, *, quick_connect_id: str | None, phone_number: str | None
) -> Command[Contact]:
    def step(work: Work, contact: Contact) -> Contact:
        if quick_connect_id:
            return transfers.transfer_to_quick_connect(work, contact, user_id, quick_connect_id)
        if phone_number:
            return transfers.transfer_to_number(work, contact, user_id, phone_number)
        raise InvalidRequest("Choose a quick connect or type a number to transfer to.")

    return _on_contact(step, contact_id)


def join(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: transfers.join(work, c, user_id), contact_id)


def hold_all(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: transfers.hold_all(work, c, user_id), contact_id)


def swap(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: transfers.swap(work, c, user_id), contact_id)


def leave(user_id: str, contact_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: transfers.leave(work, c, user_id), contact_id)


def end_party(user_id: str, contact_id: str, party_id: str) -> Command[Contact]:
    return _on_contact(lambda work, c: transfers.end_party(work, c, user_id, party_id), contact_id)


def create_task(
    user_id: str,
    contact_id: str,
    *,
    name: str,
    description: str | None,
    quick_connect_id: str,
    references: Mapping[str, Reference] | None = None,
) -> Command[Contact]:
    """Create task (from the CCP, typically during after-contact work on `contact_id`)."""

    def step(work: Work, contact: Contact) -> Contact:
        if contact.agent_id != user_id:
            raise InvalidRequest(f"Contact {contact.id} is not with this agent.")
        given = references or {}
        return tasks.start_task(
            work,
            name=name,
            description=description,
            quick_connect_id=quick_connect_id,
            previous_contact_id=contact.id,
            references={key: r.value for key, r in given.items()},
            reference_types={key: r.type for key, r in given.items()},
        )

    return _on_contact(step, contact_id)


def update_attributes(contact_id: str, attributes: Mapping[str, str]) -> Command[Contact]:
    return _on_contact(
        lambda work, c: work.put(c.with_attributes(attributes, work.now)), contact_id
    )


def dismiss(user_id: str) -> Command[Agent]:
    return _with_work(lambda work: agent_work.dismiss(work, user_id))


# -- the Connect API on live contacts -------------------------------------------------------------


def stop_contact(contact_id: str) -> Command[Contact]:
    return _on_contact(
        lambda work, c: contact_work.end_contact(work, c, DisconnectReason.API), contact_id
    )


def start_outbound_voice(
    *,
    number: str,
    flow_id: str,
    queue_id: str | None,
    source_number: str | None,
    attributes: Mapping[str, str],
    name: str | None = None,
    description: str | None = None,
) -> Command[Contact]:
    return _with_work(
        lambda work: outbound.api_dial(
            work,
            number=number,
            flow_id=flow_id,
            queue_id=queue_id,
            source_number=source_number,
            attributes=attributes,
            name=name,
            description=description,
        )
    )


def start_task(
    *,
    name: str,
    description: str | None,
    quick_connect_id: str | None,
    flow_id: str | None,
    previous_contact_id: str | None,
    references: Mapping[str, str],
    attributes: Mapping[str, str],
    scheduled_at: datetime | None = None,
) -> Command[Contact]:
    """A task, routed now or (`scheduled_at`) when its time comes."""
    return _with_work(
        lambda work: tasks.start_task(
            work,
            name=name,
            description=description,
            quick_connect_id=quick_connect_id,
            flow_id=flow_id,
            previous_contact_id=previous_contact_id,
            references=references,
            attributes=attributes,
            scheduled_at=scheduled_at,
        )
    )


def pause_task(contact_id: str) -> Command[Contact]:
    """PauseContact: a task in a queue leaves it; one with an agent frees the agent's slot."""
    return _on_contact(lambda work, c: tasks.pause(work, c), contact_id)


def resume_task(contact_id: str) -> Command[Contact]:
    """ResumeContact: back with its agent, or back in its queue."""
    return _on_contact(lambda work, c: tasks.resume(work, c), contact_id)


def transfer_task(contact_id: str, route: tasks.Route) -> Command[Contact]:
    """TransferContact: a new task segment goes `route`'s way; returns it."""
    return _on_contact(lambda work, c: tasks.transfer(work, c, route), contact_id)


# -- chats -----------------------------------------------------------------------------------------


def start_chat(
    *,
    flow_id: str,
    display_name: str,
    attributes: Mapping[str, str],
    initial_message: str | None = None,
    related_contact_id: str | None = None,
    initial_content_type: str = "text/plain",
    duration_minutes: int = DEFAULT_CHAT_MINUTES,
) -> Command[ChatStart]:
    """StartChatContact / the chat widget: a new chat running `flow_id`, ending by itself
    after `duration_minutes`."""
    return _with_work(
        lambda work: chats.start_chat(
            work,
            flow_id=flow_id,
            display_name=display_name,
            attributes=attributes,
            initial_message=initial_message,
            related_contact_id=related_contact_id,
            initial_content_type=initial_content_type,
            duration_minutes=duration_minutes,
        )
    )


def post_chat_message(
    contact_id: str, sender: ChatSender, content: str, content_type: str
) -> Command[ChatItem]:
    """A message from the customer (named by the chat's contact; it reaches the chat's current
    segment) or from the agent on `contact_id`."""
    return _with_work(
        lambda work: chats.post_message(work, contact_id, sender, content, content_type)
    )


def post_chat_event(
    contact_id: str, sender: ChatSender, type: ChatItemType, message_id: str | None
) -> Command[ChatItem]:
    """Typing, or a delivered/read receipt for message `message_id`."""
    return _with_work(lambda work: chats.post_event(work, contact_id, sender, type, message_id))


def customer_left_chat(contact_id: str) -> Command[Contact]:
    """The customer disconnects from the chat (DisconnectParticipant)."""
    return _with_work(lambda work: chats.customer_left(work, contact_id))
