"""An admin sets up quick connects: the agents, queues, outside numbers and flows agents can
transfer to or dial with one click (the seed: 路由 - 快速连接)."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError


def _flow(connect: Any, instance_id: str, name: str) -> dict[str, Any]:
    flows = connect.list_contact_flows(InstanceId=instance_id, MaxResults=1000)
    found: dict[str, Any] = next(f for f in flows["ContactFlowSummaryList"] if f["Name"] == name)
    return found


def _basic_queue(connect: Any, instance_id: str) -> dict[str, Any]:
    listed = connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])
    found: dict[str, Any] = next(q for q in listed["QueueSummaryList"] if q["Name"] == "BasicQueue")
    return found


def _create_agent(connect: Any, instance_id: str, username: str) -> dict[str, str]:
    """A user made through CreateUser, as the admin website would."""
    profiles = connect.list_security_profiles(InstanceId=instance_id)
    agent_profile = next(
        p["Id"] for p in profiles["SecurityProfileSummaryList"] if p["Name"] == "Agent"
    )
    routing = connect.list_routing_profiles(InstanceId=instance_id)
    created = connect.create_user(
        InstanceId=instance_id,
        Username=username,
        Password="Passw0rd!x",
        IdentityInfo={"FirstName": username.capitalize(), "LastName": "Agent"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[agent_profile],
        RoutingProfileId=routing["RoutingProfileSummaryList"][0]["Id"],
    )
    return {"Id": created["UserId"], "Arn": created["UserArn"]}


def _phone(number: str) -> dict[str, Any]:
    return {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": number}}


def _create(connect: Any, instance_id: str, name: str, config: dict[str, Any], **more: Any) -> str:
    created = connect.create_quick_connect(
        InstanceId=instance_id, Name=name, QuickConnectConfig=config, **more
    )
    quick_connect_id: str = created["QuickConnectId"]
    return quick_connect_id


def _describe(connect: Any, instance_id: str, quick_connect_id: str) -> dict[str, Any]:
    described: dict[str, Any] = connect.describe_quick_connect(
        InstanceId=instance_id, QuickConnectId=quick_connect_id
    )["QuickConnect"]
    return described


def _names(connect: Any, instance_id: str, **filters: Any) -> list[str]:
    listed = connect.list_quick_connects(InstanceId=instance_id, **filters)
    return [q["Name"] for q in listed["QuickConnectSummaryList"]]


def _refused(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


# -- creating and reading --------------------------------------------------------------------


def test_admin_creates_a_phone_number_quick_connect(connect: Any, instance_id: str) -> None:
    created = connect.create_quick_connect(
        InstanceId=instance_id,
        Name="On-call pager",
        Description="Rings whoever is on call",
        QuickConnectConfig=_phone("+12065550100"),
        Tags={"team": "ops"},
    )
    assert (
        f":instance/{instance_id}/transfer-destination/{created['QuickConnectId']}"
        in (created["QuickConnectARN"])
    )
    described = _describe(connect, instance_id, created["QuickConnectId"])
    assert described == {
        "QuickConnectARN": created["QuickConnectARN"],
        "QuickConnectId": created["QuickConnectId"],
        "Name": "On-call pager",
        "Description": "Rings whoever is on call",
        "QuickConnectConfig": _phone("+12065550100"),
        "Tags": {"team": "ops"},
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    by_arn = _describe(connect, instance_id, created["QuickConnectARN"])
    assert by_arn["QuickConnectId"] == created["QuickConnectId"]


def test_any_well_formed_number_may_be_stored_whatever_the_region_allows(
    connect: Any, instance_id: str
) -> None:
    # us-east-1 may not call France, but the rule applies when an agent dials, not here.
    paris = _create(connect, instance_id, "Paris office", _phone("+33142685300"))
    config = _describe(connect, instance_id, paris)["QuickConnectConfig"]
    assert config["PhoneConfig"]["PhoneNumber"] == "+33142685300"


def test_a_user_quick_connect_transfers_to_the_agent_through_an_agent_transfer_flow(
    connect: Any, instance_id: str
) -> None:
    user = _create_agent(connect, instance_id, "maria")
    transfer = _flow(connect, instance_id, "Default agent transfer")
    quick_connect_id = _create(
        connect,
        instance_id,
        "Maria",
        {
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": user["Arn"], "ContactFlowId": transfer["Arn"]},
        },
    )
    assert _describe(connect, instance_id, quick_connect_id)["QuickConnectConfig"] == {
        "QuickConnectType": "USER",
        "UserConfig": {"UserId": user["Id"], "ContactFlowId": transfer["Id"]},
    }


def test_a_queue_quick_connect_transfers_through_a_queue_transfer_flow(
    connect: Any, instance_id: str
) -> None:
    basic = _basic_queue(connect, instance_id)
    transfer = _flow(connect, instance_id, "Default queue transfer")
    quick_connect_id = _create(
        connect,
        instance_id,
        "Basic queue",
        {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": basic["Arn"], "ContactFlowId": transfer["Id"]},
        },
    )
    assert _describe(connect, instance_id, quick_connect_id)["QuickConnectConfig"] == {
        "QuickConnectType": "QUEUE",
        "QueueConfig": {"QueueId": basic["Id"], "ContactFlowId": transfer["Id"]},
    }


def test_a_flow_quick_connect_runs_a_contact_flow(connect: Any, instance_id: str) -> None:
    inbound = _flow(connect, instance_id, "Sample inbound flow (first contact experience)")
    quick_connect_id = _create(
        connect,
        instance_id,
        "Start over",
        {"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": inbound["Id"]}},
    )
    config = _describe(connect, instance_id, quick_connect_id)["QuickConnectConfig"]
    assert config == {"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": inbound["Id"]}}


def test_quick_connects_are_listed_by_type_and_page_by_page(connect: Any, instance_id: str) -> None:
    basic = _basic_queue(connect, instance_id)
    transfer = _flow(connect, instance_id, "Default queue transfer")
    _create(connect, instance_id, "Pager", _phone("+12065550101"))
    _create(
        connect,
        instance_id,
        "Basic queue",
        {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": basic["Id"], "ContactFlowId": transfer["Id"]},
        },
    )
    _create(connect, instance_id, "Escalations", _phone("+12065550102"))
    first = connect.list_quick_connects(InstanceId=instance_id, MaxResults=2)
    assert [q["Name"] for q in first["QuickConnectSummaryList"]] == ["Pager", "Basic queue"]
    rest = connect.list_quick_connects(
        InstanceId=instance_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [q["Name"] for q in rest["QuickConnectSummaryList"]] == ["Escalations"]
    assert "NextToken" not in rest
    assert _names(connect, instance_id, QuickConnectTypes=["PHONE_NUMBER"]) == [
        "Pager",
        "Escalations",
    ]
    assert _names(connect, instance_id, QuickConnectTypes=["QUEUE", "USER"]) == ["Basic queue"]
    assert _names(connect, instance_id, QuickConnectTypes=["FLOW"]) == []


# -- refusals at creation ----------------------------------------------------------------------


def _config_case(connect: Any, instance_id: str, case: str) -> dict[str, Any]:
    """The QuickConnectConfig of each refused case, built from the instance's own flows."""
    agent_transfer = _flow(connect, instance_id, "Default agent transfer")["Id"]
    queue_transfer = _flow(connect, instance_id, "Default queue transfer")["Id"]
    basic = _basic_queue(connect, instance_id)["Id"]
    cases: dict[str, dict[str, Any]] = {
        "user-with-queue-flow": {
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": "{user}", "ContactFlowId": queue_transfer},
        },
        "queue-with-agent-flow": {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": basic, "ContactFlowId": agent_transfer},
        },
        "flow-with-transfer-flow": {
            "QuickConnectType": "FLOW",
            "FlowConfig": {"ContactFlowId": agent_transfer},
        },
        "user-with-queue-config": {
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": "{user}", "ContactFlowId": agent_transfer},
            "QueueConfig": {"QueueId": basic, "ContactFlowId": queue_transfer},
        },
        "user-without-config": {"QuickConnectType": "USER"},
        "phone-with-user-config": {
            "QuickConnectType": "PHONE_NUMBER",
            "UserConfig": {"UserId": "{user}", "ContactFlowId": agent_transfer},
        },
        "unknown-user": {
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": "no-such-user", "ContactFlowId": agent_transfer},
        },
        "unknown-queue": {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": "no-such-queue", "ContactFlowId": queue_transfer},
        },
        "unknown-flow": {"QuickConnectType": "FLOW", "FlowConfig": {"ContactFlowId": "no-flow"}},
        "agent-queue": {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": "{user}", "ContactFlowId": queue_transfer},
        },
        "national-number": _phone("2065550100"),
        "too-long-number": _phone("+1206555010099999"),
        "impossible-number": _phone("+1206555"),
        "unknown-type": {"QuickConnectType": "PAGER", "PhoneConfig": {"PhoneNumber": "+1"}},
        "missing-user-id": {"QuickConnectType": "USER", "UserConfig": {"ContactFlowId": "x"}},
    }
    return cases[case]


@pytest.mark.parametrize(
    ("case", "code", "message"),
    [
        ("user-with-queue-flow", "InvalidParameterException", "Default queue transfer"),
        ("queue-with-agent-flow", "InvalidParameterException", "QUEUE_TRANSFER"),
        ("flow-with-transfer-flow", "InvalidParameterException", "CONTACT_FLOW"),
        ("user-with-queue-config", "InvalidParameterException", "QueueConfig"),
        ("user-without-config", "InvalidParameterException", "UserConfig"),
        ("phone-with-user-config", "InvalidParameterException", "PhoneConfig"),
        ("unknown-user", "ResourceNotFoundException", "no-such-user"),
        ("unknown-queue", "ResourceNotFoundException", "no-such-queue"),
        ("unknown-flow", "ResourceNotFoundException", "no-flow"),
        ("agent-queue", "InvalidParameterException", "agent queue"),
        ("national-number", "InvalidParameterException", "2065550100"),
        ("too-long-number", "InvalidParameterException", "+1206555010099999"),
        ("impossible-number", "InvalidParameterException", "+1206555"),
        ("unknown-type", "InvalidParameterException", "PAGER"),
        ("missing-user-id", "InvalidParameterException", "UserId"),
    ],
)
def test_bad_quick_connects_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, case: str, code: str, message: str
) -> None:
    user = _create_agent(connect, instance_id, "maria")
    config = _config_case(connect, instance_id, case)
    for block in ("UserConfig", "QueueConfig"):
        if config.get(block, {}).get("UserId") == "{user}":
            config[block]["UserId"] = user["Id"]
        if config.get(block, {}).get("QueueId") == "{user}":
            config[block]["QueueId"] = user["Id"]
    with pytest.raises(ClientError) as refused:
        connect.create_quick_connect(
            InstanceId=instance_id, Name="Broken", QuickConnectConfig=config
        )
    got_code, got_message = _refused(refused)
    assert got_code == code
    assert message in got_message
    assert _names(connect, instance_id) == []


def test_names_are_unique(connect: Any, instance_id: str) -> None:
    _create(connect, instance_id, "Pager", _phone("+12065550101"))
    with pytest.raises(ClientError) as refused:
        _create(connect, instance_id, "Pager", _phone("+12065550102"))
    code, message = _refused(refused)
    assert code == "DuplicateResourceException"
    assert "Pager" in message
    assert _names(connect, instance_id) == ["Pager"]


def test_a_quick_connect_needs_a_name_and_a_config(connect: Any, instance_id: str) -> None:
    with pytest.raises(ClientError) as no_config:
        connect.create_quick_connect(InstanceId=instance_id, Name="Pager")
    assert _refused(no_config)[0] == "InvalidParameterException"
    assert "QuickConnectConfig" in _refused(no_config)[1]
    with pytest.raises(ClientError) as no_name:
        connect.create_quick_connect(InstanceId=instance_id, QuickConnectConfig=_phone("+1206"))
    assert _refused(no_name)[0] == "InvalidParameterException"
    assert "Name" in _refused(no_name)[1]
    assert _names(connect, instance_id) == []


# -- updating ----------------------------------------------------------------------------------


def test_admin_points_a_quick_connect_somewhere_else(connect: Any, instance_id: str) -> None:
    user = _create_agent(connect, instance_id, "maria")
    transfer = _flow(connect, instance_id, "Default agent transfer")
    quick_connect_id = _create(connect, instance_id, "Help", _phone("+12065550101"))
    connect.update_quick_connect_config(
        InstanceId=instance_id,
        QuickConnectId=quick_connect_id,
        QuickConnectConfig={
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": user["Id"], "ContactFlowId": transfer["Id"]},
        },
    )
    described = _describe(connect, instance_id, quick_connect_id)
    assert described["QuickConnectConfig"] == {
        "QuickConnectType": "USER",
        "UserConfig": {"UserId": user["Id"], "ContactFlowId": transfer["Id"]},
    }
    assert _names(connect, instance_id, QuickConnectTypes=["USER"]) == ["Help"]


def test_a_bad_config_update_leaves_the_quick_connect_as_it_was(
    connect: Any, instance_id: str
) -> None:
    queue_transfer = _flow(connect, instance_id, "Default queue transfer")
    quick_connect_id = _create(connect, instance_id, "Help", _phone("+12065550101"))
    before = _describe(connect, instance_id, quick_connect_id)
    for config in (
        _phone("+44"),
        {
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": "nobody", "ContactFlowId": queue_transfer["Id"]},
        },
        {"QuickConnectType": "QUEUE", "PhoneConfig": {"PhoneNumber": "+12065550102"}},
    ):
        with pytest.raises(ClientError) as refused:
            connect.update_quick_connect_config(
                InstanceId=instance_id, QuickConnectId=quick_connect_id, QuickConnectConfig=config
            )
        assert _refused(refused)[0] in ("InvalidParameterException", "ResourceNotFoundException")
        assert _describe(connect, instance_id, quick_connect_id) == before


def test_admin_renames_a_quick_connect(connect: Any, instance_id: str) -> None:
    quick_connect_id = _create(
        connect, instance_id, "Pager", _phone("+12065550101"), Description="On call"
    )
    connect.update_quick_connect_name(
        InstanceId=instance_id, QuickConnectId=quick_connect_id, Name="On-call pager"
    )
    described = _describe(connect, instance_id, quick_connect_id)
    assert (described["Name"], described["Description"]) == ("On-call pager", "On call")
    connect.update_quick_connect_name(
        InstanceId=instance_id, QuickConnectId=quick_connect_id, Description=""
    )
    described = _describe(connect, instance_id, quick_connect_id)
    assert described["Name"] == "On-call pager"
    assert "Description" not in described


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        ({"Name": "Escalations"}, "DuplicateResourceException", "Escalations"),
        ({}, "InvalidParameterException", "Name"),
        ({"Name": ""}, "InvalidParameterException", "Name"),
    ],
)
def test_a_bad_rename_changes_nothing(
    connect: Any, instance_id: str, arguments: dict[str, Any], code: str, message: str
) -> None:
    quick_connect_id = _create(connect, instance_id, "Pager", _phone("+12065550101"))
    _create(connect, instance_id, "Escalations", _phone("+12065550102"))
    with pytest.raises(ClientError) as refused:
        connect.update_quick_connect_name(
            InstanceId=instance_id, QuickConnectId=quick_connect_id, **arguments
        )
    got_code, got_message = _refused(refused)
    assert got_code == code
    assert message in got_message
    assert _names(connect, instance_id) == ["Pager", "Escalations"]


# -- deleting ----------------------------------------------------------------------------------


def test_admin_deletes_a_quick_connect(connect: Any, instance_id: str) -> None:
    quick_connect_id = _create(connect, instance_id, "Pager", _phone("+12065550101"))
    connect.delete_quick_connect(InstanceId=instance_id, QuickConnectId=quick_connect_id)
    assert _names(connect, instance_id) == []
    for call in (connect.describe_quick_connect, connect.delete_quick_connect):
        with pytest.raises(ClientError) as gone:
            call(InstanceId=instance_id, QuickConnectId=quick_connect_id)
        code, message = _refused(gone)
        assert code == "ResourceNotFoundException"
        assert quick_connect_id in message


# -- searching ---------------------------------------------------------------------------------


@pytest.fixture
def three_quick_connects(connect: Any, instance_id: str) -> dict[str, str]:
    return {
        "Support Tier 2": _create(
            connect,
            instance_id,
            "Support Tier 2",
            _phone("+12065550101"),
            Description="Second line",
            Tags={"team": "a"},
        ),
        "Billing": _create(
            connect,
            instance_id,
            "Billing",
            _phone("+12065550102"),
            Description="Invoices and support",
            Tags={"team": "b"},
        ),
        "Pager": _create(
            connect,
            instance_id,
            "Pager",
            _phone("+12065550103"),
            Tags={"team": "a", "oncall": "yes"},
        ),
    }


def _search(connect: Any, instance_id: str, **request: Any) -> list[str]:
    found = connect.search_quick_connects(InstanceId=instance_id, **request)
    assert found["ApproximateTotalCount"] == len(found["QuickConnects"])
    return [q["Name"] for q in found["QuickConnects"]]


def _condition(field: str, value: str, comparison: str) -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}


@pytest.mark.usefixtures("three_quick_connects")
def test_admin_searches_quick_connects_by_name_and_description(
    connect: Any, instance_id: str
) -> None:
    assert _search(
        connect, instance_id, SearchCriteria=_condition("name", "support", "STARTS_WITH")
    ) == ["Support Tier 2"]
    assert _search(
        connect, instance_id, SearchCriteria=_condition("description", "support", "CONTAINS")
    ) == ["Billing"]
    assert _search(connect, instance_id, SearchCriteria=_condition("name", "Pager", "EXACT")) == [
        "Pager"
    ]
    either = {
        "OrConditions": [
            _condition("name", "Billing", "EXACT"),
            _condition("name", "Pager", "EXACT"),
        ]
    }
    assert _search(connect, instance_id, SearchCriteria=either) == ["Billing", "Pager"]
    both = {
        "AndConditions": [
            _condition("name", "i", "CONTAINS"),
            _condition("description", "line", "CONTAINS"),
        ]
    }
    assert _search(connect, instance_id, SearchCriteria=both) == ["Support Tier 2"]


def test_search_finds_a_quick_connect_by_its_id_and_returns_it_whole(
    connect: Any, instance_id: str, three_quick_connects: dict[str, str]
) -> None:
    pager_id = three_quick_connects["Pager"]
    found = connect.search_quick_connects(
        InstanceId=instance_id, SearchCriteria=_condition("resourceID", pager_id, "EXACT")
    )
    assert found["ApproximateTotalCount"] == 1
    assert found["QuickConnects"] == [_describe(connect, instance_id, pager_id)]


@pytest.mark.usefixtures("three_quick_connects")
def test_admin_searches_quick_connects_by_tag(connect: Any, instance_id: str) -> None:
    def tagged(tag_filter: dict[str, Any]) -> list[str]:
        return _search(connect, instance_id, SearchFilter={"TagFilter": tag_filter})

    assert tagged({"TagCondition": {"TagKey": "team", "TagValue": "a"}}) == [
        "Support Tier 2",
        "Pager",
    ]
    assert tagged(
        {"AndConditions": [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "oncall"}]}
    ) == ["Pager"]
    assert tagged(
        {
            "OrConditions": [
                [{"TagKey": "team", "TagValue": "b"}],
                [{"TagKey": "oncall", "TagValue": "yes"}],
            ]
        }
    ) == ["Billing", "Pager"]


@pytest.mark.usefixtures("three_quick_connects")
def test_search_results_come_page_by_page_with_the_total(connect: Any, instance_id: str) -> None:
    first = connect.search_quick_connects(InstanceId=instance_id, MaxResults=2)
    assert [q["Name"] for q in first["QuickConnects"]] == ["Support Tier 2", "Billing"]
    assert first["ApproximateTotalCount"] == 3
    rest = connect.search_quick_connects(
        InstanceId=instance_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [q["Name"] for q in rest["QuickConnects"]] == ["Pager"]
    assert "NextToken" not in rest


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        (_condition("phoneNumber", "+1", "STARTS_WITH"), "phoneNumber"),
        ({"StringCondition": {"FieldName": "name", "Value": "x"}}, "ComparisonType"),
        (_condition("name", "x", "SOUNDS_LIKE"), "SOUNDS_LIKE"),
    ],
)
def test_a_search_it_cannot_run_is_refused(
    connect: Any, instance_id: str, criteria: dict[str, Any], message: str
) -> None:
    with pytest.raises(ClientError) as refused:
        connect.search_quick_connects(InstanceId=instance_id, SearchCriteria=criteria)
    code, got_message = _refused(refused)
    assert code == "InvalidParameterException"
    assert message in got_message
