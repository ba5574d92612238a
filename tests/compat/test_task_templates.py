"""An administrator keeps task templates with boto3 (create, get, list, update, delete), and a
CRM creates tasks from them: the template's flow runs, its defaults fill what the task leaves
out, and a task missing a required field is refused. Templates that are not valid are refused
with PropertyValidationException naming the property, and nothing changes."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from botocore.exceptions import ClientError

from opencontact.testing import LiveServer
from tests.compat.test_live_contacts import Center, build_center, contact_ids


@pytest.fixture
def center(connect: Any, live_server: LiveServer, instance_id: str) -> Center:
    return build_center(connect, live_server, instance_id)


def _field(name: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"Id": {"Name": name}, "Type": kind, **more}


def _template(center: Center, **overrides: Any) -> dict[str, Any]:
    """A claim template: name, description, a priority to pick, a claim link."""
    request: dict[str, Any] = {
        "Name": "Claim review",
        "Description": "Review a customer's claim",
        "ContactFlowId": center.flow_id,
        "Fields": [
            _field("Title", "NAME"),
            _field("Details", "DESCRIPTION"),
            _field("Priority", "SINGLE_SELECT", SingleSelectOptions=["Low", "High"]),
            _field("Claim", "URL", Description="Link to the claim"),
        ],
        "Constraints": {
            "RequiredFields": [{"Id": {"Name": "Title"}}, {"Id": {"Name": "Claim"}}],
            "ReadOnlyFields": [{"Id": {"Name": "Priority"}}],
        },
        "Defaults": {
            "DefaultFieldValues": [
                {"Id": {"Name": "Priority"}, "DefaultValue": "Low"},
                {"Id": {"Name": "Details"}, "DefaultValue": "See the claim"},
            ]
        },
    }
    request.update(overrides)
    return request


def _refused(call: Any, **params: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as error:
        call(**params)
    response: dict[str, Any] = error.value.response
    return response


def test_a_template_is_created_read_listed_updated_and_deleted(center: Center) -> None:
    created = center.api("create_task_template", **_template(center))
    template_id = created["Id"]
    assert created["Arn"].endswith(f"/task-template/{template_id}")

    template = center.api("get_task_template", TaskTemplateId=template_id)
    assert (template["Name"], template["Status"]) == ("Claim review", "ACTIVE")
    assert template["InstanceId"] == center.instance_id
    assert template["ContactFlowId"] == center.flow_id
    assert [f["Id"]["Name"] for f in template["Fields"]] == [
        "Title",
        "Details",
        "Priority",
        "Claim",
    ]
    assert template["Fields"][2]["SingleSelectOptions"] == ["Low", "High"]
    assert template["Constraints"]["RequiredFields"] == [
        {"Id": {"Name": "Title"}},
        {"Id": {"Name": "Claim"}},
    ]
    assert {"Id": {"Name": "Priority"}, "DefaultValue": "Low"} in template["Defaults"][
        "DefaultFieldValues"
    ]
    assert "CreatedTime" in template

    listed = center.api("list_task_templates")["TaskTemplates"]
    assert [(t["Id"], t["Status"]) for t in listed] == [(template_id, "ACTIVE")]
    assert center.api("list_task_templates", Status="INACTIVE")["TaskTemplates"] == []
    assert len(center.api("list_task_templates", Name="Claim review")["TaskTemplates"]) == 1

    updated = center.api(
        "update_task_template",
        TaskTemplateId=template_id,
        **{**_template(center), "Name": "Claim check", "Status": "INACTIVE"},
    )
    assert (updated["Name"], updated["Status"]) == ("Claim check", "INACTIVE")
    assert [t["Name"] for t in center.api("list_task_templates")["TaskTemplates"]] == [
        "Claim check"
    ]

    center.api("delete_task_template", TaskTemplateId=template_id)
    assert center.api("list_task_templates")["TaskTemplates"] == []
    missing = _refused(
        center.connect.get_task_template, InstanceId=center.instance_id, TaskTemplateId=template_id
    )
    assert missing["Error"]["Code"] == "ResourceNotFoundException"


def _without_required(request: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(request)
    changed["Constraints"]["RequiredFields"] = [{"Id": {"Name": "Claim"}}]
    return changed


def test_templates_that_are_not_valid_are_refused_and_nothing_changes(center: Center) -> None:
    good = _template(center)
    fields = good["Fields"]
    queue_flow = next(
        f["Id"]
        for f in center.connect.list_contact_flows(InstanceId=center.instance_id)[
            "ContactFlowSummaryList"
        ]
        if f["Name"] == "Default customer queue"
    )
    cases: list[tuple[dict[str, Any], str, str, str]] = [
        ({"Fields": fields[1:]}, "PropertyValidationException", "Fields", "NAME"),
        (_without_required(good), "PropertyValidationException", "Constraints.RequiredFields", ""),
        (
            {"Fields": [*fields, _field("Claim", "TEXT")]},
            "PropertyValidationException",
            "Fields[4].Id.Name",
            "unique",
        ),
        (
            {"Fields": [*fields, _field("Colour", "SINGLE_SELECT")]},
            "PropertyValidationException",
            "Fields[4].SingleSelectOptions",
            "SingleSelectOptions",
        ),
        (
            {
                "Defaults": {
                    "DefaultFieldValues": [{"Id": {"Name": "Priority"}, "DefaultValue": "Urgent"}]
                }
            },
            "PropertyValidationException",
            "Defaults.DefaultFieldValues[0].DefaultValue",
            "Urgent",
        ),
        (
            {"Constraints": {"RequiredFields": [{"Id": {"Name": "Nope"}}]}},
            "PropertyValidationException",
            "Constraints.RequiredFields[0].Id.Name",
            "Nope",
        ),
        ({"ContactFlowId": ""}, "PropertyValidationException", "ContactFlowId", "QUICK_CONNECT"),
        (
            {"ContactHooks": {"WrapUpFlowId": "module-1"}},
            "PropertyValidationException",
            "ContactHooks.WrapUpFlowId",
            "flow modules",
        ),
        ({"ContactFlowId": "no-flow"}, "ResourceNotFoundException", "", "no-flow"),
        ({"ContactFlowId": queue_flow}, "InvalidParameterException", "", "CUSTOMER_QUEUE"),
    ]
    for change, code, path, words in cases:
        response = _refused(
            center.connect.create_task_template,
            InstanceId=center.instance_id,
            **{**good, **change},
        )
        assert response["Error"]["Code"] == code, (change, response)
        assert words in response["Error"]["Message"], (change, response)
        if code == "PropertyValidationException":
            [problem] = response["PropertyList"]
            assert problem["PropertyPath"] == path, (change, problem)
    assert center.api("list_task_templates")["TaskTemplates"] == []

    template_id = center.api("create_task_template", **good)["Id"]
    before = center.api("get_task_template", TaskTemplateId=template_id)
    response = _refused(
        center.connect.update_task_template,
        InstanceId=center.instance_id,
        TaskTemplateId=template_id,
        **{**good, "Fields": fields[1:]},
    )
    assert response["Error"]["Code"] == "PropertyValidationException"
    assert center.api("get_task_template", TaskTemplateId=template_id) == before


def test_a_task_from_a_template_gets_its_flow_and_defaults(center: Center) -> None:
    center.set_status("Available")
    template = center.api("create_task_template", **_template(center))
    task = center.api(
        "start_task_contact",
        TaskTemplateId=template["Id"],
        Name="Claim 77",
        References={"Claim": {"Type": "URL", "Value": "https://claims.example/77"}},
    )["ContactId"]
    described = center.describe(task)
    assert described["Name"] == "Claim 77"
    assert described["Description"] == "See the claim"  # the template's default
    assert described["TaskTemplateInfo"] == {"Arn": template["Arn"], "Name": "Claim review"}
    assert described["QueueInfo"]["Id"] == center.queue_id  # the template's flow ran
    assert described["AgentInfo"]["Id"] == center.agent_id
    assert center.server.runtime is not None
    live = center.server.runtime.center.state(center.instance_id).live.contact(task)
    assert live is not None
    assert live.references == {"Claim": "https://claims.example/77", "Priority": "Low"}
    assert live.reference_types == {"Claim": "URL", "Priority": "STRING"}


def test_a_template_with_a_queue_quick_connect_field_sends_tasks_to_that_queue(
    center: Center,
) -> None:
    flows = center.connect.list_contact_flows(InstanceId=center.instance_id)
    transfer_flow = next(
        f["Id"] for f in flows["ContactFlowSummaryList"] if f["Name"] == "Default queue transfer"
    )
    quick = center.api(
        "create_quick_connect",
        Name="Claims queue",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": center.queue_id, "ContactFlowId": transfer_flow},
        },
    )["QuickConnectId"]
    template = center.api(
        "create_task_template",
        Name="Routed by quick connect",
        Fields=[_field("Title", "NAME"), _field("Where", "QUICK_CONNECT")],
        Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]},
        Defaults={"DefaultFieldValues": [{"Id": {"Name": "Where"}, "DefaultValue": quick}]},
    )
    task = center.api("start_task_contact", TaskTemplateId=template["Id"], Name="Routed")[
        "ContactId"
    ]
    assert center.describe(task)["QueueInfo"]["Id"] == center.queue_id


def test_tasks_a_template_does_not_allow_are_refused_and_nothing_is_created(
    center: Center,
) -> None:
    active = center.api("create_task_template", **_template(center))["Id"]
    inactive = center.api(
        "create_task_template", **_template(center, Name="Old claims", Status="INACTIVE")
    )["Id"]
    claim = {"Claim": {"Type": "URL", "Value": "https://claims.example/1"}}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"TaskTemplateId": active}, "InvalidParameterException", "'Claim'"),
        (
            {"TaskTemplateId": active, "References": {"Claim": {"Type": "STRING", "Value": "x"}}},
            "InvalidParameterException",
            "URL",
        ),
        (
            {"TaskTemplateId": active, "References": {"Claim": {"Type": "URL", "Value": "x"}}},
            "InvalidParameterException",
            "URL",
        ),
        (
            {"TaskTemplateId": active, "References": claim, "ContactFlowId": center.flow_id},
            "InvalidParameterException",
            "TaskTemplateId alone",
        ),
        ({"TaskTemplateId": inactive, "References": claim}, "InvalidRequestException", "INACTIVE"),
        ({"TaskTemplateId": "no-template"}, "ResourceNotFoundException", "no-template"),
    ]
    before = contact_ids(center)
    for params, code, words in cases:
        response = _refused(
            center.connect.start_task_contact,
            InstanceId=center.instance_id,
            Name="Claim",
            **params,
        )
        assert response["Error"]["Code"] == code, (params, response)
        assert words in response["Error"]["Message"], (params, response)
    assert contact_ids(center) == before
