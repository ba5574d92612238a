"""Tags on every kind of resource: TagResource, UntagResource, ListTagsForResource."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.testing import LiveServer
from tests.compat.conftest import make_client


def _first(listing: dict[str, Any], key: str) -> dict[str, Any]:
    item: dict[str, Any] = listing[key][0]
    return item


def _user_arn(connect: Any, instance_id: str) -> str:
    profiles = connect.list_security_profiles(InstanceId=instance_id)
    agent = next(p for p in profiles["SecurityProfileSummaryList"] if p["Name"] == "Agent")
    routing = _first(
        connect.list_routing_profiles(InstanceId=instance_id), "RoutingProfileSummaryList"
    )
    created = connect.create_user(
        InstanceId=instance_id,
        Username="tagged",
        Password="Tagged1password",
        IdentityInfo={"FirstName": "Tag", "LastName": "Ged"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[agent["Id"]],
        RoutingProfileId=routing["Id"],
    )
    arn: str = created["UserArn"]
    return arn


def _phone_number_arn(connect: Any, instance_id: str) -> str:
    available = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=10
    )["AvailableNumbersList"]
    for candidate in available:
        try:
            claimed = connect.claim_phone_number(
                InstanceId=instance_id, PhoneNumber=candidate["PhoneNumber"]
            )
        except ClientError:
            continue
        arn: str = claimed["PhoneNumberArn"]
        return arn
    raise AssertionError("no number could be claimed")


ARN_OF: dict[str, Callable[[Any, str], str]] = {
    "instance": lambda c, i: c.describe_instance(InstanceId=i)["Instance"]["Arn"],
    "user": _user_arn,
    "queue": lambda c, i: _first(
        c.list_queues(InstanceId=i, QueueTypes=["STANDARD"]), "QueueSummaryList"
    )["Arn"],
    "routing profile": lambda c, i: _first(
        c.list_routing_profiles(InstanceId=i), "RoutingProfileSummaryList"
    )["Arn"],
    "security profile": lambda c, i: _first(
        c.list_security_profiles(InstanceId=i), "SecurityProfileSummaryList"
    )["Arn"],
    "agent status": lambda c, i: _first(
        c.list_agent_statuses(InstanceId=i), "AgentStatusSummaryList"
    )["Arn"],
    "hours of operation": lambda c, i: _first(
        c.list_hours_of_operations(InstanceId=i), "HoursOfOperationSummaryList"
    )["Arn"],
    "flow": lambda c, i: _first(c.list_contact_flows(InstanceId=i), "ContactFlowSummaryList")[
        "Arn"
    ],
    "quick connect": lambda c, i: c.create_quick_connect(
        InstanceId=i,
        Name="Tagged line",
        QuickConnectConfig={
            "QuickConnectType": "PHONE_NUMBER",
            "PhoneConfig": {"PhoneNumber": "+12065550111"},
        },
    )["QuickConnectARN"],
    "phone number": _phone_number_arn,
}


@pytest.mark.parametrize("kind", list(ARN_OF))
def test_an_admin_tags_and_untags_any_resource(connect: Any, instance_id: str, kind: str) -> None:
    arn = ARN_OF[kind](connect, instance_id)
    connect.tag_resource(resourceArn=arn, tags={"team": "billing", "site": "paris"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {
        "team": "billing",
        "site": "paris",
    }
    connect.tag_resource(resourceArn=arn, tags={"team": "support"})
    connect.untag_resource(resourceArn=arn, tagKeys=["site"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "support"}


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ({"aws:owner": "me"}, "aws:"),
        ({f"key{n}": "v" for n in range(51)}, "50"),
    ],
)
def test_bad_tags_are_refused_and_change_nothing(
    connect: Any, instance_id: str, tags: dict[str, str], message: str
) -> None:
    arn = ARN_OF["queue"](connect, instance_id)
    connect.tag_resource(resourceArn=arn, tags={"kept": "yes"})
    with pytest.raises(ClientError) as refused:
        connect.tag_resource(resourceArn=arn, tags=tags)
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    assert message in refused.value.response["Error"]["Message"]
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"kept": "yes"}


def test_tags_on_resources_that_do_not_exist_are_not_found(
    connect: Any, instance_id: str, live_server: LiveServer
) -> None:
    arn = ARN_OF["queue"](connect, instance_id)
    missing = arn.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    for call in ("list_tags_for_resource", "tag_resource", "untag_resource"):
        arguments: dict[str, Any] = {"resourceArn": missing}
        if call == "tag_resource":
            arguments["tags"] = {"a": "b"}
        if call == "untag_resource":
            arguments["tagKeys"] = ["a"]
        with pytest.raises(ClientError) as refused:
            getattr(connect, call)(**arguments)
        assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"
    london = make_client(live_server, region="eu-west-2")
    with pytest.raises(ClientError) as elsewhere:
        london.list_tags_for_resource(resourceArn=arn)
    assert elsewhere.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as garbled:
        connect.list_tags_for_resource(resourceArn="not-an-arn")
    assert garbled.value.response["Error"]["Code"] == "InvalidParameterException"
