"""Tasks on the Connect API: StartTaskContact (a flow, a quick connect or a task template; now or
at a scheduled time), PauseContact and ResumeContact, and TransferContact.

Each change runs as one command on the instance's writer, so its checks and its changes happen
together: when a check fails, nothing has changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.live import (
    checked_attributes,
    contact_chain,
    idempotent,
    instance_state,
    require_contact,
    run_work,
)
from opencontact.api.connect.operations import operation
from opencontact.api.connect.operations.contacts import references_in, runnable_flow
from opencontact.domain.base import Channel
from opencontact.domain.contact_flows import ContactFlow, ContactFlowState, ContactFlowType
from opencontact.domain.contacts import Contact, InitiationMethod
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest, ResourceNotFound
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.task_templates import TaskTemplate, fill_in
from opencontact.domain.users import User
from opencontact.engine import tasks
from opencontact.engine.work import Work
from opencontact.flows.run import FlowPurpose

T = TypeVar("T")

MAX_TASKS_PER_PREVIOUS_CONTACT = 12
MAX_TRANSFERS = 11
# A ScheduledTime this little in the past (clocks differ) means now; further back is refused.
SCHEDULE_GRACE = timedelta(seconds=60)
MAX_SCHEDULE_AHEAD = timedelta(days=6)


# -- starting a task ---------------------------------------------------------------------------


@operation("StartTaskContact")
async def start_task_contact(call: ConnectCall) -> dict[str, Any]:
    for unsupported in ("Attachments", "SegmentAttributes"):
        if call.get(unsupported):
            raise InvalidRequest(f"OpenContact does not support {unsupported} on tasks yet.")
    return {"ContactId": await idempotent(call, lambda: _start_task(call))}


async def _start_task(call: ConnectCall) -> str:
    directory = instance_state(call).directory
    name, description = call.params["Name"], call.get("Description")
    references = references_in(call.get("References"))
    scheduled = _scheduled(call.get("ScheduledTime"), call.center.clock.now())
    flow_ref, quick_ref = call.get("ContactFlowId"), call.get("QuickConnectId")
    template_ref = call.get("TaskTemplateId")
    template = (
        directory.require_reference(TaskTemplate, template_ref, "TaskTemplateId")
        if template_ref
        else None
    )
    if template is not None:
        filled = fill_in(
            directory,
            template,
            name=name,
            description=description,
            references=references,
            scheduled=scheduled is not None,
        )
        name, description, references = filled.name, filled.description, filled.references
        if filled.flow_id or filled.quick_connect_id:
            if flow_ref or quick_ref:
                raise InvalidParameter(
                    f"Task template '{template.name}' says where its tasks go; give "
                    "TaskTemplateId alone, without ContactFlowId or QuickConnectId."
                )
            flow_ref, quick_ref = filled.flow_id, filled.quick_connect_id
    if bool(flow_ref) == bool(quick_ref):
        raise InvalidParameter(
            "Give exactly one of ContactFlowId and QuickConnectId (or a TaskTemplateId whose "
            "template has a flow): the flow the task starts in, or the quick connect whose "
            "agent or queue it goes to."
        )
    flow = runnable_flow(directory, flow_ref) if flow_ref else None
    quick = _task_quick_connect(directory, quick_ref) if quick_ref else None
    previous_id, related_id = call.get("PreviousContactId"), call.get("RelatedContactId")
    previous = (
        await require_contact(call, previous_id, "PreviousContactId") if previous_id else None
    )
    related = await require_contact(call, related_id, "RelatedContactId") if related_id else None
    if previous is not None:
        await _check_task_chain(call, previous)
    inherited = {
        **(related.attributes if related else {}),
        **(previous.attributes if previous else {}),
    }
    attributes = {**inherited, **checked_attributes(call.get("Attributes") or {}, inherited)}

    def start(work: Work) -> str:
        task = tasks.start_task(
            work,
            name=name,
            description=description,
            quick_connect_id=quick.id if quick else None,
            flow_id=flow.id if flow else None,
            references={key: r.value for key, r in references.items()},
            reference_types={key: r.type for key, r in references.items()},
            attributes=attributes,
            scheduled_at=scheduled,
            template=template,
        )
        links: dict[str, Any] = {}
        if previous is not None:
            # One chain with the previous contact: attribute updates reach every segment.
            links.update(
                previous_contact_id=previous.id, initial_contact_id=previous.initial_contact_id
            )
        links["related_contact_id"] = related.id if related else None
        work.put(replace(work.contact(task.id), **links))
        return task.id

    return await run_work(call, start)


def _task_quick_connect(directory: Directory, reference: str) -> QuickConnect:
    quick = directory.require_reference(QuickConnect, reference, "QuickConnectId")
    if quick.quick_connect_type not in (QuickConnectType.USER, QuickConnectType.QUEUE):
        raise InvalidRequest(
            f"Quick connect '{quick.name}' is a {quick.quick_connect_type.value} quick connect; "
            "a task needs a quick connect to an agent (USER) or a queue (QUEUE)."
        )
    return quick


def _scheduled(value: datetime | None, now: datetime) -> datetime | None:
    """When a scheduled task starts: in the future, at most 6 days ahead (Connect's limit)."""
    if value is None:
        return None
    if value < now - SCHEDULE_GRACE:
        raise InvalidParameter(
            f"ScheduledTime {value.isoformat()} is in the past; a task is scheduled for a time "
            "to come (at most 6 days ahead)."
        )
    if value > now + MAX_SCHEDULE_AHEAD:
        raise InvalidParameter(
            f"ScheduledTime {value.isoformat()} is more than 6 days ahead; Amazon Connect "
            "schedules tasks up to 6 days in the future."
        )
    return max(value, now)


async def _check_task_chain(call: ConnectCall, previous: Contact) -> None:
    linked = [
        c
        for c in await contact_chain(call, previous)
        if c.channel is Channel.TASK and c.previous_contact_id == previous.id
    ]
    if len(linked) >= MAX_TASKS_PER_PREVIOUS_CONTACT:
        raise ConnectError(
            "ServiceQuotaExceededException",
            f"Contact {previous.id} already has {len(linked)} tasks linked to it through "
            f"PreviousContactId; Amazon Connect allows {MAX_TASKS_PER_PREVIOUS_CONTACT}.",
        )


# -- pausing and resuming ----------------------------------------------------------------------


async def _on_live_task(
    call: ConnectCall, step: Callable[[Work, Contact], object], action: str
) -> None:
    """Run `step` on the live task named by ContactId; a state that does not allow it is
    Connect's ConflictException."""
    contact_id = call.params["ContactId"]

    def run(work: Work) -> None:
        contact = work.find_contact(contact_id)
        if contact is None:
            raise ResourceNotFound(
                f"Contact '{contact_id}' is not in progress in instance "
                f"{work.state.instance.id}: it has ended, or never existed."
            )
        if contact.channel is not Channel.TASK:
            raise InvalidRequest(
                f"Contact {contact_id} is a {contact.channel.value} contact; only tasks can be "
                f"{action} (and emails, which OpenContact does not have)."
            )
        step(work, contact)

    try:
        await run_work(call, run)
    except tasks.TaskStateConflict as conflict:
        raise ConnectError("ConflictException", conflict.message) from None


def _flow_given(call: ConnectCall) -> ContactFlow | None:
    reference = call.get("ContactFlowId")
    return runnable_flow(instance_state(call).directory, reference) if reference else None


@operation("PauseContact")
async def pause_contact(call: ConnectCall) -> dict[str, Any]:
    # A ContactFlowId must name a flow the task could run; pausing itself runs no flow.
    _flow_given(call)
    await _on_live_task(call, tasks.pause, "paused")
    return {}


@operation("ResumeContact")
async def resume_contact(call: ConnectCall) -> dict[str, Any]:
    flow = _flow_given(call)
    flow_id = flow.id if flow else None
    await _on_live_task(
        call, lambda work, task: tasks.resume(work, task, flow_id=flow_id), "resumed"
    )
    return {}


# -- transferring ------------------------------------------------------------------------------

_TRANSFER_FLOW_TYPES = {
    ContactFlowType.CONTACT_FLOW: FlowPurpose.INBOUND,
    ContactFlowType.AGENT_TRANSFER: FlowPurpose.AGENT_TRANSFER,
    ContactFlowType.QUEUE_TRANSFER: FlowPurpose.QUEUE_TRANSFER,
}


@operation("TransferContact")
async def transfer_contact(call: ConnectCall) -> dict[str, Any]:
    contact_id = await idempotent(call, lambda: _transfer(call))
    state = instance_state(call)
    return {"ContactId": contact_id, "ContactArn": f"{state.instance.arn}/contact/{contact_id}"}


async def _transfer(call: ConnectCall) -> str:
    directory = instance_state(call).directory
    queue_ref, user_ref = call.get("QueueId"), call.get("UserId")
    if bool(queue_ref) == bool(user_ref):
        raise InvalidRequest(
            "Give exactly one of QueueId and UserId: the queue or the agent the task goes to."
        )
    flow = _transfer_flow(directory, call.params["ContactFlowId"])
    purpose = _TRANSFER_FLOW_TYPES[flow.flow_type]
    if purpose is FlowPurpose.AGENT_TRANSFER and not user_ref:
        raise InvalidRequest(f"Flow '{flow.name}' transfers to an agent; give UserId.")
    if purpose is FlowPurpose.QUEUE_TRANSFER and not queue_ref:
        raise InvalidRequest(f"Flow '{flow.name}' transfers to a queue; give QueueId.")
    user = directory.require_reference(User, user_ref, "UserId") if user_ref else None
    queue = directory.require_reference(Queue, queue_ref, "QueueId") if queue_ref else None
    task = await require_contact(call, call.params["ContactId"])
    if task.channel is not Channel.TASK:
        raise InvalidRequest(
            f"Contact {task.id} is a {task.channel.value} contact; TransferContact transfers "
            "tasks (and emails, which OpenContact does not have). Agents transfer calls and "
            "chats from the CCP."
        )
    transfers = sum(
        1
        for c in await contact_chain(call, task)
        if c.initiation_method is InitiationMethod.TRANSFER
    )
    if transfers >= MAX_TRANSFERS:
        raise ConnectError(
            "ServiceQuotaExceededException",
            f"Task {task.id} has been transferred {transfers} times; Amazon Connect allows "
            f"{MAX_TRANSFERS}.",
        )
    route = tasks.Route(
        flow.id,
        purpose,
        target_user_id=user.id if user else None,
        target_queue_id=queue.id if queue else None,
    )

    def move(work: Work) -> str:
        return tasks.transfer(work, work.contact(task.id), route).id

    return await run_work(call, move)


def _transfer_flow(directory: Directory, reference: str) -> ContactFlow:
    flow = directory.require_reference(ContactFlow, reference, "ContactFlowId")
    if flow.flow_type not in _TRANSFER_FLOW_TYPES:
        raise InvalidRequest(
            f"Flow '{flow.name}' is a {flow.flow_type.value} flow; a task is transferred "
            "through a flow of type CONTACT_FLOW, AGENT_TRANSFER or QUEUE_TRANSFER."
        )
    if not flow.is_published or flow.state is ContactFlowState.ARCHIVED:
        shown = "archived" if flow.state is ContactFlowState.ARCHIVED else "not published"
        raise InvalidRequest(f"Flow '{flow.name}' is {shown}; publish it before using it.")
    return flow
