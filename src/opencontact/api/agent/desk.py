"""The agent's desk: what one logged-in agent sees (their view, the statuses they can choose,
the quick connects they can use now, their phone settings) and the engine commands they run,
each confined to that agent.

Confinement is checked on the instance's writer, in the same step as the command: a contact
that is not with this agent is reported as not found (404) and never touched; a quick connect
the agent could not pick in the CCP cannot be used either.
"""

from __future__ import annotations

from typing import Any, TypeVar

from opencontact.api.agent.auth import AgentSession
from opencontact.domain.agents import Agent
from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import AgentLegState, Contact
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.user_settings import PhoneConfig
from opencontact.domain.users import User, update_user_phone_config
from opencontact.engine.center import ContactCenter
from opencontact.engine.commands import Command
from opencontact.engine.state import InstanceState
from opencontact.engine.views import (
    agent_contacts,
    agent_view,
    contact_view,
    quick_connect_view,
    statuses_view,
    usable_quick_connects,
)
from opencontact.engine.work import Work

T = TypeVar("T")


# -- reading -----------------------------------------------------------------------------------


def current_agent(state: InstanceState, env: Env, user_id: str) -> Agent:
    """The agent's live state; a user the engine has not seen yet is Offline."""
    return Work(state, env).agent(user_id)


def _user(state: InstanceState, user_id: str) -> User:
    user = state.directory.get(User, user_id)
    if user is None:
        raise ResourceNotFound("Your user no longer exists in this instance.")
    return user


def settings_view(user: User) -> dict[str, Any]:
    voice = user.channel_config(Channel.VOICE)
    return {
        "phoneType": user.phone_type.value,
        "deskPhoneNumber": user.desk_phone_number,
        "autoAccept": voice.auto_accept,
        "afterContactWorkTimeLimit": voice.after_contact_work_time_limit,
    }


def quick_connects_for(state: InstanceState, user: User, agent: Agent) -> list[dict[str, Any]]:
    """Those of the agent's queues; agents and queues only while the agent is on a contact
    (connecting, connected, on hold, or in after-contact work: a task is created from there),
    not while one is only ringing."""
    on_contact = any(
        c.agent is not None and c.agent.state is not AgentLegState.OFFERED
        for c in agent_contacts(state, agent)
    )
    return [quick_connect_view(q) for q in usable_quick_connects(state, user, on_contact)]


def desk_view(state: InstanceState, env: Env, user_id: str) -> dict[str, Any]:
    """The agent view plus what the CCP needs around it: the body of GET /api/v1/agent, of
    every action's answer and of every WebSocket message."""
    user = _user(state, user_id)
    agent = current_agent(state, env, user_id)
    view = agent_view(state, agent)
    view["statuses"] = statuses_view(state)
    view["quickConnects"] = quick_connects_for(state, user, agent)
    view["settings"] = settings_view(user)
    return view


# -- confinement -------------------------------------------------------------------------------


def own_contact(state: InstanceState, user_id: str, contact_id: str) -> Contact:
    """One of the agent's contacts (offered, connected, on hold or in after-contact work)."""
    contact = state.live.contact(contact_id)
    agent = state.live.agent(user_id)
    leg = contact.agent if contact else None
    if contact is not None and (
        (leg is not None and leg.user_id == user_id and leg.state is not AgentLegState.CLOSED)
        or (agent is not None and contact.id in agent.contact_ids)
    ):
        return contact
    raise ResourceNotFound(f"Contact '{contact_id}' is not one of your contacts.")


def on_own_contact(user_id: str, contact_id: str, command: Command[T]) -> Command[T]:
    def confined(state: InstanceState, env: Env) -> Outcome[T]:
        own_contact(state, user_id, contact_id)
        return command(state, env)

    return confined


def with_party(contact_id: str, party_id: str, command: Command[T]) -> Command[T]:
    """Only a participant the contact has (a DELETE of anything else is a 404)."""

    def confined(state: InstanceState, env: Env) -> Outcome[T]:
        contact = state.live.contact(contact_id)
        if contact is None or all(p.id != party_id for p in contact.third_parties):
            raise ResourceNotFound(f"Contact '{contact_id}' has no participant '{party_id}'.")
        return command(state, env)

    return confined


def with_usable_quick_connect(
    user_id: str, quick_connect_id: str, command: Command[T]
) -> Command[T]:
    """Only a quick connect the agent could pick now (those of the queues in their routing
    profile, as the CCP lists them on a contact)."""

    def confined(state: InstanceState, env: Env) -> Outcome[T]:
        usable = usable_quick_connects(state, _user(state, user_id), on_contact=True)
        if quick_connect_id not in {q.id for q in usable}:
            raise ResourceNotFound(
                f"Quick connect '{quick_connect_id}' is not one of the quick connects you can use."
            )
        return command(state, env)

    return confined


# -- running -----------------------------------------------------------------------------------


class AgentDesk:
    def __init__(self, center: ContactCenter) -> None:
        self.center = center

    def state(self, session: AgentSession) -> InstanceState:
        return self.center.state(session.instance_id)

    def env(self, state: InstanceState) -> Env:
        return self.center.env(state.instance.region)

    def view(self, session: AgentSession) -> dict[str, Any]:
        state = self.state(session)
        return desk_view(state, self.env(state), session.user_id)

    def contact(self, session: AgentSession, contact_id: str) -> dict[str, Any]:
        state = self.state(session)
        return contact_view(state, own_contact(state, session.user_id, contact_id))

    def quick_connects(self, session: AgentSession) -> list[dict[str, Any]]:
        state = self.state(session)
        agent = current_agent(state, self.env(state), session.user_id)
        return quick_connects_for(state, _user(state, session.user_id), agent)

    async def run(self, session: AgentSession, command: Command[T]) -> T:
        """Run a command on the instance's writer; returns once its changes are durable."""
        env = self.env(self.state(session))
        return await self.center.live(session.instance_id, None, lambda state: command(state, env))

    async def set_phone(self, session: AgentSession, config: PhoneConfig) -> User:
        env = self.env(self.state(session))
        return await self.center.change(
            session.instance_id,
            None,
            lambda directory: update_user_phone_config(directory, env, session.user_id, config),
        )
