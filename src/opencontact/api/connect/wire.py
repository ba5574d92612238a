"""Small translations shared by the handlers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opencontact.domain.base import Resource


def tags_out(tags: Mapping[str, str]) -> dict[str, str] | None:
    """Connect omits Tags rather than sending an empty map (the shape requires one entry)."""
    return dict(tags) if tags else None


def compact(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop members that have no value, as Connect does."""
    return {key: value for key, value in values.items() if value is not None}


def summary(resource: Resource, name: str | None, **members: Any) -> dict[str, Any]:
    """The summary every List operation returns for a resource: Id, Arn, Name, any members of
    its own, and when and where it last changed."""
    return compact(
        {
            "Id": resource.id,
            "Arn": resource.arn,
            "Name": name,
            **members,
            "LastModifiedTime": resource.last_modified_time,
            "LastModifiedRegion": resource.last_modified_region,
        }
    )
