"""`$.` paths read the contact and the run as Amazon Connect's attribute list documents."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.flows.paths import (
    FlowData,
    as_text,
    interpolate,
    is_single_path,
    parse_path,
    resolve,
    resolve_text,
    resolve_value,
)
from opencontact.flows.run import AgentData
from tests.support.flows import INSTANCE_ARN, contact, queue

BILLING = queue(
    "Billing",
    outbound_caller_id_name="Acme Billing",
    outbound_caller_id_number="+18005550111",
)
ANA = AgentData(
    id="u-ana",
    arn=f"{INSTANCE_ARN}/agent/u-ana",
    username="ana",
    first_name="Ana",
    last_name="Silva",
    queue_id="aq-ana",
)
DATA = FlowData(
    contact=contact(
        attributes={"customerName": "Jane", "account type": "gold", "count": "3"},
        queue=BILLING,
        agent=ANA,
        name="Refund",
        description="Refund request",
        references={"order": "https://example.com/o/1"},
        previous_contact_id="c-0",
    ),
    flow_attributes={"menuChoice": "2"},
    external={"order": {"status": "shipped", "lines": [{"sku": "A1"}]}, "ok": True, "total": 2.5},
    stored_input="4155550123",
    metrics={"Queue": {"Size": 4, "OldestContactAge": 75.0}, "Agents": {"Online": {"Count": 2}}},
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.Attributes.customerName", "Jane"),
        ("$.Attributes['account type']", "gold"),
        ("$.Attributes.['account type']", "gold"),
        ("$['Attributes']['account type']", "gold"),
        ("$.FlowAttributes.menuChoice", "2"),
        ("$.External.order.status", "shipped"),
        ("$.External.order.lines[0].sku", "A1"),
        ("$.External.ok", True),
        ("$.StoredCustomerInput", "4155550123"),
        ("$.CustomerEndpoint.Address", "+14155550100"),
        ("$.CustomerEndpoint.Type", "TELEPHONE_NUMBER"),
        ("$.SystemEndpoint.Address", "+18005550199"),
        ("$.Channel", "VOICE"),
        ("$.ContactId", "c-1"),
        ("$.InitialContactId", "c-1"),
        ("$.PreviousContactId", "c-0"),
        ("$.InitiationMethod", "INBOUND"),
        ("$.InstanceARN", INSTANCE_ARN),
        ("$.AwsRegion", "us-east-1"),
        ("$.Name", "Refund"),
        ("$.Description", "Refund request"),
        ("$.References.order.Value", "https://example.com/o/1"),
        ("$.LanguageCode", "en-US"),
        ("$.TextToSpeechVoiceId", "Joanna"),
        ("$.Queue.Name", "Billing"),
        ("$.Queue.ARN", BILLING.arn),
        ("$.Queue.Id", BILLING.id),
        ("$.Queue.OutboundCallerId.Name", "Acme Billing"),
        ("$.Queue.OutboundCallerId.Number", "+18005550111"),
        ("$.Queue.OutboundCallerId.Address", "+18005550111"),
        ("$.Agent.UserName", "ana"),
        ("$.Agent.FirstName", "Ana"),
        ("$.Agent.LastName", "Silva"),
        ("$.Agent.ARN", ANA.arn),
        ("$.Metrics.Queue.Size", 4),
        ("$.Metrics.Agents.Online.Count", 2),
    ],
)
def test_a_path_reads_what_connect_documents_there(path: str, expected: Any) -> None:
    assert resolve(path, DATA) == expected


@pytest.mark.parametrize(
    "path",
    [
        "$.Attributes.missing",
        "$.External.order.missing.deeper",
        "$.External.order.lines[5].sku",
        "$.Lex.IntentName",
        "$.Customer.FirstName",
        "$.Metrics.Queue.EstimatedWaitTime",
        "$.attributes.customerName",  # paths are case-sensitive
        "$.BadValue",
    ],
)
def test_a_path_to_nothing_resolves_to_none(path: str) -> None:
    assert resolve(path, DATA) is None


def test_metrics_are_unknown_until_get_metric_data_loads_them() -> None:
    assert resolve("$.Metrics.Queue.Size", FlowData(contact())) is None


def test_a_contact_without_queue_or_agent_has_no_queue_or_agent_paths() -> None:
    bare = FlowData(contact())

    assert resolve("$.Queue.Name", bare) is None
    assert resolve("$.Agent.UserName", bare) is None


def test_only_a_whole_path_is_a_single_path() -> None:
    assert is_single_path("$.Attributes.customerName")
    assert is_single_path(" $.External.order.status ")
    assert not is_single_path("Hello $.Attributes.customerName")
    assert not is_single_path("$ 34.19")
    assert not is_single_path("arn:aws:connect:us-east-1")
    assert parse_path("$['Attributes']['account type']") == ("Attributes", "account type")


def test_text_interpolates_every_path_and_leaves_the_rest() -> None:
    text = "Hello $.Attributes.customerName, your order is $.External.order.status."

    assert interpolate(text, DATA) == "Hello Jane, your order is shipped."


def test_a_missing_path_inside_text_reads_as_nothing() -> None:
    assert interpolate("Hi $.Attributes.nickname!", DATA) == "Hi !"


def test_interpolation_stops_at_ssml_tags_and_separators() -> None:
    ssml = '<speak><say-as interpret-as="digits">$.StoredCustomerInput</say-as></speak>'
    arn = "arn:aws:lambda:$.AwsRegion:1234:function:f"

    assert interpolate(ssml, DATA) == (
        '<speak><say-as interpret-as="digits">4155550123</say-as></speak>'
    )
    assert interpolate(arn, DATA) == "arn:aws:lambda:us-east-1:1234:function:f"


def test_dollar_amounts_are_not_paths() -> None:
    assert interpolate("You owe $ 34.19, or $.50 today", DATA) == ("You owe $ 34.19, or $.50 today")


def test_a_whole_path_keeps_the_value_found_while_text_becomes_text() -> None:
    assert resolve_value("$.External.order", DATA) == DATA.external["order"]
    assert resolve_value("$.Attributes.missing", DATA) is None
    assert resolve_value(5, DATA) == 5
    assert resolve_text("$.External.total", DATA) == "2.5"
    assert resolve_text("$.Attributes.missing", DATA) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (3.0, "3"),
        (2.5, "2.5"),
        ({"a": 1}, '{"a":1}'),
        (None, None),
    ],
)
def test_values_read_as_text_with_json_spellings(value: Any, text: str | None) -> None:
    assert as_text(value) == text
