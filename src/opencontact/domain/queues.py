"""Queues: where contacts wait for an agent.

STANDARD queues are configured by admins. Every user also has an AGENT queue of their own, which
is how a contact is transferred to one particular agent. An agent queue comes and goes with its
user, so the queue commands below refuse to change one; Amazon Connect lists agent queues but
does not describe them, and neither does OpenContact.

A queue also carries the quick connects its agents see in the CCP; the list holds ids in the
order they were associated, and deleting a quick connect takes it off every queue.

Users, routing profiles and quick connects all point at queues, so this module sits below them
and imports none of them at load time; the two functions that look quick connects up import
the class when they run.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest, ResourceNotFound
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.phone_numbers import PhoneNumber

if TYPE_CHECKING:
    from opencontact.domain.quick_connects import QuickConnect

# The most quick connects one AssociateQueueQuickConnects / CreateQueue request may name.
MAX_QUICK_CONNECTS_PER_REQUEST = 50


class QueueType(enum.StrEnum):
    STANDARD = "STANDARD"
    AGENT = "AGENT"


class QueueStatus(enum.StrEnum):
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"


@dataclass(frozen=True)
class OutboundCallerConfig:
    caller_id_name: str | None = None
    caller_id_number_id: str | None = None
    outbound_flow_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Queue(Resource):
    kind: ClassVar[str] = "queue"
    label: ClassVar[str] = "queue"
    arn_segment: ClassVar[str] = "queue"

    name: str
    description: str | None = None
    queue_type: QueueType = QueueType.STANDARD
    hours_of_operation_id: str | None = None
    # None = no limit.
    max_contacts: int | None = None
    status: QueueStatus = QueueStatus.ENABLED
    outbound_caller_config: OutboundCallerConfig = OutboundCallerConfig()
    quick_connect_ids: tuple[str, ...] = ()
    # The user an AGENT queue belongs to.
    user_id: str | None = None

    @property
    def unique_name(self) -> str | None:
        return self.name if self.queue_type is QueueType.STANDARD else None

    @property
    def is_agent_queue(self) -> bool:
        return self.queue_type is QueueType.AGENT

    def references(self) -> Iterable[tuple[str, str]]:
        if self.hours_of_operation_id:
            yield ("hours-of-operation", self.hours_of_operation_id)
        caller = self.outbound_caller_config
        if caller.outbound_flow_id:
            yield ("contact-flow", caller.outbound_flow_id)
        # A released caller-ID number would leave the queue's outbound calls without one.
        if caller.caller_id_number_id:
            yield ("phone-number", caller.caller_id_number_id)


# -- finding queues ------------------------------------------------------------------------


def standard_queue(directory: Directory, reference: str) -> Queue:
    """A queue to read (DescribeQueue, ListQueueQuickConnects). Amazon Connect answers 404 for
    an agent queue there; the message says why, so nobody hunts for a missing queue."""
    queue = directory.require(Queue, reference)
    if queue.is_agent_queue:
        raise ResourceNotFound(
            f"Queue '{reference}' is the agent queue of {_owner(directory, queue)}; agent "
            "queues are not described, only listed (ListQueues with QueueTypes AGENT)."
        )
    return queue


def _changeable_queue(directory: Directory, reference: str, verb: str) -> Queue:
    """A standard queue to change; `verb` says what was refused for an agent queue."""
    queue = directory.require(Queue, reference)
    if queue.is_agent_queue:
        raise InvalidRequest(
            f"Queue '{reference}' is the agent queue of {_owner(directory, queue)} and cannot "
            f"be {verb}: an agent queue belongs to its user and goes when the user is deleted."
        )
    return queue


def _owner(directory: Directory, queue: Queue) -> str:
    """The owning user, by name (found without the User class; see the module docstring)."""
    for resource in directory:
        if resource.kind == "user" and resource.id == queue.user_id:
            return f"user '{resource.unique_name}'"
    return "a user"


# -- checking what a queue refers to ------------------------------------------------------


def check_outbound_caller_config(
    directory: Directory, config: OutboundCallerConfig
) -> OutboundCallerConfig:
    """The config with its references checked and turned into ids: the caller-ID number must
    be claimed by this instance and the flow must be an outbound whisper flow."""
    number_id = None
    if config.caller_id_number_id is not None:
        number = directory.require_reference(
            PhoneNumber, config.caller_id_number_id, "OutboundCallerIdNumberId"
        )
        number_id = number.id
    flow_id = None
    if config.outbound_flow_id is not None:
        flow = directory.require_reference(ContactFlow, config.outbound_flow_id, "OutboundFlowId")
        if flow.flow_type is not ContactFlowType.OUTBOUND_WHISPER:
            raise InvalidParameter(
                f"OutboundFlowId '{config.outbound_flow_id}' is the flow '{flow.name}' of type "
                f"{flow.flow_type.value}; a queue's outbound flow must be an outbound whisper "
                "flow (OUTBOUND_WHISPER)."
            )
        flow_id = flow.id
    return OutboundCallerConfig(config.caller_id_name, number_id, flow_id)


def _check_max_contacts(max_contacts: int | None) -> None:
    if max_contacts is not None and max_contacts < 0:
        raise InvalidParameter(f"MaxContacts must be 0 or more, not {max_contacts}.")


def _quick_connect_ids(directory: Directory, references: Sequence[str]) -> list[str]:
    """The ids of the named quick connects, each once, in the order given."""
    from opencontact.domain.quick_connects import QuickConnect  # see the module docstring

    if not 1 <= len(references) <= MAX_QUICK_CONNECTS_PER_REQUEST:
        raise InvalidParameter(
            f"QuickConnectIds must name 1 to {MAX_QUICK_CONNECTS_PER_REQUEST} quick connects; "
            f"{len(references)} given."
        )
    ids: list[str] = []
    for reference in references:
        quick_connect = directory.require_reference(QuickConnect, reference, "QuickConnectIds")
        if quick_connect.id not in ids:
            ids.append(quick_connect.id)
    return ids


# -- commands -------------------------------------------------------------------------------


def create_queue(
    directory: Directory,
    env: Env,
    *,
    name: str,
    hours_of_operation_id: str,
    description: str | None = None,
    max_contacts: int | None = None,
    outbound_caller_config: OutboundCallerConfig | None = None,
    quick_connect_ids: Sequence[str] = (),
    tags: Tags | None = None,
) -> Outcome[Queue]:
    """A new STANDARD queue, enabled."""
    directory.check_name_free(Queue, name)
    hours = directory.require_reference(
        HoursOfOperation, hours_of_operation_id, "HoursOfOperationId"
    )
    _check_max_contacts(max_contacts)
    caller = check_outbound_caller_config(
        directory, outbound_caller_config or OutboundCallerConfig()
    )
    quick_connects = _quick_connect_ids(directory, quick_connect_ids) if quick_connect_ids else []
    check_tags(tags or {})
    queue_id = env.new_id()
    queue = Queue(
        id=queue_id,
        arn=directory.arn_for(Queue, queue_id),
        name=name,
        description=description,
        hours_of_operation_id=hours.id,
        max_contacts=max_contacts,
        outbound_caller_config=caller,
        quick_connect_ids=tuple(quick_connects),
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(queue, [Put(queue)])


def _saved(queue: Queue, env: Env) -> Outcome[Queue]:
    updated = replace(queue, last_modified_time=env.now, last_modified_region=env.region)
    return Outcome(updated, [Put(updated)])


def update_queue_name(
    directory: Directory,
    env: Env,
    queue_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
) -> Outcome[Queue]:
    queue = _changeable_queue(directory, queue_id, "renamed")
    if name is None and description is None:
        raise InvalidParameter("Give a Name, a Description or both.")
    if name is not None:
        directory.check_name_free(Queue, name, except_id=queue.id)
    return _saved(
        replace(
            queue,
            name=queue.name if name is None else name,
            description=queue.description if description is None else description,
        ),
        env,
    )


def update_queue_hours_of_operation(
    directory: Directory, env: Env, queue_id: str, hours_of_operation_id: str
) -> Outcome[Queue]:
    queue = _changeable_queue(directory, queue_id, "given other hours of operation")
    hours = directory.require_reference(
        HoursOfOperation, hours_of_operation_id, "HoursOfOperationId"
    )
    return _saved(replace(queue, hours_of_operation_id=hours.id), env)


def update_queue_max_contacts(
    directory: Directory, env: Env, queue_id: str, max_contacts: int | None
) -> Outcome[Queue]:
    """None lifts the limit, as leaving MaxContacts out of the request does in Connect."""
    queue = _changeable_queue(directory, queue_id, "given a contact limit")
    _check_max_contacts(max_contacts)
    return _saved(replace(queue, max_contacts=max_contacts), env)


def update_queue_status(
    directory: Directory, env: Env, queue_id: str, status: QueueStatus
) -> Outcome[Queue]:
    queue = _changeable_queue(directory, queue_id, "enabled or disabled")
    return _saved(replace(queue, status=status), env)


def update_queue_outbound_caller_config(
    directory: Directory, env: Env, queue_id: str, config: OutboundCallerConfig
) -> Outcome[Queue]:
    """The whole config is replaced: a member left out is cleared, as the admin website saves
    the caller-ID name, number and flow together."""
    queue = _changeable_queue(directory, queue_id, "given an outbound caller configuration")
    caller = check_outbound_caller_config(directory, config)
    return _saved(replace(queue, outbound_caller_config=caller), env)


def associate_queue_quick_connects(
    directory: Directory, env: Env, queue_id: str, quick_connect_ids: Sequence[str]
) -> Outcome[Queue]:
    """Adds the quick connects after those already there; one already associated stays put."""
    queue = _changeable_queue(directory, queue_id, "given quick connects")
    added = _quick_connect_ids(directory, quick_connect_ids)
    combined = list(queue.quick_connect_ids) + [
        i for i in added if i not in queue.quick_connect_ids
    ]
    return _saved(replace(queue, quick_connect_ids=tuple(combined)), env)


def disassociate_queue_quick_connects(
    directory: Directory, env: Env, queue_id: str, quick_connect_ids: Sequence[str]
) -> Outcome[Queue]:
    """Removing one that is not associated is harmless, but each must exist."""
    queue = _changeable_queue(directory, queue_id, "changed")
    removed = set(_quick_connect_ids(directory, quick_connect_ids))
    remaining = tuple(i for i in queue.quick_connect_ids if i not in removed)
    return _saved(replace(queue, quick_connect_ids=remaining), env)


def queue_quick_connects(directory: Directory, queue_id: str) -> tuple[Queue, list[QuickConnect]]:
    """A standard queue and its quick connects, in the order they were associated."""
    from opencontact.domain.quick_connects import QuickConnect  # see the module docstring

    queue = standard_queue(directory, queue_id)
    found = (directory.get(QuickConnect, i) for i in queue.quick_connect_ids)
    return queue, [q for q in found if q is not None]


def delete_queue(directory: Directory, queue_id: str) -> Outcome[None]:
    """Refused while a routing profile takes contacts from it or dials out through it, or a
    quick connect transfers to it."""
    queue = _changeable_queue(directory, queue_id, "deleted")
    directory.check_not_in_use(queue)
    return Outcome(None, [Remove(queue)])
