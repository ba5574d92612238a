"""Writing a handler's result as the operation's output: a JSON body with epoch-second
timestamps (the REST-JSON default), and the members the model sends in headers.

Handlers build their results from the output shapes and leave out members that have no value;
the compat tests check every response against the model, so rendering does not walk the shape
again on each request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from botocore.model import OperationModel

from opencontact.api.connect.wire import epoch

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def _epoch(value: Any) -> Any:
    if isinstance(value, datetime):
        return epoch(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def to_json(value: Any) -> bytes:
    return orjson.dumps(value, default=_epoch, option=_OPTIONS)


def render(operation: OperationModel, result: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body for a successful call."""
    status = int(operation.http.get("responseCode", 200))
    headers: dict[str, str] = {"content-type": "application/json"}
    body = {name: value for name, value in result.items() if value is not None}
    shape = operation.output_shape
    if shape is not None:
        for name, member in shape.members.items():
            if name in body and member.serialization.get("location") == "header":
                headers[member.serialization.get("name", name).lower()] = str(body.pop(name))
    return status, headers, to_json(body)
