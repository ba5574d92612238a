"""Agent statuses: Available (routable), Offline, and the custom ones admins add.

An agent chooses one of the enabled statuses in the CCP; only a ROUTABLE one receives contacts.
The two system statuses always exist and can never be disabled.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import ClassVar

from opencontact.domain.base import Env, Outcome, Put, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest

MAX_DISPLAY_ORDER = 50


class AgentStatusType(enum.StrEnum):
    ROUTABLE = "ROUTABLE"
    CUSTOM = "CUSTOM"
    OFFLINE = "OFFLINE"


class AgentStatusState(enum.StrEnum):
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"


@dataclass(frozen=True, kw_only=True)
class AgentStatus(Resource):
    kind: ClassVar[str] = "agent-status"
    label: ClassVar[str] = "agent status"
    arn_segment: ClassVar[str] = "agent-state"

    name: str
    description: str | None = None
    status_type: AgentStatusType
    state: AgentStatusState = AgentStatusState.ENABLED
    display_order: int | None = None

    @property
    def unique_name(self) -> str:
        return self.name

    @property
    def is_system(self) -> bool:
        return self.status_type is not AgentStatusType.CUSTOM


def _check_display_order(display_order: int | None) -> None:
    if display_order is not None and not 1 <= display_order <= MAX_DISPLAY_ORDER:
        raise InvalidParameter(
            f"DisplayOrder must be between 1 and {MAX_DISPLAY_ORDER}, not {display_order}."
        )


def create_agent_status(
    directory: Directory,
    env: Env,
    *,
    name: str,
    state: AgentStatusState,
    description: str | None = None,
    display_order: int | None = None,
    tags: Tags | None = None,
) -> Outcome[AgentStatus]:
    """Admins create CUSTOM statuses; the system ones come with the instance."""
    directory.check_name_free(AgentStatus, name)
    _check_display_order(display_order)
    check_tags(tags or {})
    status_id = env.new_id()
    status = AgentStatus(
        id=status_id,
        arn=directory.arn_for(AgentStatus, status_id),
        name=name,
        description=description,
        status_type=AgentStatusType.CUSTOM,
        state=state,
        display_order=display_order,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(status, [Put(status)])


def update_agent_status(
    directory: Directory,
    env: Env,
    status_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    state: AgentStatusState | None = None,
    display_order: int | None = None,
    reset_order_number: bool = False,
) -> Outcome[AgentStatus]:
    status = directory.require(AgentStatus, status_id)
    if name is not None and name != status.name:
        directory.check_name_free(AgentStatus, name, except_id=status.id)
    if state is AgentStatusState.DISABLED and status.is_system:
        raise InvalidRequest(f"The system status '{status.name}' cannot be disabled.")
    if display_order is not None and reset_order_number:
        raise InvalidParameter("Give either DisplayOrder or ResetOrderNumber, not both.")
    _check_display_order(display_order)
    updated = replace(
        status,
        name=status.name if name is None else name,
        description=status.description if description is None else description,
        state=status.state if state is None else state,
        display_order=None
        if reset_order_number
        else (status.display_order if display_order is None else display_order),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def statuses_for_agents(directory: Directory) -> list[AgentStatus]:
    """The statuses an agent can pick, in the order the CCP lists them."""
    enabled = [s for s in directory.all(AgentStatus) if s.state is AgentStatusState.ENABLED]
    return sorted(enabled, key=lambda s: (s.display_order or MAX_DISPLAY_ORDER + 1, s.name))
