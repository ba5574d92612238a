"""What agents do with contacts, and what happens to agents: status, offers (accept, reject,
missed), the phone connecting, hold and resume, ending a contact, closing after-contact work.

Every function checks that the move is legal now (the domain raises InvalidRequest otherwise)
and leaves the contact, the agent, the conversation and the timers consistent.
"""

from __future__ import annotations

from dataclasses import replace

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusState
from opencontact.domain.agents import Agent, SystemState
from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    DisconnectReason,
    InitiationMethod,
    PartyState,
)
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.user_settings import PhoneType
from opencontact.domain.users import User
from opencontact.engine import chat_items, contact_work, flow_runner, media
from opencontact.engine import effects as fx
from opencontact.engine.effects import LiveCommand
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work

# -- status ------------------------------------------------------------------------------------


def set_status(work: Work, user_id: str, status_reference: str) -> Agent:
    """The agent (or PutUserStatus) chooses a status (by id, ARN or name); on a contact it
    becomes the next status."""
    directory = work.state.directory
    status = directory.find_by_arn_or_id(AgentStatus, status_reference) or directory.find_by_name(
        AgentStatus, status_reference
    )
    if status is None:
        raise InvalidParameter(f"'{status_reference}' is not an agent status of this instance.")
    if status.state is AgentStatusState.DISABLED:
        raise InvalidRequest(f"The status '{status.name}' is disabled; pick an enabled one.")
    agent = work.put_agent(work.agent(user_id).with_status(status.id, work.now))
    work.reroute()
    return agent


# -- offers ------------------------------------------------------------------------------------


def offer(work: Work, contact: Contact, user_id: str) -> Contact:
    """Ring the agent. Softphone agents with auto-accept are connected at once; desk-phone
    agents' phones ring (answering the phone accepts)."""
    contact = work.put(contact.offered(user_id, work.now))
    agent = work.put_agent(work.agent(user_id).holding(contact.id))
    offer_number = contact.agent.offer_number if contact.agent else 0
    timeout = float(work.state.instance.offer_timeout_seconds)
    work.effect(
        fx.StartTimer(
            f"{contact.id}:offer", timeout, offer_timed_out(contact.id, agent.id, offer_number)
        )
    )
    user = work.state.directory.get(User, user_id)
    if user is None:
        return contact
    if contact.channel is Channel.VOICE and user.phone_type is PhoneType.DESK_PHONE:
        system = contact.system_endpoint.address if contact.system_endpoint else ""
        work.effect(fx.Dial(contact.id, "agent", system, user.desk_phone_number or "", timeout))
        return contact
    if user.channel_config(contact.channel).auto_accept:
        return accept(work, contact, user_id)
    return contact


def accept(work: Work, contact: Contact, user_id: str) -> Contact:
    """The agent takes the offered contact; its phone connects (a task needs no phone)."""
    contact = work.put(contact.accepted(user_id, work.now))
    work.effect(fx.CancelTimer(f"{contact.id}:offer"))
    user = work.state.directory.get(User, user_id)
    label = user.username if user else user_id
    if contact.channel is Channel.VOICE:
        if contact.agent and contact.agent.leg_id:  # a desk phone that just answered
            return connected(work, contact, contact.agent.leg_id)
        work.effect(fx.OpenAgentPhone(contact.id, user_id, label))
        return contact
    return connected(work, contact, None)


def connected(work: Work, contact: Contact, agent_leg: str | None) -> Contact:
    """The agent's phone is up: the queue music stops, the whispers play, they talk."""
    contact = flow_runner.stop_flow(work, contact)
    contact = work.put(contact.agent_connected(agent_leg, work.now))
    chat_items.agent_joined(work, contact)
    dials_customer = contact.initiation_method in (
        InitiationMethod.OUTBOUND,
        InitiationMethod.CALLBACK,
    )
    if dials_customer and contact.customer_leg is None:
        # The agent is on the line first; now the customer's phone rings.
        system = contact.system_endpoint.address if contact.system_endpoint else ""
        number = contact.callback_number or (
            contact.customer_endpoint.address if contact.customer_endpoint else ""
        )
        work.effect(fx.Dial(contact.id, "customer", system, number, contact_work.RING_SECONDS))
        return contact
    if contact.channel is Channel.VOICE and contact.agent and contact.agent.leg_id:
        contact = flow_runner.start_hook(work, contact, "AgentWhisper", contact.agent.leg_id)
        if contact.customer_leg:
            contact = flow_runner.start_hook(work, contact, "CustomerWhisper", contact.customer_leg)
        contact = work.contact(contact.id)
        media.lay_out(work, contact)
    _transfer_answered(work, contact)
    return contact


def _transfer_answered(work: Work, contact: Contact) -> None:
    """A transfer contact got its agent: the participant it stands for on the contact it came
    from is now connected, and the transferring agent can talk to the new one."""
    if contact.previous_contact_id is None or contact.transfer_party_id is None:
        return
    origin = work.find_contact(contact.previous_contact_id)
    if origin is None or origin.state is ContactState.ENDED:
        return
    party = origin.party(contact.transfer_party_id)
    agent = contact.agent
    user = work.state.directory.get(User, agent.user_id) if agent else None
    updated = replace(
        party,
        state=PartyState.CONNECTED,
        since=work.now,
        leg_id=agent.leg_id if agent else None,
        label=user.username if user else party.label,
    )
    origin = work.put(origin.with_party(updated, work.now))
    media.lay_out(work, origin)


def decline(work: Work, contact: Contact, user_id: str, state: SystemState) -> Contact:
    """Missed or rejected: the contact goes back to its queue for the next agent; the agent
    shows Missed/Rejected and gets nothing more until they set a status."""
    leg = contact.agent
    contact = work.put(contact.declined(user_id, work.now))
    work.effect(fx.CancelTimer(f"{contact.id}:offer"))
    if leg and leg.leg_id and contact.channel is Channel.VOICE:
        work.effect(fx.HangUp(leg.leg_id))
    agent = work.agent(user_id).releasing(contact.id, work.now)
    work.put_agent(agent.with_system_state(state, work.now))
    if contact.channel is Channel.VOICE and contact.customer_leg and contact.flow is None:
        contact = flow_runner.start_hook(work, contact, "CustomerQueue", contact.customer_leg)
    elif contact.channel is Channel.CHAT and contact.flow is None:
        contact = flow_runner.start_hook(work, contact, "CustomerQueue")
    work.reroute()
    return contact


def offer_timed_out(contact_id: str, user_id: str, offer_number: int) -> LiveCommand:
    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        contact = work.find_contact(contact_id)
        leg = contact.agent if contact else None
        if (
            contact is not None
            and leg is not None
            and leg.user_id == user_id
            and leg.offer_number == offer_number
            and leg.state is AgentLegState.OFFERED
        ):
            decline(work, contact, user_id, SystemState.MISSED)
        return work.outcome(None)

    return command


# -- on the contact -----------------------------------------------------------------------------


def hold(work: Work, contact: Contact, user_id: str) -> Contact:
    if contact.channel is Channel.CHAT:
        raise InvalidRequest("A chat cannot be put on hold.")
    contact = work.put(contact.held(user_id, work.now))
    media.lay_out(work, contact)
    if contact.customer_leg:
        contact = flow_runner.start_hook(work, contact, "CustomerHold", contact.customer_leg)
    if (
        contact.agent
        and contact.agent.leg_id
        and not any(p.state is PartyState.CONNECTED for p in contact.third_parties)
    ):
        contact = flow_runner.start_hook(work, contact, "AgentHold", contact.agent.leg_id)
    return contact


def resume(work: Work, contact: Contact, user_id: str) -> Contact:
    contact = flow_runner.stop_flow(work, contact)
    contact = work.put(contact.resumed(user_id, work.now))
    if contact.agent and contact.agent.leg_id:
        work.effect(fx.StopSaying(contact.agent.leg_id))
    media.lay_out(work, contact)
    return contact


def end_by_agent(work: Work, contact: Contact, user_id: str) -> Contact:
    """End call / End chat / End task: the customer is disconnected, the agent goes to ACW."""
    if contact.agent is None or contact.agent.user_id != user_id:
        raise InvalidRequest(f"Contact {contact.id} is not with this agent; cannot end it.")
    if contact.agent.state not in (
        AgentLegState.CONNECTED,
        AgentLegState.ON_HOLD,
        AgentLegState.CONNECTING,
        AgentLegState.PAUSED,
    ):
        raise InvalidRequest(f"Contact {contact.id} is not connected; cannot end it.")
    return contact_work.end_contact(work, contact, DisconnectReason.AGENT_DISCONNECT)


def close(work: Work, contact: Contact, user_id: str) -> Contact:
    return contact_work.close_contact(work, contact, user_id)


def dismiss(work: Work, user_id: str) -> Agent:
    """DismissUserContact / clearing Missed: the agent is routable again in its status."""
    agent = work.agent(user_id)
    if agent.system_state is None:
        return agent
    cleared = replace(agent, system_state=None, system_state_since=None)
    work.reroute()
    return work.put_agent(cleared)
