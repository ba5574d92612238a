"""An admin decides which queues agents take contacts from, in what order, and how many at once
(the seed: 路由 - 路由配置文件)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

VOICE = [{"Channel": "VOICE", "Concurrency": 1}]


def _basic_profile(connect: Any, instance_id: str) -> dict[str, Any]:
    summaries = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
    basic_id = next(s["Id"] for s in summaries if s["Name"] == "Basic Routing Profile")
    profile: dict[str, Any] = connect.describe_routing_profile(
        InstanceId=instance_id, RoutingProfileId=basic_id
    )["RoutingProfile"]
    return profile


def _basic_queue(connect: Any, instance_id: str) -> tuple[str, str]:
    """BasicQueue's (id, ARN), as the Basic Routing Profile lists it."""
    basic = _basic_profile(connect, instance_id)
    listed = connect.list_routing_profile_queues(
        InstanceId=instance_id, RoutingProfileId=basic["RoutingProfileId"]
    )["RoutingProfileQueueConfigSummaryList"]
    return listed[0]["QueueId"], listed[0]["QueueArn"]


def _create(connect: Any, instance_id: str, name: str = "Sales", **changes: Any) -> str:
    queue_id, _ = _basic_queue(connect, instance_id)
    request = {
        "Name": name,
        "Description": "Sales agents",
        "DefaultOutboundQueueId": queue_id,
        "MediaConcurrencies": VOICE,
        **changes,
    }
    created = connect.create_routing_profile(InstanceId=instance_id, **request)
    profile_id: str = created["RoutingProfileId"]
    return profile_id


def _queues(connect: Any, instance_id: str, profile_id: str) -> list[tuple[str, str, int, int]]:
    listed = connect.list_routing_profile_queues(
        InstanceId=instance_id, RoutingProfileId=profile_id
    )
    return [
        (q["QueueName"], q["Channel"], q["Priority"], q["Delay"])
        for q in listed["RoutingProfileQueueConfigSummaryList"]
    ]


def _config(queue_id: str, channel: str, priority: int = 1, delay: int = 0) -> dict[str, Any]:
    return {
        "QueueReference": {"QueueId": queue_id, "Channel": channel},
        "Priority": priority,
        "Delay": delay,
    }


def _names(connect: Any, instance_id: str) -> list[str]:
    summaries = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
    return [s["Name"] for s in summaries]


def _refused(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


# -- good input -----------------------------------------------------------------------------------


def test_admin_creates_a_routing_profile_and_reads_it_back(connect: Any, instance_id: str) -> None:
    queue_id, queue_arn = _basic_queue(connect, instance_id)
    created = connect.create_routing_profile(
        InstanceId=instance_id,
        Name="Sales",
        Description="Sales agents",
        DefaultOutboundQueueId=queue_arn,
        MediaConcurrencies=[
            {"Channel": "VOICE", "Concurrency": 1},
            {
                "Channel": "CHAT",
                "Concurrency": 3,
                "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"},
            },
        ],
        QueueConfigs=[_config(queue_arn, "VOICE", 1, 0), _config(queue_id, "CHAT", 2, 30)],
        AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND",
        Tags={"team": "sales"},
    )
    profile = connect.describe_routing_profile(
        InstanceId=instance_id, RoutingProfileId=created["RoutingProfileId"]
    )["RoutingProfile"]
    assert profile["RoutingProfileArn"] == created["RoutingProfileArn"]
    assert f"instance/{instance_id}/routing-profile/" in profile["RoutingProfileArn"]
    assert profile["InstanceId"] == instance_id
    assert profile["Name"] == "Sales"
    assert profile["Description"] == "Sales agents"
    assert profile["DefaultOutboundQueueId"] == queue_id
    assert profile["MediaConcurrencies"] == [
        {
            "Channel": "VOICE",
            "Concurrency": 1,
            "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"},
        },
        {
            "Channel": "CHAT",
            "Concurrency": 3,
            "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"},
        },
    ]
    assert profile["NumberOfAssociatedQueues"] == 1
    assert profile["AssociatedQueueIds"] == [queue_id]
    assert profile["NumberOfAssociatedUsers"] == 0
    assert profile["AgentAvailabilityTimer"] == "TIME_SINCE_LAST_INBOUND"
    assert profile["IsDefault"] is False
    assert profile["Tags"] == {"team": "sales"}
    assert profile["LastModifiedRegion"] == "us-east-1"
    assert _queues(connect, instance_id, created["RoutingProfileId"]) == [
        ("BasicQueue", "VOICE", 1, 0),
        ("BasicQueue", "CHAT", 2, 30),
    ]
    assert _names(connect, instance_id) == ["Basic Routing Profile", "Sales"]


def test_a_profile_without_queues_is_for_outbound_calls_only(
    connect: Any, instance_id: str
) -> None:
    profile_id = _create(connect, instance_id, "Outbound")
    profile = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    assert profile["RoutingProfile"]["NumberOfAssociatedQueues"] == 0
    assert profile["RoutingProfile"]["AgentAvailabilityTimer"] == "TIME_SINCE_LAST_ACTIVITY"
    assert "Tags" not in profile["RoutingProfile"]
    assert _queues(connect, instance_id, profile_id) == []


def test_the_basic_routing_profile_is_the_default_and_serves_every_channel(
    connect: Any, instance_id: str
) -> None:
    basic = _basic_profile(connect, instance_id)
    assert basic["IsDefault"] is True
    assert {m["Channel"]: m["Concurrency"] for m in basic["MediaConcurrencies"]} == {
        "VOICE": 1,
        "CHAT": 2,
        "TASK": 1,
    }
    assert basic["NumberOfAssociatedQueues"] == 1
    assert sorted(q[1] for q in _queues(connect, instance_id, basic["RoutingProfileId"])) == [
        "CHAT",
        "TASK",
        "VOICE",
    ]


def test_profiles_and_their_queues_are_listed_page_by_page(connect: Any, instance_id: str) -> None:
    queue_id, _ = _basic_queue(connect, instance_id)
    profile_id = _create(
        connect,
        instance_id,
        "Support",
        QueueConfigs=[_config(queue_id, channel) for channel in ("VOICE", "CHAT", "TASK")],
    )
    _create(connect, instance_id, "Billing")
    first = connect.list_routing_profiles(InstanceId=instance_id, MaxResults=2)
    assert len(first["RoutingProfileSummaryList"]) == 2
    rest = connect.list_routing_profiles(
        InstanceId=instance_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [s["Name"] for s in rest["RoutingProfileSummaryList"]] == ["Billing"]
    assert "NextToken" not in rest
    summary = first["RoutingProfileSummaryList"][1]
    assert summary["Name"] == "Support"
    assert summary["Id"] == profile_id
    assert summary["Arn"].endswith(f"/routing-profile/{profile_id}")
    assert summary["LastModifiedRegion"] == "us-east-1"

    pages = list(
        connect.get_paginator("list_routing_profile_queues").paginate(
            InstanceId=instance_id, RoutingProfileId=profile_id, PaginationConfig={"PageSize": 2}
        )
    )
    assert [len(p["RoutingProfileQueueConfigSummaryList"]) for p in pages] == [2, 1]
    assert pages[0]["LastModifiedRegion"] == "us-east-1"
    assert "LastModifiedTime" in pages[0]


def test_admin_adds_reprioritises_and_removes_queues(connect: Any, instance_id: str) -> None:
    queue_id, queue_arn = _basic_queue(connect, instance_id)
    profile_id = _create(connect, instance_id, QueueConfigs=[_config(queue_id, "VOICE")])
    connect.associate_routing_profile_queues(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        QueueConfigs=[_config(queue_arn, "CHAT", 2, 10), _config(queue_id, "TASK", 3, 0)],
    )
    assert _queues(connect, instance_id, profile_id) == [
        ("BasicQueue", "VOICE", 1, 0),
        ("BasicQueue", "CHAT", 2, 10),
        ("BasicQueue", "TASK", 3, 0),
    ]
    connect.update_routing_profile_queues(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        QueueConfigs=[_config(queue_arn, "CHAT", 5, 600)],
    )
    assert _queues(connect, instance_id, profile_id)[1] == ("BasicQueue", "CHAT", 5, 600)
    connect.disassociate_routing_profile_queues(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        QueueReferences=[
            {"QueueId": queue_arn, "Channel": "VOICE"},
            {"QueueId": queue_id, "Channel": "TASK"},
        ],
    )
    assert _queues(connect, instance_id, profile_id) == [("BasicQueue", "CHAT", 5, 600)]


def test_admin_changes_channels_outbound_queue_name_and_timer(
    connect: Any, instance_id: str
) -> None:
    queue_id, queue_arn = _basic_queue(connect, instance_id)
    profile_id = _create(connect, instance_id)
    connect.update_routing_profile_concurrency(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        MediaConcurrencies=[
            {"Channel": "CHAT", "Concurrency": 10},
            {"Channel": "EMAIL", "Concurrency": 2},
        ],
    )
    connect.update_routing_profile_default_outbound_queue(
        InstanceId=instance_id, RoutingProfileId=profile_id, DefaultOutboundQueueId=queue_arn
    )
    connect.update_routing_profile_name(
        InstanceId=instance_id, RoutingProfileId=profile_id, Name="Inside sales"
    )
    connect.update_routing_profile_name(
        InstanceId=instance_id, RoutingProfileId=profile_id, Description="Chat and email"
    )
    connect.update_routing_profile_agent_availability_timer(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND",
    )
    profile = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)[
        "RoutingProfile"
    ]
    assert [(m["Channel"], m["Concurrency"]) for m in profile["MediaConcurrencies"]] == [
        ("CHAT", 10),
        ("EMAIL", 2),
    ]
    assert profile["DefaultOutboundQueueId"] == queue_id
    assert profile["Name"] == "Inside sales"
    assert profile["Description"] == "Chat and email"
    assert profile["AgentAvailabilityTimer"] == "TIME_SINCE_LAST_INBOUND"


def test_a_profile_is_found_by_its_arn_too(connect: Any, instance_id: str) -> None:
    profile_id = _create(connect, instance_id)
    arn = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)[
        "RoutingProfile"
    ]["RoutingProfileArn"]
    described = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=arn)
    assert described["RoutingProfile"]["RoutingProfileId"] == profile_id


def test_an_unused_profile_is_deleted(connect: Any, instance_id: str) -> None:
    profile_id = _create(connect, instance_id)
    connect.delete_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    assert _names(connect, instance_id) == ["Basic Routing Profile"]
    with pytest.raises(ClientError) as gone:
        connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    code, message = _refused(gone)
    assert code == "ResourceNotFoundException"
    assert profile_id in message


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        (
            {"MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 2}]},
            "InvalidParameterException",
            "VOICE must be exactly 1, not 2",
        ),
        (
            {"MediaConcurrencies": [{"Channel": "CHAT", "Concurrency": 11}]},
            "InvalidParameterException",
            "Concurrency",
        ),
        (
            {
                "MediaConcurrencies": [
                    {"Channel": "CHAT", "Concurrency": 2},
                    {"Channel": "CHAT", "Concurrency": 3},
                ]
            },
            "InvalidParameterException",
            "CHAT more than once",
        ),
        ({"MediaConcurrencies": []}, "InvalidParameterException", "at least one channel"),
        (
            {"MediaConcurrencies": [{"Channel": "FAX", "Concurrency": 1}]},
            "InvalidParameterException",
            "FAX",
        ),
        (
            {"MediaConcurrencies": [{"Channel": "CHAT"}]},
            "InvalidParameterException",
            "Concurrency is required for channel CHAT",
        ),
        ({"Name": "Basic Routing Profile"}, "DuplicateResourceException", "Basic Routing Profile"),
        ({"Description": ""}, "InvalidParameterException", "Description"),
        (
            {"DefaultOutboundQueueId": "no-such-queue"},
            "ResourceNotFoundException",
            "no-such-queue",
        ),
        (
            {"QueueConfigs": [_config("missing-queue", "VOICE")]},
            "ResourceNotFoundException",
            "missing-queue",
        ),
        (
            {"QueueConfigs": [_config("{basic}", "VOICE", priority=0)]},
            "InvalidParameterException",
            "Priority",
        ),
        (
            {"QueueConfigs": [_config("{basic}", "VOICE", delay=10000)]},
            "InvalidParameterException",
            "Delay",
        ),
        (
            {"QueueConfigs": [_config("{basic}", "VOICE"), _config("{basic}", "VOICE", 2)]},
            "InvalidParameterException",
            "'BasicQueue'",
        ),
        (
            {"QueueConfigs": [_config("{basic}", "VOICE", n) for n in range(1, 12)]},
            "InvalidParameterException",
            "QueueConfigs",
        ),
        (
            {
                "ManualAssignmentQueueConfigs": [
                    {"QueueReference": {"QueueId": "{basic}", "Channel": "CHAT"}}
                ]
            },
            "InvalidParameterException",
            "ManualAssignmentQueueConfigs",
        ),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, changes: dict[str, Any], code: str, message: str
) -> None:
    queue_id, _ = _basic_queue(connect, instance_id)
    filled = _fill(changes, queue_id)
    with pytest.raises(ClientError) as refused:
        _create(connect, instance_id, **filled)
    assert _refused(refused)[0] == code
    assert message in _refused(refused)[1]
    assert _names(connect, instance_id) == ["Basic Routing Profile"]


def _fill(value: Any, queue_id: str) -> Any:
    """Puts BasicQueue's id where a case says {basic}."""
    if isinstance(value, dict):
        return {k: _fill(v, queue_id) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, queue_id) for v in value]
    return queue_id if value == "{basic}" else value


def test_associating_a_pair_already_there_is_refused(connect: Any, instance_id: str) -> None:
    queue_id, queue_arn = _basic_queue(connect, instance_id)
    profile_id = _create(connect, instance_id, QueueConfigs=[_config(queue_id, "VOICE", 1, 0)])
    with pytest.raises(ClientError) as refused:
        connect.associate_routing_profile_queues(
            InstanceId=instance_id,
            RoutingProfileId=profile_id,
            QueueConfigs=[_config(queue_id, "CHAT", 1, 0), _config(queue_arn, "VOICE", 9, 99)],
        )
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "'BasicQueue'" in message
    assert "VOICE is already associated" in message
    assert _queues(connect, instance_id, profile_id) == [("BasicQueue", "VOICE", 1, 0)]


def test_updating_a_pair_that_is_not_associated_is_refused(connect: Any, instance_id: str) -> None:
    queue_id, _ = _basic_queue(connect, instance_id)
    profile_id = _create(connect, instance_id, QueueConfigs=[_config(queue_id, "VOICE", 1, 0)])
    with pytest.raises(ClientError) as refused:
        connect.update_routing_profile_queues(
            InstanceId=instance_id,
            RoutingProfileId=profile_id,
            QueueConfigs=[_config(queue_id, "VOICE", 4, 4), _config(queue_id, "CHAT", 2, 0)],
        )
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "'BasicQueue'" in message
    assert "CHAT is not associated" in message
    assert _queues(connect, instance_id, profile_id) == [("BasicQueue", "VOICE", 1, 0)]


def test_disassociating_a_pair_that_is_not_there_is_refused(connect: Any, instance_id: str) -> None:
    queue_id, _ = _basic_queue(connect, instance_id)
    profile_id = _create(connect, instance_id, QueueConfigs=[_config(queue_id, "VOICE", 1, 0)])
    with pytest.raises(ClientError) as refused:
        connect.disassociate_routing_profile_queues(
            InstanceId=instance_id,
            RoutingProfileId=profile_id,
            QueueReferences=[
                {"QueueId": queue_id, "Channel": "VOICE"},
                {"QueueId": queue_id, "Channel": "TASK"},
            ],
        )
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "'BasicQueue'" in message
    assert "TASK is not associated" in message
    assert _queues(connect, instance_id, profile_id) == [("BasicQueue", "VOICE", 1, 0)]
    with pytest.raises(ClientError) as empty:
        connect.disassociate_routing_profile_queues(
            InstanceId=instance_id, RoutingProfileId=profile_id
        )
    assert _refused(empty) == (
        "InvalidParameterException",
        "QueueReferences must list at least one queue to disassociate.",
    )


@pytest.mark.parametrize(
    ("operation", "params", "code", "message"),
    [
        (
            "update_routing_profile_concurrency",
            {"MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 3}]},
            "InvalidParameterException",
            "VOICE must be exactly 1",
        ),
        (
            "update_routing_profile_default_outbound_queue",
            {"DefaultOutboundQueueId": "nowhere"},
            "ResourceNotFoundException",
            "nowhere",
        ),
        (
            "update_routing_profile_name",
            {"Name": "Basic Routing Profile"},
            "DuplicateResourceException",
            "Basic Routing Profile",
        ),
        ("update_routing_profile_name", {}, "InvalidParameterException", "Name"),
        (
            "update_routing_profile_agent_availability_timer",
            {"AgentAvailabilityTimer": "WHENEVER"},
            "InvalidParameterException",
            "WHENEVER",
        ),
    ],
)
def test_bad_updates_leave_the_profile_as_it_was(
    connect: Any,
    instance_id: str,
    operation: str,
    params: dict[str, Any],
    code: str,
    message: str,
) -> None:
    profile_id = _create(connect, instance_id)
    before = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(InstanceId=instance_id, RoutingProfileId=profile_id, **params)
    assert _refused(refused)[0] == code
    assert message in _refused(refused)[1]
    after = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    assert after["RoutingProfile"] == before["RoutingProfile"]


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        ("describe_routing_profile", {}),
        ("delete_routing_profile", {}),
        ("list_routing_profile_queues", {}),
        ("update_routing_profile_name", {"Name": "Ghost"}),
        ("update_routing_profile_concurrency", {"MediaConcurrencies": VOICE}),
    ],
)
def test_an_unknown_profile_is_not_found(
    connect: Any, instance_id: str, operation: str, params: dict[str, Any]
) -> None:
    ghost = str(uuid.uuid4())
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(InstanceId=instance_id, RoutingProfileId=ghost, **params)
    code, message = _refused(refused)
    assert code == "ResourceNotFoundException"
    assert ghost in message


def test_the_default_profile_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    basic = _basic_profile(connect, instance_id)
    with pytest.raises(ClientError) as refused:
        connect.delete_routing_profile(
            InstanceId=instance_id, RoutingProfileId=basic["RoutingProfileId"]
        )
    code, message = _refused(refused)
    assert code == "ResourceInUseException"
    assert "'Basic Routing Profile' is the instance's default routing profile" in message
    assert _basic_profile(connect, instance_id) == basic


# -- with other resources: queues and users ------------------------------------------------------


def _new_queue(connect: Any, instance_id: str, name: str) -> tuple[str, str]:
    hours = connect.list_hours_of_operations(InstanceId=instance_id)["HoursOfOperationSummaryList"]
    created = connect.create_queue(
        InstanceId=instance_id, Name=name, HoursOfOperationId=hours[0]["Id"]
    )
    return created["QueueId"], created["QueueArn"]


def _new_agent(connect: Any, instance_id: str, username: str, profile_id: str) -> str:
    security = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    agent_profile = next(s["Id"] for s in security if s["Name"] == "Agent")
    created = connect.create_user(
        InstanceId=instance_id,
        Username=username,
        Password="Passw0rdPassw0rd",
        IdentityInfo={"FirstName": "Jo", "LastName": "Doe"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[agent_profile],
        RoutingProfileId=profile_id,
    )
    user_id: str = created["UserId"]
    return user_id


def test_a_profile_serves_new_queues_in_priority_order(connect: Any, instance_id: str) -> None:
    billing_id, billing_arn = _new_queue(connect, instance_id, "Billing")
    profile_id = _create(
        connect,
        instance_id,
        DefaultOutboundQueueId=billing_arn,
        QueueConfigs=[_config(billing_arn, "VOICE", 1, 0)],
    )
    basic_id, _ = _basic_queue(connect, instance_id)
    connect.associate_routing_profile_queues(
        InstanceId=instance_id,
        RoutingProfileId=profile_id,
        QueueConfigs=[_config(basic_id, "VOICE", 2, 30)],
    )
    listed = connect.list_routing_profile_queues(
        InstanceId=instance_id, RoutingProfileId=profile_id
    )["RoutingProfileQueueConfigSummaryList"]
    assert [(q["QueueName"], q["Channel"], q["Priority"], q["Delay"]) for q in listed] == [
        ("Billing", "VOICE", 1, 0),
        ("BasicQueue", "VOICE", 2, 30),
    ]
    assert (listed[0]["QueueId"], listed[0]["QueueArn"]) == (billing_id, billing_arn)
    profile = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)[
        "RoutingProfile"
    ]
    assert profile["DefaultOutboundQueueId"] == billing_id
    assert profile["NumberOfAssociatedQueues"] == 2
    assert profile["AssociatedQueueIds"] == [billing_id, basic_id]


def test_an_agents_own_queue_cannot_be_put_in_a_profile(connect: Any, instance_id: str) -> None:
    basic = _basic_profile(connect, instance_id)
    _new_agent(connect, instance_id, f"agent{uuid.uuid4().hex[:8]}", basic["RoutingProfileId"])
    agent_queues = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])
    agent_queue_arn = agent_queues["QueueSummaryList"][0]["Arn"]
    with pytest.raises(ClientError) as refused:
        _create(connect, instance_id, QueueConfigs=[_config(agent_queue_arn, "VOICE")])
    code, message = _refused(refused)
    assert code == "InvalidParameterException"
    assert "standard queues only" in message
    with pytest.raises(ClientError) as outbound:
        _create(connect, instance_id, DefaultOutboundQueueId=agent_queue_arn)
    assert _refused(outbound)[0] == "InvalidParameterException"
    assert _names(connect, instance_id) == ["Basic Routing Profile"]


def test_a_profile_that_agents_use_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    profile_id = _create(connect, instance_id)
    username = f"agent{uuid.uuid4().hex[:8]}"
    user_id = _new_agent(connect, instance_id, username, profile_id)
    profile = connect.describe_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    assert profile["RoutingProfile"]["NumberOfAssociatedUsers"] == 1
    with pytest.raises(ClientError) as refused:
        connect.delete_routing_profile(InstanceId=instance_id, RoutingProfileId=profile_id)
    code, message = _refused(refused)
    assert code == "ResourceInUseException"
    assert f"'Sales' is used by user '{username}'" in message
    assert refused.value.response["ResourceType"] == "USER"
    assert refused.value.response["ResourceId"] == user_id
    assert "Sales" in _names(connect, instance_id)
