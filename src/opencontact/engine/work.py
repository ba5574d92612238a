"""One live command's work in progress.

A live command reads the instance state, and may change several contacts and agents, each maybe
more than once, and ask for effects. `Work` keeps the latest version of everything it changed
(so later steps of the same command see earlier ones) and turns it all into one Outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.agents import Agent
from opencontact.domain.base import Change, Entity, Env, Outcome, Put
from opencontact.domain.contacts import Contact, ContactState
from opencontact.domain.errors import InvalidRequest, ResourceNotFound
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.users import User
from opencontact.engine.state import InstanceState
from opencontact.engine.writer import Then

T = TypeVar("T")


class Work:
    def __init__(self, state: InstanceState, env: Env) -> None:
        self.state = state
        self.env = env
        self._contacts: dict[str, Contact] = {}
        self._agents: dict[str, Agent] = {}
        self._records: list[Entity] = []
        self.effects: list[object] = []
        self._reroute = False

    @property
    def now(self) -> Any:
        return self.env.now

    # -- contacts ------------------------------------------------------------------------------

    def contact(self, contact_id: str) -> Contact:
        found = self._contacts.get(contact_id) or self.state.live.contact(contact_id)
        if found is None:
            raise ResourceNotFound(
                f"Contact '{contact_id}' is not in progress in instance {self.state.instance.id}."
            )
        return found

    def find_contact(self, contact_id: str) -> Contact | None:
        return self._contacts.get(contact_id) or self.state.live.contact(contact_id)

    def contacts(self) -> Iterable[Contact]:
        """Every contact in progress, as this command has left it so far."""
        seen = set()
        for contact in self._contacts.values():
            seen.add(contact.id)
            yield contact
        for contact in self.state.live.contacts.values():
            if contact.id not in seen:
                yield contact

    def put(self, contact: Contact) -> Contact:
        self._contacts[contact.id] = contact
        return contact

    # -- agents --------------------------------------------------------------------------------

    def agent(self, user_id: str) -> Agent:
        """The live state of a user; a user never seen yet is Offline."""
        found = self._agents.get(user_id) or self.state.live.agent(user_id)
        if found is not None:
            return found
        if self.state.directory.get(User, user_id) is None:
            raise ResourceNotFound(
                f"No user with id '{user_id}' exists in instance {self.state.instance.id}."
            )
        return Agent(
            id=user_id,
            arn=self.state.directory.arn_for(User, user_id),
            status_id=self.status_of_type(AgentStatusType.OFFLINE).id,
            status_since=self.now,
            available_since=self.now,
        )

    def put_agent(self, agent: Agent) -> Agent:
        self._agents[agent.id] = agent
        return agent

    def status_of_type(self, status_type: AgentStatusType) -> AgentStatus:
        for status in self.state.directory.all(AgentStatus):
            if status.status_type is status_type:
                return status
        raise InvalidRequest(f"The instance has no {status_type.value} agent status.")

    # -- the rest ------------------------------------------------------------------------------

    def record(self, entity: Entity) -> None:
        """Something to persist that the live state does not keep (flow logs)."""
        self._records.append(entity)

    def effect(self, *effects: object) -> None:
        self.effects.extend(effects)

    def reroute(self) -> None:
        """Route again once this command is done (in the same batch): something may let a
        waiting contact and a free agent meet."""
        self._reroute = True

    def new_id(self) -> str:
        return self.env.new_id()

    def outcome(self, value: T) -> Outcome[T]:
        changes: list[Change] = [Put(c) for c in self._contacts.values()]
        changes += [Put(a) for a in self._agents.values()]
        changes += [Put(r) for r in self._records]
        effects = list(self.effects)
        if self._reroute:
            from opencontact.engine import offers

            env = self.env
            effects.append(Then(lambda state: offers.route(state, env)))
        return Outcome(value, changes, effects)


def flow_log(
    work: Work, contact: Contact, entry: Any, flow_name: str | None, sequence: int
) -> FlowLogRecord:
    record = FlowLogRecord(
        id=work.new_id(),
        arn="",
        contact_id=contact.id,
        sequence=sequence,
        at=entry.at,
        flow_id=entry.flow_id,
        flow_name=flow_name,
        action_id=entry.action_id,
        action_type=entry.action_type,
        parameters=dict(entry.parameters),
        result=entry.result,
        detail=entry.detail,
    )
    return replace(
        record, arn=f"{work.state.instance.arn}/contact/{contact.id}/flow-log/{record.id}"
    )


def while_in_progress(
    contact_id: str, step: Callable[[Work, Contact], object]
) -> Callable[[InstanceState, Env], Outcome[None]]:
    """A command for something that arrives later (a carrier report, a timer, a Lambda answer):
    `step` runs if the contact is still in progress, and nothing happens if it has ended."""

    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        contact = work.find_contact(contact_id)
        if contact is not None and contact.state is not ContactState.ENDED:
            step(work, contact)
        return work.outcome(None)

    return command
