"""Instances: CreateInstance, DescribeInstance, ListInstances, DeleteInstance, attributes."""

from __future__ import annotations

from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, tags_out
from opencontact.domain.base import Outcome, Put
from opencontact.domain.directory import Directory
from opencontact.domain.instance import IdentityManagementType, Instance, InstanceAttributeType
from opencontact.domain.provisioning import InstanceSpec, create_instance


def _summary(instance: Instance, call: ConnectCall) -> dict[str, Any]:
    return compact(
        {
            "Id": instance.id,
            "Arn": instance.arn,
            "IdentityManagementType": instance.identity_management_type.value,
            "InstanceAlias": instance.alias,
            "CreatedTime": instance.created_time,
            "ServiceRole": f"arn:aws:iam::{instance.account_id}:role/aws-service-role/"
            "connect.amazonaws.com/AWSServiceRoleForAmazonConnect",
            "InstanceStatus": "ACTIVE",
            "InboundCallsEnabled": instance.inbound_calls_enabled,
            "OutboundCallsEnabled": instance.outbound_calls_enabled,
            "InstanceAccessUrl": f"{call.base_url}/login?instance={instance.alias or instance.id}",
        }
    )


@operation("CreateInstance")
async def create(call: ConnectCall) -> dict[str, Any]:
    spec = InstanceSpec(
        identity_management_type=IdentityManagementType(call.params["IdentityManagementType"]),
        inbound_calls_enabled=call.params["InboundCallsEnabled"],
        outbound_calls_enabled=call.params["OutboundCallsEnabled"],
        alias=call.get("InstanceAlias"),
        directory_id=call.get("DirectoryId"),
        tags=call.get("Tags"),
        client_token=call.get("ClientToken"),
    )
    env = call.env()
    instance = await call.center.create_instance(
        lambda account: create_instance(account, env, spec)
    )
    return {"Id": instance.id, "Arn": instance.arn}


@operation("DescribeInstance")
async def describe(call: ConnectCall) -> dict[str, Any]:
    instance = call.directory().instance
    return {"Instance": {**_summary(instance, call), "Tags": tags_out(instance.tags)}}


@operation("ListInstances")
async def list_instances(call: ConnectCall) -> dict[str, Any]:
    instances = [i for i in call.center.account.instances() if i.region == call.region]
    instances.sort(key=lambda i: (i.created_time, i.id))
    chunk, token = page(
        instances, call.get("NextToken"), call.get("MaxResults"), 10, "ListInstances"
    )
    return {"InstanceSummaryList": [_summary(i, call) for i in chunk], "NextToken": token}


@operation("DeleteInstance")
async def delete(call: ConnectCall) -> dict[str, Any]:
    await call.center.delete_instance(call.params["InstanceId"], call.region)
    return {}


def _attribute(instance: Instance, attribute: str) -> dict[str, Any]:
    return {"AttributeType": attribute, "Value": instance.attributes.get(attribute, "false")}


@operation("DescribeInstanceAttribute")
async def describe_attribute(call: ConnectCall) -> dict[str, Any]:
    instance = call.directory().instance
    return {"Attribute": _attribute(instance, call.params["AttributeType"])}


@operation("ListInstanceAttributes")
async def list_attributes(call: ConnectCall) -> dict[str, Any]:
    instance = call.directory().instance
    attributes = [_attribute(instance, a.value) for a in InstanceAttributeType]
    chunk, token = page(
        attributes, call.get("NextToken"), call.get("MaxResults"), 14, "ListInstanceAttributes"
    )
    return {"Attributes": list(chunk), "NextToken": token}


@operation("UpdateInstanceAttribute")
async def update_attribute(call: ConnectCall) -> dict[str, Any]:
    attribute = InstanceAttributeType(call.params["AttributeType"])
    value = call.params["Value"]

    def command(directory: Directory, _env: object) -> Outcome[None]:
        updated = directory.instance.with_attribute(attribute, value)
        return Outcome(None, [Put(updated)])

    await call.change(command)
    return {}
