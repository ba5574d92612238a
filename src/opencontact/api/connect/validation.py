"""Checking request parameters against the input shapes of botocore's model.

Types, required members, lengths, ranges and enumerations are checked here, for every
operation, so a handler only ever sees well-formed input. Patterns in the model are not applied
(several are written for Java's regex engine, some are mis-escaped); the domain checks the
values that matter, such as E.164 phone numbers, itself.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime
from typing import Any

from botocore.model import Shape

_TYPE_NAMES = {
    "structure": "an object",
    "list": "a list",
    "map": "an object",
    "string": "a string",
    "integer": "an integer",
    "long": "an integer",
    "boolean": "true or false",
    "float": "a number",
    "double": "a number",
    "timestamp": "a timestamp",
    "blob": "base64 data",
}


class ParameterErrors(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def validate(shape: Shape, params: dict[str, Any]) -> dict[str, Any]:
    """Return `params` with timestamps and blobs decoded, or raise ParameterErrors listing
    every problem found."""
    problems: list[str] = []
    checked = _check(shape, params, "", problems)
    if problems:
        raise ParameterErrors(problems)
    result: dict[str, Any] = checked
    return result


def _check(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    kind = shape.type_name
    checker = _CHECKERS.get(kind)
    if checker is None:
        return value
    return checker(shape, value, path, problems)


def _wrong_type(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    problems.append(f"Parameter '{path}' must be {_TYPE_NAMES[shape.type_name]}, not {shown}.")


def _structure(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(value, dict):
        _wrong_type(shape, value, path or "body", problems)
        return value
    for name in shape.required_members:
        if value.get(name) is None:
            problems.append(f"Missing required parameter '{_join(path, name)}'.")
    result: dict[str, Any] = {}
    for name, member in shape.members.items():
        if name in value and value[name] is not None:
            result[name] = _check(member, value[name], _join(path, name), problems)
    return result


def _list(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(value, list):
        _wrong_type(shape, value, path, problems)
        return value
    _check_size(shape, len(value), path, "items", problems)
    return [_check(shape.member, item, f"{path}[{i}]", problems) for i, item in enumerate(value)]


def _map(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(value, dict):
        _wrong_type(shape, value, path, problems)
        return value
    _check_size(shape, len(value), path, "entries", problems)
    result = {}
    for key, item in value.items():
        checked_key = _check(shape.key, key, f"{path} key", problems)
        result[checked_key] = _check(shape.value, item, f"{path}.{key}", problems)
    return result


def _string(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(value, str):
        _wrong_type(shape, value, path, problems)
        return value
    _check_size(shape, len(value), path, "characters", problems)
    allowed = shape.enum
    if allowed and value not in allowed:
        choices = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
        problems.append(f"Parameter '{path}' must be one of {choices}; got '{value}'.")
    return value


def _integer(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong_type(shape, value, path, problems)
        return value
    _check_range(shape, value, path, problems)
    return value


def _number(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _wrong_type(shape, value, path, problems)
        return value
    _check_range(shape, value, path, problems)
    return float(value)


def _boolean(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if not isinstance(value, bool):
        _wrong_type(shape, value, path, problems)
    return value


def _timestamp(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    _wrong_type(shape, value, path, problems)
    return value


def _blob(shape: Shape, value: Any, path: str, problems: list[str]) -> Any:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            pass
    _wrong_type(shape, value, path, problems)
    return value


def _check_size(shape: Shape, size: int, path: str, unit: str, problems: list[str]) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        problems.append(f"Parameter '{path}' must have at least {low} {unit}; it has {size}.")
    if high is not None and size > high:
        problems.append(f"Parameter '{path}' must have at most {high} {unit}; it has {size}.")


def _check_range(shape: Shape, value: float, path: str, problems: list[str]) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and value < low:
        problems.append(f"Parameter '{path}' must be at least {low}; got {value}.")
    if high is not None and value > high:
        problems.append(f"Parameter '{path}' must be at most {high}; got {value}.")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


_CHECKERS = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "float": _number,
    "double": _number,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}
