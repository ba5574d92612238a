"""Task templates: Create/Get/List/Update/DeleteTaskTemplate.

A template that is not valid is refused with Connect's PropertyValidationException, which names
the property (`PropertyList`: path, reason, message).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from opencontact.api.connect.call import ConnectCall
from opencontact.api.connect.errors import ConnectError
from opencontact.api.connect.live import idempotent
from opencontact.api.connect.operations import operation
from opencontact.api.connect.pagination import page
from opencontact.api.connect.wire import compact, tags_out
from opencontact.domain.base import Env, Outcome
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter
from opencontact.domain.task_templates import (
    FieldType,
    PropertyProblem,
    TaskTemplate,
    TaskTemplateStatus,
    TemplateField,
    TemplateSpec,
    create_task_template,
    delete_task_template,
    list_task_templates,
    update_task_template,
)

T = TypeVar("T")


def _field_name(wire: dict[str, Any], path: str) -> str:
    name = (wire.get("Id") or {}).get("Name")
    if not name:
        raise PropertyProblem(
            f"{path}.Id.Name", "REQUIRED_PROPERTY_MISSING", f"{path} needs a Name."
        )
    return str(name)


def _names(wires: list[dict[str, Any]] | None, path: str) -> tuple[str, ...]:
    return tuple(_field_name(w, f"{path}[{i}]") for i, w in enumerate(wires or []))


def spec_in(params: dict[str, Any], name: str, status: TaskTemplateStatus) -> TemplateSpec:
    if params.get("ContactHooks", {}).get("WrapUpFlowId"):
        raise PropertyProblem(
            "ContactHooks.WrapUpFlowId",
            "NOT_SUPPORTED",
            "Wrap-up flow modules are not supported: OpenContact has no flow modules yet.",
        )
    fields = tuple(
        TemplateField(
            name=_field_name(wire, f"Fields[{index}]"),
            type=FieldType(wire.get("Type") or FieldType.TEXT),
            description=wire.get("Description"),
            options=tuple(wire.get("SingleSelectOptions") or ()),
        )
        for index, wire in enumerate(params.get("Fields") or [])
    )
    constraints = params.get("Constraints") or {}
    defaults_wire = (params.get("Defaults") or {}).get("DefaultFieldValues") or []
    defaults: dict[str, str] = {}
    for index, wire in enumerate(defaults_wire):
        defaults[_field_name(wire, f"Defaults.DefaultFieldValues[{index}]")] = str(
            wire.get("DefaultValue") or ""
        )
    return TemplateSpec(
        name=name,
        fields=fields,
        description=params.get("Description"),
        contact_flow_id=params.get("ContactFlowId") or None,
        self_assign_flow_id=params.get("SelfAssignFlowId") or None,
        required=_names(constraints.get("RequiredFields"), "Constraints.RequiredFields"),
        read_only=_names(constraints.get("ReadOnlyFields"), "Constraints.ReadOnlyFields"),
        invisible=_names(constraints.get("InvisibleFields"), "Constraints.InvisibleFields"),
        defaults=defaults,
        status=status,
    )


def _ids(names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"Id": {"Name": name}} for name in names]


def template_out(template: TaskTemplate) -> dict[str, Any]:
    return compact(
        {
            "Id": template.id,
            "Arn": template.arn,
            "Name": template.name,
            "Description": template.description,
            "ContactFlowId": template.contact_flow_id,
            "SelfAssignFlowId": template.self_assign_flow_id,
            "Constraints": {
                "RequiredFields": _ids(template.required),
                "ReadOnlyFields": _ids(template.read_only),
                "InvisibleFields": _ids(template.invisible),
            },
            "Defaults": {
                "DefaultFieldValues": [
                    {"Id": {"Name": name}, "DefaultValue": value}
                    for name, value in template.defaults.items()
                ]
            },
            "Fields": [
                compact(
                    {
                        "Id": {"Name": f.name},
                        "Type": f.type.value,
                        "Description": f.description,
                        "SingleSelectOptions": list(f.options) if f.options else None,
                    }
                )
                for f in template.fields
            ],
            "Status": template.status.value,
            "CreatedTime": template.created_time,
            "LastModifiedTime": template.last_modified_time,
        }
    )


async def _change(call: ConnectCall, command: Callable[[Directory, Env], Outcome[T]]) -> T:
    """Run a template command; a property problem is Connect's PropertyValidationException."""
    try:
        return await call.change(command)
    except PropertyProblem as problem:
        raise _property_error(problem) from None


def _property_error(problem: PropertyProblem) -> ConnectError:
    return ConnectError(
        "PropertyValidationException",
        problem.message,
        PropertyList=[
            {"PropertyPath": problem.path, "Reason": problem.reason, "Message": problem.message}
        ],
    )


def _status(call: ConnectCall, default: TaskTemplateStatus) -> TaskTemplateStatus:
    given = call.get("Status")
    return TaskTemplateStatus(given) if given else default


@operation("CreateTaskTemplate")
async def create(call: ConnectCall) -> dict[str, Any]:
    async def make() -> str:
        try:
            status = _status(call, TaskTemplateStatus.ACTIVE)
            spec = spec_in(call.params, call.params["Name"], status)
        except PropertyProblem as problem:
            raise _property_error(problem) from None
        template = await _change(call, partial(create_task_template, spec=spec))
        return template.id

    template_id = await idempotent(call, make)
    arn = call.directory().require(TaskTemplate, template_id).arn
    return {"Id": template_id, "Arn": arn}


@operation("GetTaskTemplate")
async def get(call: ConnectCall) -> dict[str, Any]:
    if call.get("SnapshotVersion"):
        raise InvalidParameter(
            "OpenContact keeps no snapshot versions of task templates; leave SnapshotVersion out."
        )
    template = call.directory().require(TaskTemplate, call.params["TaskTemplateId"])
    return {
        **template_out(template),
        "InstanceId": call.directory().instance.id,
        "Tags": tags_out(template.tags),
    }


@operation("ListTaskTemplates")
async def list_templates(call: ConnectCall) -> dict[str, Any]:
    status = call.get("Status")
    found = list_task_templates(
        call.directory(), TaskTemplateStatus(status) if status else None, call.get("Name")
    )
    chunk, token = page(
        found, call.get("NextToken"), call.get("MaxResults"), 100, "ListTaskTemplates"
    )
    return {
        "TaskTemplates": [
            compact(
                {
                    "Id": t.id,
                    "Arn": t.arn,
                    "Name": t.name,
                    "Description": t.description,
                    "Status": t.status.value,
                    "LastModifiedTime": t.last_modified_time,
                    "CreatedTime": t.created_time,
                }
            )
            for t in chunk
        ],
        "NextToken": token,
    }


@operation("UpdateTaskTemplate")
async def update(call: ConnectCall) -> dict[str, Any]:
    directory = call.directory()
    current = directory.require(TaskTemplate, call.params["TaskTemplateId"])
    try:
        spec = spec_in(
            call.params,
            call.get("Name") or current.name,
            _status(call, current.status),
        )
    except PropertyProblem as problem:
        raise _property_error(problem) from None
    template = await _change(call, partial(update_task_template, template_id=current.id, spec=spec))
    return {**template_out(template), "InstanceId": directory.instance.id}


@operation("DeleteTaskTemplate")
async def delete(call: ConnectCall) -> dict[str, Any]:
    await call.change(partial(delete_task_template, template_id=call.params["TaskTemplateId"]))
    return {}
