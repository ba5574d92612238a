"""The steps contacts go through on the engine: queued, ended, signalled back into their flow,
and the contacts flows create (tasks, callbacks, calls to third parties)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    DisconnectReason,
    Endpoint,
    InitiationMethod,
    PartyKind,
    PartyState,
    ThirdParty,
)
from opencontact.domain.dialing import check_dialable, dial_plan
from opencontact.domain.errors import DestinationNotAllowed, InvalidParameter
from opencontact.domain.users import User
from opencontact.engine import chat_items, flow_runner, media, tasks
from opencontact.engine import effects as fx
from opencontact.engine.effects import LiveCommand
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work, while_in_progress
from opencontact.engine.writer import Then
from opencontact.flows import run as flows

# How long an outside number may ring before the call counts as not answered.
RING_SECONDS = 30.0


def contact_arn(state: InstanceState, contact_id: str) -> str:
    return f"{state.instance.arn}/contact/{contact_id}"


def new_contact(
    work: Work,
    *,
    channel: Channel,
    initiation_method: InitiationMethod,
    previous: Contact | None = None,
    contact_id: str | None = None,
    **fields: Any,
) -> Contact:
    contact_id = contact_id or work.new_id()
    base = {
        "id": contact_id,
        "arn": contact_arn(work.state, contact_id),
        "channel": channel,
        "initiation_method": initiation_method,
        "initial_contact_id": previous.initial_contact_id if previous else contact_id,
        "previous_contact_id": previous.id if previous else None,
        "state": ContactState.IN_FLOW,
        "initiated_at": work.now,
        "last_updated_at": work.now,
    }
    if previous is not None:
        base.update(
            attributes=previous.attributes,
            customer_endpoint=previous.customer_endpoint,
            system_endpoint=previous.system_endpoint,
            name=previous.name,
            description=previous.description,
            references=previous.references,
            flow_logging=previous.flow_logging,
        )
    base.update(fields)
    return work.put(Contact(**base))


# -- queueing -----------------------------------------------------------------------------------


def enqueue(work: Work, contact: Contact, queue_id: str) -> Contact:
    """The contact waits in the queue; the customer hears the customer queue flow; routing
    runs right after, in the same batch."""
    contact = flow_runner.stop_flow(work, contact)
    contact = work.put(contact.enqueued(queue_id, work.now))
    if contact.channel is Channel.VOICE and contact.customer_leg:
        contact = flow_runner.start_hook(work, contact, "CustomerQueue", contact.customer_leg)
    elif contact.channel is Channel.CHAT:
        contact = flow_runner.start_hook(work, contact, "CustomerQueue")
    work.reroute()
    return contact


# -- ending -------------------------------------------------------------------------------------


def end_contact(
    work: Work,
    contact: Contact,
    reason: DisconnectReason,
    *,
    detail: str | None = None,
    hang_up_customer: bool = True,
    keep_parties: bool = False,
) -> Contact:
    """The customer's part of the contact is over: legs hung up, flows stopped, an agent on it
    moves to after-contact work, an agent only offered it is freed, parties dropped."""
    if contact.state is ContactState.ENDED:
        return contact
    contact = flow_runner.stop_flow(work, contact)
    offered_to = (
        contact.agent.user_id
        if contact.agent
        and contact.agent.state in (AgentLegState.OFFERED, AgentLegState.CONNECTING)
        else None
    )
    if contact.channel is Channel.VOICE:
        if hang_up_customer and contact.customer_leg:
            work.effect(fx.HangUp(contact.customer_leg))
        for party in contact.active_parties():
            if party.leg_id and party.kind is PartyKind.PHONE_NUMBER and not keep_parties:
                work.effect(fx.HangUp(party.leg_id))
        if offered_to and contact.agent and contact.agent.leg_id:
            work.effect(fx.HangUp(contact.agent.leg_id))
    work.effect(fx.CancelTimer(f"{contact.id}:offer"))
    chat_items.chat_ending(
        work, contact, agent_leaves=reason is not DisconnectReason.CUSTOMER_DISCONNECT
    )
    contact = work.put(contact.ended(reason, work.now, detail))
    if offered_to is not None:
        work.put_agent(work.agent(offered_to).releasing(contact.id, work.now))
        work.reroute()
    if contact.agent and contact.agent.state is AgentLegState.AFTER_CONTACT_WORK:
        start_after_contact_work(work, contact)
    if not keep_parties:
        for party in contact.third_parties:
            if party.transfer_contact_id:
                _end_transfer_if_waiting(work, party.transfer_contact_id)
    _transfer_failed(work, contact)
    return contact


def _transfer_failed(work: Work, transfer: Contact) -> None:
    """A transfer contact ended before it got the customer: the transferring agent sees the
    participant it stood for drop."""
    if transfer.transfer_party_id is None or transfer.previous_contact_id is None:
        return
    origin = work.find_contact(transfer.previous_contact_id)
    if origin is None or origin.state is ContactState.ENDED:
        return
    party = origin.party(transfer.transfer_party_id)
    if party.state is PartyState.DISCONNECTED:
        return
    failure = None if party.state is PartyState.CONNECTED else "the transfer did not go through"
    gone = replace(party, state=PartyState.DISCONNECTED, since=work.now, failure=failure)
    origin = work.put(origin.with_party(gone, work.now))
    media.lay_out(work, origin)


def start_after_contact_work(work: Work, contact: Contact) -> None:
    """The agent's hang-up goes away; ACW ends by itself after the user's time limit, if any."""
    leg = contact.agent
    if leg is None:
        return
    if contact.channel is Channel.VOICE and leg.leg_id:
        work.effect(fx.HangUp(leg.leg_id))
    user = work.state.directory.get(User, leg.user_id)
    limit = user.channel_config(contact.channel).after_contact_work_time_limit if user else 0
    if limit > 0:
        work.effect(fx.StartTimer(f"{contact.id}:acw", float(limit), acw_timed_out(contact.id)))


def acw_timed_out(contact_id: str) -> LiveCommand:
    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        contact = work.find_contact(contact_id)
        if contact and contact.agent and contact.agent.state is AgentLegState.AFTER_CONTACT_WORK:
            close_contact(work, contact, contact.agent.user_id)
        return work.outcome(None)

    return command


def close_contact(work: Work, contact: Contact, user_id: str) -> Contact:
    contact = work.put(contact.closed(user_id, work.now))
    work.effect(fx.CancelTimer(f"{contact.id}:acw"))
    work.put_agent(work.agent(user_id).releasing(contact.id, work.now))
    work.reroute()
    return contact


def _end_transfer_if_waiting(work: Work, transfer_contact_id: str) -> None:
    """The customer left while a transfer was still being set up: the transfer ends too."""
    transfer = work.find_contact(transfer_contact_id)
    if transfer is None or transfer.state is ContactState.ENDED or transfer.customer_leg:
        return
    end_contact(work, transfer, DisconnectReason.CUSTOMER_DISCONNECT)


# -- flows talking back -------------------------------------------------------------------------


def flow_signal(contact_id: str, signal: flows.Signal, step: int) -> LiveCommand:
    """A command that gives a contact's flow what it waited for (if it still waits for it)."""
    return while_in_progress(
        contact_id, lambda work, contact: flow_runner.resume_flow(work, contact, signal, step)
    )


def flow_dial_third_party(
    work: Work, contact: Contact, instruction: flows.TransferToThirdParty
) -> Contact:
    """TransferParticipantToThirdParty: call the number; the flow waits for the result. A number
    the instance may not call (outside the region's countries, excluded, an emergency number) is
    not dialled: the flow hears at once that the call failed, and why."""
    try:
        check_dialable(instruction.phone_number, dial_plan(work.state.instance.region))
    except (DestinationNotAllowed, InvalidParameter) as refused:
        _fail_third_party_call(work, contact.id, refused.message.rstrip("."))
        return contact
    party = ThirdParty(
        id=work.new_id(),
        kind=PartyKind.PHONE_NUMBER,
        label=instruction.phone_number,
        state=PartyState.CONNECTING,
        since=work.now,
        phone_number=instruction.phone_number,
    )
    contact = work.put(contact.with_party(party, work.now))
    system = contact.system_endpoint.address if contact.system_endpoint else ""
    work.effect(
        fx.Dial(
            contact.id,
            f"party:{party.id}",
            system,
            instruction.phone_number,
            instruction.timeout_seconds or RING_SECONDS,
        )
    )
    return contact


def _fail_third_party_call(work: Work, contact_id: str, reason: str) -> None:
    """Once this command's changes are in (the flow then waits for the third party), tell the
    flow the call failed."""
    env = work.env

    def failed(state: InstanceState) -> Outcome[None]:
        contact = state.live.contact(contact_id)
        if contact is None:
            return Outcome(None)
        signal = flows.ThirdPartyFailed(reason)
        return flow_signal(contact_id, signal, contact.flow_step)(state, env)

    work.effect(Then(failed))


def task_from_flow(work: Work, contact: Contact, instruction: flows.CreateTask) -> Contact:
    """CreateTask: a new task contact, linked to this one, running the given flow — at once,
    or, with DelaySeconds or ScheduledTime, scheduled: it starts (becomes routable) then."""
    task = new_contact(
        work,
        channel=Channel.TASK,
        initiation_method=InitiationMethod.API,
        related_contact_id=contact.id,
        name=instruction.name,
        description=instruction.description,
        references=dict(instruction.references),
        attributes=dict(instruction.attributes),
        connected_to_system_at=work.now,
    )
    if not instruction.flow_id:
        return task
    delay = instruction.delay_seconds
    if delay is not None and delay > 0:
        at = work.now + timedelta(seconds=delay)
        return tasks.schedule(work, task, tasks.Route(instruction.flow_id), at)
    flow_runner.start_flow(work, task, instruction.flow_id, flows.FlowPurpose.INBOUND)
    return task


def callback_from_flow(work: Work, contact: Contact, instruction: flows.CreateCallback) -> Contact:
    """CreateCallbackContact: a callback contact waits in the queue; when an agent accepts it,
    the customer's number is dialled."""
    number = contact.callback_number or (
        contact.customer_endpoint.address if contact.customer_endpoint else None
    )
    queue_id = instruction.queue_id or contact.target_queue_id or contact.queue_id
    if number is None or queue_id is None:
        return contact
    callback = new_contact(
        work,
        channel=Channel.VOICE,
        initiation_method=InitiationMethod.CALLBACK,
        previous=contact,
        customer_endpoint=Endpoint("TELEPHONE_NUMBER", number),
        callback_number=number,
    )
    enqueue(work, callback, queue_id)
    return contact


def customer_gone(work: Work, contact: Contact) -> Contact:
    """The customer hung up (or the chat ended on their side)."""
    return end_contact(work, contact, DisconnectReason.CUSTOMER_DISCONNECT, hang_up_customer=False)


def moved_customer(
    work: Work, contact: Contact, customer_leg: str, endpoint: Endpoint | None
) -> Contact:
    return work.put(
        replace(
            contact, customer_leg=customer_leg, customer_endpoint=endpoint, last_updated_at=work.now
        )
    )
