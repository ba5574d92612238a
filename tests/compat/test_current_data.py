"""A wallboard reads the contact center as it is now: which agents are online, in which state,
on which contacts (GetCurrentUserData), and the queue counters (GetCurrentMetricData)."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.testing import LiveServer
from tests.compat.test_live_contacts import Center, build_center, refused

ALL_METRICS = [
    "AGENTS_ONLINE",
    "AGENTS_AVAILABLE",
    "AGENTS_ON_CALL",
    "AGENTS_ON_CONTACT",
    "AGENTS_NON_PRODUCTIVE",
    "AGENTS_AFTER_CONTACT_WORK",
    "AGENTS_ERROR",
    "AGENTS_STAFFED",
    "CONTACTS_IN_QUEUE",
    "OLDEST_CONTACT_AGE",
    "CONTACTS_SCHEDULED",
    "SLOTS_ACTIVE",
    "SLOTS_AVAILABLE",
]


@pytest.fixture
def center(connect: Any, live_server: LiveServer, instance_id: str) -> Center:
    return build_center(connect, live_server, instance_id)


def user_data(center: Center, **filters: Any) -> list[dict[str, Any]]:
    found = center.api("get_current_user_data", Filters=filters)
    assert found["ApproximateTotalCount"] == len(found["UserDataList"])
    rows: list[dict[str, Any]] = found["UserDataList"]
    return rows


def metrics(center: Center, *names: str, **request: Any) -> list[dict[str, Any]]:
    request.setdefault("Filters", {"Queues": [center.queue_id]})
    found = center.api(
        "get_current_metric_data",
        CurrentMetrics=[{"Name": n, "Unit": _unit(n)} for n in names or ALL_METRICS],
        **request,
    )
    assert "DataSnapshotTime" in found
    results: list[dict[str, Any]] = found["MetricResults"]
    return results


def _unit(name: str) -> str:
    return "SECONDS" if name == "OLDEST_CONTACT_AGE" else "COUNT"


def values(result: dict[str, Any]) -> dict[str, float]:
    return {c["Metric"]["Name"]: c["Value"] for c in result["Collections"]}


# -- GetCurrentUserData ------------------------------------------------------------------------


def test_an_available_agent_is_listed_with_status_and_slots(center: Center) -> None:
    assert user_data(center, Agents=[center.agent_id]) == []  # never online yet
    center.set_status("Available")
    [data] = user_data(center, Queues=[center.queue_id])
    assert data["User"]["Id"] == center.agent_id
    assert data["User"]["Arn"].endswith(f"/agent/{center.agent_id}")
    assert data["RoutingProfile"]["Id"] == center.routing_profile_id
    assert data["Status"]["StatusName"] == "Available"
    assert data["Status"]["StatusArn"].endswith(center.statuses["Available"])
    assert "StatusStartTimestamp" in data["Status"]
    assert data["MaxSlotsByChannel"]["VOICE"] == 1
    assert data["ActiveSlotsByChannel"]["VOICE"] == 0
    assert data["AvailableSlotsByChannel"]["VOICE"] == 1
    assert data["Contacts"] == []
    assert "NextStatus" not in data


def test_the_agents_contact_is_shown_through_its_states(center: Center) -> None:
    center.set_status("Available")
    _call, contact_id = center.customer_calls()
    [data] = user_data(center, Agents=[center.agent_id])
    [contact] = data["Contacts"]
    assert contact["ContactId"] == contact_id
    assert (contact["Channel"], contact["InitiationMethod"]) == ("VOICE", "INBOUND")
    assert contact["AgentContactState"] == "CONNECTED"
    assert contact["Queue"]["Id"] == center.queue_id
    assert "ConnectedToAgentTimestamp" in contact
    assert data["ActiveSlotsByChannel"]["VOICE"] == 1
    assert data["AvailableSlotsByChannel"]["VOICE"] == 0

    center.api("stop_contact", ContactId=contact_id)
    [data] = user_data(center, Agents=[center.agent_id])
    assert [c["AgentContactState"] for c in data["Contacts"]] == ["ENDED"]
    assert user_data(center, Agents=[center.agent_id], ContactFilter={"ContactStates": ["ENDED"]})
    assert not user_data(
        center, Agents=[center.agent_id], ContactFilter={"ContactStates": ["CONNECTED"]}
    )


def test_user_data_is_filtered_by_queue_routing_profile_or_agent(center: Center) -> None:
    other = center.new_agent("bob")
    center.set_status("Available")
    center.set_status("Available", other)
    both = sorted([center.agent_id, other])
    assert sorted(d["User"]["Id"] for d in user_data(center, Queues=[center.queue_arn])) == both
    by_profile = user_data(center, RoutingProfiles=[center.routing_profile_id])
    assert sorted(d["User"]["Id"] for d in by_profile) == both
    assert [d["User"]["Id"] for d in user_data(center, Agents=[other])] == [other]
    first = center.api("get_current_user_data", Filters={"Queues": [center.queue_id]}, MaxResults=1)
    assert first["ApproximateTotalCount"] == 2
    following = center.api(
        "get_current_user_data",
        Filters={"Queues": [center.queue_id]},
        MaxResults=1,
        NextToken=first["NextToken"],
    )
    pages = first["UserDataList"] + following["UserDataList"]
    assert sorted(d["User"]["Id"] for d in pages) == both
    assert "NextToken" not in following


@pytest.mark.parametrize(
    ("filters", "code", "named"),
    [
        ({}, "InvalidParameterException", "exactly one"),
        ({"Queues": ["q"], "Agents": ["a"]}, "InvalidParameterException", "Queues, Agents"),
        ({"Queues": ["no-queue"]}, "ResourceNotFoundException", "no-queue"),
        ({"RoutingProfiles": ["no-profile"]}, "ResourceNotFoundException", "no-profile"),
        ({"Agents": ["no-agent"]}, "ResourceNotFoundException", "no-agent"),
    ],
)
def test_bad_user_data_filters_are_refused(
    center: Center, filters: dict[str, Any], code: str, named: str
) -> None:
    found = refused(
        center.connect.get_current_user_data, InstanceId=center.instance_id, Filters=filters
    )
    assert found[0] == code
    assert named in found[1]


# -- GetCurrentMetricData ----------------------------------------------------------------------


def test_queue_counters_follow_callers_and_agents(center: Center) -> None:
    [empty] = metrics(center, Groupings=["QUEUE"])
    assert empty["Dimensions"]["Queue"] == {"Id": center.queue_id, "Arn": center.queue_arn}
    assert [c["Metric"]["Name"] for c in empty["Collections"]] == ALL_METRICS
    assert set(values(empty).values()) == {0.0}

    center.customer_calls()
    [waiting] = metrics(center, Groupings=["QUEUE"])
    assert values(waiting)["CONTACTS_IN_QUEUE"] == 1
    assert values(waiting)["AGENTS_ONLINE"] == 0
    assert values(waiting)["OLDEST_CONTACT_AGE"] >= 0

    center.set_status("Available")  # takes the call
    [busy] = metrics(center, Groupings=["QUEUE"])
    assert values(busy) == {
        **values(empty),
        "AGENTS_ONLINE": 1,
        "AGENTS_STAFFED": 1,
        "AGENTS_ON_CALL": 1,
        "AGENTS_ON_CONTACT": 1,
        "SLOTS_ACTIVE": 1,
        # the Basic Routing Profile lists BasicQueue for voice only: its other slots don't count
        "SLOTS_AVAILABLE": 0,
    }


def test_agents_in_after_contact_work_and_custom_statuses_are_counted(center: Center) -> None:
    lunch = center.api("create_agent_status", Name="Lunch", State="ENABLED")["AgentStatusId"]
    other = center.new_agent("bob")
    center.set_status("Available")
    _call, contact_id = center.customer_calls()
    center.api("stop_contact", ContactId=contact_id)
    center.api("put_user_status", UserId=other, AgentStatusId=lunch)
    [summary] = metrics(center)
    assert "Dimensions" not in summary
    found = values(summary)
    assert found["AGENTS_ONLINE"] == 2
    assert found["AGENTS_AFTER_CONTACT_WORK"] == 1
    # Connect's On contact includes after-contact work.
    assert found["AGENTS_ON_CONTACT"] == found["AGENTS_ON_CALL"] == 1
    assert found["AGENTS_NON_PRODUCTIVE"] == 1
    assert found["AGENTS_STAFFED"] == 1
    assert found["AGENTS_AVAILABLE"] == 0
    assert found["SLOTS_ACTIVE"] == 1


def test_counters_are_grouped_by_channel(center: Center) -> None:
    center.customer_calls()
    center.api("start_task_contact", Name="Paperwork", ContactFlowId=center.flow_id)
    rows = metrics(center, "CONTACTS_IN_QUEUE", Groupings=["CHANNEL"])
    by_channel = {r["Dimensions"]["Channel"]: values(r)["CONTACTS_IN_QUEUE"] for r in rows}
    assert by_channel == {"VOICE": 1, "CHAT": 0, "TASK": 1}

    rows = metrics(
        center,
        "CONTACTS_IN_QUEUE",
        Filters={"Queues": [center.queue_id], "Channels": ["TASK"]},
        Groupings=["QUEUE", "CHANNEL"],
    )
    [row] = rows
    assert row["Dimensions"] == {
        "Queue": {"Id": center.queue_id, "Arn": center.queue_arn},
        "Channel": "TASK",
    }
    assert values(row)["CONTACTS_IN_QUEUE"] == 1


def test_metric_rows_are_sorted_and_paged(center: Center) -> None:
    other_queue = center.api(
        "create_queue",
        Name="Sales",
        HoursOfOperationId=center.connect.list_hours_of_operations(InstanceId=center.instance_id)[
            "HoursOfOperationSummaryList"
        ][0]["Id"],
    )
    center.customer_calls()
    request = {
        "Filters": {"Queues": [other_queue["QueueId"], center.queue_id]},
        "Groupings": ["QUEUE"],
        "SortCriteria": [{"SortByMetric": "CONTACTS_IN_QUEUE", "SortOrder": "DESCENDING"}],
    }
    first = center.api(
        "get_current_metric_data",
        CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        MaxResults=1,
        **request,
    )
    assert first["ApproximateTotalCount"] == 2
    assert first["MetricResults"][0]["Dimensions"]["Queue"]["Id"] == center.queue_id
    second = center.api(
        "get_current_metric_data",
        CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
        MaxResults=1,
        NextToken=first["NextToken"],
        **request,
    )
    assert second["MetricResults"][0]["Dimensions"]["Queue"]["Id"] == other_queue["QueueId"]
    assert "NextToken" not in second


def test_bad_metric_requests_are_refused(center: Center) -> None:
    agent_queue = next(
        q["Id"]
        for q in center.connect.list_queues(InstanceId=center.instance_id, QueueTypes=["AGENT"])[
            "QueueSummaryList"
        ]
    )
    good_metric = [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}]
    queues = {"Queues": [center.queue_id]}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"Filters": {}}, "InvalidParameterException", "Queues"),
        ({"Filters": {"Queues": ["no-queue"]}}, "ResourceNotFoundException", "no-queue"),
        ({"Filters": {"Queues": [agent_queue]}}, "InvalidParameterException", "agent queue"),
        (
            {"Filters": {**queues, "RoutingProfiles": [center.routing_profile_id]}},
            "InvalidParameterException",
            "RoutingProfiles",
        ),
        ({"Groupings": ["ROUTING_PROFILE"]}, "InvalidParameterException", "ROUTING_PROFILE"),
        (
            {"CurrentMetrics": [{"Name": "OLDEST_CONTACT_AGE", "Unit": "COUNT"}]},
            "InvalidParameterException",
            "SECONDS",
        ),
        (
            {"CurrentMetrics": [{"MetricId": "custom", "Unit": "COUNT"}]},
            "InvalidParameterException",
            "MetricId",
        ),
        (
            {"SortCriteria": [{"SortByMetric": "SLOTS_ACTIVE", "SortOrder": "ASCENDING"}]},
            "InvalidParameterException",
            "SLOTS_ACTIVE",
        ),
    ]
    for params, code, named in cases:
        request = {"Filters": queues, "CurrentMetrics": good_metric, **params}
        found = refused(
            center.connect.get_current_metric_data, InstanceId=center.instance_id, **request
        )
        assert found[0] == code, params
        assert named in found[1], (params, found)


def test_an_agent_on_a_break_has_no_available_slots(center: Center) -> None:
    lunch = center.api("create_agent_status", Name="Lunch", State="ENABLED")
    user_arn = center.connect.describe_user(InstanceId=center.instance_id, UserId=center.agent_id)[
        "User"
    ]["Arn"]
    center.api("put_user_status", UserId=user_arn, AgentStatusId=lunch["AgentStatusARN"])
    [data] = user_data(center, Agents=[user_arn])
    assert data["Status"]["StatusName"] == "Lunch"
    assert set(data["AvailableSlotsByChannel"].values()) == {0}
    assert data["MaxSlotsByChannel"] == {"VOICE": 1, "CHAT": 2, "TASK": 1}
