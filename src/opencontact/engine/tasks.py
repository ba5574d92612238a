"""Tasks: contacts that are work to do rather than someone to talk to (StartTaskContact, Create
task in the CCP's after-contact work, the CreateTask flow block).

A task goes where its quick connect says (an agent through the transfer-to-agent flow, a queue
through the transfer-to-queue flow) or runs the contact flow it was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow
from opencontact.domain.contacts import Contact, InitiationMethod
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.users import User
from opencontact.engine import contact_work, flow_runner
from opencontact.engine.work import Work
from opencontact.flows.run import FlowPurpose


def start_task(
    work: Work,
    *,
    name: str,
    description: str | None = None,
    quick_connect_id: str | None = None,
    flow_id: str | None = None,
    previous_contact_id: str | None = None,
    references: Mapping[str, str] | None = None,
    attributes: Mapping[str, str] | None = None,
) -> Contact:
    if bool(quick_connect_id) == bool(flow_id):
        raise InvalidParameter("Give a task either a quick connect or a contact flow, not both.")
    previous = work.find_contact(previous_contact_id) if previous_contact_id else None
    task = contact_work.new_contact(
        work,
        channel=Channel.TASK,
        initiation_method=InitiationMethod.API,
        related_contact_id=previous_contact_id,
        name=name,
        description=description,
        references=dict(references or {}),
        attributes={**(previous.attributes if previous else {}), **(attributes or {})},
        customer_endpoint=previous.customer_endpoint if previous else None,
        connected_to_system_at=work.now,
    )
    if flow_id:
        flow = work.state.directory.require(ContactFlow, flow_id)
        flow_runner.start_flow(work, task, flow.id, FlowPurpose.INBOUND)
        return work.contact(task.id)
    quick_connect = work.state.directory.require(QuickConnect, quick_connect_id or "")
    kind = quick_connect.quick_connect_type
    if kind is QuickConnectType.USER:
        target = work.state.directory.require(User, quick_connect.user_id or "")
        task = work.put(_targeted(task, target_user_id=target.id))
        purpose = FlowPurpose.AGENT_TRANSFER
    elif kind is QuickConnectType.QUEUE:
        queue = work.state.directory.require(Queue, quick_connect.queue_id or "")
        task = work.put(_targeted(task, target_queue_id=queue.id))
        purpose = FlowPurpose.QUEUE_TRANSFER
    else:
        raise InvalidRequest(
            f"Quick connect '{quick_connect.name}' is a {kind.value} quick connect; a task needs "
            "one that goes to an agent or a queue."
        )
    flow_runner.start_flow(work, task, quick_connect.contact_flow_id or "", purpose)
    return work.contact(task.id)


def _targeted(
    task: Contact, *, target_user_id: str | None = None, target_queue_id: str | None = None
) -> Contact:
    return replace(task, transfer_target_user_id=target_user_id, target_queue_id=target_queue_id)
