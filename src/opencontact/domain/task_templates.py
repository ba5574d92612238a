"""Task templates: the form a task is created from (its fields, which of them are required,
read-only or invisible to agents, their default values), and the flow such tasks start in.

A template has exactly one NAME field, and NAME is among its required fields. It names the flow
its tasks run (ContactFlowId) or has a QUICK_CONNECT field whose value says where they go. Only
ACTIVE templates create tasks.

`fill_in` applies a template to what a StartTaskContact request gives: the request's Name,
Description and References fill the fields (References by field name), defaults fill what is
left, and every required field must then have a value. Fields other than NAME, DESCRIPTION,
SCHEDULED_TIME and QUICK_CONNECT become the task's references, typed after the field.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.contact_flows import ContactFlow, ContactFlowType
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, InvalidRequest
from opencontact.domain.quick_connects import QuickConnect
from opencontact.domain.references import Reference


class TaskTemplateStatus(enum.StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


class FieldType(enum.StrEnum):
    NAME = "NAME"
    DESCRIPTION = "DESCRIPTION"
    SCHEDULED_TIME = "SCHEDULED_TIME"
    QUICK_CONNECT = "QUICK_CONNECT"
    URL = "URL"
    NUMBER = "NUMBER"
    TEXT = "TEXT"
    TEXT_AREA = "TEXT_AREA"
    DATE_TIME = "DATE_TIME"
    BOOLEAN = "BOOLEAN"
    SINGLE_SELECT = "SINGLE_SELECT"
    EMAIL = "EMAIL"
    SELF_ASSIGN = "SELF_ASSIGN"
    EXPIRY_DURATION = "EXPIRY_DURATION"


# Field types a template has at most one of (they stand for one property of the task).
_SINGLE = (
    FieldType.NAME,
    FieldType.DESCRIPTION,
    FieldType.SCHEDULED_TIME,
    FieldType.QUICK_CONNECT,
    FieldType.SELF_ASSIGN,
    FieldType.EXPIRY_DURATION,
)
# The reference type a field's value becomes on the task.
REFERENCE_TYPE_OF_FIELD = {
    FieldType.URL: "URL",
    FieldType.NUMBER: "NUMBER",
    FieldType.EMAIL: "EMAIL",
    FieldType.DATE_TIME: "DATE",
}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class PropertyProblem(InvalidParameter):
    """A template property that is not valid, with where it is and why (Connect's
    PropertyValidationException reasons: INVALID_FORMAT, UNIQUE_CONSTRAINT_VIOLATED,
    REFERENCED_RESOURCE_NOT_FOUND, REQUIRED_PROPERTY_MISSING, NOT_SUPPORTED, TYPE_MISMATCH)."""

    def __init__(self, path: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class TemplateField:
    name: str
    type: FieldType = FieldType.TEXT
    description: str | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateSpec:
    """Everything a Create or Update request says about a template."""

    name: str
    fields: tuple[TemplateField, ...]
    description: str | None = None
    contact_flow_id: str | None = None
    self_assign_flow_id: str | None = None
    required: tuple[str, ...] = ()
    read_only: tuple[str, ...] = ()
    invisible: tuple[str, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    status: TaskTemplateStatus = TaskTemplateStatus.ACTIVE


@dataclass(frozen=True, kw_only=True)
class TaskTemplate(Resource):
    kind: ClassVar[str] = "task-template"
    label: ClassVar[str] = "task template"
    arn_segment: ClassVar[str] = "task-template"

    name: str
    description: str | None = None
    contact_flow_id: str | None = None
    self_assign_flow_id: str | None = None
    fields: tuple[TemplateField, ...]
    required: tuple[str, ...] = ()
    read_only: tuple[str, ...] = ()
    invisible: tuple[str, ...] = ()
    defaults: Mapping[str, str] = field(default_factory=dict)
    status: TaskTemplateStatus = TaskTemplateStatus.ACTIVE
    created_time: datetime

    def references(self) -> Iterable[tuple[str, str]]:
        for flow_id in (self.contact_flow_id, self.self_assign_flow_id):
            if flow_id:
                yield ("contact-flow", flow_id)

    def field_of_type(self, field_type: FieldType) -> TemplateField | None:
        return next((f for f in self.fields if f.type is field_type), None)


# -- checking a template ----------------------------------------------------------------------


def _check(directory: Directory, spec: TemplateSpec) -> TemplateSpec:
    """The spec with its flows as ids, or the first problem found."""
    by_name: dict[str, TemplateField] = {}
    for index, item in enumerate(spec.fields):
        path = f"Fields[{index}]"
        if item.name in by_name:
            raise PropertyProblem(
                f"{path}.Id.Name",
                "UNIQUE_CONSTRAINT_VIOLATED",
                f"Two fields are named '{item.name}'; field names must be unique.",
            )
        if item.type is FieldType.SINGLE_SELECT and not item.options:
            raise PropertyProblem(
                f"{path}.SingleSelectOptions",
                "REQUIRED_PROPERTY_MISSING",
                f"Field '{item.name}' is a SINGLE_SELECT field; give its SingleSelectOptions.",
            )
        if item.options and item.type is not FieldType.SINGLE_SELECT:
            raise PropertyProblem(
                f"{path}.SingleSelectOptions",
                "NOT_SUPPORTED",
                f"Field '{item.name}' is a {item.type.value} field; only SINGLE_SELECT fields "
                "have options.",
            )
        by_name[item.name] = item
    for single in _SINGLE:
        count = sum(1 for f in spec.fields if f.type is single)
        if count > 1:
            raise PropertyProblem(
                "Fields",
                "UNIQUE_CONSTRAINT_VIOLATED",
                f"A template has at most one field of type {single.value}; this one has {count}.",
            )
    name_field = next((f for f in spec.fields if f.type is FieldType.NAME), None)
    if name_field is None:
        raise PropertyProblem(
            "Fields", "REQUIRED_PROPERTY_MISSING", "A template needs a field of type NAME."
        )
    for group, names in (
        ("RequiredFields", spec.required),
        ("ReadOnlyFields", spec.read_only),
        ("InvisibleFields", spec.invisible),
        ("DefaultFieldValues", tuple(spec.defaults)),
    ):
        for index, name in enumerate(names):
            if name not in by_name:
                where = "Defaults" if group == "DefaultFieldValues" else "Constraints"
                raise PropertyProblem(
                    f"{where}.{group}[{index}].Id.Name",
                    "REFERENCED_RESOURCE_NOT_FOUND",
                    f"{group} names '{name}', which is not a field of the template.",
                )
    if name_field.name not in spec.required:
        raise PropertyProblem(
            "Constraints.RequiredFields",
            "REQUIRED_PROPERTY_MISSING",
            f"The NAME field '{name_field.name}' must be one of the RequiredFields.",
        )
    for index, (name, value) in enumerate(spec.defaults.items()):
        _check_value(
            directory, by_name[name], value, f"Defaults.DefaultFieldValues[{index}].DefaultValue"
        )
    has_quick_connect = any(f.type is FieldType.QUICK_CONNECT for f in spec.fields)
    if not spec.contact_flow_id and not has_quick_connect:
        raise PropertyProblem(
            "ContactFlowId",
            "REQUIRED_PROPERTY_MISSING",
            "A template needs a ContactFlowId or a field of type QUICK_CONNECT: the flow its "
            "tasks start in, or where they are sent.",
        )
    return replace(
        spec,
        contact_flow_id=_flow_id(directory, spec.contact_flow_id, "ContactFlowId"),
        self_assign_flow_id=_flow_id(directory, spec.self_assign_flow_id, "SelfAssignFlowId"),
    )


def _flow_id(directory: Directory, reference: str | None, name: str) -> str | None:
    if not reference:
        return None
    flow = directory.require_reference(ContactFlow, reference, name)
    if flow.flow_type is not ContactFlowType.CONTACT_FLOW:
        raise InvalidParameter(
            f"{name} '{reference}' is the flow '{flow.name}' of type {flow.flow_type.value}; "
            "tasks start in a flow of type CONTACT_FLOW."
        )
    return flow.id


def _check_value(directory: Directory, item: TemplateField, value: str, path: str) -> None:
    """A value a field can hold (a default, or what a task gives)."""
    problem: str | None = None
    kind = item.type
    if kind is FieldType.NUMBER and not _NUMBER.match(value):
        problem = "a number"
    elif kind is FieldType.BOOLEAN and value.lower() not in ("true", "false"):
        problem = "true or false"
    elif kind is FieldType.SINGLE_SELECT and value not in item.options:
        problem = "one of " + ", ".join(item.options)
    elif kind is FieldType.URL and not value.startswith(("https://", "http://")):
        problem = "a URL (http:// or https://)"
    elif kind is FieldType.EMAIL and "@" not in value.strip("@"):
        problem = "an email address"
    if problem is not None:
        raise PropertyProblem(
            path, "TYPE_MISMATCH", f"Field '{item.name}' holds {problem}; '{value}' is not."
        )
    if kind is FieldType.QUICK_CONNECT:
        found = directory.find_by_arn_or_id(QuickConnect, value)
        if found is None:
            raise PropertyProblem(
                path,
                "REFERENCED_RESOURCE_NOT_FOUND",
                f"Field '{item.name}' names quick connect '{value}', which this instance does "
                "not have.",
            )


# -- commands ---------------------------------------------------------------------------------


def create_task_template(
    directory: Directory, env: Env, spec: TemplateSpec, tags: Tags | None = None
) -> Outcome[TaskTemplate]:
    checked = _check(directory, spec)
    check_tags(tags or {})
    template_id = env.new_id()
    template = TaskTemplate(
        id=template_id,
        arn=directory.arn_for(TaskTemplate, template_id),
        tags=dict(tags or {}),
        name=checked.name,
        fields=checked.fields,
        created_time=env.now,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    template = _with_spec(template, checked, env)
    return Outcome(template, [Put(template)])


def update_task_template(
    directory: Directory, env: Env, template_id: str, spec: TemplateSpec
) -> Outcome[TaskTemplate]:
    """A whole new content (Connect updates templates whole): what the request leaves out is
    gone, except the name and the status, which the caller keeps as they were."""
    template = directory.require(TaskTemplate, template_id)
    updated = _with_spec(template, _check(directory, spec), env)
    return Outcome(updated, [Put(updated)])


def delete_task_template(directory: Directory, env: Env, template_id: str) -> Outcome[None]:
    """Tasks already created from the template keep what it gave them."""
    template = directory.require(TaskTemplate, template_id)
    return Outcome(None, [Remove(template)])


def _with_spec(template: TaskTemplate, spec: TemplateSpec, env: Env) -> TaskTemplate:
    return replace(
        template,
        name=spec.name,
        description=spec.description,
        contact_flow_id=spec.contact_flow_id,
        self_assign_flow_id=spec.self_assign_flow_id,
        fields=spec.fields,
        required=spec.required,
        read_only=spec.read_only,
        invisible=spec.invisible,
        defaults=dict(spec.defaults),
        status=spec.status,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )


def list_task_templates(
    directory: Directory, status: TaskTemplateStatus | None = None, name: str | None = None
) -> Sequence[TaskTemplate]:
    return [
        t
        for t in directory.all(TaskTemplate)
        if (status is None or t.status is status) and (name is None or t.name == name)
    ]


# -- a task from a template -------------------------------------------------------------------


@dataclass(frozen=True)
class FilledTask:
    """What a template makes of a StartTaskContact request."""

    name: str
    description: str | None
    references: dict[str, Reference]
    # Where the template sends the task: its flow, or its QUICK_CONNECT field's quick connect.
    flow_id: str | None
    quick_connect_id: str | None


def fill_in(
    directory: Directory,
    template: TaskTemplate,
    *,
    name: str,
    description: str | None,
    references: Mapping[str, Reference],
    scheduled: bool,
) -> FilledTask:
    if template.status is not TaskTemplateStatus.ACTIVE:
        raise InvalidRequest(
            f"Task template '{template.name}' is {template.status.value}; only ACTIVE templates "
            "create tasks."
        )
    values: dict[str, str] = {}
    kept: dict[str, Reference] = {}
    for item in template.fields:
        given: str | None = None
        if item.type is FieldType.NAME:
            given = name or None
        elif item.type is FieldType.DESCRIPTION:
            given = description or None
        elif item.type is FieldType.SCHEDULED_TIME:
            given = "scheduled" if scheduled else None
        elif item.name in references:
            reference = references[item.name]
            expected = REFERENCE_TYPE_OF_FIELD.get(item.type, "STRING")
            if reference.type != expected:
                raise InvalidParameter(
                    f"Reference '{item.name}' is the template's {item.type.value} field; give it "
                    f"as a reference of type {expected}, not {reference.type}."
                )
            given = reference.value
        value = given if given is not None else template.defaults.get(item.name)
        if value is None or value == "":
            continue
        if given is not None and item.type is not FieldType.SCHEDULED_TIME:
            try:
                _check_value(directory, item, value, f"References.{item.name}")
            except PropertyProblem as problem:
                raise InvalidParameter(problem.message) from None
        values[item.name] = value
    missing = [n for n in template.required if n not in values]
    if missing:
        raise InvalidParameter(
            f"Task template '{template.name}' requires "
            + ", ".join(f"'{n}'" for n in missing)
            + "; give a value (Name, Description, ScheduledTime, or a reference named after "
            "the field)."
        )
    for key, reference in references.items():
        if all(f.name != key for f in template.fields):
            kept[key] = reference
    for item in template.fields:
        if item.name in values and item.type not in _SINGLE:
            kept[item.name] = Reference(
                REFERENCE_TYPE_OF_FIELD.get(item.type, "STRING"), values[item.name]
            )
    name_field = template.field_of_type(FieldType.NAME)
    description_field = template.field_of_type(FieldType.DESCRIPTION)
    quick_field = template.field_of_type(FieldType.QUICK_CONNECT)
    quick_connect = values.get(quick_field.name) if quick_field else None
    return FilledTask(
        name=values.get(name_field.name, name) if name_field else name,
        description=values.get(description_field.name, description)
        if description_field
        else description,
        references=kept,
        flow_id=template.contact_flow_id,
        quick_connect_id=quick_connect if not template.contact_flow_id else None,
    )
