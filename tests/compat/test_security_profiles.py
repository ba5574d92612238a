"""An admin decides what each kind of user may do with security profiles."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError


def _refused(call: Any, **kwargs: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as refused:
        call(**kwargs)
    response: dict[str, Any] = refused.value.response
    return response


def _names(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    return [p["Name"] for p in listed]


def _permissions(connect: Any, instance_id: str, profile_id: str) -> list[str]:
    paginator = connect.get_paginator("list_security_profile_permissions")
    names: list[str] = []
    for page in paginator.paginate(InstanceId=instance_id, SecurityProfileId=profile_id):
        names.extend(page["Permissions"])
    return names


def test_a_new_instance_lists_the_default_profiles(connect: Any, instance_id: str) -> None:
    listed = connect.list_security_profiles(InstanceId=instance_id)["SecurityProfileSummaryList"]
    assert [p["Name"] for p in listed] == ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"]
    for summary in listed:
        assert "/security-profile/" in summary["Arn"]
        assert summary["Type"] == "CUSTOMER_MANAGED"
        assert summary["LastModifiedRegion"] == "us-east-1"
    agent = next(p["Id"] for p in listed if p["Name"] == "Agent")
    assert _permissions(connect, instance_id, agent) == ["BasicAgentAccess", "OutboundCallAccess"]


def test_admin_creates_a_profile_and_reads_it_back(connect: Any, instance_id: str) -> None:
    created = connect.create_security_profile(
        InstanceId=instance_id,
        SecurityProfileName="Floor supervisors",
        Description="Listen in and see metrics",
        Permissions=["ManagerListenIn", "AccessMetrics", "Users.View"],
        Tags={"team": "floor"},
        AllowedAccessControlTags={"site": "paris"},
        TagRestrictedResources=["User"],
    )
    profile = connect.describe_security_profile(
        InstanceId=instance_id, SecurityProfileId=created["SecurityProfileId"]
    )["SecurityProfile"]
    assert profile["Id"] == created["SecurityProfileId"]
    assert profile["Arn"] == created["SecurityProfileArn"]
    assert profile["OrganizationResourceId"] == instance_id
    assert profile["SecurityProfileName"] == "Floor supervisors"
    assert profile["Description"] == "Listen in and see metrics"
    assert profile["Tags"] == {"team": "floor"}
    assert profile["AllowedAccessControlTags"] == {"site": "paris"}
    assert profile["TagRestrictedResources"] == ["User"]
    assert profile["Type"] == "CUSTOMER_MANAGED"
    assert _permissions(connect, instance_id, created["SecurityProfileId"]) == [
        "AccessMetrics",
        "ManagerListenIn",
        "Users.View",
    ]
    assert "Floor supervisors" in _names(connect, instance_id)


def test_permissions_are_listed_sorted_page_by_page(connect: Any, instance_id: str) -> None:
    admin = next(
        p["Id"]
        for p in connect.list_security_profiles(InstanceId=instance_id)[
            "SecurityProfileSummaryList"
        ]
        if p["Name"] == "Admin"
    )
    first = connect.list_security_profile_permissions(
        InstanceId=instance_id, SecurityProfileId=admin, MaxResults=10
    )
    assert len(first["Permissions"]) == 10
    assert first["LastModifiedRegion"] == "us-east-1"
    everything = _permissions(connect, instance_id, admin)
    assert everything == sorted(everything)
    assert everything[:10] == first["Permissions"]
    assert {"BasicAgentAccess", "SecurityProfiles.Edit", "Users.Create"} <= set(everything)


def test_security_profiles_are_listed_page_by_page(connect: Any, instance_id: str) -> None:
    first = connect.list_security_profiles(InstanceId=instance_id, MaxResults=3)
    assert len(first["SecurityProfileSummaryList"]) == 3
    second = connect.list_security_profiles(
        InstanceId=instance_id, MaxResults=3, NextToken=first["NextToken"]
    )
    assert [p["Name"] for p in second["SecurityProfileSummaryList"]] == ["QualityAnalyst"]
    assert "NextToken" not in second


def test_admin_changes_permissions_and_description(connect: Any, instance_id: str) -> None:
    profile_id = connect.create_security_profile(
        InstanceId=instance_id,
        SecurityProfileName="Reporters",
        Description="Before",
        Permissions=["AccessMetrics"],
    )["SecurityProfileId"]
    connect.update_security_profile(
        InstanceId=instance_id,
        SecurityProfileId=profile_id,
        Permissions=["MetricsReports.View", "MetricsReports.Create"],
    )
    assert _permissions(connect, instance_id, profile_id) == [
        "MetricsReports.Create",
        "MetricsReports.View",
    ]
    connect.update_security_profile(
        InstanceId=instance_id, SecurityProfileId=profile_id, Description="After"
    )
    profile = connect.describe_security_profile(
        InstanceId=instance_id, SecurityProfileId=profile_id
    )["SecurityProfile"]
    assert profile["Description"] == "After"
    assert _permissions(connect, instance_id, profile_id) == [
        "MetricsReports.Create",
        "MetricsReports.View",
    ]


def test_admin_deletes_an_unused_profile(connect: Any, instance_id: str) -> None:
    profile_id = connect.create_security_profile(
        InstanceId=instance_id, SecurityProfileName="Temporary"
    )["SecurityProfileId"]
    connect.delete_security_profile(InstanceId=instance_id, SecurityProfileId=profile_id)
    gone = _refused(
        connect.describe_security_profile, InstanceId=instance_id, SecurityProfileId=profile_id
    )
    assert gone["Error"]["Code"] == "ResourceNotFoundException"
    assert profile_id in gone["Error"]["Message"]
    assert "Temporary" not in _names(connect, instance_id)


def test_a_profile_that_a_user_has_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    profile_id = connect.create_security_profile(
        InstanceId=instance_id, SecurityProfileName="Night shift", Permissions=["BasicAgentAccess"]
    )["SecurityProfileId"]
    routing = connect.list_routing_profiles(InstanceId=instance_id)["RoutingProfileSummaryList"]
    user_id = connect.create_user(
        InstanceId=instance_id,
        Username="owl",
        Password="Secr3tpass",
        IdentityInfo={"FirstName": "Night", "LastName": "Owl"},
        SecurityProfileIds=[profile_id],
        RoutingProfileId=routing[0]["Id"],
    )["UserId"]
    refused = _refused(
        connect.delete_security_profile, InstanceId=instance_id, SecurityProfileId=profile_id
    )
    assert refused["Error"]["Code"] == "ResourceInUseException"
    assert "owl" in refused["Error"]["Message"]
    assert refused["ResourceType"] == "USER"
    assert refused["ResourceId"] == user_id
    assert "Night shift" in _names(connect, instance_id)


@pytest.mark.parametrize(
    ("request_", "code", "message"),
    [
        ({"SecurityProfileName": "Admin"}, "DuplicateResourceException", "Admin"),
        (
            {"SecurityProfileName": "Spies", "Permissions": ["Users.View", "Minds.Read"]},
            "InvalidParameterException",
            "Minds.Read",
        ),
        ({"SecurityProfileName": "Night/shift"}, "InvalidParameterException", "Night/shift"),
        ({"SecurityProfileName": "x" * 128}, "InvalidParameterException", "SecurityProfileName"),
        ({}, "InvalidParameterException", "SecurityProfileName"),
        (
            {"SecurityProfileName": "Spies", "HierarchyRestrictedResources": ["Queue"]},
            "InvalidParameterException",
            "Queue",
        ),
        (
            {
                "SecurityProfileName": "Spies",
                "Applications": [
                    {"Namespace": "app.example.com", "ApplicationPermissions": ["ACCESS"]}
                ],
            },
            "InvalidRequestException",
            "Applications",
        ),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_created(
    connect: Any, instance_id: str, request_: dict[str, Any], code: str, message: str
) -> None:
    before = _names(connect, instance_id)
    refused = _refused(connect.create_security_profile, InstanceId=instance_id, **request_)
    assert refused["Error"]["Code"] == code
    assert message in refused["Error"]["Message"]
    assert _names(connect, instance_id) == before


def test_bad_updates_are_refused_and_change_nothing(connect: Any, instance_id: str) -> None:
    profile_id = connect.create_security_profile(
        InstanceId=instance_id, SecurityProfileName="Stable", Permissions=["Queues.View"]
    )["SecurityProfileId"]
    unknown = _refused(
        connect.update_security_profile,
        InstanceId=instance_id,
        SecurityProfileId=profile_id,
        Permissions=["Queues.View", "Queues.Teleport"],
    )
    assert unknown["Error"]["Code"] == "InvalidParameterException"
    assert "Queues.Teleport" in unknown["Error"]["Message"]
    assert _permissions(connect, instance_id, profile_id) == ["Queues.View"]
    missing = str(uuid.uuid4())
    for call, extra in (
        (connect.update_security_profile, {"Description": "x"}),
        (connect.delete_security_profile, {}),
        (connect.list_security_profile_permissions, {}),
    ):
        not_found = _refused(call, InstanceId=instance_id, SecurityProfileId=missing, **extra)
        assert not_found["Error"]["Code"] == "ResourceNotFoundException"
        assert missing in not_found["Error"]["Message"]
