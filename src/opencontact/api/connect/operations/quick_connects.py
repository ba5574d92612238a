"""Quick connects: Create/Describe/List/DeleteQuickConnect, UpdateQuickConnectConfig and
UpdateQuickConnectName, and SearchQuickConnects."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, per_version, summary, tags_out
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.quick_connects import (
    FlowConfig,
    PhoneConfig,
    QueueConfig,
    QuickConnect,
    QuickConnectConfig,
    QuickConnectType,
    SearchCriteria,
    StringComparison,
    StringCondition,
    TagCondition,
    TagFilter,
    UserConfig,
    create_quick_connect,
    delete_quick_connect,
    search_quick_connects,
    update_quick_connect_config,
    update_quick_connect_name,
)


def config_in(wire: dict[str, Any]) -> QuickConnectConfig:
    """The validator has checked each block's required members already."""
    user, queue, phone, flow = (
        wire.get(name) for name in ("UserConfig", "QueueConfig", "PhoneConfig", "FlowConfig")
    )
    return QuickConnectConfig(
        quick_connect_type=QuickConnectType(wire["QuickConnectType"]),
        user=UserConfig(user["UserId"], user["ContactFlowId"]) if user is not None else None,
        queue=QueueConfig(queue["QueueId"], queue["ContactFlowId"]) if queue is not None else None,
        phone=PhoneConfig(phone["PhoneNumber"]) if phone is not None else None,
        flow=FlowConfig(flow["ContactFlowId"]) if flow is not None else None,
    )


def config_out(quick_connect: QuickConnect) -> dict[str, Any]:
    kind = quick_connect.quick_connect_type
    flow_id = quick_connect.contact_flow_id
    blocks: dict[QuickConnectType, tuple[str, dict[str, Any]]] = {
        QuickConnectType.USER: (
            "UserConfig",
            {"UserId": quick_connect.user_id, "ContactFlowId": flow_id},
        ),
        QuickConnectType.QUEUE: (
            "QueueConfig",
            {"QueueId": quick_connect.queue_id, "ContactFlowId": flow_id},
        ),
        QuickConnectType.PHONE_NUMBER: (
            "PhoneConfig",
            {"PhoneNumber": quick_connect.phone_number},
        ),
        QuickConnectType.FLOW: ("FlowConfig", {"ContactFlowId": flow_id}),
    }
    name, block = blocks[kind]
    return {"QuickConnectType": kind.value, name: block}


def quick_connect_out(quick_connect: QuickConnect) -> dict[str, Any]:
    return compact(
        {
            "QuickConnectARN": quick_connect.arn,
            "QuickConnectId": quick_connect.id,
            "Name": quick_connect.name,
            "Description": quick_connect.description,
            "QuickConnectConfig": config_out(quick_connect),
            "Tags": tags_out(quick_connect.tags),
            "LastModifiedTime": quick_connect.last_modified_time,
            "LastModifiedRegion": quick_connect.last_modified_region,
        }
    )


@per_version
def quick_connect_summary(quick_connect: QuickConnect) -> dict[str, Any]:
    return summary(
        quick_connect, quick_connect.name, QuickConnectType=quick_connect.quick_connect_type.value
    )


@operation("CreateQuickConnect")
async def create(call: ConnectCall) -> dict[str, Any]:
    quick_connect = await call.change(
        partial(
            create_quick_connect,
            name=call.params["Name"],
            config=config_in(call.params["QuickConnectConfig"]),
            description=call.get("Description"),
            tags=call.get("Tags"),
        )
    )
    return {"QuickConnectARN": quick_connect.arn, "QuickConnectId": quick_connect.id}


@operation("DescribeQuickConnect")
async def describe(call: ConnectCall) -> dict[str, Any]:
    quick_connect = call.directory().require(QuickConnect, call.params["QuickConnectId"])
    return {"QuickConnect": quick_connect_out(quick_connect)}


@operation("ListQuickConnects")
async def list_quick_connects(call: ConnectCall) -> dict[str, Any]:
    wanted = set(call.get("QuickConnectTypes") or [])
    found = [
        q
        for q in call.directory().all(QuickConnect)
        if not wanted or q.quick_connect_type in wanted
    ]
    chunk, token = page(
        found, call.get("NextToken"), call.get("MaxResults"), 100, "ListQuickConnects"
    )
    return {
        "QuickConnectSummaryList": [quick_connect_summary(q) for q in chunk],
        "NextToken": token,
    }


@operation("UpdateQuickConnectConfig")
async def update_config(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_quick_connect_config,
            quick_connect_id=call.params["QuickConnectId"],
            config=config_in(call.params["QuickConnectConfig"]),
        )
    )
    return {}


@operation("UpdateQuickConnectName")
async def update_name(call: ConnectCall) -> dict[str, Any]:
    await call.change(
        partial(
            update_quick_connect_name,
            quick_connect_id=call.params["QuickConnectId"],
            name=call.get("Name"),
            description=call.get("Description"),
        )
    )
    return {}


@operation("DeleteQuickConnect")
async def delete(call: ConnectCall) -> dict[str, Any]:
    await call.change(partial(delete_quick_connect, quick_connect_id=call.params["QuickConnectId"]))
    return {}


# -- SearchQuickConnects ----------------------------------------------------------------------


def criteria_in(wire: dict[str, Any], path: str = "SearchCriteria") -> SearchCriteria:
    string = wire.get("StringCondition")
    ands, ors = wire.get("AndConditions"), wire.get("OrConditions")
    return SearchCriteria(
        string_condition=_string_condition_in(string, f"{path}.StringCondition")
        if string is not None
        else None,
        and_conditions=tuple(
            criteria_in(c, f"{path}.AndConditions[{i}]") for i, c in enumerate(ands)
        )
        if ands is not None
        else None,
        or_conditions=tuple(criteria_in(c, f"{path}.OrConditions[{i}]") for i, c in enumerate(ors))
        if ors is not None
        else None,
    )


def _string_condition_in(wire: dict[str, Any], path: str) -> StringCondition:
    missing = [m for m in ("FieldName", "Value", "ComparisonType") if wire.get(m) is None]
    if missing:
        raise InvalidParameter(f"{path} needs {', '.join(missing)}.")
    return StringCondition(
        field_name=wire["FieldName"],
        value=wire["Value"],
        comparison=StringComparison(wire["ComparisonType"]),
    )


def tag_filter_in(wire: dict[str, Any]) -> TagFilter:
    single, ands, ors = (wire.get(n) for n in ("TagCondition", "AndConditions", "OrConditions"))
    return TagFilter(
        tag_condition=_tag_in(single) if single is not None else None,
        and_conditions=tuple(_tag_in(t) for t in ands) if ands is not None else None,
        or_conditions=tuple(tuple(_tag_in(t) for t in group) for group in ors)
        if ors is not None
        else None,
    )


def _tag_in(wire: dict[str, Any]) -> TagCondition:
    return TagCondition(key=wire.get("TagKey"), value=wire.get("TagValue"))


@operation("SearchQuickConnects")
async def search(call: ConnectCall) -> dict[str, Any]:
    criteria = call.get("SearchCriteria")
    search_filter = call.get("SearchFilter") or {}
    tag_filter = search_filter.get("TagFilter")
    found = search_quick_connects(
        call.directory(),
        criteria_in(criteria) if criteria is not None else None,
        tag_filter_in(tag_filter) if tag_filter is not None else None,
    )
    chunk, token = page(
        found, call.get("NextToken"), call.get("MaxResults"), 100, "SearchQuickConnects"
    )
    return {
        "QuickConnects": [quick_connect_out(q) for q in chunk],
        "NextToken": token,
        "ApproximateTotalCount": len(found),
    }
