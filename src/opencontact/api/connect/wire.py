"""Small translations shared by the handlers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def tags_out(tags: Mapping[str, str]) -> dict[str, str] | None:
    """Connect omits Tags rather than sending an empty map (the shape requires one entry)."""
    return dict(tags) if tags else None


def compact(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop members that have no value, as Connect does."""
    return {key: value for key, value in values.items() if value is not None}
