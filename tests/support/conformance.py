"""Checks every Connect response a boto3 client receives against botocore's model: successful
responses against the operation's output shape (types, required members, enumerations),
errors against the service's modelled error shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from botocore.model import OperationModel, Shape

from opencontact.api.connect.service_model import connect_model

_PROTOCOL_ERRORS = {
    "MissingAuthenticationTokenException",
    "IncompleteSignatureException",
    "InvalidSignatureException",
    "UnrecognizedClientException",
    "UnknownOperationException",
}


class ConformanceChecker:
    def __init__(self) -> None:
        self.violations: list[str] = []
        self.calls: list[tuple[str, int]] = []

    def watch(self, client: Any) -> None:
        client.meta.events.register("after-call.connect", self._after_call)

    def _after_call(
        self, http_response: Any, parsed: dict[str, Any], model: OperationModel, **_: Any
    ) -> None:
        status = http_response.status_code
        self.calls.append((model.name, status))
        if status >= 300:
            self._check_error(model, parsed)
            return
        if model.output_shape is None:
            return
        body = {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
        self.violations.extend(check_shape(model.output_shape, body, model.name))

    def _check_error(self, model: OperationModel, parsed: dict[str, Any]) -> None:
        error = parsed.get("Error", {})
        code = error.get("Code", "")
        shapes = connect_model().error_shapes
        known = {shape.name for shape in shapes} | _PROTOCOL_ERRORS
        if code not in known:
            self.violations.append(f"{model.name}: error code {code!r} is not a Connect error")
        if not error.get("Message"):
            self.violations.append(f"{model.name}: error {code} has no message")


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "float": (float, int),
    "double": (float, int),
    "timestamp": (datetime,),
    "blob": (bytes,),
}


def check_shape(shape: Shape, value: Any, path: str) -> list[str]:
    problems: list[str] = []
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}.{name}: required member missing")
        for name, item in value.items():
            member = shape.members.get(name)
            if member is None:
                problems.append(f"{path}.{name}: not a member of {shape.name}")
            else:
                problems.extend(check_shape(member, item, f"{path}.{name}"))
    elif kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        for index, item in enumerate(value):
            problems.extend(check_shape(shape.member, item, f"{path}[{index}]"))
    elif kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map, got {type(value).__name__}"]
        for key, item in value.items():
            problems.extend(check_shape(shape.value, item, f"{path}[{key!r}]"))
    else:
        expected = _PYTHON_TYPES.get(kind, (object,))
        if not isinstance(value, expected) or (kind != "boolean" and isinstance(value, bool)):
            problems.append(f"{path}: expected {kind}, got {type(value).__name__} {value!r}")
        elif kind == "string" and shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")
    return problems
