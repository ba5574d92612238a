"""What the carrier reports, as commands on the instance: a call arriving on a claimed number,
digits, a dialled number answering or failing, someone hanging up, and the legs the engine
asked for becoming known."""

from __future__ import annotations

from dataclasses import replace

from opencontact.domain.agents import SystemState
from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    DisconnectReason,
    Endpoint,
    InitiationMethod,
    PartyState,
)
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.engine import agent_work, contact_work, flow_runner, media
from opencontact.engine import effects as fx
from opencontact.engine.effects import LiveCommand
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work, while_in_progress
from opencontact.flows import run as flows
from opencontact.flows.run import AwaitKind, FlowPurpose

NOT_IN_SERVICE = "The number you have dialled is not in service."
NO_INBOUND = "This number does not take calls at the moment. Goodbye."


def incoming_call(leg_id: str, from_number: str, to_number: str, contact_id: str) -> LiveCommand:
    """A customer called a number of this instance: a contact starts in the number's flow."""

    def command(state: InstanceState, env: Env) -> Outcome[str | None]:
        work = Work(state, env)
        number = state.directory.find_by_name(PhoneNumber, to_number)
        contact = contact_work.new_contact(
            work,
            contact_id=contact_id,
            channel=Channel.VOICE,
            initiation_method=InitiationMethod.INBOUND,
            customer_endpoint=Endpoint("TELEPHONE_NUMBER", from_number),
            system_endpoint=Endpoint("TELEPHONE_NUMBER", to_number),
            customer_leg=leg_id,
            connected_to_system_at=env.now,
        )
        work.effect(fx.AnswerCall(leg_id))
        flow_id = number.contact_flow_id if number else None
        if not state.instance.inbound_calls_enabled or flow_id is None:
            work.effect(fx.Say(leg_id, (NO_INBOUND,)))
            contact_work.end_contact(work, contact, DisconnectReason.CONTACT_FLOW_DISCONNECT)
            return work.outcome(contact.id)
        flow_runner.start_flow(work, contact, flow_id, FlowPurpose.INBOUND)
        return work.outcome(contact.id)

    return command


def leg_opened(contact_id: str, role: str, leg_id: str) -> LiveCommand:
    """A leg the engine asked for exists now (a dialled number, an agent's softphone)."""

    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        contact = work.find_contact(contact_id)
        if contact is None or contact.state is ContactState.ENDED:
            work.effect(fx.HangUp(leg_id))
            return work.outcome(None)
        if role in ("agent-phone", "agent-desk-up"):
            if contact.agent and contact.agent.state is AgentLegState.CONNECTING:
                agent_work.connected(work, contact, leg_id)
            else:
                work.effect(fx.HangUp(leg_id))
        elif role in ("agent", "agent-desk"):
            work.put(contact.with_agent_leg(leg_id))
        elif role == "customer":
            work.put(replace(contact, customer_leg=leg_id))
        elif role.startswith("party:"):
            party = contact.party(role.removeprefix("party:"))
            work.put(contact.with_party(replace(party, leg_id=leg_id), env.now))
        return work.outcome(None)

    return command


def digits_pressed(contact_id: str, role: str, digits: str) -> LiveCommand:
    """Digits from the customer feed the flow's input, if it is waiting for some."""

    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        contact = work.find_contact(contact_id)
        run = contact.flow if contact else None
        if contact is None or role != "customer" or run is None or run.awaiting is None:
            return work.outcome(None)
        if run.awaiting.kind is not AwaitKind.INPUT:
            return work.outcome(None)
        entered = contact.pending_digits + digits
        awaiting = run.awaiting
        terminator = awaiting.terminator or ""
        complete = (terminator and terminator in entered) or (
            awaiting.max_digits is not None and len(entered) >= awaiting.max_digits
        )
        if not complete:
            work.put(replace(contact, pending_digits=entered))
            return work.outcome(None)
        if terminator and terminator in entered:
            entered = entered.split(terminator, 1)[0]
        if awaiting.max_digits is not None:
            entered = entered[: awaiting.max_digits]
        flow_runner.resume_flow(work, contact, flows.DigitsEntered(entered))
        return work.outcome(None)

    return command


def answered(contact_id: str, role: str) -> LiveCommand:
    def step(work: Work, contact: Contact) -> None:
        if role == "agent":
            leg = contact.agent
            if leg is not None and leg.state is AgentLegState.OFFERED:
                agent_work.accept(work, contact, leg.user_id)
        elif role == "agent-desk":
            # An outbound call from a desk-phone agent: their phone is up, now the customer.
            leg = contact.agent
            if leg is not None and leg.state is AgentLegState.CONNECTING and leg.leg_id:
                agent_work.connected(work, contact, leg.leg_id)
        elif role == "customer":
            _customer_answered(work, contact)
        elif role.startswith("party:"):
            _party_answered(work, contact, role.removeprefix("party:"))

    return while_in_progress(contact_id, step)


def failed(contact_id: str, role: str, reason: str) -> LiveCommand:
    def step(work: Work, contact: Contact) -> None:
        if role == "agent":
            leg = contact.agent
            if leg is not None and leg.state is AgentLegState.OFFERED:
                state_ = SystemState.MISSED if reason == "no-answer" else SystemState.REJECTED
                agent_work.decline(
                    work, replace(contact, agent=replace(leg, leg_id=None)), leg.user_id, state_
                )
        elif role == "customer":
            contact_work.end_contact(
                work, contact, DisconnectReason.OTHER, detail=f"the customer's phone: {reason}"
            )
        elif role == "agent-desk":
            contact_work.end_contact(
                work, contact, DisconnectReason.OTHER, detail=f"the agent's desk phone: {reason}"
            )
        elif role.startswith("party:"):
            _party_failed(work, contact, role.removeprefix("party:"), reason)

    return while_in_progress(contact_id, step)


def hung_up(contact_id: str, role: str) -> LiveCommand:
    """The far party hung up."""

    def step(work: Work, contact: Contact) -> None:
        if role == "customer":
            contact_work.customer_gone(work, contact)
        elif role == "agent":
            leg = contact.agent
            if leg and leg.state in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD):
                agent_work.end_by_agent(work, contact, leg.user_id)
        elif role.startswith("party:"):
            party = contact.party(role.removeprefix("party:"))
            gone = replace(party, state=PartyState.DISCONNECTED, since=work.now)
            contact = work.put(contact.with_party(gone, work.now))
            run = contact.flow
            if run and run.awaiting and run.awaiting.kind is AwaitKind.THIRD_PARTY:
                flow_runner.resume_flow(work, contact, flows.ThirdPartyDisconnected())
                return
            media.lay_out(work, contact)
            if contact.agent is None and contact.flow is None and contact.customer_leg:
                contact_work.end_contact(work, contact, DisconnectReason.THIRD_PARTY_DISCONNECT)

    return while_in_progress(contact_id, step)


def _customer_answered(work: Work, contact: Contact) -> None:
    """An outbound call (or callback) reached the customer."""
    contact = work.put(replace(contact, connected_to_system_at=work.now))
    if contact.agent and contact.agent.state in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD):
        contact = flow_runner.stop_flow(work, contact)
        contact = _outbound_whisper(work, contact)
        media.lay_out(work, work.contact(contact.id))
    elif contact.answer_flow_id and contact.flow is None:
        flow_id = contact.answer_flow_id
        contact = work.put(replace(contact, answer_flow_id=None))
        flow_runner.start_flow(work, contact, flow_id, FlowPurpose.INBOUND)


def _outbound_whisper(work: Work, contact: Contact) -> Contact:
    """The customer of an agent's outbound call hears the outbound whisper flow first: the
    outbound flow of the agent's outbound queue, else the instance's default."""
    if contact.initiation_method is not InitiationMethod.OUTBOUND or not contact.customer_leg:
        return contact
    queue = work.state.directory.get(Queue, contact.queue_id or "")
    flow_id = queue.outbound_caller_config.outbound_flow_id if queue else None
    if flow_id:
        return flow_runner.start_flow(
            work, contact, flow_id, FlowPurpose.OUTBOUND_WHISPER, contact.customer_leg
        )
    return flow_runner.start_hook(work, contact, "OutboundWhisper", contact.customer_leg)


def _party_answered(work: Work, contact: Contact, party_id: str) -> None:
    party = contact.party(party_id)
    if party.state is not PartyState.CONNECTING:
        return
    contact = work.put(
        contact.with_party(replace(party, state=PartyState.CONNECTED, since=work.now), work.now)
    )
    run = contact.flow
    if run is not None and run.awaiting is not None and run.awaiting.kind is AwaitKind.THIRD_PARTY:
        # A flow's transfer to a third party: the customer and the party talk.
        flow_runner.resume_flow(work, contact, flows.ThirdPartyConnected())
        contact = work.contact(contact.id)
    media.lay_out(work, contact)


def _party_failed(work: Work, contact: Contact, party_id: str, reason: str) -> None:
    party = contact.party(party_id)
    failed_party = replace(party, state=PartyState.DISCONNECTED, since=work.now, failure=reason)
    contact = work.put(contact.with_party(failed_party, work.now))
    run = contact.flow
    if run is not None and run.awaiting is not None and run.awaiting.kind is AwaitKind.THIRD_PARTY:
        flow_runner.resume_flow(work, contact, flows.ThirdPartyFailed(reason))
