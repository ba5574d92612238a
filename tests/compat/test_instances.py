"""An admin creates, inspects, configures and deletes instances with boto3."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.testing import LiveServer
from tests.compat.conftest import make_client


def _alias() -> str:
    return f"acme-{uuid.uuid4().hex[:10]}"


def _all_instance_ids(connect: Any) -> list[str]:
    pages = connect.get_paginator("list_instances").paginate()
    return [summary["Id"] for page in pages for summary in page["InstanceSummaryList"]]


def test_admin_creates_an_instance_and_sees_it_described(connect: Any) -> None:
    alias = _alias()
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
        Tags={"team": "support"},
    )
    assert created["Arn"] == (f"arn:aws:connect:us-east-1:123456789012:instance/{created['Id']}")

    instance = connect.describe_instance(InstanceId=created["Id"])["Instance"]
    assert instance["InstanceAlias"] == alias
    assert instance["IdentityManagementType"] == "CONNECT_MANAGED"
    assert instance["InstanceStatus"] == "ACTIVE"
    assert instance["InboundCallsEnabled"] is True
    assert instance["OutboundCallsEnabled"] is False
    assert instance["Tags"] == {"team": "support"}
    assert instance["InstanceAccessUrl"].endswith(f"/login?instance={alias}")

    assert created["Id"] in _all_instance_ids(connect)


def test_an_instance_can_be_described_by_its_arn(connect: Any, instance_id: str) -> None:
    arn = connect.describe_instance(InstanceId=instance_id)["Instance"]["Arn"]
    assert connect.describe_instance(InstanceId=arn)["Instance"]["Id"] == instance_id


def test_a_new_instance_has_what_amazon_connect_gives_one(connect: Any, instance_id: str) -> None:
    queues = connect.list_queues(InstanceId=instance_id, QueueTypes=["STANDARD"])
    assert [q["Name"] for q in queues["QueueSummaryList"]] == ["BasicQueue"]
    hours = connect.list_hours_of_operations(InstanceId=instance_id)
    assert [h["Name"] for h in hours["HoursOfOperationSummaryList"]] == ["Basic Hours"]
    profiles = connect.list_routing_profiles(InstanceId=instance_id)
    assert [p["Name"] for p in profiles["RoutingProfileSummaryList"]] == ["Basic Routing Profile"]
    statuses = connect.list_agent_statuses(InstanceId=instance_id)["AgentStatusSummaryList"]
    assert {(s["Name"], s["Type"]) for s in statuses} == {
        ("Available", "ROUTABLE"),
        ("Offline", "OFFLINE"),
    }
    security = connect.list_security_profiles(InstanceId=instance_id)
    assert {p["Name"] for p in security["SecurityProfileSummaryList"]} == {
        "Admin",
        "Agent",
        "CallCenterManager",
        "QualityAnalyst",
    }
    flows = connect.list_contact_flows(InstanceId=instance_id, MaxResults=100)
    assert {(f["Name"], f["ContactFlowType"]) for f in flows["ContactFlowSummaryList"]} >= {
        ("Default agent transfer", "AGENT_TRANSFER"),
        ("Default queue transfer", "QUEUE_TRANSFER"),
        ("Default customer queue", "CUSTOMER_QUEUE"),
        ("Default customer hold", "CUSTOMER_HOLD"),
        ("Default agent hold", "AGENT_HOLD"),
        ("Default agent whisper", "AGENT_WHISPER"),
        ("Default customer whisper", "CUSTOMER_WHISPER"),
        ("Default outbound", "OUTBOUND_WHISPER"),
        ("Sample inbound flow (first contact experience)", "CONTACT_FLOW"),
    }


def test_identity_management_rules_are_enforced(connect: Any) -> None:
    with pytest.raises(ClientError) as no_directory:
        connect.create_instance(
            IdentityManagementType="EXISTING_DIRECTORY",
            InstanceAlias=_alias(),
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
    assert no_directory.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "DirectoryId" in no_directory.value.response["Error"]["Message"]

    saml = connect.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias=_alias(),
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    described = connect.describe_instance(InstanceId=saml["Id"])["Instance"]
    assert described["IdentityManagementType"] == "SAML"

    directory = connect.create_instance(
        IdentityManagementType="EXISTING_DIRECTORY",
        DirectoryId="d-1234567890",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    described = connect.describe_instance(InstanceId=directory["Id"])["Instance"]
    assert described["IdentityManagementType"] == "EXISTING_DIRECTORY"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"InstanceAlias": "-bad"}, "alias"),
        ({"InstanceAlias": "d-reserved"}, "alias"),
        ({"IdentityManagementType": "LDAP"}, "IdentityManagementType"),
        ({"InboundCallsEnabled": "yes"}, "InboundCallsEnabled"),
    ],
)
def test_bad_create_instance_input_is_refused_and_creates_nothing(
    connect: Any, changes: dict[str, Any], message: str
) -> None:
    before = _all_instance_ids(connect)
    request = {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": _alias(),
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": True,
        **changes,
    }
    with pytest.raises(ClientError) as refused:
        connect.create_instance(**request)
    assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
    assert message in refused.value.response["Error"]["Message"]
    assert _all_instance_ids(connect) == before


def test_an_alias_is_used_by_one_instance_only(connect: Any) -> None:
    alias = _alias()
    request = {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": alias,
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": True,
    }
    connect.create_instance(**request)
    with pytest.raises(ClientError) as taken:
        connect.create_instance(**request)
    assert taken.value.response["Error"]["Code"] == "InvalidRequestException"
    assert alias in taken.value.response["Error"]["Message"]


def test_a_retried_create_with_the_same_client_token_creates_one_instance(connect: Any) -> None:
    request = {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": _alias(),
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": True,
        "ClientToken": uuid.uuid4().hex,
    }
    first = connect.create_instance(**request)
    second = connect.create_instance(**request)
    assert first["Id"] == second["Id"]


def test_an_instance_belongs_to_the_region_that_created_it(
    live_server: LiveServer, connect: Any, instance_id: str
) -> None:
    london = make_client(live_server, region="eu-west-2")
    with pytest.raises(ClientError) as elsewhere:
        london.describe_instance(InstanceId=instance_id)
    assert elsewhere.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert instance_id not in _all_instance_ids(london)

    created = london.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=_alias(),
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    assert ":eu-west-2:" in created["Arn"]
    hours = london.list_hours_of_operations(InstanceId=created["Id"])
    summary = hours["HoursOfOperationSummaryList"][0]
    described = london.describe_hours_of_operation(
        InstanceId=created["Id"], HoursOfOperationId=summary["Id"]
    )
    assert described["HoursOfOperation"]["TimeZone"] == "Europe/London"


def test_list_instances_pages_with_next_token(connect: Any) -> None:
    for _ in range(3):
        connect.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias=_alias(),
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
    seen: list[str] = []
    token = None
    while True:
        kwargs: dict[str, Any] = {"MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        page = connect.list_instances(**kwargs)
        assert len(page["InstanceSummaryList"]) <= 2
        seen.extend(summary["Id"] for summary in page["InstanceSummaryList"])
        token = page.get("NextToken")
        if not token:
            break
    assert len(seen) == len(set(seen)) >= 3
    paginated = connect.get_paginator("list_instances").paginate(PaginationConfig={"PageSize": 2})
    assert [i["Id"] for p in paginated for i in p["InstanceSummaryList"]] == seen


def test_a_token_from_another_listing_is_refused(connect: Any, instance_id: str) -> None:
    first = connect.list_instance_attributes(InstanceId=instance_id, MaxResults=2)
    with pytest.raises(ClientError) as refused:
        connect.list_instances(NextToken=first["NextToken"])
    assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "NextToken" in refused.value.response["Error"]["Message"]


def test_instance_attributes_switch_inbound_and_outbound_calling(
    connect: Any, instance_id: str
) -> None:
    attribute = connect.describe_instance_attribute(
        InstanceId=instance_id, AttributeType="OUTBOUND_CALLS"
    )
    assert attribute["Attribute"] == {"AttributeType": "OUTBOUND_CALLS", "Value": "true"}

    connect.update_instance_attribute(
        InstanceId=instance_id, AttributeType="OUTBOUND_CALLS", Value="false"
    )
    described = connect.describe_instance(InstanceId=instance_id)["Instance"]
    assert described["OutboundCallsEnabled"] is False

    listed = connect.get_paginator("list_instance_attributes").paginate(InstanceId=instance_id)
    values = {a["AttributeType"]: a["Value"] for p in listed for a in p["Attributes"]}
    assert values["OUTBOUND_CALLS"] == "false"
    assert values["INBOUND_CALLS"] == "true"
    assert "CONTACTFLOW_LOGS" in values


def test_bad_attribute_values_are_refused(connect: Any, instance_id: str) -> None:
    with pytest.raises(ClientError) as refused:
        connect.update_instance_attribute(
            InstanceId=instance_id, AttributeType="INBOUND_CALLS", Value="maybe"
        )
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ClientError) as unknown:
        connect.describe_instance_attribute(InstanceId=instance_id, AttributeType="TELEPATHY")
    assert unknown.value.response["Error"]["Code"] == "InvalidParameterException"
    attribute = connect.describe_instance_attribute(
        InstanceId=instance_id, AttributeType="INBOUND_CALLS"
    )
    assert attribute["Attribute"]["Value"] == "true"


def test_deleting_an_instance_removes_it_and_everything_in_it(connect: Any) -> None:
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=_alias(),
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    connect.delete_instance(InstanceId=created["Id"])
    for operation in ("describe_instance", "list_queues", "delete_instance"):
        with pytest.raises(ClientError) as gone:
            getattr(connect, operation)(InstanceId=created["Id"])
        assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"
