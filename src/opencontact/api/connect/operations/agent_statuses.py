"""Agent statuses: Create/Describe/List/UpdateAgentStatus."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, summary, tags_out
from opencontact.domain.agent_statuses import (
    AgentStatus,
    AgentStatusState,
    create_agent_status,
    update_agent_status,
)


def agent_status_out(status: AgentStatus) -> dict[str, Any]:
    return compact(
        {
            "AgentStatusARN": status.arn,
            "AgentStatusId": status.id,
            "Name": status.name,
            "Description": status.description,
            "Type": status.status_type.value,
            "DisplayOrder": status.display_order,
            "State": status.state.value,
            "Tags": tags_out(status.tags),
            "LastModifiedTime": status.last_modified_time,
            "LastModifiedRegion": status.last_modified_region,
        }
    )


@operation("CreateAgentStatus")
async def create(call: ConnectCall) -> dict[str, Any]:
    status = await call.change(
        partial(
            create_agent_status,
            name=call.params["Name"],
            state=AgentStatusState(call.params["State"]),
            description=call.get("Description"),
            display_order=call.get("DisplayOrder"),
            tags=call.get("Tags"),
        )
    )
    return {"AgentStatusARN": status.arn, "AgentStatusId": status.id}


@operation("DescribeAgentStatus")
async def describe(call: ConnectCall) -> dict[str, Any]:
    status = call.directory().require(AgentStatus, call.params["AgentStatusId"])
    return {"AgentStatus": agent_status_out(status)}


@operation("ListAgentStatuses")
async def list_statuses(call: ConnectCall) -> dict[str, Any]:
    wanted = set(call.get("AgentStatusTypes") or [])
    statuses = [
        s for s in call.directory().all(AgentStatus) if not wanted or s.status_type in wanted
    ]
    chunk, token = page(
        statuses, call.get("NextToken"), call.get("MaxResults"), 100, "ListAgentStatuses"
    )
    summaries = [summary(s, s.name, Type=s.status_type.value) for s in chunk]
    return {"AgentStatusSummaryList": summaries, "NextToken": token}


@operation("UpdateAgentStatus")
async def update(call: ConnectCall) -> dict[str, Any]:
    state = call.get("State")
    await call.change(
        partial(
            update_agent_status,
            status_id=call.params["AgentStatusId"],
            name=call.get("Name"),
            description=call.get("Description"),
            state=AgentStatusState(state) if state else None,
            display_order=call.get("DisplayOrder"),
            reset_order_number=bool(call.get("ResetOrderNumber")),
        )
    )
    return {}
