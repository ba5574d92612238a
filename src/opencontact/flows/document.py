"""Flow documents: the typed model of a Flow-language JSON text, and its parser.

The parser only checks shape (JSON, the fields every document and action must carry, and their
JSON types) so that everything built on the model can trust it. Whether the flow makes sense
(known action types, targets that exist, well-formed parameters) is :mod:`.validation`'s job.

Console exports write every parameter value as a string ("LoopCount": "2") while the
documentation shows numbers; the ``read_*`` helpers accept both, so callers never care.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

NO_MATCHING_ERROR = "NoMatchingError"

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class FlowSyntaxError(ValueError):
    """The content is not JSON, or not shaped like a Flow-language document."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Condition:
    """One branch of an action's result: taken when ``operator`` holds for ``operands``."""

    operator: str
    operands: tuple[str, ...]
    next_action: str


@dataclass(frozen=True)
class ErrorBranch:
    error_type: str
    next_action: str


@dataclass(frozen=True)
class Transitions:
    next_action: str | None = None
    errors: tuple[ErrorBranch, ...] = ()
    conditions: tuple[Condition, ...] = ()

    def error_target(self, error_type: str) -> str | None:
        """Where an error goes: its own branch, else the catch-all NoMatchingError branch."""
        for branch in self.errors:
            if branch.error_type == error_type:
                return branch.next_action
        for branch in self.errors:
            if branch.error_type == NO_MATCHING_ERROR:
                return branch.next_action
        return None

    def targets(self) -> tuple[str, ...]:
        """Every action identifier these transitions can lead to, in document order."""
        found = [] if self.next_action is None else [self.next_action]
        found += [branch.next_action for branch in self.errors]
        found += [condition.next_action for condition in self.conditions]
        return tuple(found)


@dataclass(frozen=True)
class Action:
    identifier: str
    type: str
    parameters: Mapping[str, Any] = field(default_factory=dict, hash=False)
    transitions: Transitions = field(default_factory=Transitions)

    def parameter(self, *spellings: str) -> Any:
        """The value of the first spelling present (e.g. TimeLimitSeconds, TimeoutSeconds)."""
        for name in spellings:
            if name in self.parameters:
                return self.parameters[name]
        return None

    def int_parameter(self, *spellings: str) -> int | None:
        return read_int(self.parameter(*spellings))

    def float_parameter(self, *spellings: str) -> float | None:
        return read_float(self.parameter(*spellings))

    def bool_parameter(self, *spellings: str) -> bool | None:
        return read_bool(self.parameter(*spellings))


@dataclass(frozen=True)
class FlowDocument:
    version: str
    start_action: str
    actions: Mapping[str, Action] = field(hash=False)
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def action(self, identifier: str) -> Action:
        return self.actions[identifier]


def is_dynamic(value: object) -> bool:
    """True for a JSONPath reference such as "$.Attributes.count", resolved only at run time."""
    return isinstance(value, str) and value.startswith(("$.", "$["))


def read_int(value: object) -> int | None:
    """A whole number from 5, 5.0, "5" or " 5 "; None for anything else (bools included)."""
    number = read_float(value)
    if number is None or not number.is_integer():
        return None
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())  # exact even beyond float precision
    return int(number)


def read_float(value: object) -> float | None:
    """A finite number from 2.5 or "2.5"; None for anything else (bools included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        number = float(value.strip())
    else:
        return None
    return number if math.isfinite(number) else None


def read_bool(value: object) -> bool | None:
    """True/False from JSON booleans or the strings "True"/"true"/"False"/"false"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def parse_flow(content: str) -> FlowDocument:
    """Read Flow-language JSON into a :class:`FlowDocument`, or raise :class:`FlowSyntaxError`
    listing every shape problem found (not only the first)."""
    try:
        data = json.loads(content, parse_constant=_reject_constant)
    except (json.JSONDecodeError, _NotJson) as error:
        raise FlowSyntaxError([_json_problem(error)]) from None
    if not isinstance(data, dict):
        raise FlowSyntaxError(
            [
                "A flow must be a JSON object with Version, StartAction and Actions, "
                f"but this content is {_json_kind(data)}."
            ]
        )
    return _Parser().document(data)


class _NotJson(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def _json_problem(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        where = f"line {error.lineno}, column {error.colno}"
        return f"The flow is not valid JSON: {error.msg} at {where}."
    return f"The flow is not valid JSON: {error}."


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Parser:
    """Collects every shape problem, then either raises them together or builds the model."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def document(self, data: dict[str, Any]) -> FlowDocument:
        if "modules" in data and "Actions" not in data:
            raise FlowSyntaxError(
                [
                    "This flow is in the legacy export format (a 'modules' list); only the Flow "
                    "language (Version, StartAction, Actions) is accepted. Open it in the current "
                    "flow designer and export it again."
                ]
            )
        version = self._text(data, "Version", "The flow")
        start = self._text(data, "StartAction", "The flow")
        metadata = data.get("Metadata")
        if metadata is None:
            metadata = {}
        elif not isinstance(metadata, dict):
            self.problems.append(
                f"The flow's Metadata must be an object, not {_json_kind(metadata)}."
            )
            metadata = {}
        actions: dict[str, Action] = {}
        raw_actions = data.get("Actions")
        if raw_actions is None:
            self.problems.append("The flow has no Actions list.")
        elif not isinstance(raw_actions, list):
            self.problems.append(
                f"The flow's Actions must be a list, not {_json_kind(raw_actions)}."
            )
        else:
            for position, raw in enumerate(raw_actions, start=1):
                action = self._action(position, raw)
                if action is None:
                    continue
                if action.identifier in actions:
                    self.problems.append(
                        f"Identifier '{action.identifier}' is used by more than one action; "
                        "each action needs its own Identifier."
                    )
                    continue
                actions[action.identifier] = action
        if self.problems:
            raise FlowSyntaxError(self.problems)
        return FlowDocument(
            version=version or "",
            start_action=start or "",
            actions=MappingProxyType(actions),
            metadata=MappingProxyType(metadata),
        )

    def _text(self, data: Mapping[str, Any], key: str, owner: str) -> str | None:
        value = data.get(key)
        if value is None:
            self.problems.append(f"{owner} has no {key}.")
            return None
        if not isinstance(value, str):
            self.problems.append(f"{owner}'s {key} must be a string, not {_json_kind(value)}.")
            return None
        return value

    def _action(self, position: int, raw: object) -> Action | None:
        if not isinstance(raw, dict):
            self.problems.append(
                f"Action {position} in Actions must be an object, not {_json_kind(raw)}."
            )
            return None
        before = len(self.problems)
        identifier = self._text(raw, "Identifier", f"Action {position} in Actions")
        owner = f"Action {position} in Actions" if identifier is None else f"Action '{identifier}'"
        action_type = self._text(raw, "Type", owner)
        if action_type is not None:
            owner = f"{owner} ({action_type})"
        parameters = raw.get("Parameters", {})
        if parameters is None:
            parameters = {}
        if not isinstance(parameters, dict):
            self.problems.append(
                f"{owner}: Parameters must be an object, not {_json_kind(parameters)}."
            )
        transitions = self._transitions(owner, raw.get("Transitions", {}))
        if (
            len(self.problems) > before
            or identifier is None
            or action_type is None
            or not isinstance(parameters, dict)
            or transitions is None
        ):
            return None
        return Action(identifier, action_type, MappingProxyType(parameters), transitions)

    def _transitions(self, owner: str, raw: object) -> Transitions | None:
        if raw is None:
            return Transitions()
        if not isinstance(raw, dict):
            self.problems.append(f"{owner}: Transitions must be an object, not {_json_kind(raw)}.")
            return None
        next_action = raw.get("NextAction")
        if next_action is not None and not isinstance(next_action, str):
            self.problems.append(
                f"{owner}: NextAction must be a string, not {_json_kind(next_action)}."
            )
            next_action = None
        errors = tuple(
            branch
            for index, entry in enumerate(self._list(owner, raw, "Errors"), start=1)
            if (branch := self._error(owner, index, entry)) is not None
        )
        conditions = tuple(
            condition
            for index, entry in enumerate(self._list(owner, raw, "Conditions"), start=1)
            if (condition := self._condition(owner, index, entry)) is not None
        )
        return Transitions(next_action, errors, conditions)

    def _list(self, owner: str, raw: Mapping[str, Any], key: str) -> list[Any]:
        value = raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.append(f"{owner}: {key} must be a list, not {_json_kind(value)}.")
            return []
        return value

    def _error(self, owner: str, index: int, entry: object) -> ErrorBranch | None:
        where = f"{owner}: error branch {index}"
        if not isinstance(entry, dict):
            self.problems.append(f"{where} must be an object, not {_json_kind(entry)}.")
            return None
        error_type = self._text(entry, "ErrorType", where)
        next_action = self._text(entry, "NextAction", where)
        if error_type is None or next_action is None:
            return None
        return ErrorBranch(error_type, next_action)

    def _condition(self, owner: str, index: int, entry: object) -> Condition | None:
        where = f"{owner}: condition {index}"
        if not isinstance(entry, dict):
            self.problems.append(f"{where} must be an object, not {_json_kind(entry)}.")
            return None
        next_action = self._text(entry, "NextAction", where)
        body = entry.get("Condition")
        if not isinstance(body, dict):
            self.problems.append(f"{where} has no Condition object with Operator and Operands.")
            return None
        operator = self._text(body, "Operator", where)
        operands = self._operands(where, body.get("Operands"))
        if next_action is None or operator is None or operands is None:
            return None
        return Condition(operator, operands, next_action)

    def _operands(self, where: str, raw: object) -> tuple[str, ...] | None:
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{where} needs Operands: a non-empty list of values to compare.")
            return None
        operands: list[str] = []
        for value in raw:
            if isinstance(value, str):
                operands.append(value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                operands.append(str(value))  # documented spelling: numbers, not strings
            else:
                self.problems.append(
                    f"{where} has an operand that is {_json_kind(value)}; "
                    "operands must be text or numbers."
                )
                return None
        return tuple(operands)
