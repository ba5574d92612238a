"""Creating an instance with what Amazon Connect gives every new one: Basic Hours, BasicQueue,
Basic Routing Profile, the Available and Offline statuses, the four default security profiles
and the default flows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from opencontact.domain.account import Account
from opencontact.domain.agent_statuses import AgentStatus, AgentStatusType
from opencontact.domain.arns import instance_arn
from opencontact.domain.base import Channel, Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.dialing import dial_plan
from opencontact.domain.errors import InvalidRequest
from opencontact.domain.hours import Day, HoursOfOperation, HoursSlot, TimeOfDay
from opencontact.domain.instance import (
    DEFAULT_ATTRIBUTES,
    IdentityManagementType,
    Instance,
    InstanceAttributeType,
    check_identity_settings,
)
from opencontact.domain.permissions import DEFAULT_PROFILES
from opencontact.domain.queues import Queue
from opencontact.domain.routing_profiles import (
    MediaConcurrency,
    RoutingProfile,
    RoutingProfileQueue,
)
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.flows.default_flows import DEFAULT_FLOWS, render_default_flow

BASIC_QUEUE = "BasicQueue"
BASIC_HOURS = "Basic Hours"
BASIC_ROUTING_PROFILE = "Basic Routing Profile"


@dataclass(frozen=True)
class InstanceSpec:
    identity_management_type: IdentityManagementType
    inbound_calls_enabled: bool
    outbound_calls_enabled: bool
    alias: str | None = None
    directory_id: str | None = None
    tags: Tags | None = None
    client_token: str | None = None


def create_instance(account: Account, env: Env, spec: InstanceSpec) -> Outcome[Instance]:
    if spec.client_token:
        for existing in account.instances():
            if existing.client_token == spec.client_token:
                return Outcome(existing)
    check_identity_settings(spec.identity_management_type, spec.alias, spec.directory_id)
    check_tags(spec.tags or {})
    if spec.alias and account.by_alias(spec.alias) is not None:
        raise InvalidRequest(f"The alias '{spec.alias}' is already used by another instance.")
    instance_id = env.new_id()
    attributes: dict[str, str] = {key.value: value for key, value in DEFAULT_ATTRIBUTES.items()}
    attributes[InstanceAttributeType.INBOUND_CALLS] = _flag(spec.inbound_calls_enabled)
    attributes[InstanceAttributeType.OUTBOUND_CALLS] = _flag(spec.outbound_calls_enabled)
    instance = Instance(
        id=instance_id,
        arn=instance_arn(env.region, account.account_id, instance_id),
        account_id=account.account_id,
        region=env.region,
        alias=spec.alias,
        identity_management_type=spec.identity_management_type,
        directory_id=spec.directory_id,
        created_time=env.now,
        attributes=attributes,
        tags=dict(spec.tags or {}),
        client_token=spec.client_token,
    )
    resources = default_resources(instance, env)
    return Outcome(instance, [Put(instance), *(Put(r) for r in resources)])


def delete_instance(instance: Instance) -> Outcome[None]:
    return Outcome(None, [Remove(instance)])


def default_resources(instance: Instance, env: Env) -> list[Resource]:
    hours = _basic_hours(instance, env)
    queue = Queue(
        id=(queue_id := env.new_id()),
        arn=f"{instance.arn}/{Queue.arn_segment}/{queue_id}",
        name=BASIC_QUEUE,
        description="A simple, basic voice queue.",
        hours_of_operation_id=hours.id,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return [
        hours,
        queue,
        *_agent_statuses(instance, env),
        *_security_profiles(instance, env),
        _basic_routing_profile(instance, env, queue),
        *_default_flows(instance, env, {f"queue:{BASIC_QUEUE}": queue.arn}),
    ]


def _basic_hours(instance: Instance, env: Env) -> HoursOfOperation:
    hours_id = env.new_id()
    return HoursOfOperation(
        id=hours_id,
        arn=f"{instance.arn}/{HoursOfOperation.arn_segment}/{hours_id}",
        name=BASIC_HOURS,
        description="Open 24 hours a day, 7 days a week.",
        time_zone=dial_plan(instance.region).time_zone,
        slots=tuple(HoursSlot(day, TimeOfDay(0, 0), TimeOfDay(0, 0)) for day in Day),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )


_SYSTEM_STATUSES = (
    ("Available", "Ready to take contacts.", AgentStatusType.ROUTABLE),
    ("Offline", "Not taking contacts.", AgentStatusType.OFFLINE),
)


def _agent_statuses(instance: Instance, env: Env) -> list[Resource]:
    statuses: list[Resource] = []
    for order, (name, description, status_type) in enumerate(_SYSTEM_STATUSES, start=1):
        status_id = env.new_id()
        statuses.append(
            AgentStatus(
                id=status_id,
                arn=f"{instance.arn}/{AgentStatus.arn_segment}/{status_id}",
                name=name,
                description=description,
                status_type=status_type,
                display_order=order,
                last_modified_time=env.now,
                last_modified_region=env.region,
            )
        )
    return statuses


def _security_profiles(instance: Instance, env: Env) -> list[Resource]:
    profiles: list[Resource] = []
    for name, (description, permissions) in DEFAULT_PROFILES.items():
        profile_id = env.new_id()
        profiles.append(
            SecurityProfile(
                id=profile_id,
                arn=f"{instance.arn}/{SecurityProfile.arn_segment}/{profile_id}",
                name=name,
                description=description,
                permissions=permissions,
                last_modified_time=env.now,
                last_modified_region=env.region,
            )
        )
    return profiles


def _basic_routing_profile(instance: Instance, env: Env, queue: Queue) -> RoutingProfile:
    profile_id = env.new_id()
    return RoutingProfile(
        id=profile_id,
        arn=f"{instance.arn}/{RoutingProfile.arn_segment}/{profile_id}",
        name=BASIC_ROUTING_PROFILE,
        description="A simple routing profile.",
        media_concurrencies=(
            MediaConcurrency(Channel.VOICE, 1),
            MediaConcurrency(Channel.CHAT, 2),
            MediaConcurrency(Channel.TASK, 1),
        ),
        default_outbound_queue_id=queue.id,
        queue_configs=tuple(
            RoutingProfileQueue(queue.id, channel, priority=1, delay=0)
            for channel in (Channel.VOICE, Channel.CHAT, Channel.TASK)
        ),
        is_default=True,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )


def _default_flows(instance: Instance, env: Env, references: Mapping[str, str]) -> list[Resource]:
    ids = {flow.name: env.new_id() for flow in DEFAULT_FLOWS}
    arns = {name: f"{instance.arn}/{ContactFlow.arn_segment}/{i}" for name, i in ids.items()}
    all_references = {**references, **{f"flow:{name}": a for name, a in arns.items()}}
    return [
        ContactFlow(
            id=ids[flow.name],
            arn=arns[flow.name],
            name=flow.name,
            description=flow.description,
            flow_type=ContactFlowType(flow.flow_type),
            content=render_default_flow(flow, all_references),
            is_default=True,
            last_modified_time=env.now,
            last_modified_region=env.region,
        )
        for flow in DEFAULT_FLOWS
    ]


def _flag(value: bool) -> str:
    return "true" if value else "false"
