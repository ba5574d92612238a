"""JSON responses rendered with orjson: agent views go out on every action and every event."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse


def dumps(content: Any) -> str:
    return orjson.dumps(content).decode()


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
