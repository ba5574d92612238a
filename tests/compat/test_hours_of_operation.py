"""An admin defines when queues are open."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

WEEKDAYS_9_TO_5 = [
    {"Day": day, "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}
    for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
]


def test_admin_creates_office_hours_and_reads_them_back(connect: Any, instance_id: str) -> None:
    created = connect.create_hours_of_operation(
        InstanceId=instance_id,
        Name="Office hours",
        Description="Weekdays 9 to 5",
        TimeZone="Europe/Paris",
        Config=WEEKDAYS_9_TO_5,
        Tags={"site": "paris"},
    )
    hours = connect.describe_hours_of_operation(
        InstanceId=instance_id, HoursOfOperationId=created["HoursOfOperationId"]
    )["HoursOfOperation"]
    assert hours["HoursOfOperationArn"] == created["HoursOfOperationArn"]
    assert "/operating-hours/" in hours["HoursOfOperationArn"]
    assert hours["Name"] == "Office hours"
    assert hours["TimeZone"] == "Europe/Paris"
    assert hours["Config"] == WEEKDAYS_9_TO_5
    assert hours["Tags"] == {"site": "paris"}
    names = [
        h["Name"]
        for h in connect.list_hours_of_operations(InstanceId=instance_id)[
            "HoursOfOperationSummaryList"
        ]
    ]
    assert names == ["Basic Hours", "Office hours"]


def test_admin_updates_and_deletes_hours(connect: Any, instance_id: str) -> None:
    created = connect.create_hours_of_operation(
        InstanceId=instance_id, Name="Weekend", TimeZone="UTC", Config=[]
    )
    hours_id = created["HoursOfOperationId"]
    saturday = [
        {
            "Day": "SATURDAY",
            "StartTime": {"Hours": 10, "Minutes": 30},
            "EndTime": {"Hours": 14, "Minutes": 0},
        }
    ]
    connect.update_hours_of_operation(
        InstanceId=instance_id,
        HoursOfOperationId=hours_id,
        Name="Saturday",
        TimeZone="America/Chicago",
        Config=saturday,
    )
    hours = connect.describe_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=hours_id)
    assert hours["HoursOfOperation"]["Name"] == "Saturday"
    assert hours["HoursOfOperation"]["TimeZone"] == "America/Chicago"
    assert hours["HoursOfOperation"]["Config"] == saturday

    connect.delete_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=hours_id)
    with pytest.raises(ClientError) as gone:
        connect.describe_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=hours_id)
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_hours_used_by_a_queue_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    basic = connect.list_hours_of_operations(InstanceId=instance_id)["HoursOfOperationSummaryList"][
        0
    ]
    with pytest.raises(ClientError) as refused:
        connect.delete_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=basic["Id"])
    assert refused.value.response["Error"]["Code"] == "ResourceInUseException"
    assert "BasicQueue" in refused.value.response["Error"]["Message"]
    connect.describe_hours_of_operation(InstanceId=instance_id, HoursOfOperationId=basic["Id"])


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"TimeZone": "Mars/Olympus"}, "InvalidParameterException", "Mars/Olympus"),
        ({"Name": "Basic Hours"}, "DuplicateResourceException", "Basic Hours"),
        (
            {
                "Config": [
                    {
                        "Day": "FUNDAY",
                        "StartTime": {"Hours": 9, "Minutes": 0},
                        "EndTime": {"Hours": 10, "Minutes": 0},
                    }
                ]
            },
            "InvalidParameterException",
            "FUNDAY",
        ),
        (
            {
                "Config": [
                    {
                        "Day": "MONDAY",
                        "StartTime": {"Hours": 25, "Minutes": 0},
                        "EndTime": {"Hours": 10, "Minutes": 0},
                    }
                ]
            },
            "InvalidParameterException",
            "Hours",
        ),
        (
            {
                "Config": [
                    {
                        "Day": "MONDAY",
                        "StartTime": {"Hours": 9, "Minutes": 0},
                        "EndTime": {"Hours": 9, "Minutes": 0},
                    }
                ]
            },
            "InvalidParameterException",
            "same time",
        ),
        ({"Config": [{"Day": "MONDAY"}]}, "InvalidParameterException", "StartTime"),
    ],
)
def test_bad_hours_are_refused_and_change_nothing(
    connect: Any, instance_id: str, changes: dict[str, Any], code: str, message: str
) -> None:
    request = {"Name": "Shift", "TimeZone": "UTC", "Config": WEEKDAYS_9_TO_5, **changes}
    with pytest.raises(ClientError) as refused:
        connect.create_hours_of_operation(InstanceId=instance_id, **request)
    assert refused.value.response["Error"]["Code"] == code
    assert message in refused.value.response["Error"]["Message"]
    listed = connect.list_hours_of_operations(InstanceId=instance_id)
    assert len(listed["HoursOfOperationSummaryList"]) == 1


def test_a_bad_update_leaves_the_hours_as_they_were(connect: Any, instance_id: str) -> None:
    created = connect.create_hours_of_operation(
        InstanceId=instance_id, Name="Shift", TimeZone="UTC", Config=WEEKDAYS_9_TO_5
    )
    with pytest.raises(ClientError):
        connect.update_hours_of_operation(
            InstanceId=instance_id,
            HoursOfOperationId=created["HoursOfOperationId"],
            Name="Renamed",
            TimeZone="Nowhere/Nothing",
        )
    hours = connect.describe_hours_of_operation(
        InstanceId=instance_id, HoursOfOperationId=created["HoursOfOperationId"]
    )
    assert hours["HoursOfOperation"]["Name"] == "Shift"
    assert hours["HoursOfOperation"]["TimeZone"] == "UTC"
