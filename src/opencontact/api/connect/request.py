"""Gathering an operation's parameters from where the model says they travel: the path, the
query string, headers and the JSON body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from botocore.model import OperationModel, Shape

from opencontact.api.connect.validation import ParameterErrors


def gather(
    operation: OperationModel,
    uri_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    body: bytes,
) -> dict[str, Any]:
    shape = operation.input_shape
    if shape is None:
        return {}
    params = _body(body)
    problems: list[str] = []
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        if location is None:
            continue
        params.pop(name, None)  # a located member never comes from the body
        wire_name = member.serialization.get("name", name)
        if location == "uri" and wire_name in uri_params:
            params[name] = _scalar(member, uri_params[wire_name], name, problems)
        elif location == "querystring" and wire_name in query:
            values = query[wire_name]
            if member.type_name == "list":
                params[name] = [_scalar(member.member, v, name, problems) for v in values]
            else:
                params[name] = _scalar(member, values[-1], name, problems)
        elif location == "header" and wire_name.lower() in headers:
            params[name] = _scalar(member, headers[wire_name.lower()], name, problems)
    if problems:
        raise ParameterErrors(problems)
    return params


def _body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ParameterErrors(["The request body is not valid JSON."]) from None
    if not isinstance(parsed, dict):
        raise ParameterErrors(["The request body must be a JSON object."])
    return parsed


def _scalar(shape: Shape, raw: str, name: str, problems: list[str]) -> Any:
    """Strings from the path, query or headers, converted to the member's type."""
    kind = shape.type_name
    if kind in ("integer", "long"):
        try:
            return int(raw)
        except ValueError:
            problems.append(f"Parameter '{name}' must be an integer, not '{raw}'.")
            return raw
    if kind == "boolean":
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        problems.append(f"Parameter '{name}' must be true or false, not '{raw}'.")
        return raw
    return raw
