"""Queues: Create/Describe/List/DeleteQueue, the UpdateQueue* family, and the quick connects a
queue offers (Associate/Disassociate/ListQueueQuickConnects)."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.operations.quick_connects import quick_connect_summary
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, per_version, summary, tags_out
from opencontact.domain.directory import Directory
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.queues import (
    OutboundCallerConfig,
    Queue,
    QueueStatus,
    associate_queue_quick_connects,
    create_queue,
    delete_queue,
    disassociate_queue_quick_connects,
    queue_quick_connects,
    standard_queue,
    update_queue_hours_of_operation,
    update_queue_max_contacts,
    update_queue_name,
    update_queue_outbound_caller_config,
    update_queue_status,
)


def caller_config_in(wire: dict[str, Any] | None) -> OutboundCallerConfig | None:
    if wire is None:
        return None
    return OutboundCallerConfig(
        caller_id_name=wire.get("OutboundCallerIdName"),
        caller_id_number_id=wire.get("OutboundCallerIdNumberId"),
        outbound_flow_id=wire.get("OutboundFlowId"),
    )


def queue_out(queue: Queue) -> dict[str, Any]:
    caller = queue.outbound_caller_config
    caller_out = compact(
        {
            "OutboundCallerIdName": caller.caller_id_name,
            "OutboundCallerIdNumberId": caller.caller_id_number_id,
            "OutboundFlowId": caller.outbound_flow_id,
        }
    )
    return compact(
        {
            "Name": queue.name,
            "QueueArn": queue.arn,
            "QueueId": queue.id,
            "Description": queue.description,
            "OutboundCallerConfig": caller_out or None,
            "HoursOfOperationId": queue.hours_of_operation_id,
            "MaxContacts": queue.max_contacts,
            "Status": queue.status.value,
            "Tags": tags_out(queue.tags),
            "LastModifiedTime": queue.last_modified_time,
            "LastModifiedRegion": queue.last_modified_region,
        }
    )


@per_version
def queue_summary(queue: Queue) -> dict[str, Any]:
    """Agent queues have no name in Connect's listings."""
    name = None if queue.is_agent_queue else queue.name
    return summary(queue, name, QueueType=queue.queue_type.value)


def _refuse_email(call: ConnectCall, directory: Directory) -> None:
    """OpenContact has no email addresses yet, so any one named is unknown."""
    named = [item["EmailAddressId"] for item in call.get("EmailAddressesConfig") or []]
    outbound = (call.get("OutboundEmailConfig") or {}).get("OutboundEmailAddressId")
    if outbound is not None:
        named.insert(0, outbound)
    if named:
        raise ResourceNotFound(
            f"Email address '{named[0]}' does not exist in instance {directory.instance.id} "
            "(OpenContact does not handle email contacts yet)."
        )


@operation("CreateQueue")
async def create(call: ConnectCall) -> dict[str, Any]:
    _refuse_email(call, call.directory())
    queue = await call.change(
        partial(
            create_queue,
            name=call.params["Name"],
            hours_of_operation_id=call.params["HoursOfOperationId"],
            description=call.get("Description"),
            max_contacts=call.get("MaxContacts"),
            outbound_caller_config=caller_config_in(call.get("OutboundCallerConfig")),
            quick_connect_ids=call.get("QuickConnectIds") or (),
            tags=call.get("Tags"),
        )
    )
    return {"QueueArn": queue.arn, "QueueId": queue.id}


@operation("DescribeQueue")
async def describe(call: ConnectCall) -> dict[str, Any]:
    queue = standard_queue(call.directory(), call.params["QueueId"])
    return {"Queue": queue_out(queue)}


@operation("ListQueues")
async def list_queues(call: ConnectCall) -> dict[str, Any]:
    wanted = set(call.get("QueueTypes") or [])
    queues = [q for q in call.directory().all(Queue) if not wanted or q.queue_type in wanted]
    chunk, token = page(queues, call.get("NextToken"), call.get("MaxResults"), 100, "ListQueues")
    return {"QueueSummaryList": [queue_summary(q) for q in chunk], "NextToken": token}


@operation("DeleteQueue")
async def delete(call: ConnectCall) -> dict[str, Any]:
    queue_id = call.params["QueueId"]
    await call.change(lambda directory, _env: delete_queue(directory, queue_id))
    return {}


@operation("UpdateQueueName")
async def update_name(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_queue_name,
            queue_id=call.params["QueueId"],
            name=call.get("Name"),
            description=call.get("Description"),
        )
    )
    return {}


@operation("UpdateQueueHoursOfOperation")
async def update_hours(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_queue_hours_of_operation,
            queue_id=call.params["QueueId"],
            hours_of_operation_id=call.params["HoursOfOperationId"],
        )
    )
    return {}


@operation("UpdateQueueMaxContacts")
async def update_max_contacts(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_queue_max_contacts,
            queue_id=call.params["QueueId"],
            max_contacts=call.get("MaxContacts"),
        )
    )
    return {}


@operation("UpdateQueueStatus")
async def update_status(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_queue_status,
            queue_id=call.params["QueueId"],
            status=QueueStatus(call.params["Status"]),
        )
    )
    return {}


@operation("UpdateQueueOutboundCallerConfig")
async def update_outbound_caller_config(call: ConnectCall) -> dict[str, Any]:
    config = caller_config_in(call.params["OutboundCallerConfig"])
    assert config is not None  # a required member
    await call.change(
        partial(update_queue_outbound_caller_config, queue_id=call.params["QueueId"], config=config)
    )
    return {}


@operation("AssociateQueueQuickConnects")
async def associate_quick_connects(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            associate_queue_quick_connects,
            queue_id=call.params["QueueId"],
            quick_connect_ids=call.params["QuickConnectIds"],
        )
    )
    return {}


@operation("DisassociateQueueQuickConnects")
async def disassociate_quick_connects(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            disassociate_queue_quick_connects,
            queue_id=call.params["QueueId"],
            quick_connect_ids=call.params["QuickConnectIds"],
        )
    )
    return {}


@operation("ListQueueQuickConnects")
async def list_quick_connects(call: ConnectCall) -> dict[str, Any]:
    queue, quick_connects = queue_quick_connects(call.directory(), call.params["QueueId"])
    chunk, token = page(
        quick_connects,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"ListQueueQuickConnects:{queue.id}",
    )
    return {
        "QuickConnectSummaryList": [quick_connect_summary(q) for q in chunk],
        "NextToken": token,
        "LastModifiedTime": queue.last_modified_time,
        "LastModifiedRegion": queue.last_modified_region,
    }
