"""Hours of operation: Create/Describe/List/Update/DeleteHoursOfOperation."""

from __future__ import annotations

from functools import partial
from typing import Any

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, summary, tags_out
from opencontact.domain.hours import (
    Day,
    HoursOfOperation,
    HoursSlot,
    TimeOfDay,
    create_hours_of_operation,
    delete_hours_of_operation,
    update_hours_of_operation,
)


def slots_in(config: list[dict[str, Any]]) -> list[HoursSlot]:
    return [
        HoursSlot(
            Day(item["Day"]),
            TimeOfDay(item["StartTime"]["Hours"], item["StartTime"]["Minutes"]),
            TimeOfDay(item["EndTime"]["Hours"], item["EndTime"]["Minutes"]),
        )
        for item in config
    ]


def hours_out(hours: HoursOfOperation) -> dict[str, Any]:
    return compact(
        {
            "HoursOfOperationId": hours.id,
            "HoursOfOperationArn": hours.arn,
            "Name": hours.name,
            "Description": hours.description,
            "TimeZone": hours.time_zone,
            "Config": [
                {
                    "Day": slot.day.value,
                    "StartTime": {"Hours": slot.start.hours, "Minutes": slot.start.minutes},
                    "EndTime": {"Hours": slot.end.hours, "Minutes": slot.end.minutes},
                }
                for slot in hours.slots
            ],
            "Tags": tags_out(hours.tags),
            "LastModifiedTime": hours.last_modified_time,
            "LastModifiedRegion": hours.last_modified_region,
        }
    )


@operation("CreateHoursOfOperation")
async def create(call: ConnectCall) -> dict[str, Any]:
    hours = await call.change(
        partial(
            create_hours_of_operation,
            name=call.params["Name"],
            time_zone=call.params["TimeZone"],
            slots=slots_in(call.params["Config"]),
            description=call.get("Description"),
            tags=call.get("Tags"),
        )
    )
    return {"HoursOfOperationId": hours.id, "HoursOfOperationArn": hours.arn}


@operation("DescribeHoursOfOperation")
async def describe(call: ConnectCall) -> dict[str, Any]:
    hours = call.directory().require(HoursOfOperation, call.params["HoursOfOperationId"])
    return {"HoursOfOperation": hours_out(hours)}


@operation("ListHoursOfOperations")
async def list_hours(call: ConnectCall) -> dict[str, Any]:
    chunk, token = page(
        call.directory().all(HoursOfOperation),
        call.get("NextToken"),
        call.get("MaxResults"),
        100,
        "ListHoursOfOperations",
    )
    summaries = [summary(h, h.name) for h in chunk]
    return {"HoursOfOperationSummaryList": summaries, "NextToken": token}


@operation("UpdateHoursOfOperation")
async def update(call: ConnectCall) -> dict[str, Any]:
    config = call.get("Config")
    await call.change(
        partial(
            update_hours_of_operation,
            hours_id=call.params["HoursOfOperationId"],
            name=call.get("Name"),
            description=call.get("Description"),
            time_zone=call.get("TimeZone"),
            slots=slots_in(config) if config is not None else None,
        )
    )
    return {}


@operation("DeleteHoursOfOperation")
async def delete(call: ConnectCall) -> dict[str, Any]:
    hours_id = call.params["HoursOfOperationId"]
    await call.change(lambda directory, _env: delete_hours_of_operation(directory, hours_id))
    return {}
