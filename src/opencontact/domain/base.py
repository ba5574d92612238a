"""What every configuration resource shares, and how a command describes its effects.

Commands never mutate state. A command function reads the current `Directory`, checks its rules
and returns an `Outcome`: the value to hand back plus the `Change`s to make. The engine persists
the changes, and only then applies them to memory, so a failure at any point changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from opencontact.domain.errors import InvalidParameter

Tags = Mapping[str, str]


class Channel(enum.StrEnum):
    VOICE = "VOICE"
    CHAT = "CHAT"
    TASK = "TASK"
    EMAIL = "EMAIL"


@dataclass(frozen=True, kw_only=True)
class Entity:
    """Something stored and addressed by id and ARN: an instance or one of its resources."""

    kind: ClassVar[str] = "entity"

    id: str
    arn: str
    tags: Tags = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Resource(Entity):
    """A configuration resource of an instance."""

    kind: ClassVar[str] = "resource"
    # What a person calls this kind of resource in a message ("queue", "quick connect").
    label: ClassVar[str] = "resource"
    arn_segment: ClassVar[str] = ""

    last_modified_time: datetime
    last_modified_region: str

    @property
    def unique_name(self) -> str | None:
        """The value that must be unique among resources of this kind in an instance."""
        return None

    def references(self) -> Iterable[tuple[str, str]]:
        """(kind, id) of the resources this one depends on; those cannot be deleted while
        it refers to them."""
        return ()


R = TypeVar("R", bound=Resource)
T = TypeVar("T")


@dataclass(frozen=True)
class Put:
    """Create or replace an entity."""

    entity: Entity


@dataclass(frozen=True)
class Remove:
    """Delete an entity (deleting an instance deletes everything in it)."""

    entity: Entity


Change = Put | Remove


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a command returns: a value for the caller, the changes to persist, and the effects
    to carry out once they are durable (the engine's business; the domain leaves it empty)."""

    value: T
    changes: Sequence[Change] = ()
    effects: Sequence[object] = ()


@dataclass(frozen=True)
class PairOutcome(Generic[T]):
    """What a command across two instances returns: the changes to each, made together."""

    value: T
    first: Sequence[Change] = ()
    second: Sequence[Change] = ()


@dataclass(frozen=True)
class Env:
    """What a command may know of the outside world: the time, the caller's region, new ids."""

    now: datetime
    region: str
    new_id: Callable[[], str]


def merge_tags(current: Tags, added: Tags) -> dict[str, str]:
    merged = dict(current)
    merged.update(added)
    return merged


MAX_TAGS = 50


def check_tags(tags: Tags) -> None:
    if len(tags) > MAX_TAGS:
        raise InvalidParameter(f"A resource can have at most {MAX_TAGS} tags; {len(tags)} given.")
    for key in tags:
        if key.lower().startswith("aws:"):
            raise InvalidParameter(f"Tag key '{key}' uses the reserved prefix 'aws:'.")
