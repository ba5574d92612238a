"""Domain objects to JSON documents and back (pydantic does the walking of the dataclasses)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from opencontact.domain.agent_statuses import AgentStatus
from opencontact.domain.agents import Agent
from opencontact.domain.base import Entity, Resource
from opencontact.domain.chats import ChatItem
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.contacts import Contact
from opencontact.domain.flow_logs import FlowLogRecord
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.instance import Instance
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.task_templates import TaskTemplate
from opencontact.domain.users import User

RESOURCE_TYPES: tuple[type[Resource], ...] = (
    AgentStatus,
    ContactFlow,
    HoursOfOperation,
    PhoneNumber,
    Queue,
    QuickConnect,
    RoutingProfile,
    SecurityProfile,
    TaskTemplate,
    User,
)

_ADAPTERS: dict[str, TypeAdapter[Any]] = {cls.kind: TypeAdapter(cls) for cls in RESOURCE_TYPES}
_ADAPTERS[Instance.kind] = TypeAdapter(Instance)
_ADAPTERS[Contact.kind] = TypeAdapter(Contact)
_ADAPTERS[Agent.kind] = TypeAdapter(Agent)
_ADAPTERS[FlowLogRecord.kind] = TypeAdapter(FlowLogRecord)


def dump(entity: Entity) -> dict[str, Any]:
    document: dict[str, Any] = _ADAPTERS[entity.kind].dump_python(entity, mode="json")
    return document


def load_resource(kind: str, document: dict[str, Any]) -> Resource:
    resource: Resource = _ADAPTERS[kind].validate_python(document)
    return resource


def load_contact(document: dict[str, Any]) -> Contact:
    contact: Contact = _ADAPTERS[Contact.kind].validate_python(document)
    return contact


def load_agent(document: dict[str, Any]) -> Agent:
    agent: Agent = _ADAPTERS[Agent.kind].validate_python(document)
    return agent


def load_flow_log(document: dict[str, Any]) -> FlowLogRecord:
    record: FlowLogRecord = _ADAPTERS[FlowLogRecord.kind].validate_python(document)
    return record


def load_instance(document: dict[str, Any]) -> Instance:
    instance: Instance = _ADAPTERS[Instance.kind].validate_python(document)
    return instance


_CHAT_ITEM: TypeAdapter[ChatItem] = TypeAdapter(ChatItem)


def dump_chat_item(item: ChatItem) -> dict[str, Any]:
    document: dict[str, Any] = _CHAT_ITEM.dump_python(item, mode="json")
    return document


def load_chat_item(document: dict[str, Any]) -> ChatItem:
    return _CHAT_ITEM.validate_python(document)
