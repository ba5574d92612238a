"""An admin adds custom agent statuses (the seed: 用户管理 - 坐席状态 - 新建)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def _status_id(connect: Any, instance_id: str, name: str) -> str:
    statuses = connect.list_agent_statuses(InstanceId=instance_id)["AgentStatusSummaryList"]
    found: str = next(s["Id"] for s in statuses if s["Name"] == name)
    return found


def test_admin_creates_a_custom_status_that_agents_can_choose(
    connect: Any, instance_id: str
) -> None:
    created = connect.create_agent_status(
        InstanceId=instance_id,
        Name="Lunch",
        Description="Away for lunch",
        State="ENABLED",
        DisplayOrder=3,
        Tags={"kind": "break"},
    )
    status = connect.describe_agent_status(
        InstanceId=instance_id, AgentStatusId=created["AgentStatusId"]
    )["AgentStatus"]
    assert status["AgentStatusARN"] == created["AgentStatusARN"]
    assert "/agent-state/" in status["AgentStatusARN"]
    assert status["Name"] == "Lunch"
    assert status["Description"] == "Away for lunch"
    assert status["Type"] == "CUSTOM"
    assert status["State"] == "ENABLED"
    assert status["DisplayOrder"] == 3
    assert status["Tags"] == {"kind": "break"}
    assert status["LastModifiedRegion"] == "us-east-1"


def test_statuses_are_listed_by_type(connect: Any, instance_id: str) -> None:
    connect.create_agent_status(InstanceId=instance_id, Name="Training", State="DISABLED")
    custom = connect.list_agent_statuses(InstanceId=instance_id, AgentStatusTypes=["CUSTOM"])
    assert [s["Name"] for s in custom["AgentStatusSummaryList"]] == ["Training"]
    system = connect.list_agent_statuses(
        InstanceId=instance_id, AgentStatusTypes=["ROUTABLE", "OFFLINE"]
    )
    assert sorted(s["Name"] for s in system["AgentStatusSummaryList"]) == ["Available", "Offline"]
    pages = connect.get_paginator("list_agent_statuses").paginate(
        InstanceId=instance_id, PaginationConfig={"PageSize": 1}
    )
    assert sum(len(p["AgentStatusSummaryList"]) for p in pages) == 3


def test_admin_edits_disables_and_reorders_a_status(connect: Any, instance_id: str) -> None:
    created = connect.create_agent_status(
        InstanceId=instance_id, Name="Meeting", State="ENABLED", DisplayOrder=5
    )
    status_id = created["AgentStatusId"]
    connect.update_agent_status(
        InstanceId=instance_id,
        AgentStatusId=status_id,
        Name="Team meeting",
        Description="Weekly sync",
        State="DISABLED",
    )
    status = connect.describe_agent_status(InstanceId=instance_id, AgentStatusId=status_id)
    assert status["AgentStatus"]["Name"] == "Team meeting"
    assert status["AgentStatus"]["State"] == "DISABLED"
    assert status["AgentStatus"]["DisplayOrder"] == 5

    connect.update_agent_status(
        InstanceId=instance_id, AgentStatusId=status_id, ResetOrderNumber=True
    )
    status = connect.describe_agent_status(InstanceId=instance_id, AgentStatusId=status_id)
    assert "DisplayOrder" not in status["AgentStatus"]


def test_available_and_offline_cannot_be_disabled(connect: Any, instance_id: str) -> None:
    for name in ("Available", "Offline"):
        status_id = _status_id(connect, instance_id, name)
        with pytest.raises(ClientError) as refused:
            connect.update_agent_status(
                InstanceId=instance_id, AgentStatusId=status_id, State="DISABLED"
            )
        assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
        assert name in refused.value.response["Error"]["Message"]
        status = connect.describe_agent_status(InstanceId=instance_id, AgentStatusId=status_id)
        assert status["AgentStatus"]["State"] == "ENABLED"


@pytest.mark.parametrize(
    ("request_", "code", "message"),
    [
        ({"Name": "Available", "State": "ENABLED"}, "DuplicateResourceException", "Available"),
        ({"Name": "Break", "State": "ON"}, "InvalidParameterException", "State"),
        ({"Name": "", "State": "ENABLED"}, "InvalidParameterException", "Name"),
        (
            {"Name": "Break", "State": "ENABLED", "DisplayOrder": 51},
            "InvalidParameterException",
            "50",
        ),
        ({"State": "ENABLED"}, "InvalidParameterException", "Name"),
        (
            {"Name": "Break", "State": "ENABLED", "Tags": {"aws:x": "y"}},
            "InvalidParameterException",
            "aws:",
        ),
    ],
)
def test_bad_new_statuses_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, request_: dict[str, Any], code: str, message: str
) -> None:
    with pytest.raises(ClientError) as refused:
        connect.create_agent_status(InstanceId=instance_id, **request_)
    assert refused.value.response["Error"]["Code"] == code
    assert message in refused.value.response["Error"]["Message"]
    statuses = connect.list_agent_statuses(InstanceId=instance_id)["AgentStatusSummaryList"]
    assert len(statuses) == 2


def test_renaming_onto_a_taken_name_is_refused(connect: Any, instance_id: str) -> None:
    created = connect.create_agent_status(InstanceId=instance_id, Name="Break", State="ENABLED")
    with pytest.raises(ClientError) as refused:
        connect.update_agent_status(
            InstanceId=instance_id, AgentStatusId=created["AgentStatusId"], Name="Offline"
        )
    assert refused.value.response["Error"]["Code"] == "DuplicateResourceException"


def test_unknown_statuses_and_instances_are_not_found(connect: Any, instance_id: str) -> None:
    with pytest.raises(ClientError) as missing:
        connect.describe_agent_status(InstanceId=instance_id, AgentStatusId="no-such-status")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as no_instance:
        connect.list_agent_statuses(InstanceId="no-such-instance")
    assert no_instance.value.response["Error"]["Code"] == "ResourceNotFoundException"
