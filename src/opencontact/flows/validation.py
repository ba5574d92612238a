"""Why a flow cannot be published: every problem, each a sentence naming the action.

``validate_flow`` returns an empty list for a publishable flow. It refuses what Amazon Connect
refuses (unknown action types, transitions to actions that do not exist, missing or malformed
parameters) and nothing more: unknown *parameters* are fine, because Connect keeps adding them
and real exports carry them. Problems come in document order, so the same content always gives
the same list.
"""

from __future__ import annotations

from collections.abc import Iterator

from opencontact.flows.catalog import (
    CONDITION_OPERATORS,
    ActionSpec,
    ParameterRule,
    ValueKind,
    action_spec,
)
from opencontact.flows.document import (
    Action,
    FlowDocument,
    FlowSyntaxError,
    is_dynamic,
    parse_flow,
    read_bool,
    read_float,
    read_int,
)

FLOW_LANGUAGE_VERSION = "2019-10-30"
MAX_ACTIONS = 250
MAX_IDENTIFIER_LENGTH = 50
_FORBIDDEN_IDENTIFIER_CHARACTERS = "%:(\\/)=$,;[]{}"
_RESERVED_IDENTIFIERS = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)


def validate_flow(content: str) -> list[str]:
    """The problems that keep this Flow-language content from being published ([] if none)."""
    try:
        document = parse_flow(content)
    except FlowSyntaxError as error:
        return list(error.problems)
    return list(_document_problems(document))


def _document_problems(document: FlowDocument) -> Iterator[str]:
    if document.version != FLOW_LANGUAGE_VERSION:
        yield (
            f"The flow's Version is '{document.version}', but the Flow language only has "
            f"version '{FLOW_LANGUAGE_VERSION}'."
        )
    if not document.actions:
        yield "The flow has no actions; it needs at least the action named by StartAction."
    elif document.start_action not in document.actions:
        yield f"StartAction '{document.start_action}' does not exist in this flow."
    if len(document.actions) > MAX_ACTIONS:
        count = len(document.actions)
        yield f"The flow has {count} actions; a flow may have at most {MAX_ACTIONS}."
    for action in document.actions.values():
        yield from _action_problems(action, document)


def _action_problems(action: Action, document: FlowDocument) -> Iterator[str]:
    prefix = f"Action '{action.identifier}' ({action.type}):"
    for problem in _identifier_problems(action.identifier):
        yield f"{prefix} {problem}"
    for problem in _reference_problems(action, document):
        yield f"{prefix} {problem}"
    spec = action_spec(action.type)
    if spec is None:
        yield f"{prefix} '{action.type}' is not an action type of the Flow language."
        return
    for problem in _transition_problems(action, spec):
        yield f"{prefix} {problem}"
    for problem in _parameter_problems(action, spec):
        yield f"{prefix} {problem}"


def _identifier_problems(identifier: str) -> Iterator[str]:
    if not identifier.strip():
        yield "the Identifier is empty."
    if len(identifier) > MAX_IDENTIFIER_LENGTH:
        yield (
            f"the Identifier is {len(identifier)} characters long; "
            f"at most {MAX_IDENTIFIER_LENGTH} are allowed."
        )
    forbidden = sorted({c for c in identifier if c in _FORBIDDEN_IDENTIFIER_CHARACTERS})
    if forbidden:
        listed = " ".join(forbidden)
        yield f"the Identifier contains characters an Identifier may not use: {listed}."
    if identifier in _RESERVED_IDENTIFIERS:
        yield f"'{identifier}' is a reserved word and cannot be an Identifier."


def _reference_problems(action: Action, document: FlowDocument) -> Iterator[str]:
    transitions = action.transitions
    if transitions.next_action is not None and transitions.next_action not in document.actions:
        yield f"NextAction '{transitions.next_action}' does not exist in this flow."
    for branch in transitions.errors:
        if branch.next_action not in document.actions:
            yield (
                f"the {branch.error_type} error goes to '{branch.next_action}', "
                "which does not exist in this flow."
            )
    for condition in transitions.conditions:
        if condition.next_action not in document.actions:
            yield (
                f"the condition {_describe(condition.operator, condition.operands)} goes to "
                f"'{condition.next_action}', which does not exist in this flow."
            )


def _transition_problems(action: Action, spec: ActionSpec) -> Iterator[str]:
    transitions = action.transitions
    if transitions.next_action is None and not spec.terminal:
        yield f"there is no NextAction; every {action.type} must say which action runs next."
    seen: set[str] = set()
    for branch in transitions.errors:
        if branch.error_type not in spec.allowed_error_types:
            allowed = _join(sorted(spec.allowed_error_types))
            yield f"{action.type} has no '{branch.error_type}' error; its errors are {allowed}."
        elif branch.error_type in seen:
            yield f"the {branch.error_type} error is listed more than once."
        seen.add(branch.error_type)
    yield from _condition_problems(action, spec)


def _condition_problems(action: Action, spec: ActionSpec) -> Iterator[str]:
    conditions = action.transitions.conditions
    rule = spec.conditions
    if not conditions and not rule.required_operands:
        return
    if not rule.supported:
        yield f"{action.type} does not support Conditions, but {len(conditions)} are given."
        return
    for condition in conditions:
        described = _describe(condition.operator, condition.operands)
        if condition.operator not in CONDITION_OPERATORS:
            known = _join(sorted(CONDITION_OPERATORS))
            yield f"the condition {described} uses an unknown Operator; operators are {known}."
        elif rule.operators and condition.operator not in rule.operators:
            yield (
                f"the condition {described} is not allowed; {action.type} only supports "
                f"{_join(sorted(rule.operators))} conditions."
            )
        unknown = [
            operand
            for operand in condition.operands
            if rule.operands and operand not in rule.operands
        ]
        if unknown:
            yield (
                f"the condition {described} compares with {_join(unknown)}, which "
                f"{action.type} never returns; it returns {_join(sorted(rule.operands))}."
            )
    covered = {operand for condition in conditions for operand in condition.operands}
    missing = sorted(rule.required_operands - covered)
    if missing:
        outcomes = _join(sorted(rule.required_operands))
        verb = "has" if len(missing) == 1 else "have"
        yield (
            f"{action.type} needs a condition for each of {outcomes}; {_join(missing)} {verb} none."
        )


def _parameter_problems(action: Action, spec: ActionSpec) -> Iterator[str]:
    present = action.parameters
    for name in spec.required:
        if not any(spelling in present for spelling in spec.spellings(name)):
            yield f"the required parameter {name} is missing."
    for group in spec.one_of:
        if not any(spelling in present for name in group for spelling in spec.spellings(name)):
            yield f"one of the parameters {_join(group, 'or')} is required."
    for group in spec.exclusive:
        given = [name for name in group if any(s in present for s in spec.spellings(name))]
        if len(given) > 1:
            yield f"only one of {_join(group, 'or')} may be given, but it has {_join(given)}."
    for rule in spec.rules:
        for spelling in rule.spellings:
            if spelling in present:
                problem = _value_problem(rule, spelling, present[spelling])
                if problem is not None:
                    yield problem


def _value_problem(rule: ParameterRule, spelling: str, value: object) -> str | None:
    kind = rule.kind
    if kind is ValueKind.OBJECT:
        return None if isinstance(value, dict) else f"{spelling} must be an object."
    if kind is ValueKind.LIST:
        if not isinstance(value, list):
            return f"{spelling} must be a list."
        return None
    wrong_bool = isinstance(value, bool) and kind is not ValueKind.BOOLEAN
    if not isinstance(value, str | int | float) or wrong_bool:
        return f"{spelling} must be {kind.value}, not {_shown(value)}."
    if is_dynamic(value):
        return None  # a JSONPath reference: its value is only known when the flow runs
    if kind is ValueKind.TEXT:
        if not isinstance(value, str):
            return f"{spelling} must be text, not {_shown(value)}."
        if rule.choices and value not in rule.choices:
            return f"{spelling} must be {_join(rule.choices, 'or')}, not {_shown(value)}."
        return None
    if kind is ValueKind.BOOLEAN:
        return (
            None
            if read_bool(value) is not None
            else f"{spelling} must be true or false, not {_shown(value)}."
        )
    number = read_int(value) if kind is ValueKind.INTEGER else read_float(value)
    if number is None:
        return f"{spelling} must be {_range_text(rule)}, not {_shown(value)}."
    if (rule.minimum is not None and number < rule.minimum) or (
        rule.maximum is not None and number > rule.maximum
    ):
        return f"{spelling} must be {_range_text(rule)}, not {_shown(value)}."
    return None


def _range_text(rule: ParameterRule) -> str:
    low, high = _number(rule.minimum), _number(rule.maximum)
    if low is not None and high is not None:
        return f"{rule.kind.value} from {low} to {high}"
    if low is not None:
        return f"{rule.kind.value} of at least {low}"
    if high is not None:
        return f"{rule.kind.value} of at most {high}"
    return rule.kind.value


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return str(value)


def _describe(operator: str, operands: tuple[str, ...]) -> str:
    return f"{operator} {_join([repr(o) for o in operands])}"


def _join(items: tuple[str, ...] | list[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
