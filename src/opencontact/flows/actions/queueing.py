"""Actions that hand the contact to a queue: the end of a contact flow's work.

After a successful transfer the flow is over (FlowEnding.ENQUEUED): console exports point
NextAction at a failure prompt, which Connect only plays when the transfer fails.
"""

from __future__ import annotations

from opencontact.flows.actions.base import (
    Execution,
    Fail,
    Finish,
    Outcome,
    chosen_queue,
    failure,
    queue_of_agent,
)
from opencontact.flows.document import Action
from opencontact.flows.run import Enqueue, FlowEnding, QueueData


def _enqueue(ex: Execution, queue: QueueData | Fail) -> Outcome:
    if isinstance(queue, Fail):
        return queue
    if queue.at_capacity:
        return Fail("QueueAtCapacity", f"Queue {queue.name} is at capacity.")
    ex.emit(Enqueue(queue.id))
    return Finish(FlowEnding.ENQUEUED, "Success", f"Transferred to queue {queue.name}.")


def transfer_contact_to_queue(ex: Execution, action: Action) -> Outcome:
    """Into the working queue (UpdateContactTargetQueue), or the queue the action names."""
    return _enqueue(ex, chosen_queue(ex, action))


def dequeue_contact_and_transfer_to_queue(ex: Execution, action: Action) -> Outcome:
    """A customer queue flow moving its waiting contact to another queue or agent."""
    return _enqueue(ex, chosen_queue(ex, action, default=False))


def transfer_contact_to_agent(ex: Execution, action: Action) -> Outcome:
    """In a transfer-to-agent flow: to the agent queue of the agent the transfer names."""
    agent = ex.contact.agent
    if agent is None:
        return failure("There is no agent to transfer the contact to.")
    return _enqueue(ex, queue_of_agent(ex, agent))
