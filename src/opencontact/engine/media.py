"""Who hears whom on a voice contact, worked out from the contact's state.

Everyone connected and not held talks together: the customer (unless on hold), the agent, and
third parties that are connected. Held parties are taken out of the conversation; the customer
then hears the customer hold flow.
"""

from __future__ import annotations

from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLegState, Contact, ContactState, PartyState
from opencontact.engine import effects as fx
from opencontact.engine.work import Work


def talking_legs(contact: Contact) -> tuple[str, ...]:
    legs: list[str] = []
    if contact.customer_leg and not contact.customer_on_hold:
        legs.append(contact.customer_leg)
    agent = contact.agent
    if agent and agent.leg_id and agent.state in (AgentLegState.CONNECTED, AgentLegState.ON_HOLD):
        legs.append(agent.leg_id)
    legs.extend(
        p.leg_id for p in contact.third_parties if p.leg_id and p.state is PartyState.CONNECTED
    )
    return tuple(legs)


def lay_out(work: Work, contact: Contact) -> None:
    """Set the conversation of a connected voice contact to what its state says."""
    if contact.channel is not Channel.VOICE or contact.state is ContactState.ENDED:
        return
    talking = talking_legs(contact)
    if len(talking) > 1:
        work.effect(fx.Converse(talking))
    if contact.customer_on_hold and contact.customer_leg:
        work.effect(fx.HoldLeg(contact.customer_leg))
    for party in contact.third_parties:
        if party.leg_id and party.state is PartyState.ON_HOLD:
            work.effect(fx.HoldLeg(party.leg_id))
