"""Writing a handler's result as the operation's output shape: JSON body, epoch-second
timestamps (the REST-JSON default), members that travel in headers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from botocore.model import OperationModel, Shape


def render(operation: OperationModel, result: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body for a successful call."""
    status = int(operation.http.get("responseCode", 200))
    shape = operation.output_shape
    headers: dict[str, str] = {"content-type": "application/json"}
    body: dict[str, Any] = {}
    if shape is not None:
        for name, member in shape.members.items():
            value = result.get(name)
            if value is None:
                continue
            if member.serialization.get("location") == "header":
                headers[member.serialization.get("name", name).lower()] = str(value)
            else:
                body[name] = _encode(member, value)
    return status, headers, json.dumps(body, separators=(",", ":")).encode()


def _encode(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {
            name: _encode(member, value[name])
            for name, member in shape.members.items()
            if value.get(name) is not None
        }
    if kind == "list":
        return [_encode(shape.member, item) for item in value]
    if kind == "map":
        return {key: _encode(shape.value, item) for key, item in value.items()}
    if kind == "timestamp" and isinstance(value, datetime):
        return round(value.timestamp(), 3)
    return value
