"""Finding the operation a request is for, from the method and the path templates in the model
(`/users/{InstanceId}/{UserId}`, `/tags/{resourceArn}`, ...)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from botocore.model import OperationModel

from opencontact.api.connect.service_model import operation_model

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)(\+?)\}")


@dataclass(frozen=True)
class Route:
    operation: OperationModel
    method: str
    pattern: re.Pattern[str]
    literal_length: int


def compile_route(operation: OperationModel) -> Route:
    template: str = operation.http["requestUri"]
    regex, position, literal = "", 0, 0
    for match in _PLACEHOLDER.finditer(template):
        regex += re.escape(template[position : match.start()])
        literal += match.start() - position
        greedy = match.group(2) == "+"
        regex += f"(?P<{match.group(1)}>{'.+' if greedy else '[^/]+'})"
        position = match.end()
    regex += re.escape(template[position:])
    literal += len(template) - position
    return Route(operation, operation.http["method"], re.compile(f"^{regex}$"), literal)


def _first_segment(path: str) -> str:
    return path.split("/", 2)[1] if path.startswith("/") else ""


class RouteTable:
    """Routes indexed by method and first path segment (every Connect template starts with a
    literal one), so a request is matched against a handful of patterns, not hundreds."""

    def __init__(self, operation_names: Iterable[str]) -> None:
        routes = [compile_route(operation_model(name)) for name in operation_names]
        # The most literal template wins: /phone-number/claim before /phone-number/{Id}.
        routes.sort(key=lambda r: -r.literal_length)
        self._index: dict[tuple[str, str], list[Route]] = {}
        for route in routes:
            template: str = route.operation.http["requestUri"]
            key = (route.method, _first_segment(template.split("?", 1)[0]))
            self._index.setdefault(key, []).append(route)

    def match(self, method: str, raw_path: str) -> tuple[OperationModel, dict[str, str]] | None:
        """The operation and its URI parameters (percent-decoded), or None."""
        for route in self._index.get((method, _first_segment(raw_path)), ()):
            found = route.pattern.match(raw_path)
            if found:
                params = {name: unquote(value) for name, value in found.groupdict().items()}
                return route.operation, params
        return None
