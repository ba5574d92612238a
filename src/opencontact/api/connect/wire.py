"""Small translations shared by the handlers."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from opencontact.domain.base import Resource

R = TypeVar("R", bound=Resource)
WireForm = dict[str, Any]

_CACHED_VERSIONS = 20_000


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


def per_version(render: Callable[[R], WireForm]) -> Callable[[R], WireForm]:
    """Remember a resource's wire form until the resource changes.

    Resources are immutable: a change makes a new object, so the object itself identifies the
    version. The cache holds the object, so its id cannot be reused while the entry lives.
    Callers must not modify the dict they get back.
    """
    cache: OrderedDict[int, tuple[Resource, WireForm]] = OrderedDict()

    def cached(resource: R) -> WireForm:
        hit = cache.get(id(resource))
        if hit is not None and hit[0] is resource:
            return hit[1]
        form: WireForm = _with_epoch_times(render(resource))
        cache[id(resource)] = (resource, form)
        if len(cache) > _CACHED_VERSIONS:
            cache.popitem(last=False)
        return form

    return cached


def epoch(moment: datetime) -> float:
    """A timestamp as REST-JSON sends it: seconds since 1970, to the millisecond."""
    return round(moment.timestamp(), 3)


def _with_epoch_times(form: Any) -> Any:
    if isinstance(form, datetime):
        return epoch(form)
    if isinstance(form, dict):
        return {key: _with_epoch_times(value) for key, value in form.items()}
    if isinstance(form, list):
        return [_with_epoch_times(item) for item in form]
    return form
