"""Tags: TagResource, UntagResource, ListTagsForResource on every taggable resource."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.domain.arns import parse_arn
from opencontact.domain.directory import Directory
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.tagging import find_by_arn, tag_resource, untag_resource


def _owner(call: ConnectCall) -> Directory:
    """The instance an ARN belongs to, looked up in the caller's region."""
    arn = call.params["resourceArn"]
    parsed = parse_arn(arn)
    if parsed.region != call.region or parsed.account_id != call.center.account.account_id:
        raise ResourceNotFound(f"No resource with ARN '{arn}' exists in region {call.region}.")
    if parsed.instance_id is not None:
        return call.center.directory(parsed.instance_id, call.region)
    found = call.center.account.find_phone_number(parsed.resource_id or "")
    if found is None:
        raise ResourceNotFound(f"No resource with ARN '{arn}' exists.")
    return found[0]


@operation("ListTagsForResource")
async def list_tags(call: ConnectCall) -> dict[str, Any]:
    entity = find_by_arn(_owner(call), call.params["resourceArn"])
    return {"tags": dict(entity.tags)}


@operation("TagResource")
async def tag(call: ConnectCall) -> dict[str, Any]:
    directory = _owner(call)
    env = call.env()
    command = partial(
        tag_resource, env=env, arn=call.params["resourceArn"], tags=call.params["tags"]
    )
    await call.center.change(directory.instance.id, call.region, command)
    return {}


@operation("UntagResource")
async def untag(call: ConnectCall) -> dict[str, Any]:
    directory = _owner(call)
    env = call.env()
    command = partial(
        untag_resource, env=env, arn=call.params["resourceArn"], keys=call.params["tagKeys"]
    )
    await call.center.change(directory.instance.id, call.region, command)
    return {}
