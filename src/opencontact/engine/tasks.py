"""Tasks: contacts that are work to do rather than someone to talk to (StartTaskContact, Create
task in the CCP's after-contact work, the CreateTask flow block), and what only tasks do.

A task goes where its quick connect says (an agent through the transfer-to-agent flow, a queue
through the transfer-to-queue flow) or runs the contact flow it was given. A task with a
scheduled time waits, SCHEDULED, until then: a clock timer (re-armed by `engine.recovery` after
a restart) starts its flow at that time.

Pausing (PauseContact, the CCP's Pause): a task waiting in a queue leaves the queue; a task with
an agent stays with them but no longer takes one of their slots, so they can be offered other
work. Resuming puts a task back with its agent, or back in its queue (or into the flow given).

Transferring (TransferContact, the CCP's Transfer through a quick connect): a new task segment
goes to the target agent or queue through a flow; the segment transferred ends, and the agent
who had it goes to after-contact work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from opencontact.domain.base import Channel, Env, Outcome
from opencontact.domain.contacts import (
    AgentLegState,
    Contact,
    ContactState,
    DisconnectReason,
    InitiationMethod,
)
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.queues import Queue
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.task_templates import TaskTemplate
from opencontact.domain.users import User
from opencontact.engine import contact_work, flow_runner
from opencontact.engine import effects as fx
from opencontact.engine.effects import LiveCommand
from opencontact.engine.state import InstanceState
from opencontact.engine.work import Work
from opencontact.flows.run import FlowPurpose


class TaskStateConflict(InvalidRequest):
    """The task's state does not allow the move now (Connect's ConflictException)."""


@dataclass(frozen=True)
class Route:
    """Where a task goes: the flow it starts in and, through a quick connect, its target."""

    flow_id: str
    purpose: FlowPurpose = FlowPurpose.INBOUND
    target_user_id: str | None = None
    target_queue_id: str | None = None


def quick_connect_route(work: Work, quick_connect_id: str) -> Route:
    quick_connect = work.state.directory.require(QuickConnect, quick_connect_id)
    kind = quick_connect.quick_connect_type
    flow_id = quick_connect.contact_flow_id or ""
    if kind is QuickConnectType.USER:
        target = work.state.directory.require(User, quick_connect.user_id or "")
        return Route(flow_id, FlowPurpose.AGENT_TRANSFER, target_user_id=target.id)
    if kind is QuickConnectType.QUEUE:
        queue = work.state.directory.require(Queue, quick_connect.queue_id or "")
        return Route(flow_id, FlowPurpose.QUEUE_TRANSFER, target_queue_id=queue.id)
    raise InvalidRequest(
        f"Quick connect '{quick_connect.name}' is a {kind.value} quick connect; a task needs "
        "one that goes to an agent or a queue."
    )


# -- starting -----------------------------------------------------------------------------------


def start_task(
    work: Work,
    *,
    name: str,
    description: str | None = None,
    quick_connect_id: str | None = None,
    flow_id: str | None = None,
    previous_contact_id: str | None = None,
    references: Mapping[str, str] | None = None,
    reference_types: Mapping[str, str] | None = None,
    attributes: Mapping[str, str] | None = None,
    scheduled_at: datetime | None = None,
    template: TaskTemplate | None = None,
) -> Contact:
    if bool(quick_connect_id) == bool(flow_id):
        raise InvalidParameter("Give a task either a quick connect or a contact flow, not both.")
    previous = work.find_contact(previous_contact_id) if previous_contact_id else None
    route = quick_connect_route(work, quick_connect_id) if quick_connect_id else None
    task = contact_work.new_contact(
        work,
        channel=Channel.TASK,
        initiation_method=InitiationMethod.API,
        related_contact_id=previous_contact_id,
        name=name,
        description=description,
        references=dict(references or {}),
        reference_types=dict(reference_types or {}),
        attributes={**(previous.attributes if previous else {}), **(attributes or {})},
        customer_endpoint=previous.customer_endpoint if previous else None,
        connected_to_system_at=work.now,
        task_template_id=template.id if template else None,
        task_template_arn=template.arn if template else None,
        task_template_name=template.name if template else None,
        transfer_target_user_id=route.target_user_id if route else None,
        target_queue_id=route.target_queue_id if route else None,
    )
    route = route or Route(flow_id or "")
    if scheduled_at is not None and scheduled_at > work.now:
        return schedule(work, task, route, scheduled_at)
    flow_runner.start_flow(work, task, route.flow_id, route.purpose)
    return work.contact(task.id)


def schedule(work: Work, task: Contact, route: Route, at: datetime) -> Contact:
    """The task waits until `at`; then its flow starts."""
    task = work.put(
        replace(
            task,
            state=ContactState.SCHEDULED,
            scheduled_at=at,
            scheduled_flow_id=route.flow_id,
            scheduled_flow_purpose=route.purpose,
            connected_to_system_at=None,
        )
    )
    arm_schedule(work, task)
    return task


def _schedule_timer(contact_id: str) -> str:
    return f"{contact_id}:schedule"


def arm_schedule(work: Work, task: Contact) -> None:
    """The timer that starts a scheduled task; one whose time has passed (the server was down
    then) starts now."""
    if task.scheduled_at is None:
        return
    seconds = (task.scheduled_at - work.now).total_seconds()
    if seconds <= 0:
        _start_scheduled(work, task)
        return
    work.effect(fx.StartTimer(_schedule_timer(task.id), seconds, scheduled_time_came(task.id)))


def scheduled_time_came(contact_id: str) -> LiveCommand:
    def command(state: InstanceState, env: Env) -> Outcome[None]:
        work = Work(state, env)
        task = work.find_contact(contact_id)
        if task is not None and task.state is ContactState.SCHEDULED:
            _start_scheduled(work, task)
        return work.outcome(None)

    return command


def _start_scheduled(work: Work, task: Contact) -> None:
    task = work.put(
        replace(
            task,
            state=ContactState.IN_FLOW,
            connected_to_system_at=work.now,
            last_updated_at=work.now,
        )
    )
    purpose = task.scheduled_flow_purpose or FlowPurpose.INBOUND
    flow_runner.start_flow(work, task, task.scheduled_flow_id or "", purpose)


def cancel_schedule(work: Work, task: Contact) -> None:
    if task.state is ContactState.SCHEDULED:
        work.effect(fx.CancelTimer(_schedule_timer(task.id)))


# -- pausing ------------------------------------------------------------------------------------


def _with_agent(contact: Contact, user_id: str | None, action: str) -> None:
    if user_id is None:
        return
    leg = contact.agent
    if leg is None or leg.user_id != user_id or leg.state is AgentLegState.CLOSED:
        raise InvalidRequest(f"Contact {contact.id} is not with this agent; cannot {action}.")


def pause(work: Work, contact: Contact, user_id: str | None = None) -> Contact:
    """Pause a task; `user_id`: the agent pausing it in the CCP (it must be theirs)."""
    _with_agent(contact, user_id, "pause it")
    if contact.state is ContactState.SCHEDULED:
        raise TaskStateConflict(
            f"Task {contact.id} is scheduled for later; it can be paused once it has started."
        )
    offered = contact.agent if contact.state is ContactState.OFFERED else None
    offered_to = offered.user_id if offered else None
    try:
        paused = work.put(contact.paused(work.now))
    except InvalidRequest as refused:
        if contact.channel is Channel.TASK:
            raise TaskStateConflict(refused.message) from None
        raise
    if offered_to is not None:
        work.effect(fx.CancelTimer(f"{contact.id}:offer"))
        work.put_agent(work.agent(offered_to).releasing(contact.id, work.now))
        work.reroute()
    if paused.agent is not None and paused.agent.state is AgentLegState.PAUSED:
        # The agent's slot is free: the router hears of it when the agent is put again.
        work.put_agent(work.agent(paused.agent.user_id))
        work.reroute()
    return paused


def resume(
    work: Work, contact: Contact, user_id: str | None = None, flow_id: str | None = None
) -> Contact:
    """Resume a paused task: back with its agent, or back in its queue — or, for one no agent
    has, into `flow_id` (which should queue it)."""
    _with_agent(contact, user_id, "resume it")
    try:
        resumed = contact.unpaused(work.now)
    except InvalidRequest as refused:
        if contact.channel is Channel.TASK:
            raise TaskStateConflict(refused.message) from None
        raise
    if resumed.state is ContactState.CONNECTED and resumed.agent is not None:
        if flow_id:
            raise InvalidRequest(
                f"Task {contact.id} is with an agent, who goes on working it; ContactFlowId is "
                "for resuming a task no agent has."
            )
        work.put_agent(work.agent(resumed.agent.user_id))
        return work.put(resumed)
    resumed = work.put(replace(resumed, enqueued_at=None))
    if flow_id:
        flow_runner.start_flow(work, resumed, flow_id, FlowPurpose.INBOUND)
        return work.contact(resumed.id)
    if resumed.queue_id:
        return contact_work.enqueue(work, resumed, resumed.queue_id)
    return resumed


# -- transferring -------------------------------------------------------------------------------


def transfer(
    work: Work, task: Contact, route: Route, reason: DisconnectReason = DisconnectReason.API
) -> Contact:
    """A new task segment goes `route`'s way; this one ends (its agent, if any, goes to ACW).
    Returns the new segment."""
    if task.channel is not Channel.TASK:
        raise InvalidRequest(
            f"Contact {task.id} is a {task.channel.value} contact; only tasks are transferred "
            "this way."
        )
    if task.state in (ContactState.ENDED, ContactState.SCHEDULED):
        shown = "over" if task.state is ContactState.ENDED else "scheduled for later"
        raise InvalidRequest(f"Task {task.id} is {shown}; only an active task can be transferred.")
    segment = contact_work.new_contact(
        work,
        channel=Channel.TASK,
        initiation_method=InitiationMethod.TRANSFER,
        previous=task,
        related_contact_id=task.related_contact_id,
        reference_types=task.reference_types,
        task_template_id=task.task_template_id,
        task_template_arn=task.task_template_arn,
        task_template_name=task.task_template_name,
        transfer_target_user_id=route.target_user_id,
        target_queue_id=route.target_queue_id,
        connected_to_system_at=work.now,
    )
    contact_work.end_contact(work, task, reason)
    flow_runner.start_flow(work, segment, route.flow_id, route.purpose)
    return work.contact(segment.id)


def transfer_by_agent(work: Work, task: Contact, user_id: str, quick_connect_id: str) -> Contact:
    """The CCP's Transfer of a task through a quick connect: the task goes on as a new segment
    with the quick connect's agent or queue; the agent goes to after-contact work on this one.
    Returns this segment, as the agent now has it."""
    leg = task.agent
    if leg is None or leg.user_id != user_id:
        raise InvalidRequest(f"Contact {task.id} is not with this agent; cannot transfer it.")
    if leg.state not in (AgentLegState.CONNECTED, AgentLegState.PAUSED):
        raise InvalidRequest(f"Task {task.id} is not connected; cannot transfer it.")
    transfer(
        work, task, quick_connect_route(work, quick_connect_id), DisconnectReason.AGENT_DISCONNECT
    )
    return work.contact(task.id)
