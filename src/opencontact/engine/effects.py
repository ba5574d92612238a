"""What the engine does once a batch of changes is durable: talk to the carrier, start timers,
call Lambda functions, publish events. Effects are data; `engine.runtime` carries them out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opencontact.domain.base import Env, Outcome

if TYPE_CHECKING:
    from opencontact.engine.state import InstanceState

# A command the engine runs later on the instance's writer (timers, carrier events, results).
LiveCommand = Callable[["InstanceState", Env], Outcome[Any]]


@dataclass(frozen=True)
class AnswerCall:
    leg_id: str


@dataclass(frozen=True)
class Say:
    leg_id: str
    texts: tuple[str, ...]
    loop: bool = False


@dataclass(frozen=True)
class StopSaying:
    leg_id: str


@dataclass(frozen=True)
class Converse:
    """These legs hear each other (and nobody else)."""

    leg_ids: tuple[str, ...]


@dataclass(frozen=True)
class HoldLeg:
    leg_id: str


@dataclass(frozen=True)
class HangUp:
    leg_id: str


@dataclass(frozen=True)
class MoveLeg:
    """A leg now belongs to another contact (the customer follows a transfer)."""

    leg_id: str
    contact_id: str
    role: str


@dataclass(frozen=True)
class PairLegs:
    """Two legs left talking without the contact center (the agent left a customer with an
    outside party): when either hangs up, the other is hung up too."""

    first: str
    second: str


@dataclass(frozen=True)
class Dial:
    """Call an outside number for a contact; `role` says who answers (customer, agent, a
    third party) so the engine knows what the new leg is for."""

    contact_id: str
    role: str
    from_number: str
    to_number: str
    ring_seconds: float


@dataclass(frozen=True)
class OpenAgentPhone:
    """Connect an agent's browser softphone to a contact."""

    contact_id: str
    user_id: str
    label: str


@dataclass(frozen=True)
class StartTimer:
    key: str
    seconds: float
    command: LiveCommand


@dataclass(frozen=True)
class CancelTimer:
    key: str


@dataclass(frozen=True)
class CallLambda:
    contact_id: str
    flow_step: int
    function_arn: str
    payload: Mapping[str, Any]
    timeout_seconds: float
    response_type: str


@dataclass(frozen=True)
class ReachRecords:
    """A flow's Customer profiles or Cases block: read or write the record in the store, then
    signal the answer (flows.RecordsAnswered) back to the contact's flow at `flow_step`."""

    instance_id: str
    contact_id: str
    flow_step: int
    request: Any  # flows.run.ProfileRequest | flows.run.CaseRequest
    channel: str
    region: str
    account_id: str


@dataclass(frozen=True)
class Publish:
    event: object
