"""Transfers and conferences, as an agent does them in the CCP.

The agent picks a quick connect (or types a number). The customer is put on hold while the third
party is reached:
- USER quick connect: a new contact (TRANSFER) runs the quick connect's transfer-to-agent flow,
  which plays to the transferring agent ("Transferring now...") and queues the new contact in
  the target agent's own queue; when that agent accepts, the two agents can talk;
- QUEUE quick connect: the same with the transfer-to-queue flow and the quick connect's queue;
- PHONE_NUMBER quick connect or a typed number: the number is dialled directly (the region's
  dial plan applies; emergency numbers never).
The third party shows on the agent's contact as a participant. Then: Join (everyone talks),
Hold all (the agent alone), Swap (talk to the other side), Leave (the agent drops out; the
customer and the third party carry on, and the agent goes to after-contact work).
"""

from __future__ import annotations

from dataclasses import replace

from opencontact.domain.base import Channel
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    DisconnectReason,
    InitiationMethod,
    PartyKind,
    PartyState,
    ThirdParty,
)
from opencontact.domain.dialing import check_dialable, dial_plan, normalise_dialled
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.users import User
from opencontact.engine import chat_transfers, contact_work, flow_runner, media, tasks
from opencontact.engine import effects as fx
from opencontact.engine.work import Work
from opencontact.flows.run import FlowPurpose


def _agent_on(contact: Contact, user_id: str, action: str) -> None:
    leg = contact.agent
    if leg is None or leg.user_id != user_id:
        raise InvalidRequest(f"Contact {contact.id} is not with this agent; cannot {action}.")
    if leg.state not in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD):
        raise InvalidRequest(f"Contact {contact.id} is not connected; cannot {action}.")
    if contact.channel is Channel.CHAT:
        raise InvalidRequest(
            f"Contact {contact.id} is a chat; '{action}' works on calls only. Transfer a chat "
            "with an agent or queue quick connect."
        )
    if contact.channel is not Channel.VOICE:
        raise InvalidRequest(f"Only calls can be {action}ed here for now.")


def _customer_held(work: Work, contact: Contact) -> Contact:
    if contact.customer_on_hold or contact.agent is None:
        return contact
    contact = work.put(contact.held(contact.agent.user_id, work.now))
    media.lay_out(work, contact)
    if contact.customer_leg:
        contact = flow_runner.start_hook(work, contact, "CustomerHold", contact.customer_leg)
    return contact


def transfer_to_quick_connect(
    work: Work, contact: Contact, user_id: str, quick_connect_id: str
) -> Contact:
    if contact.channel is Channel.CHAT:
        return chat_transfers.transfer_chat(work, contact, user_id, quick_connect_id)
    if contact.channel is Channel.TASK:
        return tasks.transfer_by_agent(work, contact, user_id, quick_connect_id)
    _agent_on(contact, user_id, "transfer")
    quick_connect = work.state.directory.require(QuickConnect, quick_connect_id)
    kind = quick_connect.quick_connect_type
    if kind is QuickConnectType.PHONE_NUMBER:
        return transfer_to_number(work, contact, user_id, quick_connect.phone_number or "")
    if kind is QuickConnectType.USER:
        target = work.state.directory.require(User, quick_connect.user_id or "")
        return _transfer_through_flow(
            work,
            contact,
            kind=PartyKind.AGENT,
            label=target.username,
            flow_id=quick_connect.contact_flow_id or "",
            purpose=FlowPurpose.AGENT_TRANSFER,
            target_user_id=target.id,
            target_queue_id=None,
        )
    if kind is QuickConnectType.QUEUE:
        queue = work.state.directory.require(Queue, quick_connect.queue_id or "")
        return _transfer_through_flow(
            work,
            contact,
            kind=PartyKind.QUEUE,
            label=queue.name,
            flow_id=quick_connect.contact_flow_id or "",
            purpose=FlowPurpose.QUEUE_TRANSFER,
            target_user_id=None,
            target_queue_id=queue.id,
        )
    raise InvalidRequest(f"Quick connect '{quick_connect.name}' ({kind.value}) cannot transfer.")


def _transfer_through_flow(
    work: Work,
    contact: Contact,
    *,
    kind: PartyKind,
    label: str,
    flow_id: str,
    purpose: FlowPurpose,
    target_user_id: str | None,
    target_queue_id: str | None,
) -> Contact:
    contact = _customer_held(work, contact)
    party_id = work.new_id()
    transfer = contact_work.new_contact(
        work,
        channel=contact.channel,
        initiation_method=InitiationMethod.TRANSFER,
        previous=contact,
        transfer_party_id=party_id,
        transfer_target_user_id=target_user_id,
        target_queue_id=target_queue_id,
        connected_to_system_at=work.now,
    )
    party = ThirdParty(
        id=party_id,
        kind=kind,
        label=label,
        state=PartyState.CONNECTING,
        since=work.now,
        transfer_contact_id=transfer.id,
    )
    contact = work.put(contact.with_party(party, work.now))
    agent_leg = contact.agent.leg_id if contact.agent else None
    flow_runner.start_flow(work, transfer, flow_id, purpose, agent_leg)
    return work.contact(contact.id)


def transfer_to_number(work: Work, contact: Contact, user_id: str, number: str) -> Contact:
    """Dial an outside number as a third party (a PHONE_NUMBER quick connect or typed)."""
    _agent_on(contact, user_id, "transfer")
    plan = dial_plan(work.state.instance.region)
    e164 = check_dialable(normalise_dialled(number, plan), plan, "PhoneNumber")
    contact = _customer_held(work, contact)
    party = ThirdParty(
        id=work.new_id(),
        kind=PartyKind.PHONE_NUMBER,
        label=e164,
        state=PartyState.CONNECTING,
        since=work.now,
        phone_number=e164,
    )
    contact = work.put(contact.with_party(party, work.now))
    system = contact.system_endpoint.address if contact.system_endpoint else ""
    work.effect(fx.Dial(contact.id, f"party:{party.id}", system, e164, contact_work.RING_SECONDS))
    return contact


def _parties(contact: Contact) -> list[ThirdParty]:
    parties = [
        p for p in contact.third_parties if p.state in (PartyState.CONNECTED, PartyState.ON_HOLD)
    ]
    if not parties:
        raise InvalidRequest(f"Contact {contact.id} has no third party connected.")
    return parties


def _relayout(
    work: Work, contact: Contact, customer_on_hold: bool, party_state: PartyState
) -> Contact:
    agent = contact.agent
    if agent is None:
        return contact
    parties = tuple(
        replace(p, state=party_state, since=work.now)
        if p.state in (PartyState.CONNECTED, PartyState.ON_HOLD)
        else p
        for p in contact.third_parties
    )
    if customer_on_hold and not contact.customer_on_hold:
        contact = _customer_held(work, contact)
    elif not customer_on_hold and contact.customer_on_hold:
        contact = flow_runner.stop_flow(work, contact)
        contact = contact.resumed(agent.user_id, work.now)
    contact = work.put(replace(contact, third_parties=parties, last_updated_at=work.now))
    media.lay_out(work, contact)
    return contact


def join(work: Work, contact: Contact, user_id: str) -> Contact:
    """Everyone talks together: the customer, the agent and the third parties."""
    _agent_on(contact, user_id, "join")
    _parties(contact)
    return _relayout(work, contact, customer_on_hold=False, party_state=PartyState.CONNECTED)


def hold_all(work: Work, contact: Contact, user_id: str) -> Contact:
    _agent_on(contact, user_id, "hold")
    _parties(contact)
    return _relayout(work, contact, customer_on_hold=True, party_state=PartyState.ON_HOLD)


def swap(work: Work, contact: Contact, user_id: str) -> Contact:
    """Talk to whoever is on hold, and hold whoever was talking."""
    _agent_on(contact, user_id, "swap")
    parties = _parties(contact)
    party_held = all(p.state is PartyState.ON_HOLD for p in parties)
    if contact.customer_on_hold == party_held:
        raise InvalidRequest(
            "Swap needs one side on hold and the other talking; use Hold all or Join first."
        )
    if contact.customer_on_hold:
        return _relayout(work, contact, customer_on_hold=False, party_state=PartyState.ON_HOLD)
    return _relayout(work, contact, customer_on_hold=True, party_state=PartyState.CONNECTED)


def leave(work: Work, contact: Contact, user_id: str) -> Contact:
    """The agent leaves: the customer stays with the third party (the new agent or queue, or
    the outside number) and the agent goes to after-contact work on this contact."""
    _agent_on(contact, user_id, "leave")
    active = list(contact.active_parties())
    if not active:
        return contact_work.end_contact(work, contact, DisconnectReason.AGENT_DISCONNECT)
    party = active[-1]
    customer_leg = contact.customer_leg
    if party.transfer_contact_id:
        transfer = work.find_contact(party.transfer_contact_id)
        if transfer is not None and customer_leg:
            transfer = work.put(
                replace(
                    transfer,
                    customer_leg=customer_leg,
                    customer_on_hold=False,
                    transfer_party_id=None,
                    last_updated_at=work.now,
                )
            )
            work.effect(fx.MoveLeg(customer_leg, transfer.id, "customer"))
            if transfer.agent and transfer.agent.state is AgentLegState.CONNECTED:
                media.lay_out(work, transfer)
            elif transfer.flow is None:
                flow_runner.start_hook(work, transfer, "CustomerQueue", customer_leg)
    elif party.leg_id and customer_leg:
        work.effect(
            fx.Converse((customer_leg, party.leg_id)), fx.PairLegs(customer_leg, party.leg_id)
        )
    contact = flow_runner.stop_flow(work, contact)
    contact = work.put(replace(contact, customer_on_hold=False))
    return contact_work.end_contact(
        work, contact, DisconnectReason.AGENT_DISCONNECT, hang_up_customer=False, keep_parties=True
    )


def end_party(work: Work, contact: Contact, user_id: str, party_id: str) -> Contact:
    """Hang up on a third party (cancel a transfer that is still ringing, or drop a party)."""
    _agent_on(contact, user_id, "drop a participant")
    party = contact.party(party_id)
    if party.state is PartyState.DISCONNECTED:
        return contact
    if party.leg_id and party.kind is PartyKind.PHONE_NUMBER:
        work.effect(fx.HangUp(party.leg_id))
    gone = replace(party, state=PartyState.DISCONNECTED, since=work.now)
    contact = work.put(contact.with_party(gone, work.now))
    if party.transfer_contact_id:
        transfer = work.find_contact(party.transfer_contact_id)
        if transfer is not None:
            contact_work.end_contact(work, transfer, DisconnectReason.AGENT_DISCONNECT)
            contact = work.contact(contact.id)
    media.lay_out(work, contact)
    return contact
