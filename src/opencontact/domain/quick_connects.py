"""Quick connects: predefined transfer and dial destinations shown in the agent's CCP.

USER sends the contact to an agent through a transfer-to-agent flow, QUEUE to a queue through a
transfer-to-queue flow, PHONE_NUMBER dials an outside number, FLOW runs a flow.

A PHONE_NUMBER quick connect only has to hold a well-formed E.164 number: which countries may be
dialled depends on the instance's region and is checked when an agent uses it, not here.

Queues hold the list of quick connects their agents see (opencontact.domain.queues, which also
has the Associate/Disassociate commands); deleting a quick connect takes it off those lists.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.dialing import check_e164
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.queues import Queue
from opencontact.domain.users import User


class QuickConnectType(enum.StrEnum):
    USER = "USER"
    QUEUE = "QUEUE"
    PHONE_NUMBER = "PHONE_NUMBER"
    FLOW = "FLOW"


@dataclass(frozen=True, kw_only=True)
class QuickConnect(Resource):
    kind: ClassVar[str] = "quick-connect"
    label: ClassVar[str] = "quick connect"
    arn_segment: ClassVar[str] = "transfer-destination"

    name: str
    description: str | None = None
    quick_connect_type: QuickConnectType
    user_id: str | None = None
    queue_id: str | None = None
    phone_number: str | None = None
    contact_flow_id: str | None = None

    @property
    def unique_name(self) -> str:
        return self.name

    def references(self) -> Iterable[tuple[str, str]]:
        if self.user_id:
            yield ("user", self.user_id)
        if self.queue_id:
            yield ("queue", self.queue_id)
        if self.contact_flow_id:
            yield ("contact-flow", self.contact_flow_id)


# -- the destination, as a request gives it ---------------------------------------------------


@dataclass(frozen=True)
class UserConfig:
    user_id: str
    contact_flow_id: str


@dataclass(frozen=True)
class QueueConfig:
    queue_id: str
    contact_flow_id: str


@dataclass(frozen=True)
class PhoneConfig:
    phone_number: str


@dataclass(frozen=True)
class FlowConfig:
    contact_flow_id: str


@dataclass(frozen=True)
class QuickConnectConfig:
    """The type and whichever configuration blocks the request carried; exactly the block of
    the type must be there."""

    quick_connect_type: QuickConnectType
    user: UserConfig | None = None
    queue: QueueConfig | None = None
    phone: PhoneConfig | None = None
    flow: FlowConfig | None = None


@dataclass(frozen=True)
class _Destination:
    user_id: str | None = None
    queue_id: str | None = None
    phone_number: str | None = None
    contact_flow_id: str | None = None


_BLOCK_OF_TYPE = {
    QuickConnectType.USER: "UserConfig",
    QuickConnectType.QUEUE: "QueueConfig",
    QuickConnectType.PHONE_NUMBER: "PhoneConfig",
    QuickConnectType.FLOW: "FlowConfig",
}


def _destination(directory: Directory, config: QuickConnectConfig) -> _Destination:
    """Checks the config against its type and the instance; references become ids."""
    kind = config.quick_connect_type
    blocks = {
        "UserConfig": config.user,
        "QueueConfig": config.queue,
        "PhoneConfig": config.phone,
        "FlowConfig": config.flow,
    }
    needed = _BLOCK_OF_TYPE[kind]
    if blocks[needed] is None:
        raise InvalidParameter(f"A {kind.value} quick connect needs {needed}.")
    extra = sorted(name for name, block in blocks.items() if block is not None and name != needed)
    if extra:
        raise InvalidParameter(
            f"A {kind.value} quick connect takes only {needed}; {', '.join(extra)} does not "
            "belong with it."
        )
    if config.user is not None:
        user = directory.require_reference(User, config.user.user_id, "UserConfig.UserId")
        flow = _flow_of_type(
            directory,
            config.user.contact_flow_id,
            "UserConfig.ContactFlowId",
            kind,
            ContactFlowType.AGENT_TRANSFER,
        )
        return _Destination(user_id=user.id, contact_flow_id=flow.id)
    if config.queue is not None:
        queue_id = _standard_queue_id(directory, config.queue.queue_id)
        flow = _flow_of_type(
            directory,
            config.queue.contact_flow_id,
            "QueueConfig.ContactFlowId",
            kind,
            ContactFlowType.QUEUE_TRANSFER,
        )
        return _Destination(queue_id=queue_id, contact_flow_id=flow.id)
    if config.phone is not None:
        number = check_e164(config.phone.phone_number, "PhoneConfig.PhoneNumber")
        return _Destination(phone_number=number)
    assert config.flow is not None
    flow = _flow_of_type(
        directory,
        config.flow.contact_flow_id,
        "FlowConfig.ContactFlowId",
        kind,
        ContactFlowType.CONTACT_FLOW,
    )
    return _Destination(contact_flow_id=flow.id)


def _flow_of_type(
    directory: Directory,
    reference: str,
    field: str,
    kind: QuickConnectType,
    wanted: ContactFlowType,
) -> ContactFlow:
    flow = directory.require_reference(ContactFlow, reference, field)
    if flow.flow_type is not wanted:
        raise InvalidParameter(
            f"{field} '{reference}' is the flow '{flow.name}' of type {flow.flow_type.value}; "
            f"a {kind.value} quick connect needs a flow of type {wanted.value}."
        )
    return flow


def _standard_queue_id(directory: Directory, reference: str) -> str:
    queue = directory.require_reference(Queue, reference, "QueueConfig.QueueId")
    if queue.is_agent_queue:
        raise InvalidParameter(
            f"QueueConfig.QueueId '{reference}' is an agent queue; a QUEUE quick connect needs "
            "a standard queue (use a USER quick connect to reach one agent)."
        )
    return queue.id


# -- commands -------------------------------------------------------------------------------


def create_quick_connect(
    directory: Directory,
    env: Env,
    *,
    name: str,
    config: QuickConnectConfig,
    description: str | None = None,
    tags: Tags | None = None,
) -> Outcome[QuickConnect]:
    directory.check_name_free(QuickConnect, name)
    destination = _destination(directory, config)
    check_tags(tags or {})
    quick_connect_id = env.new_id()
    quick_connect = QuickConnect(
        id=quick_connect_id,
        arn=directory.arn_for(QuickConnect, quick_connect_id),
        name=name,
        description=description,
        quick_connect_type=config.quick_connect_type,
        user_id=destination.user_id,
        queue_id=destination.queue_id,
        phone_number=destination.phone_number,
        contact_flow_id=destination.contact_flow_id,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(quick_connect, [Put(quick_connect)])


def update_quick_connect_config(
    directory: Directory, env: Env, quick_connect_id: str, config: QuickConnectConfig
) -> Outcome[QuickConnect]:
    """A new destination, possibly of another type; nothing of the old one is kept."""
    quick_connect = directory.require(QuickConnect, quick_connect_id)
    destination = _destination(directory, config)
    updated = replace(
        quick_connect,
        quick_connect_type=config.quick_connect_type,
        user_id=destination.user_id,
        queue_id=destination.queue_id,
        phone_number=destination.phone_number,
        contact_flow_id=destination.contact_flow_id,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def update_quick_connect_name(
    directory: Directory,
    env: Env,
    quick_connect_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
) -> Outcome[QuickConnect]:
    """An empty Description clears it (Connect allows an empty one here, and only here)."""
    quick_connect = directory.require(QuickConnect, quick_connect_id)
    if name is None and description is None:
        raise InvalidParameter("Give a Name, a Description or both.")
    if name is not None:
        directory.check_name_free(QuickConnect, name, except_id=quick_connect.id)
    updated = replace(
        quick_connect,
        name=quick_connect.name if name is None else name,
        description=quick_connect.description if description is None else (description or None),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def delete_quick_connect(directory: Directory, env: Env, quick_connect_id: str) -> Outcome[None]:
    """Also takes the quick connect off every queue that offers it, in the same change."""
    quick_connect = directory.require(QuickConnect, quick_connect_id)
    directory.check_not_in_use(quick_connect)
    changes: list[Put | Remove] = [Remove(quick_connect)]
    for queue in directory.all(Queue):
        if quick_connect.id in queue.quick_connect_ids:
            remaining = tuple(i for i in queue.quick_connect_ids if i != quick_connect.id)
            changes.append(
                Put(
                    replace(
                        queue,
                        quick_connect_ids=remaining,
                        last_modified_time=env.now,
                        last_modified_region=env.region,
                    )
                )
            )
    return Outcome(None, changes)


# -- searching ------------------------------------------------------------------------------


class StringComparison(enum.StrEnum):
    STARTS_WITH = "STARTS_WITH"
    CONTAINS = "CONTAINS"
    EXACT = "EXACT"


# The fields SearchQuickConnects compares, by their lower-cased FieldName (the docs spell the
# last one "resourceID").
_SEARCH_FIELDS = ("name", "description", "resourceid")


@dataclass(frozen=True)
class StringCondition:
    field_name: str
    value: str
    comparison: StringComparison

    def __post_init__(self) -> None:
        if self.field_name.lower() not in _SEARCH_FIELDS:
            raise InvalidParameter(
                f"FieldName '{self.field_name}' cannot be searched; use name, description or "
                "resourceID."
            )

    def matches(self, quick_connect: QuickConnect) -> bool:
        """Case-insensitive, as an admin searching for "support" expects "Support" too."""
        field = self.field_name.lower()
        if field == "name":
            text = quick_connect.name
        elif field == "description":
            text = quick_connect.description or ""
        else:
            text = quick_connect.id
        text, wanted = text.casefold(), self.value.casefold()
        if self.comparison is StringComparison.EXACT:
            return text == wanted
        if self.comparison is StringComparison.STARTS_WITH:
            return text.startswith(wanted)
        return wanted in text


@dataclass(frozen=True)
class SearchCriteria:
    """A tree of conditions. Every part that is given must hold: the string condition, all of
    the AND list, and at least one of the OR list."""

    string_condition: StringCondition | None = None
    and_conditions: tuple[SearchCriteria, ...] | None = None
    or_conditions: tuple[SearchCriteria, ...] | None = None

    def matches(self, quick_connect: QuickConnect) -> bool:
        if self.string_condition is not None and not self.string_condition.matches(quick_connect):
            return False
        if self.and_conditions is not None and not all(
            c.matches(quick_connect) for c in self.and_conditions
        ):
            return False
        return self.or_conditions is None or any(
            c.matches(quick_connect) for c in self.or_conditions
        )


@dataclass(frozen=True)
class TagCondition:
    """A tag the quick connect must carry; without a value, any value will do."""

    key: str | None = None
    value: str | None = None

    def matches(self, quick_connect: QuickConnect) -> bool:
        tags = quick_connect.tags
        if self.key is None:
            return self.value is None or self.value in tags.values()
        return self.key in tags and (self.value is None or tags[self.key] == self.value)


@dataclass(frozen=True)
class TagFilter:
    """Connect's OR of ANDs: every part that is given must hold."""

    tag_condition: TagCondition | None = None
    and_conditions: tuple[TagCondition, ...] | None = None
    or_conditions: tuple[tuple[TagCondition, ...], ...] | None = None

    def matches(self, quick_connect: QuickConnect) -> bool:
        if self.tag_condition is not None and not self.tag_condition.matches(quick_connect):
            return False
        if self.and_conditions is not None and not all(
            c.matches(quick_connect) for c in self.and_conditions
        ):
            return False
        return self.or_conditions is None or any(
            all(c.matches(quick_connect) for c in group) for group in self.or_conditions
        )


def search_quick_connects(
    directory: Directory,
    criteria: SearchCriteria | None = None,
    tag_filter: TagFilter | None = None,
) -> Sequence[QuickConnect]:
    """The quick connects that meet both the criteria and the tag filter, oldest first."""
    return [
        q
        for q in directory.all(QuickConnect)
        if (criteria is None or criteria.matches(q))
        and (tag_filter is None or tag_filter.matches(q))
    ]
