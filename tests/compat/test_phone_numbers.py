"""An admin finds numbers at the carrier, claims them, points them at a flow, moves and
releases them.

The server is shared by every compat test, and so is the carrier's inventory: tests claim what
a search offers rather than fixed numbers, and mostly in countries other tests leave alone.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.testing import LiveServer
from tests.compat.conftest import make_client

INVALID_PARAMETER = "InvalidParameterException"
NOT_FOUND = "ResourceNotFoundException"
DISCONNECT = (
    '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a",'
    '"Type":"DisconnectParticipant","Parameters":{}}]}'
)


def new_instance(connect: Any) -> str:
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=f"test-{uuid.uuid4().hex[:12]}",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    instance: str = created["Id"]
    return instance


def available(
    connect: Any, instance_id: str, country: str = "AU", kind: str = "DID", **search: Any
) -> list[str]:
    found = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode=country, PhoneNumberType=kind, **search
    )["AvailableNumbersList"]
    return [entry["PhoneNumber"] for entry in found]


def claim(connect: Any, instance_id: str, country: str = "AU", kind: str = "DID") -> dict[str, Any]:
    number = available(connect, instance_id, country, kind, MaxResults=1)[0]
    claimed: dict[str, Any] = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    claimed["PhoneNumber"] = number
    return claimed


def claimed_by(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_phone_numbers_v2(InstanceId=instance_id)["ListPhoneNumbersSummaryList"]
    return [entry["PhoneNumber"] for entry in listed]


def error_of(refused: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = refused.value.response["Error"]
    return error["Code"], error["Message"]


def instance_arn(connect: Any, instance_id: str) -> str:
    arn: str = connect.describe_instance(InstanceId=instance_id)["Instance"]["Arn"]
    return arn


def inbound_flow(connect: Any, instance_id: str) -> str:
    flows = connect.list_contact_flows(InstanceId=instance_id, ContactFlowTypes=["CONTACT_FLOW"])
    flow_id: str = flows["ContactFlowSummaryList"][0]["Id"]
    return flow_id


# -- searching the carrier -----------------------------------------------------------------------


def test_search_offers_numbers_of_the_country_and_type_asked_for(
    connect: Any, instance_id: str
) -> None:
    found = connect.search_available_phone_numbers(
        InstanceId=instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="TOLL_FREE",
        PhoneNumberPrefix="+1800",
        MaxResults=5,
    )["AvailableNumbersList"]
    assert len(found) == 5
    for entry in found:
        assert entry["PhoneNumber"].startswith("+1800555")
        assert entry["PhoneNumberCountryCode"] == "US"
        assert entry["PhoneNumberType"] == "TOLL_FREE"
    local = available(connect, instance_id, "GB", "DID", PhoneNumberPrefix="+44207946")
    assert len(local) == 10
    assert all(number.startswith("+44207946") for number in local)


def test_search_pages_through_the_inventory(connect: Any, instance_id: str) -> None:
    request: dict[str, Any] = {
        "TargetArn": instance_arn(connect, instance_id),
        "PhoneNumberCountryCode": "JP",
        "PhoneNumberType": "TOLL_FREE",
        "PhoneNumberPrefix": "+8112055510",
        "MaxResults": 4,
    }
    seen: list[str] = []
    while True:
        found = connect.search_available_phone_numbers(**request)
        assert len(found["AvailableNumbersList"]) <= 4
        seen += [entry["PhoneNumber"] for entry in found["AvailableNumbersList"]]
        if "NextToken" not in found:
            break
        request["NextToken"] = found["NextToken"]
    assert seen == [f"+8112055510{digit}" for digit in range(10)]


def test_a_claimed_number_is_no_longer_offered(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "FR", "TOLL_FREE")
    offered = available(
        connect, instance_id, "FR", "TOLL_FREE", PhoneNumberPrefix=claimed["PhoneNumber"][:-1]
    )
    assert claimed["PhoneNumber"] not in offered


def test_a_country_with_no_numbers_offers_none(connect: Any, instance_id: str) -> None:
    assert available(connect, instance_id, "IS", "DID") == []
    assert available(connect, instance_id, "US", "UIFN") == []


@pytest.mark.parametrize(
    ("search", "fragment"),
    [
        ({"PhoneNumberPrefix": "1206"}, "1206"),
        ({"MaxResults": 11}, "MaxResults"),
        ({"PhoneNumberType": "MOBILE"}, "MOBILE"),
        ({"InstanceId": None}, "InstanceId or TargetArn"),
        ({"InstanceId": "00000000-0000-0000-0000-000000000000"}, "00000000-0000"),
        ({"NextToken": "not-a-token"}, "NextToken"),
    ],
)
def test_bad_searches_are_refused(
    connect: Any, instance_id: str, search: dict[str, Any], fragment: str
) -> None:
    request: dict[str, Any] = {
        "InstanceId": instance_id,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        **search,
    }
    request = {key: value for key, value in request.items() if value is not None}
    with pytest.raises(ClientError) as refused:
        connect.search_available_phone_numbers(**request)
    code, message = error_of(refused)
    assert code == INVALID_PARAMETER
    assert fragment in message


# -- claiming and describing ---------------------------------------------------------------------


def test_a_claimed_number_is_described_and_listed(connect: Any, instance_id: str) -> None:
    number = available(connect, instance_id, "DE", "DID", MaxResults=1)[0]
    claimed = connect.claim_phone_number(
        InstanceId=instance_id,
        PhoneNumber=number,
        PhoneNumberDescription="Berlin office",
        Tags={"site": "berlin"},
    )
    number_id = claimed["PhoneNumberId"]
    arn = instance_arn(connect, instance_id)
    account = arn.split(":")[4]
    assert (
        claimed["PhoneNumberArn"] == f"arn:aws:connect:us-east-1:{account}:phone-number/{number_id}"
    )

    for reference in (number_id, claimed["PhoneNumberArn"]):
        summary = connect.describe_phone_number(PhoneNumberId=reference)[
            "ClaimedPhoneNumberSummary"
        ]
        assert summary == {
            "PhoneNumberId": number_id,
            "PhoneNumberArn": claimed["PhoneNumberArn"],
            "PhoneNumber": number,
            "PhoneNumberCountryCode": "DE",
            "PhoneNumberType": "DID",
            "PhoneNumberDescription": "Berlin office",
            "TargetArn": arn,
            "InstanceId": instance_id,
            "Tags": {"site": "berlin"},
            "PhoneNumberStatus": {"Status": "CLAIMED"},
        }

    listed = connect.list_phone_numbers_v2(TargetArn=arn)["ListPhoneNumbersSummaryList"]
    assert listed == [
        {
            "PhoneNumberId": number_id,
            "PhoneNumberArn": claimed["PhoneNumberArn"],
            "PhoneNumber": number,
            "PhoneNumberCountryCode": "DE",
            "PhoneNumberType": "DID",
            "TargetArn": arn,
            "InstanceId": instance_id,
            "PhoneNumberDescription": "Berlin office",
        }
    ]
    legacy = connect.list_phone_numbers(InstanceId=instance_id)["PhoneNumberSummaryList"]
    assert legacy == [
        {
            "Id": number_id,
            "Arn": f"{arn}/phone-number/{number_id}",
            "PhoneNumber": number,
            "PhoneNumberType": "DID",
            "PhoneNumberCountryCode": "DE",
        }
    ]


def test_claiming_by_target_arn_works_like_instance_id(connect: Any, instance_id: str) -> None:
    number = available(connect, instance_id, "CA", "TOLL_FREE", MaxResults=1)[0]
    claimed = connect.claim_phone_number(
        TargetArn=instance_arn(connect, instance_id), PhoneNumber=number
    )
    described = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert described["ClaimedPhoneNumberSummary"]["InstanceId"] == instance_id
    assert claimed_by(connect, instance_id) == [number]


def test_a_retried_claim_is_idempotent(connect: Any, instance_id: str) -> None:
    first, second = available(connect, instance_id, "AU", "TOLL_FREE", MaxResults=2)
    token = str(uuid.uuid4())
    claimed = connect.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=first, ClientToken=token
    )
    again = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=first, ClientToken=token)
    assert again["PhoneNumberId"] == claimed["PhoneNumberId"]
    with pytest.raises(ClientError) as refused:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=second, ClientToken=token)
    code, message = error_of(refused)
    assert code == "IdempotencyException"
    assert token in message
    assert claimed_by(connect, instance_id) == [first]


@pytest.mark.parametrize(
    ("claim_request", "code", "fragment"),
    [
        ({"PhoneNumber": "+12025550123"}, INVALID_PARAMETER, "+12025550123"),
        ({"PhoneNumber": "61255500100"}, INVALID_PARAMETER, "E.164"),
        ({"PhoneNumber": None}, INVALID_PARAMETER, "PhoneNumber"),
        ({"InstanceId": None}, INVALID_PARAMETER, "InstanceId or TargetArn"),
        ({"InstanceId": "00000000-0000-0000-0000-000000000000"}, NOT_FOUND, "00000000-0000"),
        ({"Tags": {"aws:x": "y"}}, INVALID_PARAMETER, "aws:x"),
        (
            {"TargetArn": "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/t"},
            INVALID_PARAMETER,
            "traffic distribution group",
        ),
        ({"TargetArn": "arn:aws:s3:::bucket"}, INVALID_PARAMETER, "arn:aws:s3:::bucket"),
    ],
)
def test_bad_claims_are_refused_and_claim_nothing(
    connect: Any, instance_id: str, claim_request: dict[str, Any], code: str, fragment: str
) -> None:
    request: dict[str, Any] = {
        "InstanceId": instance_id,
        "PhoneNumber": available(connect, instance_id, "GB", "TOLL_FREE", MaxResults=1)[0],
        **claim_request,
    }
    request = {key: value for key, value in request.items() if value is not None}
    with pytest.raises(ClientError) as refused:
        connect.claim_phone_number(**request)
    assert error_of(refused)[0] == code
    assert fragment in error_of(refused)[1]
    assert claimed_by(connect, instance_id) == []


def test_a_number_claimed_by_one_instance_cannot_be_claimed_by_another(
    connect: Any, instance_id: str
) -> None:
    claimed = claim(connect, instance_id, "JP", "DID")
    other = new_instance(connect)
    for target in (other, instance_id):
        with pytest.raises(ClientError) as refused:
            connect.claim_phone_number(InstanceId=target, PhoneNumber=claimed["PhoneNumber"])
        code, message = error_of(refused)
        assert code == INVALID_PARAMETER
        assert claimed["PhoneNumber"] in message
        assert instance_id in message
    assert claimed_by(connect, other) == []
    assert claimed_by(connect, instance_id) == [claimed["PhoneNumber"]]


def test_two_instances_claiming_one_number_at_once_get_one_claim(
    connect: Any, instance_id: str, live_server: LiveServer
) -> None:
    other = new_instance(connect)
    clients = [make_client(live_server), make_client(live_server)]
    for number in available(connect, instance_id, "DE", "TOLL_FREE", MaxResults=5):

        def attempt(target: tuple[Any, str], number: str = number) -> str:
            client, instance = target
            try:
                client.claim_phone_number(InstanceId=instance, PhoneNumber=number)
            except ClientError as error:
                return str(error.response["Error"]["Code"])
            return "claimed"

        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(attempt, zip(clients, (instance_id, other), strict=True)))
        assert sorted(outcomes) == [INVALID_PARAMETER, "claimed"]
        holders = [
            instance for instance in (instance_id, other) if number in claimed_by(connect, instance)
        ]
        assert len(holders) == 1


def test_target_arn_and_instance_id_must_name_the_same_instance(
    connect: Any, instance_id: str
) -> None:
    other = new_instance(connect)
    number = available(connect, instance_id, "AU", "DID", MaxResults=1)[0]
    with pytest.raises(ClientError) as refused:
        connect.claim_phone_number(
            InstanceId=instance_id, TargetArn=instance_arn(connect, other), PhoneNumber=number
        )
    code, message = error_of(refused)
    assert code == INVALID_PARAMETER
    assert "different instances" in message
    assert claimed_by(connect, instance_id) == []
    assert claimed_by(connect, other) == []


def test_an_instance_in_another_region_is_not_a_target(
    connect: Any, instance_id: str, live_server: LiveServer
) -> None:
    number = available(connect, instance_id, "AU", "DID", MaxResults=1)[0]
    london = make_client(live_server, region="eu-west-2")
    for request in ({"InstanceId": instance_id}, {"TargetArn": instance_arn(connect, instance_id)}):
        with pytest.raises(ClientError) as refused:
            london.claim_phone_number(PhoneNumber=number, **request)
        code, message = error_of(refused)
        assert code == NOT_FOUND
        assert "eu-west-2" in message
    assert claimed_by(connect, instance_id) == []


# -- listing -------------------------------------------------------------------------------------


def test_numbers_are_listed_per_instance_or_for_the_whole_region(
    connect: Any, instance_id: str, live_server: LiveServer
) -> None:
    other = new_instance(connect)
    mine = claim(connect, instance_id, "AU", "DID")
    theirs = claim(connect, other, "AU", "TOLL_FREE")
    assert claimed_by(connect, instance_id) == [mine["PhoneNumber"]]
    assert claimed_by(connect, other) == [theirs["PhoneNumber"]]

    everywhere = connect.list_phone_numbers_v2(PhoneNumberCountryCodes=["AU"])[
        "ListPhoneNumbersSummaryList"
    ]
    listed = {entry["PhoneNumber"]: entry["InstanceId"] for entry in everywhere}
    assert listed[mine["PhoneNumber"]] == instance_id
    assert listed[theirs["PhoneNumber"]] == other
    toll_free = connect.list_phone_numbers_v2(
        PhoneNumberCountryCodes=["AU"], PhoneNumberTypes=["TOLL_FREE"]
    )["ListPhoneNumbersSummaryList"]
    assert theirs["PhoneNumber"] in [entry["PhoneNumber"] for entry in toll_free]
    assert mine["PhoneNumber"] not in [entry["PhoneNumber"] for entry in toll_free]
    by_prefix = connect.list_phone_numbers_v2(PhoneNumberPrefix=mine["PhoneNumber"])
    assert [e["PhoneNumber"] for e in by_prefix["ListPhoneNumbersSummaryList"]] == [
        mine["PhoneNumber"]
    ]

    london = make_client(live_server, region="eu-west-2")
    abroad = london.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert mine["PhoneNumber"] not in [entry["PhoneNumber"] for entry in abroad]
    with pytest.raises(ClientError) as refused:
        london.describe_phone_number(PhoneNumberId=mine["PhoneNumberId"])
    assert error_of(refused)[0] == NOT_FOUND


def test_listings_page_with_next_token(connect: Any, instance_id: str) -> None:
    numbers = available(connect, instance_id, "CA", "DID", MaxResults=5)
    for number in numbers:
        connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    for operation, key in (
        ("list_phone_numbers_v2", "ListPhoneNumbersSummaryList"),
        ("list_phone_numbers", "PhoneNumberSummaryList"),
    ):
        request: dict[str, Any] = {"InstanceId": instance_id, "MaxResults": 2}
        seen: list[str] = []
        while True:
            listed = getattr(connect, operation)(**request)
            assert len(listed[key]) <= 2
            seen += [entry["PhoneNumber"] for entry in listed[key]]
            if "NextToken" not in listed:
                break
            request["NextToken"] = listed["NextToken"]
        assert seen == sorted(numbers)


def test_the_legacy_listing_filters_by_type_and_country(connect: Any, instance_id: str) -> None:
    toll_free = claim(connect, instance_id, "GB", "TOLL_FREE")
    claim(connect, instance_id, "FR", "DID")
    listed = connect.list_phone_numbers(
        InstanceId=instance_id, PhoneNumberTypes=["TOLL_FREE"], PhoneNumberCountryCodes=["GB"]
    )["PhoneNumberSummaryList"]
    assert [entry["PhoneNumber"] for entry in listed] == [toll_free["PhoneNumber"]]


def test_a_bad_listing_is_refused(connect: Any, instance_id: str) -> None:
    for request, fragment in (
        ({"PhoneNumberPrefix": "44"}, "44"),
        ({"InstanceId": "00000000-0000-0000-0000-000000000000"}, "00000000-0000"),
        ({"PhoneNumberTypes": ["LANDLINE"]}, "LANDLINE"),
    ):
        with pytest.raises(ClientError) as refused:
            connect.list_phone_numbers_v2(**request)
        assert fragment in error_of(refused)[1]


# -- the inbound flow ----------------------------------------------------------------------------


def test_a_number_is_pointed_at_an_inbound_flow_and_back(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "US", "DID")
    flow = connect.create_contact_flow(
        InstanceId=instance_id,
        Name="Hotline",
        Type="CONTACT_FLOW",
        Content=DISCONNECT,
    )
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberArn"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowArn"],
    )
    with pytest.raises(ClientError) as in_use:
        connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"])
    assert error_of(in_use)[0] == "ResourceInUseException"

    connect.disassociate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=instance_id
    )
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"])


def test_flow_associations_list_each_numbers_inbound_flow(connect: Any, instance_id: str) -> None:
    flow = inbound_flow(connect, instance_id)
    flow_arn = connect.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow)[
        "ContactFlow"
    ]["Arn"]
    first = claim(connect, instance_id, "US", "DID")
    claim(connect, instance_id, "US", "DID")  # no flow yet: not listed
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=first["PhoneNumberId"], InstanceId=instance_id, ContactFlowId=flow
    )

    listed = connect.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"]
    assert listed == [
        {
            "ResourceId": first["PhoneNumberArn"],
            "FlowId": flow_arn,
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    voice = connect.list_flow_associations(
        InstanceId=instance_id, ResourceType="VOICE_PHONE_NUMBER"
    )
    assert voice["FlowAssociationSummaryList"] == listed
    email = connect.list_flow_associations(InstanceId=instance_id, ResourceType="INBOUND_EMAIL")
    assert email["FlowAssociationSummaryList"] == []

    connect.disassociate_phone_number_contact_flow(
        PhoneNumberId=first["PhoneNumberId"], InstanceId=instance_id
    )
    after = connect.list_flow_associations(InstanceId=instance_id)
    assert after["FlowAssociationSummaryList"] == []

    with pytest.raises(ClientError) as refused:
        connect.list_flow_associations(InstanceId=instance_id, ResourceType="FAX")
    assert error_of(refused)[0] in (INVALID_PARAMETER, "InvalidRequestException")


def test_only_a_contact_flow_of_the_same_instance_can_be_the_inbound_flow(
    connect: Any, instance_id: str
) -> None:
    claimed = claim(connect, instance_id, "DE", "TOLL_FREE")
    other = new_instance(connect)
    queue_flow = connect.create_contact_flow(
        InstanceId=instance_id, Name="Queue music", Type="CUSTOMER_QUEUE", Content=DISCONNECT
    )["ContactFlowId"]
    elsewhere = inbound_flow(connect, other)
    cases = [
        ({"ContactFlowId": queue_flow}, INVALID_PARAMETER, "CUSTOMER_QUEUE"),
        ({"ContactFlowId": elsewhere}, NOT_FOUND, elsewhere),
        ({"ContactFlowId": "nope"}, NOT_FOUND, "nope"),
        ({"InstanceId": other, "ContactFlowId": elsewhere}, NOT_FOUND, claimed["PhoneNumberId"]),
    ]
    for changes, code, fragment in cases:
        request = {
            "PhoneNumberId": claimed["PhoneNumberId"],
            "InstanceId": instance_id,
            **changes,
        }
        with pytest.raises(ClientError) as refused:
            connect.associate_phone_number_contact_flow(**request)
        assert error_of(refused)[0] == code
        assert fragment in error_of(refused)[1]
    # Nothing was associated, so nothing holds on to the queue flow.
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=queue_flow)
    assert claimed_by(connect, instance_id) == [claimed["PhoneNumber"]]


# -- moving and releasing ------------------------------------------------------------------------


def test_a_number_moves_to_another_instance_without_its_flow(
    connect: Any, instance_id: str
) -> None:
    claimed = claim(connect, instance_id, "JP", "DID")
    flow = connect.create_contact_flow(
        InstanceId=instance_id,
        Name="Tokyo",
        Type="CONTACT_FLOW",
        Content=DISCONNECT,
    )
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    other = new_instance(connect)
    moved = connect.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=other)
    assert (moved["PhoneNumberId"], moved["PhoneNumberArn"]) == (
        claimed["PhoneNumberId"],
        claimed["PhoneNumberArn"],
    )
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert (summary["InstanceId"], summary["TargetArn"]) == (other, instance_arn(connect, other))
    assert claimed_by(connect, instance_id) == []
    assert claimed_by(connect, other) == [claimed["PhoneNumber"]]
    # The flow stayed behind, no longer used by the number.
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow["ContactFlowId"])


def test_a_move_to_an_unknown_instance_leaves_the_number_where_it_was(
    connect: Any, instance_id: str
) -> None:
    claimed = claim(connect, instance_id, "FR", "DID")
    for target in (
        {"InstanceId": "00000000-0000-0000-0000-000000000000"},
        {"TargetArn": "arn:aws:connect:us-east-1:123456789012:instance/nope"},
        {},
    ):
        with pytest.raises(ClientError) as refused:
            connect.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], **target)
        assert error_of(refused)[0] in (NOT_FOUND, INVALID_PARAMETER)
    assert claimed_by(connect, instance_id) == [claimed["PhoneNumber"]]


def test_a_released_number_goes_back_to_the_carrier(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "GB", "DID")
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])
    with pytest.raises(ClientError) as gone:
        connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    code, message = error_of(gone)
    assert code == NOT_FOUND
    assert claimed["PhoneNumberId"] in message
    assert claimed_by(connect, instance_id) == []
    assert claimed["PhoneNumber"] in available(
        connect, instance_id, "GB", "DID", PhoneNumberPrefix=claimed["PhoneNumber"]
    )
    with pytest.raises(ClientError) as again:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert error_of(again)[0] == NOT_FOUND


def test_the_legacy_arn_is_not_a_phone_number_arn(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "US", "TOLL_FREE")
    legacy = connect.list_phone_numbers(InstanceId=instance_id)["PhoneNumberSummaryList"][0]["Arn"]
    with pytest.raises(ClientError) as refused:
        connect.describe_phone_number(PhoneNumberId=legacy)
    assert error_of(refused)[0] == NOT_FOUND
    with pytest.raises(ClientError) as untaggable:
        connect.tag_resource(resourceArn=legacy, tags={"a": "b"})
    assert error_of(untaggable)[0] == NOT_FOUND
    connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])


def test_a_number_is_tagged_through_its_arn(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "CA", "DID")
    arn = claimed["PhoneNumberArn"]
    connect.tag_resource(resourceArn=arn, tags={"team": "sales"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "sales"}
    connect.untag_resource(resourceArn=arn, tagKeys=["team"])
    summary = connect.describe_phone_number(PhoneNumberId=arn)["ClaimedPhoneNumberSummary"]
    assert "Tags" not in summary


def test_the_description_is_updated_in_place(connect: Any, instance_id: str) -> None:
    claimed = claim(connect, instance_id, "AU", "DID")
    connect.update_phone_number_metadata(
        PhoneNumberId=claimed["PhoneNumberId"], PhoneNumberDescription="Support"
    )
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"] == "Support"
