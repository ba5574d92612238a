"""The Connect protocol layer: routing by the model's URI templates, parameter gathering and
validation, output rendering, paging tokens."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from opencontact.api.connect.pagination import page
from opencontact.api.connect.request import gather
from opencontact.api.connect.response import render
from opencontact.api.connect.routes import RouteTable
from opencontact.api.connect.service_model import operation_model
from opencontact.api.connect.validation import ParameterErrors, validate
from opencontact.domain.errors import InvalidParameter


def test_the_most_literal_template_wins() -> None:
    table = RouteTable(["ClaimPhoneNumber", "DescribePhoneNumber", "ListPhoneNumbersV2"])
    claim = table.match("POST", "/phone-number/claim")
    assert claim is not None
    assert claim[0].name == "ClaimPhoneNumber"
    describe = table.match("GET", "/phone-number/abc-123")
    assert describe is not None
    assert describe[0].name == "DescribePhoneNumber"
    assert describe[1] == {"PhoneNumberId": "abc-123"}
    assert table.match("DELETE", "/phone-number/claim") is None


def test_uri_parameters_are_percent_decoded() -> None:
    table = RouteTable(["ListTagsForResource"])
    arn = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"
    encoded = arn.replace(":", "%3A").replace("/", "%2F")
    matched = table.match("GET", f"/tags/{encoded}")
    assert matched is not None
    assert matched[1] == {"resourceArn": arn}


def test_query_string_lists_and_integers_are_converted() -> None:
    params = gather(
        operation_model("ListQueues"),
        {"InstanceId": "i-1"},
        {"queueTypes": ["STANDARD", "AGENT"], "maxResults": ["5"]},
        {},
        b"",
    )
    assert params == {"InstanceId": "i-1", "QueueTypes": ["STANDARD", "AGENT"], "MaxResults": 5}


def test_a_non_numeric_max_results_is_a_parameter_error() -> None:
    with pytest.raises(ParameterErrors, match="MaxResults"):
        gather(operation_model("ListQueues"), {"InstanceId": "i"}, {"maxResults": ["x"]}, {}, b"")


def test_a_body_that_is_not_json_is_a_parameter_error() -> None:
    with pytest.raises(ParameterErrors, match="JSON"):
        gather(operation_model("CreateInstance"), {}, {}, {}, b"{not json")


def test_validation_reports_every_problem_with_its_path() -> None:
    shape = operation_model("CreateQuickConnect").input_shape
    assert shape is not None
    with pytest.raises(ParameterErrors) as errors:
        validate(
            shape,
            {
                "InstanceId": "i",
                "Name": "",
                "QuickConnectConfig": {"QuickConnectType": "PIGEON", "PhoneConfig": {}},
            },
        )
    problems = " ".join(errors.value.problems)
    assert "Parameter 'Name' must have at least 1 characters" in problems
    assert "'QuickConnectConfig.QuickConnectType' must be one of USER, QUEUE" in problems
    assert "Missing required parameter 'QuickConnectConfig.PhoneConfig.PhoneNumber'" in problems


def test_validation_checks_types_and_ranges() -> None:
    shape = operation_model("CreateAgentStatus").input_shape
    assert shape is not None
    with pytest.raises(ParameterErrors) as errors:
        validate(shape, {"InstanceId": "i", "Name": 5, "State": "ENABLED", "DisplayOrder": 0})
    problems = " ".join(errors.value.problems)
    assert "'Name' must be a string, not 5" in problems
    assert "'DisplayOrder' must be at least 1; got 0" in problems
    instance_shape = operation_model("CreateInstance").input_shape
    assert instance_shape is not None
    with pytest.raises(ParameterErrors, match="true or false"):
        validate(
            instance_shape,
            {
                "IdentityManagementType": "SAML",
                "InboundCallsEnabled": "yes",
                "OutboundCallsEnabled": True,
            },
        )


def test_members_the_model_does_not_know_are_dropped() -> None:
    shape = operation_model("CreateAgentStatus").input_shape
    assert shape is not None
    checked = validate(shape, {"InstanceId": "i", "Name": "x", "State": "ENABLED", "Extra": 1})
    assert "Extra" not in checked


def test_rendering_writes_epoch_timestamps_and_drops_empty_members() -> None:
    status, headers, body = render(
        operation_model("ListAgentStatuses"),
        {
            "AgentStatusSummaryList": [
                {"Name": "Lunch", "LastModifiedTime": datetime(2026, 1, 1, tzinfo=UTC)}
            ],
            "NextToken": None,
        },
    )
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == {
        "AgentStatusSummaryList": [{"Name": "Lunch", "LastModifiedTime": 1767225600}]
    }


def test_paging_hands_out_tokens_until_the_end() -> None:
    items = list(range(7))
    first, token = page(items, None, 3, 100, "scope")
    assert list(first) == [0, 1, 2]
    second, token = page(items, token, 3, 100, "scope")
    assert list(second) == [3, 4, 5]
    last, token = page(items, token, 3, 100, "scope")
    assert list(last) == [6]
    assert token is None


def test_a_token_is_refused_by_another_listing_or_when_garbled() -> None:
    _, token = page(list(range(5)), None, 2, 100, "ListQueues")
    assert token is not None
    with pytest.raises(InvalidParameter, match="NextToken"):
        page(list(range(5)), token, 2, 100, "ListUsers")
    with pytest.raises(InvalidParameter, match="NextToken"):
        page(list(range(5)), "%%%", 2, 100, "ListQueues")
