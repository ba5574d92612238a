"""Conditions: how an action's result picks a branch (Compare, menus, Loop, hours, metrics).

The first condition that holds wins, in document order. Numbers compare as numbers; text
compares exactly (Connect's JSONPath values are case-sensitive); Equals also holds for two
spellings of one number ("5" and "5.0"), since metrics and Lambda results are numbers.
"""

from __future__ import annotations

from typing import Any

from opencontact.flows.actions.base import NO_MATCHING_CONDITION, Fail, Outcome, Proceed
from opencontact.flows.document import Action, read_float
from opencontact.flows.paths import as_text


def holds(operator: str, operand: str, value: Any) -> bool:
    text = as_text(value)
    if text is None:
        return False
    if operator == "Equals":
        if text == operand:
            return True
        number, target = read_float(text), read_float(operand)
        return number is not None and number == target
    if operator == "TextContains":
        return operand in text
    if operator == "TextStartsWith":
        return text.startswith(operand)
    if operator == "TextEndsWith":
        return text.endswith(operand)
    number, target = read_float(text), read_float(operand)
    if number is None or target is None:
        return False
    comparisons = {
        "NumberGreaterThan": number > target,
        "NumberGreaterOrEqualTo": number >= target,
        "NumberLessThan": number < target,
        "NumberLessOrEqualTo": number <= target,
    }
    return comparisons.get(operator, False)


def choose(action: Action, value: Any) -> Outcome:
    """The branch of the first condition that holds for ``value``, else NoMatchingCondition."""
    for condition in action.transitions.conditions:
        if any(holds(condition.operator, operand, value) for operand in condition.operands):
            shown = ", ".join(condition.operands)
            return Proceed(condition.next_action, f"Condition: {condition.operator} {shown}")
    shown_value = "nothing" if value is None else repr(as_text(value))
    return Fail(NO_MATCHING_CONDITION, f"No condition matches {shown_value}.")
