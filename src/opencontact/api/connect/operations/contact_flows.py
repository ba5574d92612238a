"""Flows: Create/Describe/List/DeleteContactFlow and UpdateContactFlowContent/Metadata/Name.

ContactFlowId may be an id or ARN; DescribeContactFlow and UpdateContactFlowContent also take
`<id>:$SAVED` (see opencontact.domain.contact_flows for what that means).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, tags_out
from opencontact.domain.contact_flows import (
    ContactFlow,
    ContactFlowState,
    ContactFlowStatus,
    ContactFlowType,
    content_sha256,
    create_contact_flow,
    delete_contact_flow,
    describe_contact_flow,
    update_contact_flow_content,
    update_contact_flow_metadata,
)


@operation("CreateContactFlow")
async def create(call: ConnectCall) -> dict[str, Any]:
    status = call.get("Status")
    flow = await call.change(
        partial(
            create_contact_flow,
            name=call.params["Name"],
            flow_type=ContactFlowType(call.params["Type"]),
            content=call.params["Content"],
            status=ContactFlowStatus(status) if status else ContactFlowStatus.PUBLISHED,
            description=call.get("Description"),
            tags=call.get("Tags"),
        )
    )
    return {
        "ContactFlowId": flow.id,
        "ContactFlowArn": flow.arn,
        "FlowContentSha256": content_sha256(flow.content),
    }


@operation("DescribeContactFlow")
async def describe(call: ConnectCall) -> dict[str, Any]:
    view = describe_contact_flow(call.directory(), call.params["ContactFlowId"])
    flow = view.flow
    described = compact(
        {
            "Arn": flow.arn,
            "Id": flow.id,
            "Name": flow.name,
            "Type": flow.flow_type.value,
            "State": flow.state.value,
            "Status": view.status.value,
            "Description": flow.description,
            "Content": view.content,
            "Tags": tags_out(flow.tags),
            "FlowContentSha256": view.sha256,
            "Version": flow.version,
            "LastModifiedTime": flow.last_modified_time,
            "LastModifiedRegion": flow.last_modified_region,
        }
    )
    return {"ContactFlow": described}


@operation("ListContactFlows")
async def list_flows(call: ConnectCall) -> dict[str, Any]:
    wanted = set(call.get("ContactFlowTypes") or [])
    flows = [f for f in call.directory().all(ContactFlow) if not wanted or f.flow_type in wanted]
    chunk, token = page(
        flows, call.get("NextToken"), call.get("MaxResults"), 100, "ListContactFlows"
    )
    summaries = [
        {
            "Id": f.id,
            "Arn": f.arn,
            "Name": f.name,
            "ContactFlowType": f.flow_type.value,
            "ContactFlowState": f.state.value,
            "ContactFlowStatus": f.status.value,
        }
        for f in chunk
    ]
    return {"ContactFlowSummaryList": summaries, "NextToken": token}


@operation("UpdateContactFlowContent")
async def update_content(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_contact_flow_content,
            reference=call.params["ContactFlowId"],
            content=call.params["Content"],
        )
    )
    return {}


@operation("UpdateContactFlowMetadata")
async def update_metadata(call: ConnectCall) -> dict[str, Any]:
    state = call.get("ContactFlowState")
    await call.change(
        partial(
            update_contact_flow_metadata,
            reference=call.params["ContactFlowId"],
            name=call.get("Name"),
            description=call.get("Description"),
            state=ContactFlowState(state) if state else None,
        )
    )
    return {}


@operation("UpdateContactFlowName")
async def update_name(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_contact_flow_metadata,
            reference=call.params["ContactFlowId"],
            name=call.get("Name"),
            description=call.get("Description"),
        )
    )
    return {}


@operation("DeleteContactFlow")
async def delete(call: ConnectCall) -> dict[str, Any]:
    reference = call.params["ContactFlowId"]
    await call.change(lambda directory, _env: delete_contact_flow(directory, reference))
    return {}
