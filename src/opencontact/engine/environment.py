"""The world as a flow sees it: a `FlowEnvironment` over one instance's state."""

from __future__ import annotations

import functools
import hashlib
import random
from datetime import datetime

from opencontact.domain.contact_flows import ContactFlow, ContactFlowStatus
from opencontact.domain.contacts import Contact
from opencontact.domain.hours import HoursOfOperation
from opencontact.domain.phone_numbers import PhoneNumber
from opencontact.domain.queues import Queue, QueueType
from opencontact.domain.users import User
from opencontact.engine.metrics import contacts_in_queue, queue_figures
from opencontact.engine.state import InstanceState
from opencontact.flows.document import FlowDocument, FlowSyntaxError, parse_flow
from opencontact.flows.run import AgentData, ContactData, EndpointData, QueueData, QueueMetrics


@functools.lru_cache(maxsize=512)
def _parsed(flow_id: str, content: str) -> FlowDocument | None:
    try:
        return parse_flow(content)
    except FlowSyntaxError:
        return None


def published_flow(state: InstanceState, reference: str) -> tuple[ContactFlow, FlowDocument] | None:
    """A flow that can run: published (a saved draft of it does not run), and parseable."""
    flow = state.directory.find_by_arn_or_id(ContactFlow, reference.split(":$", 1)[0])
    if flow is None or flow.status is not ContactFlowStatus.PUBLISHED:
        return None
    document = _parsed(flow.id, flow.content)
    return (flow, document) if document is not None else None


def agent_data(state: InstanceState, user: User) -> AgentData:
    info = user.identity_info
    return AgentData(
        id=user.id,
        arn=user.arn,
        username=user.username,
        first_name=info.first_name,
        last_name=info.last_name,
        queue_id=user.id,
    )


def find_user(state: InstanceState, reference: str) -> User | None:
    """A user by id, ARN or username (flows name agents all three ways)."""
    found = state.directory.find_by_arn_or_id(User, reference)
    return found or state.directory.find_by_name(User, reference)


class EngineFlowEnvironment:
    def __init__(self, state: InstanceState, contact: Contact, now: datetime) -> None:
        self._state = state
        self._contact = contact
        self._now = now
        seed = hashlib.sha256(f"{contact.id}:{contact.flow_step}".encode()).digest()
        self._random = random.Random(seed)
        # The interpreter asks for the same things many times in one advance; they cannot
        # change meanwhile (the writer runs one command at a time).
        self._contact_data: ContactData | None = None
        self._queues: dict[str, QueueData | None] = {}

    def now(self) -> datetime:
        return self._now

    def contact(self) -> ContactData:
        if self._contact_data is None:
            self._contact_data = self._read_contact()
        return self._contact_data

    def _read_contact(self) -> ContactData:
        contact = self._contact
        queue_reference = contact.target_queue_id or contact.queue_id
        queue = self.queue(queue_reference) if queue_reference else None
        agent_id = contact.transfer_target_user_id or contact.agent_id
        user = self._state.directory.get(User, agent_id) if agent_id else None
        return ContactData(
            contact_id=contact.id,
            initial_contact_id=contact.initial_contact_id,
            previous_contact_id=contact.previous_contact_id,
            channel=contact.channel.value,
            initiation_method=contact.initiation_method.value,
            instance_arn=self._state.instance.arn,
            attributes=contact.attributes,
            customer_endpoint=_endpoint(contact.customer_endpoint),
            system_endpoint=_endpoint(contact.system_endpoint),
            queue=queue,
            agent=agent_data(self._state, user) if user else None,
            name=contact.name,
            description=contact.description,
            references=contact.references,
            language_code=contact.language_code,
            text_to_speech_voice=contact.voice,
            tags=contact.tags,
            flow_logging=contact.flow_logging,
        )

    def flow(self, reference: str) -> tuple[str, FlowDocument] | None:
        found = published_flow(self._state, reference)
        return (found[0].id, found[1]) if found else None

    def queue(self, reference: str) -> QueueData | None:
        if reference not in self._queues:
            self._queues[reference] = self._read_queue(reference)
        return self._queues[reference]

    def _read_queue(self, reference: str) -> QueueData | None:
        queue = self._state.directory.find_by_arn_or_id(Queue, reference)
        if queue is None:
            return None
        hours = (
            self._state.directory.get(HoursOfOperation, queue.hours_of_operation_id)
            if queue.hours_of_operation_id
            else None
        )
        caller = queue.outbound_caller_config
        number = (
            self._state.directory.get(PhoneNumber, caller.caller_id_number_id)
            if caller.caller_id_number_id
            else None
        )
        return QueueData(
            id=queue.id,
            arn=queue.arn,
            name=queue.name,
            queue_type=queue.queue_type.value,
            outbound_caller_id_name=caller.caller_id_name,
            outbound_caller_id_number=number.phone_number if number else None,
            at_capacity=queue.queue_type is QueueType.STANDARD
            and queue.max_contacts is not None
            and contacts_in_queue(self._state, queue.id) >= queue.max_contacts,
            open_now=hours.is_open(self._now) if hours else None,
        )

    def queue_metrics(self, queue: QueueData) -> QueueMetrics:
        figures = queue_figures(self._state, queue.id, self._now)
        return QueueMetrics(
            contacts_in_queue=figures.contacts_in_queue,
            oldest_contact_age_seconds=figures.oldest_contact_age_seconds,
            agents_online=figures.agents_online,
            agents_available=figures.agents_available,
            agents_staffed=figures.agents_staffed,
            agents_after_contact_work=figures.agents_after_contact_work,
            agents_busy=figures.agents_busy,
            agents_missed=figures.agents_missed,
            agents_non_productive=figures.agents_non_productive,
        )

    def agent(self, reference: str) -> AgentData | None:
        user = find_user(self._state, reference)
        return agent_data(self._state, user) if user else None

    def hours_open(self, hours_reference: str) -> bool | None:
        hours = self._state.directory.find_by_arn_or_id(HoursOfOperation, hours_reference)
        return hours.is_open(self._now) if hours else None

    def random_percent(self) -> float:
        return self._random.random() * 100


def _endpoint(endpoint: object) -> EndpointData | None:
    if endpoint is None:
        return None
    return EndpointData(type=endpoint.type, address=endpoint.address)  # type: ignore[attr-defined]
