"""Agents at work on the Connect API: PutUserStatus, DismissUserContact and GetCurrentUserData.

GetCurrentUserData reports the agents who are online: their chosen status is not Offline, or
they still have a contact (an agent who went Offline during a call is online until it is
closed), or a Missed/Rejected state holds them. The agent's contacts are reported in Connect's
agent contact states:

    offered -> INCOMING, accepted and connecting -> CONNECTING, talking -> CONNECTED,
    customer on hold -> CONNECTED_ONHOLD, after-contact work -> ENDED,
    a contact the agent missed or rejected (still Missed/Rejected) -> MISSED / REJECTED.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.live import (
    instance_state,
    require_contact,
    run_command,
    run_work,
)
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact
from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import Agent, SystemState
from opencontact.domain.base import Channel
from opencontact.domain.contacts import AgentLeg, AgentLegState, Contact
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.users import User
from opencontact.engine import agent_work, commands, contact_work
from opencontact.engine.state import InstanceState
from opencontact.engine.views import agent_contacts
from opencontact.engine.work import Work
from opencontact.routing.profiles import ProfilePlan


@operation("PutUserStatus")
async def put_user_status(call: ConnectCall) -> dict[str, Any]:
    """The agent's status now, or, while they have a contact, their next status."""
    directory = instance_state(call).directory
    user = directory.require(User, call.params["UserId"])
    status = directory.require_reference(AgentStatus, call.params["AgentStatusId"], "AgentStatusId")
    await run_command(call, commands.set_status(user.id, status.id))
    return {}


@operation("DismissUserContact")
async def dismiss_user_contact(call: ConnectCall) -> dict[str, Any]:
    """Clear a contact from the agent's CCP, as far as Connect allows it: a contact the agent
    missed or rejected clears the Missed/Rejected state; an ended contact in after-contact work
    is closed. Anything else is refused."""
    directory = instance_state(call).directory
    user = directory.require(User, call.params["UserId"])
    record = await require_contact(call, call.params["ContactId"])

    def dismiss(work: Work) -> None:
        contact = work.find_contact(record.id) or record
        leg = contact.agent
        mine = leg is not None and leg.user_id == user.id and leg.state is not AgentLegState.CLOSED
        if mine and leg is not None and leg.state is AgentLegState.AFTER_CONTACT_WORK:
            contact_work.close_contact(work, contact, user.id)
            return
        agent = work.agent(user.id)
        if not mine and agent.system_state is not None and user.id in contact.declined_by:
            agent_work.dismiss(work, user.id)
            return
        shown = leg.state.value.lower().replace("_", " ") if mine and leg else "not with the agent"
        raise InvalidRequest(
            f"Contact {contact.id} is {shown} for user '{user.username}'; only a contact the "
            "agent missed or rejected, or one that ended (after-contact work), can be dismissed."
        )

    await run_work(call, dismiss)
    return {}


# -- GetCurrentUserData ------------------------------------------------------------------------

_AGENT_CONTACT_STATES = {
    AgentLegState.OFFERED: "INCOMING",
    AgentLegState.CONNECTING: "CONNECTING",
    AgentLegState.CONNECTED: "CONNECTED",
    AgentLegState.ON_HOLD: "CONNECTED_ONHOLD",
    AgentLegState.AFTER_CONTACT_WORK: "ENDED",
}
_SYSTEM_CONTACT_STATES = {
    SystemState.MISSED: "MISSED",
    SystemState.REJECTED: "REJECTED",
    SystemState.ERROR: "ERROR",
}
_USER_FILTERS = ("Queues", "RoutingProfiles", "Agents", "UserHierarchyGroups")


@operation("GetCurrentUserData")
async def get_current_user_data(call: ConnectCall) -> dict[str, Any]:
    state = instance_state(call)
    filters = call.params["Filters"]
    chosen = [name for name in _USER_FILTERS if filters.get(name)]
    if len(chosen) != 1:
        raise InvalidParameter(
            "Filters takes exactly one of Queues, RoutingProfiles, Agents and "
            f"UserHierarchyGroups (got {', '.join(chosen) or 'none'})."
        )
    wanted = _user_filter(state, chosen[0], filters[chosen[0]])
    contact_states = set((filters.get("ContactFilter") or {}).get("ContactStates") or ())
    rows = []
    for agent in state.live.agents.values():
        user = state.directory.get(User, agent.id)
        if user is None or not _online(state, agent) or not wanted(user):
            continue
        contacts = _contact_references(state, agent)
        if contact_states and not any(c["AgentContactState"] in contact_states for c in contacts):
            continue
        rows.append((user, agent, contacts))
    rows.sort(key=lambda row: (row[0].username.lower(), row[0].id))
    chunk, token = page(
        rows,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"GetCurrentUserData:{state.instance.id}",
    )
    return {
        "UserDataList": [
            _user_data(state, user, agent, contacts) for user, agent, contacts in chunk
        ],
        "NextToken": token,
        "ApproximateTotalCount": len(rows),
    }


def _user_filter(state: InstanceState, name: str, references: Iterable[str]) -> Any:
    directory = state.directory
    if name == "Queues":
        queues = {directory.require_reference(Queue, r, "Queues").id for r in references}

        def serves(user: User) -> bool:
            profile = directory.get(RoutingProfile, user.routing_profile_id)
            configs = profile.queue_configs if profile else ()
            return user.id in queues or any(c.queue_id in queues for c in configs)

        return serves
    if name == "RoutingProfiles":
        profiles = {
            directory.require_reference(RoutingProfile, r, "RoutingProfiles").id for r in references
        }
        return lambda user: user.routing_profile_id in profiles
    if name == "Agents":
        users = {directory.require_reference(User, r, "Agents").id for r in references}
        return lambda user: user.id in users
    groups = {r.rsplit("/", 1)[-1] for r in references}
    return lambda user: user.hierarchy_group_id in groups


def _online(state: InstanceState, agent: Agent) -> bool:
    status = state.directory.get(AgentStatus, agent.status_id)
    offline = status is None or status.status_type is AgentStatusType.OFFLINE
    return not offline or bool(agent.contact_ids) or agent.system_state is not None


def _state_started(leg: AgentLeg) -> Any:
    match leg.state:
        case AgentLegState.OFFERED:
            return leg.offered_at
        case AgentLegState.CONNECTING:
            return leg.accepted_at or leg.offered_at
        case AgentLegState.ON_HOLD:
            return leg.hold_started_at
        case AgentLegState.AFTER_CONTACT_WORK:
            return leg.acw_started_at
        case _:  # CONNECTED: since the agent connected (a resume is not recorded)
            return leg.connected_at


def _queue_reference(state: InstanceState, queue_id: str | None) -> dict[str, str] | None:
    queue = state.directory.get(Queue, queue_id) if queue_id else None
    return {"Id": queue.id, "Arn": queue.arn} if queue else None


def _reference(
    state: InstanceState, contact: Contact, agent_state: str, started: Any
) -> dict[str, Any]:
    return compact(
        {
            "ContactId": contact.id,
            "Channel": contact.channel.value,
            "InitiationMethod": contact.initiation_method.value,
            "AgentContactState": agent_state,
            "StateStartTimestamp": started,
            "ConnectedToAgentTimestamp": contact.agent.connected_at if contact.agent else None,
            "Queue": _queue_reference(state, contact.queue_id),
        }
    )


def _contact_references(state: InstanceState, agent: Agent) -> list[dict[str, Any]]:
    references = []
    for contact in agent_contacts(state, agent):
        leg = contact.agent
        if leg is not None and leg.state in _AGENT_CONTACT_STATES:
            references.append(
                _reference(state, contact, _AGENT_CONTACT_STATES[leg.state], _state_started(leg))
            )
    if agent.system_state is not None:
        # The offer the agent missed or rejected has gone on to the queue; it is shown until
        # the agent sets a status or it is dismissed.
        for contact in state.live.contacts.values():
            if agent.id in contact.declined_by and contact.agent_id != agent.id:
                shown = _SYSTEM_CONTACT_STATES[agent.system_state]
                references.append(_reference(state, contact, shown, agent.system_state_since))
    return references


def _slots(state: InstanceState, user: User, agent: Agent) -> tuple[dict[str, int], ...]:
    """Max, active and available slots per channel of the agent's routing profile; a slot is
    available only while the agent is routable and cross-channel concurrency allows it."""
    profile = state.directory.get(RoutingProfile, user.routing_profile_id)
    if profile is None:
        return {}, {}, {}
    plan = ProfilePlan.of(profile)
    busy: Counter[Channel] = Counter(
        c.channel
        for c in agent_contacts(state, agent)
        if c.agent is None or c.agent.state is not AgentLegState.PAUSED  # a paused task: no slot
    )
    status = state.directory.get(AgentStatus, agent.status_id)
    routable = (
        status is not None
        and status.status_type is AgentStatusType.ROUTABLE
        and agent.system_state is None
    )
    open_channels = plan.open_channels(busy) if routable else frozenset()
    limits: Mapping[Channel, int] = plan.concurrency
    return (
        {c.value: n for c, n in limits.items()},
        {c.value: busy.get(c, 0) for c in limits},
        {c.value: n - busy.get(c, 0) if c in open_channels else 0 for c, n in limits.items()},
    )


def _user_data(
    state: InstanceState, user: User, agent: Agent, contacts: list[dict[str, Any]]
) -> dict[str, Any]:
    directory = state.directory
    profile = directory.get(RoutingProfile, user.routing_profile_id)
    status = directory.get(AgentStatus, agent.status_id)
    next_status = directory.get(AgentStatus, agent.next_status_id or "")
    most, active, available = _slots(state, user, agent)
    return compact(
        {
            "User": {"Id": user.id, "Arn": user.arn},
            "RoutingProfile": {"Id": profile.id, "Arn": profile.arn} if profile else None,
            "Status": compact(
                {
                    "StatusStartTimestamp": agent.status_since,
                    "StatusArn": status.arn if status else None,
                    "StatusName": status.name if status else None,
                }
            ),
            "AvailableSlotsByChannel": available,
            "MaxSlotsByChannel": most,
            "ActiveSlotsByChannel": active,
            "Contacts": contacts,
            "NextStatus": next_status.name if next_status else None,
        }
    )
