"""References a contact carries for the agent (Amazon Connect's contact References): a name, a
type and a value. A task shows its URL references as links; the other types as text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from opencontact.domain.errors import InvalidParameter

# The types a new contact (StartTaskContact, StartOutboundVoiceContact, Create task) may carry.
NEW_CONTACT_REFERENCE_TYPES = ("URL", "NUMBER", "STRING", "DATE", "EMAIL")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Reference:
    type: str
    value: str


def check_reference(name: str, kind: str, value: str) -> Reference:
    """One reference of a new contact, checked: a DATE is an epoch timestamp and a NUMBER a
    number, as Connect takes them."""
    if kind not in NEW_CONTACT_REFERENCE_TYPES:
        raise InvalidParameter(
            f"Reference '{name}' is of type {kind}; a new contact takes references of type "
            + ", ".join(NEW_CONTACT_REFERENCE_TYPES)
            + "."
        )
    if kind == "DATE" and value and not value.isdigit():
        raise InvalidParameter(
            f"Reference '{name}' is a DATE: its value is an epoch timestamp (seconds since "
            f"1970), not '{value}'."
        )
    if kind == "NUMBER" and value and not _NUMBER.match(value):
        raise InvalidParameter(f"Reference '{name}' is a NUMBER; '{value}' is not a number.")
    return Reference(kind, value)


def check_references(given: Mapping[str, tuple[str, str]]) -> dict[str, Reference]:
    """References by name, each given as (type, value)."""
    return {name: check_reference(name, kind, value) for name, (kind, value) in given.items()}
