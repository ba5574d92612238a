"""An admin adds agents, sets up their phones and channels, searches for them and removes
them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

PASSWORD = "Secr3tpass!"
JANE = {"FirstName": "Jane", "LastName": "Doe", "Email": "jane@example.com"}


def _profile_id(connect: Any, instance_id: str, name: str) -> str:
    profiles = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    found: str = next(p["Id"] for p in profiles if p["Name"] == name)
    return found


def _routing_profile_id(connect: Any, instance_id: str) -> str:
    profiles = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
    found: str = next(p["Id"] for p in profiles if p["Name"] == "Basic Routing Profile")
    return found


def _create(connect: Any, instance_id: str, username: str = "jane", **overrides: Any) -> str:
    request: dict[str, Any] = {
        "InstanceId": instance_id,
        "Username": username,
        "Password": PASSWORD,
        "IdentityInfo": JANE,
        "SecurityProfileIds": [_profile_id(connect, instance_id, "Agent")],
        "RoutingProfileId": _routing_profile_id(connect, instance_id),
    }
    request.update(overrides)
    user_id: str = connect.create_user(**request)["UserId"]
    return user_id


def _describe(connect: Any, instance_id: str, user_id: str) -> dict[str, Any]:
    user: dict[str, Any] = connect.describe_user(InstanceId=instance_id, UserId=user_id)["User"]
    return user


def _usernames(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_users(InstanceId=instance_id)["UserSummaryList"]
    return [u["Username"] for u in listed]


def _refused(call: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as refused:
        call(**kwargs)
    error: dict[str, Any] = refused.value.response["Error"]
    return error


def _channels(user: dict[str, Any], key: str) -> dict[str, Any]:
    return {item["Channel"]: item for item in user[key]}


# -- creating and reading -----------------------------------------------------------------------


def test_admin_creates_a_desk_phone_agent_and_reads_both_views(
    connect: Any, instance_id: str
) -> None:
    agent_profile = _profile_id(connect, instance_id, "Agent")
    created = connect.create_user(
        InstanceId=instance_id,
        Username="jane",
        Password=PASSWORD,
        IdentityInfo={**JANE, "Mobile": "+12065550199"},
        PhoneConfig={
            "PhoneType": "DESK_PHONE",
            "DeskPhoneNumber": "+12065550100",
            "AutoAccept": True,
            "AfterContactWorkTimeLimit": 30,
        },
        SecurityProfileIds=[agent_profile],
        RoutingProfileId=_routing_profile_id(connect, instance_id),
        Tags={"team": "billing"},
    )
    assert created["UserArn"] == f"{_instance_arn(connect, instance_id)}/agent/{created['UserId']}"
    user = _describe(connect, instance_id, created["UserId"])
    assert user["Id"] == created["UserId"]
    assert user["Username"] == "jane"
    assert user["IdentityInfo"] == {**JANE, "Mobile": "+12065550199"}
    assert user["PhoneConfig"] == {
        "PhoneType": "DESK_PHONE",
        "DeskPhoneNumber": "+12065550100",
        "AutoAccept": True,
        "AfterContactWorkTimeLimit": 30,
        "PersistentConnection": False,
    }
    assert user["SecurityProfileIds"] == [agent_profile]
    assert user["Tags"] == {"team": "billing"}
    assert user["LastModifiedRegion"] == "us-east-1"
    assert user["DirectoryUserId"]
    # The per-channel view says the same: auto-accept for calls, one limit for every channel.
    auto = _channels(user, "AutoAcceptConfigs")
    assert auto["VOICE"]["AutoAccept"] is True
    assert auto["CHAT"]["AutoAccept"] is False
    limits = _channels(user, "AfterContactWorkConfigs")
    assert {
        c: v["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"] for c, v in limits.items()
    } == {
        "VOICE": 30,
        "CHAT": 30,
        "TASK": 30,
        "EMAIL": 30,
    }
    assert user["PhoneNumberConfigs"] == [
        {"Channel": "VOICE", "PhoneType": "DESK_PHONE", "PhoneNumber": "+12065550100"}
    ]
    assert user["PersistentConnectionConfigs"] == [
        {"Channel": "VOICE", "PersistentConnection": False}
    ]


def test_no_response_ever_carries_the_password(connect: Any, instance_id: str) -> None:
    user_id = _create(connect, instance_id)
    responses = [
        connect.describe_user(InstanceId=instance_id, UserId=user_id),
        connect.list_users(InstanceId=instance_id),
        connect.search_users(InstanceId=instance_id),
    ]
    for response in responses:
        text = repr(response)
        assert PASSWORD not in text
        assert "Password" not in text
        assert "argon2" not in text


def test_per_channel_settings_read_back_in_the_older_view_too(
    connect: Any, instance_id: str
) -> None:
    user_id = _create(
        connect,
        instance_id,
        AutoAcceptConfigs=[
            {"Channel": "VOICE", "AutoAccept": True, "AgentFirstCallbackAutoAccept": False},
            {"Channel": "CHAT", "AutoAccept": True},
        ],
        AfterContactWorkConfigs=[
            {"Channel": "VOICE", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 45}},
            {"Channel": "TASK", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}},
        ],
        PhoneNumberConfigs=[
            {"Channel": "VOICE", "PhoneType": "DESK_PHONE", "PhoneNumber": "+12065550101"}
        ],
        PersistentConnectionConfigs=[{"Channel": "VOICE", "PersistentConnection": True}],
        VoiceEnhancementConfigs=[{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}],
    )
    user = _describe(connect, instance_id, user_id)
    assert user["PhoneConfig"] == {
        "PhoneType": "DESK_PHONE",
        "DeskPhoneNumber": "+12065550101",
        "AutoAccept": True,
        "AfterContactWorkTimeLimit": 45,
        "PersistentConnection": True,
    }
    auto = _channels(user, "AutoAcceptConfigs")
    assert auto["VOICE"] == {
        "Channel": "VOICE",
        "AutoAccept": True,
        "AgentFirstCallbackAutoAccept": False,
    }
    assert auto["CHAT"]["AutoAccept"] is True
    assert auto["TASK"]["AutoAccept"] is False
    assert user["VoiceEnhancementConfigs"] == [
        {"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}
    ]


def test_profiles_and_users_may_be_named_by_arn(connect: Any, instance_id: str) -> None:
    profiles = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    agent = next(p for p in profiles if p["Name"] == "Agent")
    routing = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"][0]
    created = connect.create_user(
        InstanceId=instance_id,
        Username="jane",
        Password=PASSWORD,
        IdentityInfo=JANE,
        SecurityProfileIds=[agent["Arn"], agent["Id"]],
        RoutingProfileId=routing["Arn"],
    )
    user = _describe(connect, instance_id, created["UserArn"])
    assert user["SecurityProfileIds"] == [agent["Id"]]
    assert user["RoutingProfileId"] == routing["Id"]


def test_every_user_gets_an_agent_queue_listed_without_a_name(
    connect: Any, instance_id: str
) -> None:
    user_id = _create(connect, instance_id)
    agent_queues = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])[
        "QueueSummaryList"
    ]
    assert [q["Id"] for q in agent_queues] == [user_id]
    assert agent_queues[0]["Arn"] == f"{_instance_arn(connect, instance_id)}/queue/agent/{user_id}"
    assert agent_queues[0]["QueueType"] == "AGENT"
    assert "Name" not in agent_queues[0]


def test_users_are_listed_page_by_page(connect: Any, instance_id: str) -> None:
    for name in ("ann", "bob", "cat"):
        _create(connect, instance_id, username=name)
    first = connect.list_users(InstanceId=instance_id, MaxResults=2)
    assert [u["Username"] for u in first["UserSummaryList"]] == ["ann", "bob"]
    summary = first["UserSummaryList"][0]
    assert set(summary) == {"Id", "Arn", "Username", "LastModifiedTime", "LastModifiedRegion"}
    second = connect.list_users(InstanceId=instance_id, MaxResults=2, NextToken=first["NextToken"])
    assert [u["Username"] for u in second["UserSummaryList"]] == ["cat"]
    assert "NextToken" not in second


# -- searching ----------------------------------------------------------------------------------


def _search(connect: Any, instance_id: str, **kwargs: Any) -> list[str]:
    found = connect.search_users(InstanceId=instance_id, **kwargs)
    assert found["ApproximateTotalCount"] == len(found["Users"])
    return sorted(u["Username"] for u in found["Users"])


def test_admin_searches_users_by_name_profile_and_tags(connect: Any, instance_id: str) -> None:
    manager = _profile_id(connect, instance_id, "CallCenterManager")
    _create(connect, instance_id, "ann.lee", IdentityInfo={"FirstName": "Ann", "LastName": "Lee"})
    _create(
        connect,
        instance_id,
        "bob.lee",
        IdentityInfo={"FirstName": "Bob", "LastName": "Lee"},
        SecurityProfileIds=[manager],
        Tags={"site": "paris"},
    )
    _create(connect, instance_id, "cat.ng", IdentityInfo={"FirstName": "Cat", "LastName": "Ng"})

    def string(field: str, value: str, comparison: str = "EXACT") -> dict[str, Any]:
        return {
            "StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}
        }

    assert _search(connect, instance_id) == ["ann.lee", "bob.lee", "cat.ng"]
    assert _search(connect, instance_id, SearchCriteria=string("LastName", "lee")) == [
        "ann.lee",
        "bob.lee",
    ]
    assert _search(
        connect, instance_id, SearchCriteria=string("Username", "CA", "STARTS_WITH")
    ) == ["cat.ng"]
    assert _search(
        connect,
        instance_id,
        SearchCriteria={
            "OrConditions": [string("FirstName", "nn", "CONTAINS"), string("Username", "cat.ng")]
        },
    ) == ["ann.lee", "cat.ng"]
    assert _search(
        connect,
        instance_id,
        SearchCriteria={
            "AndConditions": [string("LastName", "Lee"), string("SecurityProfileId", manager)]
        },
    ) == ["bob.lee"]
    tagged = {"TagFilter": {"TagCondition": {"TagKey": "site", "TagValue": "paris"}}}
    assert _search(connect, instance_id, SearchFilter=tagged) == ["bob.lee"]


def test_search_pages_and_reports_work_limits_in_milliseconds(
    connect: Any, instance_id: str
) -> None:
    for name in ("ann", "bob", "cat"):
        _create(connect, instance_id, name, PhoneConfig={"AfterContactWorkTimeLimit": 20})
    first = connect.search_users(InstanceId=instance_id, MaxResults=2)
    assert first["ApproximateTotalCount"] == 3
    assert len(first["Users"]) == 2
    second = connect.search_users(
        InstanceId=instance_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert len(second["Users"]) == 1
    found = first["Users"][0]
    assert found["PhoneConfig"]["AfterContactWorkTimeLimit"] == 20_000
    assert set(found["IdentityInfo"]) == {"FirstName", "LastName"}


def test_search_by_an_unknown_field_is_refused(connect: Any, instance_id: str) -> None:
    error = _refused(
        connect.search_users,
        InstanceId=instance_id,
        SearchCriteria={"StringCondition": {"FieldName": "ShoeSize", "Value": "42"}},
    )
    assert error["Code"] == "InvalidParameterException"
    assert "ShoeSize" in error["Message"]


# -- updating -----------------------------------------------------------------------------------


def test_admin_updates_identity_phone_channels_and_profiles(connect: Any, instance_id: str) -> None:
    user_id = _create(connect, instance_id)
    connect.update_user_identity_info(
        InstanceId=instance_id,
        UserId=user_id,
        IdentityInfo={"FirstName": "Janet", "LastName": "Doe", "Mobile": "+12065550142"},
    )
    connect.update_user_phone_config(
        InstanceId=instance_id,
        UserId=user_id,
        PhoneConfig={
            "PhoneType": "DESK_PHONE",
            "DeskPhoneNumber": "+12065550100",
            "AutoAccept": False,
            "AfterContactWorkTimeLimit": 0,
        },
    )
    connect.update_user_config(
        InstanceId=instance_id,
        UserId=user_id,
        AutoAcceptConfigs=[{"Channel": "CHAT", "AutoAccept": True}],
        AfterContactWorkConfigs=[
            {"Channel": "CHAT", "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 90}}
        ],
    )
    admin = _profile_id(connect, instance_id, "Admin")
    connect.update_user_security_profiles(
        InstanceId=instance_id, UserId=user_id, SecurityProfileIds=[admin]
    )
    connect.update_user_routing_profile(
        InstanceId=instance_id,
        UserId=user_id,
        RoutingProfileId=_routing_profile_id(connect, instance_id),
    )
    user = _describe(connect, instance_id, user_id)
    assert user["IdentityInfo"] == {
        "FirstName": "Janet",
        "LastName": "Doe",
        "Email": "jane@example.com",
        "Mobile": "+12065550142",
    }
    assert user["PhoneConfig"]["PhoneType"] == "DESK_PHONE"
    assert user["PhoneConfig"]["DeskPhoneNumber"] == "+12065550100"
    assert user["PhoneConfig"]["AfterContactWorkTimeLimit"] == 0
    assert _channels(user, "AutoAcceptConfigs")["CHAT"]["AutoAccept"] is True
    chat = _channels(user, "AfterContactWorkConfigs")["CHAT"]
    assert chat["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"] == 90
    assert user["SecurityProfileIds"] == [admin]


@pytest.mark.parametrize(
    ("phone_config", "message"),
    [
        ({"PhoneType": "DESK_PHONE"}, "phone number"),
        ({"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "2065550100"}, "2065550100"),
        ({"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+1911"}, "emergency"),
        ({"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+33142685300"}, "+33142685300"),
        ({"AfterContactWorkTimeLimit": 2_000_001}, "2000001"),
        ({"AfterContactWorkTimeLimit": -1}, "AfterContactWorkTimeLimit"),
    ],
)
def test_bad_phone_settings_are_refused_and_change_nothing(
    connect: Any, instance_id: str, phone_config: dict[str, Any], message: str
) -> None:
    user_id = _create(connect, instance_id)
    before = _describe(connect, instance_id, user_id)
    error = _refused(
        connect.update_user_phone_config,
        InstanceId=instance_id,
        UserId=user_id,
        PhoneConfig=phone_config,
    )
    assert error["Code"] == "InvalidParameterException"
    assert message in error["Message"]
    assert _describe(connect, instance_id, user_id) == before


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"PhoneNumberConfigs": [{"Channel": "CHAT", "PhoneType": "SOFT_PHONE"}]},
            "VOICE",
        ),
        (
            {
                "AutoAcceptConfigs": [
                    {"Channel": "TASK", "AutoAccept": True},
                    {"Channel": "TASK", "AutoAccept": False},
                ]
            },
            "TASK more than once",
        ),
    ],
)
def test_bad_channel_settings_are_refused_and_change_nothing(
    connect: Any, instance_id: str, settings: dict[str, Any], message: str
) -> None:
    user_id = _create(connect, instance_id)
    before = _describe(connect, instance_id, user_id)
    error = _refused(connect.update_user_config, InstanceId=instance_id, UserId=user_id, **settings)
    assert error["Code"] == "InvalidParameterException"
    assert message in error["Message"]
    assert _describe(connect, instance_id, user_id) == before


def test_a_user_keeps_at_least_one_existing_security_profile(
    connect: Any, instance_id: str
) -> None:
    user_id = _create(connect, instance_id)
    before = _describe(connect, instance_id, user_id)
    empty = _refused(
        connect.update_user_security_profiles,
        InstanceId=instance_id,
        UserId=user_id,
        SecurityProfileIds=[],
    )
    assert empty["Code"] == "InvalidParameterException"
    assert "SecurityProfileIds" in empty["Message"]
    missing = str(uuid.uuid4())
    unknown = _refused(
        connect.update_user_security_profiles,
        InstanceId=instance_id,
        UserId=user_id,
        SecurityProfileIds=[missing],
    )
    assert unknown["Code"] == "ResourceNotFoundException"
    assert missing in unknown["Message"]
    routing = _refused(
        connect.update_user_routing_profile,
        InstanceId=instance_id,
        UserId=user_id,
        RoutingProfileId=missing,
    )
    assert routing["Code"] == "ResourceNotFoundException"
    assert missing in routing["Message"]
    assert _describe(connect, instance_id, user_id) == before


def test_updating_an_unknown_user_is_not_found(connect: Any, instance_id: str) -> None:
    missing = str(uuid.uuid4())
    error = _refused(
        connect.update_user_identity_info,
        InstanceId=instance_id,
        UserId=missing,
        IdentityInfo={"FirstName": "X", "LastName": "Y"},
    )
    assert error["Code"] == "ResourceNotFoundException"
    assert missing in error["Message"]


# -- refusals at creation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"Username": "jane"}, "DuplicateResourceException", "jane"),
        ({"Username": "JANE"}, "DuplicateResourceException", "JANE"),
        ({"Username": "a" * 21}, "InvalidParameterException", "at most 20"),
        ({"Username": "jane doe"}, "InvalidParameterException", "jane doe"),
        ({"Password": None}, "InvalidParameterException", "Password is required"),
        ({"Password": "weakpass"}, "InvalidParameterException", "upper-case"),
        ({"IdentityInfo": {"LastName": "Doe"}}, "InvalidParameterException", "FirstName"),
        (
            {"IdentityInfo": {**JANE, "Email": "not-an-email"}},
            "InvalidParameterException",
            "not-an-email",
        ),
        (
            {"SecurityProfileIds": ["missing-profile"]},
            "ResourceNotFoundException",
            "missing-profile",
        ),
        ({"RoutingProfileId": "missing-routing"}, "ResourceNotFoundException", "missing-routing"),
        ({"RoutingProfileId": None}, "InvalidParameterException", "RoutingProfileId"),
        (
            {
                "PhoneConfig": {"AutoAccept": True},
                "AutoAcceptConfigs": [{"Channel": "VOICE", "AutoAccept": True}],
            },
            "InvalidParameterException",
            "AutoAcceptConfigs",
        ),
    ],
)
def test_bad_new_users_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, overrides: dict[str, Any], code: str, message: str
) -> None:
    _create(connect, instance_id, "jane")
    request: dict[str, Any] = {
        "InstanceId": instance_id,
        "Username": "sam",
        "Password": PASSWORD,
        "IdentityInfo": {"FirstName": "Sam", "LastName": "Lee"},
        "SecurityProfileIds": [_profile_id(connect, instance_id, "Agent")],
        "RoutingProfileId": _routing_profile_id(connect, instance_id),
    }
    request.update(overrides)
    request = {key: value for key, value in request.items() if value is not None}
    error = _refused(connect.create_user, **request)
    assert error["Code"] == code
    assert message in error["Message"]
    if code == "DuplicateResourceException":
        assert instance_id in error["Message"]
    assert "Secr3t" not in error["Message"]
    assert _usernames(connect, instance_id) == ["jane"]
    queues = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert len(queues) == 1


def test_saml_instances_take_no_passwords(connect: Any) -> None:
    saml = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias=f"saml-{uuid.uuid4().hex[:12]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    error = _refused(
        connect.create_user,
        InstanceId=saml,
        Username="jane.doe@example.com",
        Password=PASSWORD,
        IdentityInfo=JANE,
        SecurityProfileIds=[_profile_id(connect, saml, "Agent")],
        RoutingProfileId=_routing_profile_id(connect, saml),
    )
    assert error["Code"] == "InvalidRequestException"
    assert "SAML" in error["Message"]
    assert _usernames(connect, saml) == []
    user_id = _create(connect, saml, "jane.doe@example.com", Password=None)
    assert _describe(connect, saml, user_id)["Username"] == "jane.doe@example.com"


# -- deleting -----------------------------------------------------------------------------------


def test_deleting_a_user_removes_them_and_their_agent_queue(connect: Any, instance_id: str) -> None:
    user_id = _create(connect, instance_id)
    connect.delete_user(InstanceId=instance_id, UserId=user_id)
    gone = _refused(connect.describe_user, InstanceId=instance_id, UserId=user_id)
    assert gone["Code"] == "ResourceNotFoundException"
    assert user_id in gone["Message"]
    assert _usernames(connect, instance_id) == []
    agent_queues = connect.list_queues(InstanceId=instance_id, QueueTypes=["AGENT"])
    assert agent_queues["QueueSummaryList"] == []
    again = _refused(connect.delete_user, InstanceId=instance_id, UserId=user_id)
    assert again["Code"] == "ResourceNotFoundException"


def test_a_user_behind_a_quick_connect_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    user_id = _create(connect, instance_id)
    flows = connect.list_contact_flows(InstanceId=instance_id, ContactFlowTypes=["AGENT_TRANSFER"])
    flow_id = flows["ContactFlowSummaryList"][0]["Id"]
    connect.create_quick_connect(
        InstanceId=instance_id,
        Name="Jane direct",
        QuickConnectConfig={
            "QuickConnectType": "USER",
            "UserConfig": {"UserId": user_id, "ContactFlowId": flow_id},
        },
    )
    error = _refused(connect.delete_user, InstanceId=instance_id, UserId=user_id)
    assert error["Code"] == "ResourceInUseException"
    assert "Jane direct" in error["Message"]
    assert _usernames(connect, instance_id) == ["jane"]
    _describe(connect, instance_id, user_id)


def _instance_arn(connect: Any, instance_id: str) -> str:
    arn: str = connect.describe_instance(InstanceId=instance_id)["Instance"]["Arn"]
    return arn
