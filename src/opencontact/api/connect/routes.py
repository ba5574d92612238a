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


class RouteTable:
    def __init__(self, operation_names: Iterable[str]) -> None:
        routes = [compile_route(operation_model(name)) for name in operation_names]
        # The most literal template wins: /phone-number/claim before /phone-number/{Id}.
        routes.sort(key=lambda r: -r.literal_length)
        self._by_method: dict[str, list[Route]] = {}
        for route in routes:
            self._by_method.setdefault(route.method, []).append(route)

    def match(self, method: str, raw_path: str) -> tuple[OperationModel, dict[str, str]] | None:
        """The operation and its URI parameters (percent-decoded), or None."""
        for route in self._by_method.get(method, ()):
            found = route.pattern.match(raw_path)
            if found:
                params = {name: unquote(value) for name, value in found.groupdict().items()}
                return route.operation, params
        return None

    def allows(self, raw_path: str) -> list[str]:
        """The methods some operation accepts at this path (for 405 answers)."""
        return sorted(
            method
            for method, routes in self._by_method.items()
            if any(route.pattern.match(raw_path) for route in routes)
        )
