"""Routing profiles: Create/Describe/List/DeleteRoutingProfile, the queues of a profile
(Associate/Disassociate/Update/ListRoutingProfileQueues) and its other settings
(UpdateRoutingProfileConcurrency, ...DefaultOutboundQueue, ...Name,
...AgentAvailabilityTimer)."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, summary, tags_out
from opencontact.domain.base import Channel
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import (
    AgentAvailabilityTimer,
    CrossChannelBehavior,
    MediaConcurrency,
    QueueReference,
    RoutingProfile,
    RoutingProfileQueue,
    associate_routing_profile_queues,
    create_routing_profile,
    delete_routing_profile,
    disassociate_routing_profile_queues,
    update_routing_profile_agent_availability_timer,
    update_routing_profile_concurrency,
    update_routing_profile_default_outbound_queue,
    update_routing_profile_name,
    update_routing_profile_queues,
    users_of,
)

# -- wire -> domain ------------------------------------------------------------------------------


def media_in(items: list[dict[str, Any]]) -> list[MediaConcurrency]:
    media = []
    for index, item in enumerate(items):
        channel = Channel(item["Channel"])
        if item.get("WorkloadTypeConcurrencies"):
            raise InvalidParameter(
                f"MediaConcurrencies[{index}].WorkloadTypeConcurrencies is not supported by "
                "OpenContact; give a Concurrency for the channel instead."
            )
        if item.get("Concurrency") is None:
            raise InvalidParameter(
                f"MediaConcurrencies[{index}].Concurrency is required for channel {channel.value}."
            )
        behavior = (item.get("CrossChannelBehavior") or {}).get("BehaviorType")
        media.append(
            MediaConcurrency(
                channel,
                item["Concurrency"],
                CrossChannelBehavior(behavior)
                if behavior
                else CrossChannelBehavior.ROUTE_CURRENT_CHANNEL_ONLY,
            )
        )
    return media


def reference_in(item: dict[str, Any]) -> QueueReference:
    return QueueReference(item["QueueId"], Channel(item["Channel"]))


def queue_configs_in(items: list[dict[str, Any]] | None) -> list[RoutingProfileQueue]:
    return [
        RoutingProfileQueue(
            reference.queue_id, reference.channel, priority=item["Priority"], delay=item["Delay"]
        )
        for item in items or []
        for reference in [reference_in(item["QueueReference"])]
    ]


def refuse_manual_assignment(call: ConnectCall, *members: str) -> None:
    for member in members:
        if call.get(member):
            raise InvalidParameter(
                f"{member} is not supported by OpenContact: manual assignment queues "
                "cannot be configured."
            )


# -- domain -> wire ------------------------------------------------------------------------------


def media_out(media: MediaConcurrency) -> dict[str, Any]:
    return {
        "Channel": media.channel.value,
        "Concurrency": media.concurrency,
        "CrossChannelBehavior": {"BehaviorType": media.cross_channel_behavior.value},
    }


def routing_profile_out(profile: RoutingProfile, directory: Directory) -> dict[str, Any]:
    queue_ids = profile.queue_ids
    return compact(
        {
            "InstanceId": directory.instance.id,
            "Name": profile.name,
            "RoutingProfileArn": profile.arn,
            "RoutingProfileId": profile.id,
            "Description": profile.description,
            "MediaConcurrencies": [media_out(m) for m in profile.media_concurrencies],
            "DefaultOutboundQueueId": profile.default_outbound_queue_id,
            "Tags": tags_out(profile.tags),
            "NumberOfAssociatedQueues": len(queue_ids),
            "NumberOfAssociatedUsers": len(users_of(directory, profile)),
            "AgentAvailabilityTimer": profile.agent_availability_timer.value,
            "LastModifiedTime": profile.last_modified_time,
            "LastModifiedRegion": profile.last_modified_region,
            "IsDefault": profile.is_default,
            "AssociatedQueueIds": queue_ids,
        }
    )


def queue_config_out(config: RoutingProfileQueue, directory: Directory) -> dict[str, Any]:
    queue = directory.require(Queue, config.queue_id)
    return {
        "QueueId": queue.id,
        "QueueArn": queue.arn,
        "QueueName": queue.name,
        "Priority": config.priority,
        "Delay": config.delay,
        "Channel": config.channel.value,
    }


# -- handlers ------------------------------------------------------------------------------------


@operation("CreateRoutingProfile")
async def create(call: ConnectCall) -> dict[str, Any]:
    refuse_manual_assignment(call, "ManualAssignmentQueueConfigs")
    timer = call.get("AgentAvailabilityTimer")
    profile = await call.change(
        partial(
            create_routing_profile,
            name=call.params["Name"],
            description=call.params["Description"],
            default_outbound_queue=call.params["DefaultOutboundQueueId"],
            media_concurrencies=media_in(call.params["MediaConcurrencies"]),
            queue_configs=queue_configs_in(call.get("QueueConfigs")),
            agent_availability_timer=AgentAvailabilityTimer(timer) if timer else None,
            tags=call.get("Tags"),
        )
    )
    return {"RoutingProfileArn": profile.arn, "RoutingProfileId": profile.id}


@operation("DescribeRoutingProfile")
async def describe(call: ConnectCall) -> dict[str, Any]:
    directory = call.directory()
    profile = directory.require(RoutingProfile, call.params["RoutingProfileId"])
    return {"RoutingProfile": routing_profile_out(profile, directory)}


@operation("ListRoutingProfiles")
async def list_profiles(call: ConnectCall) -> dict[str, Any]:
    chunk, token = page(
        call.directory().all(RoutingProfile),
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        "ListRoutingProfiles",
    )
    summaries = [summary(p, p.name) for p in chunk]
    return {"RoutingProfileSummaryList": summaries, "NextToken": token}


@operation("DeleteRoutingProfile")
async def delete(call: ConnectCall) -> dict[str, Any]:
    profile_ref = call.params["RoutingProfileId"]
    await call.change(lambda directory, _env: delete_routing_profile(directory, profile_ref))
    return {}


@operation("AssociateRoutingProfileQueues")
async def associate_queues(call: ConnectCall) -> dict[str, Any]:
    refuse_manual_assignment(call, "ManualAssignmentQueueConfigs")
    await call.change(
        partial(
            associate_routing_profile_queues,
            profile_ref=call.params["RoutingProfileId"],
            queue_configs=queue_configs_in(call.get("QueueConfigs")),
        )
    )
    return {}


@operation("DisassociateRoutingProfileQueues")
async def disassociate_queues(call: ConnectCall) -> dict[str, Any]:
    refuse_manual_assignment(call, "ManualAssignmentQueueReferences")
    await call.change(
        partial(
            disassociate_routing_profile_queues,
            profile_ref=call.params["RoutingProfileId"],
            references=[reference_in(item) for item in call.get("QueueReferences") or []],
        )
    )
    return {}


@operation("UpdateRoutingProfileQueues")
async def update_queues(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_routing_profile_queues,
            profile_ref=call.params["RoutingProfileId"],
            queue_configs=queue_configs_in(call.params["QueueConfigs"]),
        )
    )
    return {}


@operation("ListRoutingProfileQueues")
async def list_queues(call: ConnectCall) -> dict[str, Any]:
    directory = call.directory()
    profile = directory.require(RoutingProfile, call.params["RoutingProfileId"])
    chunk, token = page(
        profile.queue_configs,
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        f"ListRoutingProfileQueues:{profile.id}",
    )
    return {
        "RoutingProfileQueueConfigSummaryList": [queue_config_out(c, directory) for c in chunk],
        "NextToken": token,
        "LastModifiedTime": profile.last_modified_time,
        "LastModifiedRegion": profile.last_modified_region,
    }


@operation("UpdateRoutingProfileConcurrency")
async def update_concurrency(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_routing_profile_concurrency,
            profile_ref=call.params["RoutingProfileId"],
            media_concurrencies=media_in(call.params["MediaConcurrencies"]),
        )
    )
    return {}


@operation("UpdateRoutingProfileDefaultOutboundQueue")
async def update_default_outbound_queue(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_routing_profile_default_outbound_queue,
            profile_ref=call.params["RoutingProfileId"],
            default_outbound_queue=call.params["DefaultOutboundQueueId"],
        )
    )
    return {}


@operation("UpdateRoutingProfileName")
async def update_name(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_routing_profile_name,
            profile_ref=call.params["RoutingProfileId"],
            name=call.get("Name"),
            description=call.get("Description"),
        )
    )
    return {}


@operation("UpdateRoutingProfileAgentAvailabilityTimer")
async def update_agent_availability_timer(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_routing_profile_agent_availability_timer,
            profile_ref=call.params["RoutingProfileId"],
            timer=AgentAvailabilityTimer(call.params["AgentAvailabilityTimer"]),
        )
    )
    return {}
