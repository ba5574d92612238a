"""A flow developer creates, publishes, reads back, renames, archives and deletes flows."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.flows.validation import validate_flow
from tests.support.corpus import CORPUS, FLOW_LANGUAGE_EXPORTS, needs_corpus

EXPORTS = FLOW_LANGUAGE_EXPORTS
FLOW_TYPES: dict[str, str] = (
    {
        entry["file"]: entry["flow_type"] or "CONTACT_FLOW"
        for entry in json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    }
    if CORPUS
    else {}
)


def flow_content(text: str = "Thanks for calling.") -> str:
    document = {
        "Version": "2019-10-30",
        "StartAction": "greet",
        "Metadata": {"entryPointPosition": {"x": 40, "y": 40}},
        "Actions": [
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": text},
                "Transitions": {
                    "NextAction": "bye",
                    "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}],
                },
            },
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}},
        ],
    }
    return json.dumps(document, indent=2) + "\n"


BROKEN = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "start",
        "Actions": [
            {
                "Identifier": "start",
                "Type": "PlayTheBanjo",
                "Parameters": {},
                "Transitions": {"NextAction": "nowhere"},
            }
        ],
    }
)


def sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def flow_names(connect: Any, instance_id: str) -> list[str]:
    listed = connect.list_contact_flows(InstanceId=instance_id)["ContactFlowSummaryList"]
    return [summary["Name"] for summary in listed]


def create_flow(connect: Any, instance_id: str, **request: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "Name": "Main menu",
        "Type": "CONTACT_FLOW",
        "Content": flow_content(),
    }
    values.update(request)
    created: dict[str, Any] = connect.create_contact_flow(InstanceId=instance_id, **values)
    return created


def describe(connect: Any, instance_id: str, flow_id: str) -> dict[str, Any]:
    described: dict[str, Any] = connect.describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=flow_id
    )["ContactFlow"]
    return described


def test_a_published_flow_reads_back_exactly_as_written(connect: Any, instance_id: str) -> None:
    content = flow_content("  Odd   spacing,  kept.  ")
    created = create_flow(
        connect, instance_id, Description="Front door", Content=content, Tags={"team": "ivr"}
    )
    assert created["FlowContentSha256"] == sha256(content)
    assert created["ContactFlowArn"].endswith(f"/contact-flow/{created['ContactFlowId']}")

    flow = describe(connect, instance_id, created["ContactFlowId"])
    assert flow["Content"] == content
    assert flow["FlowContentSha256"] == sha256(content)
    assert flow["Arn"] == created["ContactFlowArn"]
    assert flow["Name"] == "Main menu"
    assert flow["Description"] == "Front door"
    assert flow["Type"] == "CONTACT_FLOW"
    assert (flow["State"], flow["Status"]) == ("ACTIVE", "PUBLISHED")
    assert flow["Version"] == 1
    assert flow["Tags"] == {"team": "ivr"}
    assert flow["LastModifiedRegion"] == "us-east-1"
    by_arn = describe(connect, instance_id, created["ContactFlowArn"])
    assert by_arn["Content"] == content
    assert "Main menu" in flow_names(connect, instance_id)


def test_flows_are_listed_by_type_page_by_page(connect: Any, instance_id: str) -> None:
    create_flow(connect, instance_id, Name="Queue music", Type="CUSTOMER_QUEUE")
    queue_flows = connect.list_contact_flows(
        InstanceId=instance_id, ContactFlowTypes=["CUSTOMER_QUEUE"]
    )["ContactFlowSummaryList"]
    assert [f["Name"] for f in queue_flows] == ["Default customer queue", "Queue music"]
    summary = queue_flows[1]
    assert set(summary) == {
        "Id",
        "Arn",
        "Name",
        "ContactFlowType",
        "ContactFlowState",
        "ContactFlowStatus",
    }
    assert (summary["ContactFlowState"], summary["ContactFlowStatus"]) == ("ACTIVE", "PUBLISHED")

    everything = flow_names(connect, instance_id)
    paged: list[str] = []
    request: dict[str, Any] = {"InstanceId": instance_id, "MaxResults": 4}
    while True:
        listed = connect.list_contact_flows(**request)
        assert len(listed["ContactFlowSummaryList"]) <= 4
        paged += [f["Name"] for f in listed["ContactFlowSummaryList"]]
        if "NextToken" not in listed:
            break
        request["NextToken"] = listed["NextToken"]
    assert paged == everything
    assert len(everything) == 10  # the nine default flows and this one


def test_a_saved_flow_is_a_draft_until_published(connect: Any, instance_id: str) -> None:
    created = create_flow(connect, instance_id, Status="SAVED", Content=BROKEN)
    flow_id = created["ContactFlowId"]
    assert created["FlowContentSha256"] == sha256(BROKEN)

    with pytest.raises(ClientError) as unpublished:
        describe(connect, instance_id, flow_id)
    assert unpublished.value.response["Error"]["Code"] == "ContactFlowNotPublishedException"
    assert f"{flow_id}:$SAVED" in unpublished.value.response["Error"]["Message"]

    draft = describe(connect, instance_id, f"{flow_id}:$SAVED")
    assert (draft["Content"], draft["Status"]) == (BROKEN, "SAVED")
    listed = connect.list_contact_flows(InstanceId=instance_id)["ContactFlowSummaryList"]
    assert [f["ContactFlowStatus"] for f in listed if f["Id"] == flow_id] == ["SAVED"]

    connect.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=flow_id, Content=flow_content()
    )
    published = describe(connect, instance_id, flow_id)
    assert (published["Content"], published["Status"]) == (flow_content(), "PUBLISHED")
    assert published["Version"] == 2


def test_a_draft_saved_over_a_published_flow_leaves_the_published_one_in_place(
    connect: Any, instance_id: str
) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    connect.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=f"{flow_id}:$SAVED", Content=BROKEN
    )
    live = describe(connect, instance_id, flow_id)
    assert (live["Content"], live["Status"]) == (flow_content(), "PUBLISHED")
    draft = describe(connect, instance_id, f"{flow_id}:$SAVED")
    assert (draft["Content"], draft["Status"], draft["Version"]) == (BROKEN, "SAVED", 2)


def test_an_invalid_flow_is_refused_with_each_problem_listed(
    connect: Any, instance_id: str
) -> None:
    before = flow_names(connect, instance_id)
    with pytest.raises(ClientError) as refused:
        create_flow(connect, instance_id, Name="Broken", Content=BROKEN)
    response = refused.value.response
    assert response["Error"]["Code"] == "InvalidContactFlowException"
    expected = validate_flow(BROKEN)
    assert len(expected) >= 2
    assert response["problems"] == [{"message": problem} for problem in expected]
    assert any("PlayTheBanjo" in problem["message"] for problem in response["problems"])
    assert flow_names(connect, instance_id) == before


def test_saved_content_must_still_be_json(connect: Any, instance_id: str) -> None:
    before = flow_names(connect, instance_id)
    with pytest.raises(ClientError) as refused:
        create_flow(connect, instance_id, Status="SAVED", Content='{"Version": ')
    response = refused.value.response
    assert response["Error"]["Code"] == "InvalidContactFlowException"
    assert len(response["problems"]) == 1
    assert "not valid JSON" in response["problems"][0]["message"]
    assert flow_names(connect, instance_id) == before


def test_a_bad_content_update_changes_nothing(connect: Any, instance_id: str) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    with pytest.raises(ClientError) as refused:
        connect.update_contact_flow_content(
            InstanceId=instance_id, ContactFlowId=flow_id, Content=BROKEN
        )
    assert refused.value.response["Error"]["Code"] == "InvalidContactFlowException"
    assert refused.value.response["problems"]
    flow = describe(connect, instance_id, flow_id)
    assert (flow["Content"], flow["Version"]) == (flow_content(), 1)
    saved = describe(connect, instance_id, f"{flow_id}:$SAVED")
    assert saved["Content"] == flow_content()


@pytest.mark.parametrize(
    ("request_changes", "code", "message"),
    [
        ({"Name": "Default agent hold"}, "DuplicateResourceException", "Default agent hold"),
        ({"Type": "IVR"}, "InvalidParameterException", "IVR"),
        ({"Status": "DRAFT"}, "InvalidParameterException", "DRAFT"),
        ({"Content": None}, "InvalidParameterException", "Content"),
        ({"Content": ""}, "InvalidParameterException", "Content"),
        ({"Name": None}, "InvalidParameterException", "Name"),
        ({"Tags": {"aws:team": "x"}}, "InvalidParameterException", "aws:team"),
    ],
)
def test_bad_flows_are_refused_and_change_nothing(
    connect: Any, instance_id: str, request_changes: dict[str, Any], code: str, message: str
) -> None:
    before = flow_names(connect, instance_id)
    request: dict[str, Any] = {"Name": "New flow", "Type": "CONTACT_FLOW", "Status": "SAVED"}
    request["Content"] = "{}"
    request.update(request_changes)
    request = {key: value for key, value in request.items() if value is not None}
    with pytest.raises(ClientError) as refused:
        connect.create_contact_flow(InstanceId=instance_id, **request)
    assert refused.value.response["Error"]["Code"] == code
    assert message in refused.value.response["Error"]["Message"]
    assert flow_names(connect, instance_id) == before


def test_flows_of_an_unknown_instance_are_not_found(connect: Any) -> None:
    with pytest.raises(ClientError) as refused:
        create_flow(connect, "00000000-0000-0000-0000-000000000000")
    assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert "00000000-0000-0000-0000-000000000000" in refused.value.response["Error"]["Message"]


UNKNOWN_FLOW = "11111111-2222-3333-4444-555555555555"


@pytest.mark.parametrize(
    ("suffix", "code", "fragment"),
    [
        (None, "ResourceNotFoundException", UNKNOWN_FLOW),
        (":7", "ResourceNotFoundException", "Version 7"),
        (":$LATEST", "InvalidParameterException", "$LATEST"),
    ],
)
def test_describing_what_does_not_exist_is_refused(
    connect: Any, instance_id: str, suffix: str | None, code: str, fragment: str
) -> None:
    if suffix is None:
        reference = UNKNOWN_FLOW
    else:
        reference = create_flow(connect, instance_id)["ContactFlowId"] + suffix
    with pytest.raises(ClientError) as refused:
        describe(connect, instance_id, reference)
    assert refused.value.response["Error"]["Code"] == code
    assert fragment in refused.value.response["Error"]["Message"]


def test_an_admin_renames_describes_and_archives_a_flow(connect: Any, instance_id: str) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    connect.update_contact_flow_name(
        InstanceId=instance_id, ContactFlowId=flow_id, Name="Front door", Description="Main IVR"
    )
    flow = describe(connect, instance_id, flow_id)
    assert (flow["Name"], flow["Description"]) == ("Front door", "Main IVR")

    connect.update_contact_flow_metadata(
        InstanceId=instance_id, ContactFlowId=flow_id, ContactFlowState="ARCHIVED"
    )
    flow = describe(connect, instance_id, flow_id)
    assert (flow["Name"], flow["State"], flow["Content"]) == (
        "Front door",
        "ARCHIVED",
        flow_content(),
    )
    listed = connect.list_contact_flows(InstanceId=instance_id)["ContactFlowSummaryList"]
    assert [f["ContactFlowState"] for f in listed if f["Id"] == flow_id] == ["ARCHIVED"]

    connect.update_contact_flow_metadata(
        InstanceId=instance_id, ContactFlowId=flow_id, Name="Entry", ContactFlowState="ACTIVE"
    )
    assert describe(connect, instance_id, flow_id)["State"] == "ACTIVE"
    assert describe(connect, instance_id, flow_id)["Name"] == "Entry"


@pytest.mark.parametrize("operation", ["update_contact_flow_name", "update_contact_flow_metadata"])
def test_renaming_to_a_taken_name_changes_nothing(
    connect: Any, instance_id: str, operation: str
) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    with pytest.raises(ClientError) as refused:
        getattr(connect, operation)(
            InstanceId=instance_id,
            ContactFlowId=flow_id,
            Name="Default customer hold",
            Description="changed",
        )
    assert refused.value.response["Error"]["Code"] == "DuplicateResourceException"
    assert "Default customer hold" in refused.value.response["Error"]["Message"]
    flow = describe(connect, instance_id, flow_id)
    assert (flow["Name"], flow.get("Description")) == ("Main menu", None)


def test_an_archived_state_must_be_a_known_one(connect: Any, instance_id: str) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    with pytest.raises(ClientError) as refused:
        connect.update_contact_flow_metadata(
            InstanceId=instance_id, ContactFlowId=flow_id, ContactFlowState="HIDDEN"
        )
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    assert "HIDDEN" in refused.value.response["Error"]["Message"]
    assert describe(connect, instance_id, flow_id)["State"] == "ACTIVE"


def test_a_flow_is_deleted_by_id_or_arn(connect: Any, instance_id: str) -> None:
    first = create_flow(connect, instance_id, Name="One")
    second = create_flow(connect, instance_id, Name="Two")
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=first["ContactFlowId"])
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=second["ContactFlowArn"])
    names = flow_names(connect, instance_id)
    assert "One" not in names
    assert "Two" not in names
    with pytest.raises(ClientError) as gone:
        describe(connect, instance_id, first["ContactFlowId"])
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as again:
        connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=first["ContactFlowId"])
    assert again.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_default_flows_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    listed = connect.list_contact_flows(InstanceId=instance_id)["ContactFlowSummaryList"]
    default = next(f for f in listed if f["Name"] == "Default queue transfer")
    with pytest.raises(ClientError) as refused:
        connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=default["Id"])
    assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "Default queue transfer" in refused.value.response["Error"]["Message"]
    assert "default" in refused.value.response["Error"]["Message"]
    assert describe(connect, instance_id, default["Id"])["Name"] == "Default queue transfer"


def test_a_flow_a_phone_number_rings_into_cannot_be_deleted(connect: Any, instance_id: str) -> None:
    flow_id = create_flow(connect, instance_id)["ContactFlowId"]
    available = connect.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="CA", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    number_id = connect.claim_phone_number(InstanceId=instance_id, PhoneNumber=available)[
        "PhoneNumberId"
    ]
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number_id, InstanceId=instance_id, ContactFlowId=flow_id
    )
    with pytest.raises(ClientError) as refused:
        connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)
    response = refused.value.response
    assert response["Error"]["Code"] == "ResourceInUseException"
    assert available in response["Error"]["Message"]
    assert (response["ResourceType"], response["ResourceId"]) == ("PHONE_NUMBER", number_id)
    assert describe(connect, instance_id, flow_id)["Name"] == "Main menu"

    connect.release_phone_number(PhoneNumberId=number_id)
    connect.delete_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)


@needs_corpus
def test_the_corpus_is_there() -> None:
    assert len(EXPORTS) == 45


@needs_corpus
@pytest.mark.parametrize("export", EXPORTS, ids=lambda path: path.name)
def test_a_real_export_is_saved_and_published_byte_for_byte(
    connect: Any, instance_id: str, export: Path
) -> None:
    content = export.read_text(encoding="utf-8")
    flow_type = FLOW_TYPES[f"flow-language/{export.name}"]
    created = connect.create_contact_flow(
        InstanceId=instance_id, Name=export.stem, Type=flow_type, Content=content, Status="SAVED"
    )
    flow_id = created["ContactFlowId"]
    assert created["FlowContentSha256"] == sha256(content)
    saved = describe(connect, instance_id, f"{flow_id}:$SAVED")
    assert (saved["Content"], saved["Status"], saved["Type"]) == (content, "SAVED", flow_type)

    assert validate_flow(content) == []
    connect.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=flow_id, Content=content
    )
    published = describe(connect, instance_id, flow_id)
    assert (published["Content"], published["Status"]) == (content, "PUBLISHED")
    assert published["FlowContentSha256"] == sha256(content)
