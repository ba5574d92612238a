"""Calls the contact center places: an agent dialling from the number pad (or a PHONE_NUMBER
quick connect while free), and StartOutboundVoiceContact.

Every number passes the region's dial plan (allowed countries, excluded ranges, never emergency
numbers). The caller ID is the outbound caller ID number of the agent's default outbound queue,
else any number the instance has claimed.
"""

from __future__ import annotations

from collections.abc import Mapping

from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLeg, AgentLegState, Contact, Endpoint, InitiationMethod
from opencontact.domain.dialing import check_dialable, dial_plan, normalise_dialled
from opencontact.domain.errors import AccessDenied, InvalidRequest
from opencontact.domain.permissions import OUTBOUND_CALL_ACCESS
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.user_settings import PhoneType
from opencontact.domain.users import User, user_permissions
from opencontact.engine import contact_work
from opencontact.engine import effects as fx
from opencontact.engine.work import Work


def caller_id(work: Work, queue_id: str | None) -> str:
    directory = work.state.directory
    queue = directory.get(Queue, queue_id) if queue_id else None
    if queue and queue.outbound_caller_config.caller_id_number_id:
        number = directory.get(PhoneNumber, queue.outbound_caller_config.caller_id_number_id)
        if number is not None:
            return number.phone_number
    claimed = directory.all(PhoneNumber)
    return claimed[0].phone_number if claimed else ""


def checked_number(work: Work, number: str) -> str:
    if not work.state.instance.outbound_calls_enabled:
        raise InvalidRequest("Outbound calls are switched off for this instance.")
    plan = dial_plan(work.state.instance.region)
    return check_dialable(normalise_dialled(number, plan), plan, "PhoneNumber")


def agent_dial(work: Work, user_id: str, number: str) -> Contact:
    """The agent calls a number: their phone connects first, then the number is dialled."""
    user = work.state.directory.require(User, user_id)
    if OUTBOUND_CALL_ACCESS not in user_permissions(work.state.directory, user):
        raise AccessDenied("Your security profile does not allow outbound calls.")
    e164 = checked_number(work, number)
    agent = work.agent(user_id)
    for contact_id in agent.contact_ids:
        held = work.find_contact(contact_id)
        if held is not None and held.channel is Channel.VOICE:
            raise InvalidRequest("Finish your current call before placing another one.")
    profile = work.state.directory.get(RoutingProfile, user.routing_profile_id)
    queue_id = profile.default_outbound_queue_id if profile else None
    contact = contact_work.new_contact(
        work,
        channel=Channel.VOICE,
        initiation_method=InitiationMethod.OUTBOUND,
        customer_endpoint=Endpoint("TELEPHONE_NUMBER", e164),
        system_endpoint=Endpoint("TELEPHONE_NUMBER", caller_id(work, queue_id)),
        queue_id=queue_id,
        agent=AgentLeg(
            user_id, AgentLegState.CONNECTING, offered_at=work.now, accepted_at=work.now
        ),
    )
    work.put_agent(agent.holding(contact.id))
    if user.phone_type is PhoneType.DESK_PHONE and user.desk_phone_number:
        work.effect(
            fx.Dial(
                contact.id,
                "agent-desk",
                contact.system_endpoint.address if contact.system_endpoint else "",
                user.desk_phone_number,
                contact_work.RING_SECONDS,
            )
        )
    else:
        work.effect(fx.OpenAgentPhone(contact.id, user_id, user.username))
    return contact


def api_dial(
    work: Work,
    *,
    number: str,
    flow_id: str,
    queue_id: str | None,
    source_number: str | None,
    attributes: Mapping[str, str],
    name: str | None = None,
    description: str | None = None,
) -> Contact:
    """StartOutboundVoiceContact: dial the customer; their flow runs once they answer."""
    e164 = checked_number(work, number)
    contact = contact_work.new_contact(
        work,
        channel=Channel.VOICE,
        initiation_method=InitiationMethod.API,
        customer_endpoint=Endpoint("TELEPHONE_NUMBER", e164),
        system_endpoint=Endpoint("TELEPHONE_NUMBER", source_number or caller_id(work, queue_id)),
        attributes=dict(attributes),
        target_queue_id=queue_id,
        answer_flow_id=flow_id,
        name=name,
        description=description,
    )
    work.effect(
        fx.Dial(
            contact.id,
            "customer",
            contact.system_endpoint.address if contact.system_endpoint else "",
            e164,
            contact_work.RING_SECONDS,
        )
    )
    return contact
