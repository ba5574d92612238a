"""The configuration of one instance, held in memory.

A `Directory` is read freely and changed only by `apply`, which the instance's single writer
calls after the changes are durable. Commands (in the per-resource modules) read it to check
their rules and return the changes they want.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, cast

from opencontact.domain.arns import resource_arn
from opencontact.domain.base import Change, Put, Remove, Resource
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidRequest,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.instance import Instance

R = TypeVar("R", bound=Resource)


class Directory:
    def __init__(self, instance: Instance, resources: Iterable[Resource] = ()) -> None:
        self.instance = instance
        self._resources: dict[str, dict[str, Resource]] = {}
        # Snapshots for `all`, rebuilt only after a change to their kind: listings are read far
        # more often than configuration changes.
        self._listings: dict[str, tuple[Resource, ...]] = {}
        for resource in resources:
            self._collection(type(resource))[resource.id] = resource

    # -- reading ---------------------------------------------------------------------------

    def all(self, cls: type[R]) -> Sequence[R]:
        """Every resource of a kind, oldest first."""
        listing = self._listings.get(cls.kind)
        if listing is None:
            listing = self._listings[cls.kind] = tuple(self._collection(cls).values())
        return cast(Sequence[R], listing)

    def get(self, cls: type[R], resource_id: str) -> R | None:
        return cast(R | None, self._collection(cls).get(resource_id))

    def require(self, cls: type[R], reference: str) -> R:
        """The resource named by its id or ARN, or ResourceNotFound naming what was looked
        for."""
        found = self.find_by_arn_or_id(cls, reference)
        if found is None:
            raise ResourceNotFound(
                f"No {cls.label} with id '{reference}' exists in instance {self.instance.id}."
            )
        return found

    def find_by_name(self, cls: type[R], name: str) -> R | None:
        for resource in self._collection(cls).values():
            if resource.unique_name == name:
                return cast(R, resource)
        return None

    def check_name_free(self, cls: type[R], name: str, except_id: str | None = None) -> None:
        taken = self.find_by_name(cls, name)
        if taken is not None and taken.id != except_id:
            raise DuplicateResource(
                f"A {cls.label} named '{name}' already exists in instance {self.instance.id}."
            )

    def find_by_arn_or_id(self, cls: type[R], reference: str) -> R | None:
        """Connect accepts either the id or the full ARN wherever a resource is referenced."""
        resource_id = reference.rsplit("/", 1)[-1] if reference.startswith("arn:") else reference
        found = self.get(cls, resource_id)
        if found is not None and reference.startswith("arn:") and found.arn != reference:
            return None
        return found

    def require_reference(self, cls: type[R], reference: str, field: str) -> R:
        """A resource named by another one; a missing one is a bad request, not a 404 of the
        resource being changed."""
        found = self.find_by_arn_or_id(cls, reference)
        if found is None:
            raise ResourceNotFound(
                f"{field} '{reference}' does not name a {cls.label} in instance {self.instance.id}."
            )
        return found

    def referrers(self, resource: Resource) -> list[Resource]:
        """The resources that depend on `resource`."""
        target = (resource.kind, resource.id)
        return [r for r in self if target in r.references()]

    def check_not_in_use(self, resource: Resource) -> None:
        referrers = self.referrers(resource)
        if referrers:
            first = referrers[0]
            name = first.unique_name or first.id
            raise ResourceInUse(
                f"The {resource.label} '{resource.unique_name or resource.id}' is used by "
                f"{first.label} '{name}'"
                + (f" and {len(referrers) - 1} more" if len(referrers) > 1 else "")
                + "; change or delete those first.",
                resource_type=first.kind,
                resource_id=first.id,
            )

    def arn_for(self, cls: type[Resource], resource_id: str) -> str:
        return resource_arn(self.instance.arn, cls.arn_segment, resource_id)

    def __iter__(self) -> Iterator[Resource]:
        for collection in self._resources.values():
            yield from collection.values()

    # -- changing (only the writer calls this) -----------------------------------------------

    def apply(self, changes: Sequence[Change]) -> None:
        for change in changes:
            entity = change.entity
            if isinstance(entity, Instance):
                if isinstance(change, Put):
                    self.instance = entity
                continue
            if not isinstance(entity, Resource):
                raise InvalidRequest(f"Cannot apply a change to {type(entity).__name__}.")
            collection = self._collection(type(entity))
            self._listings.pop(entity.kind, None)
            if isinstance(change, Remove):
                collection.pop(entity.id, None)
            else:
                collection[entity.id] = entity

    def _collection(self, cls: type[Resource]) -> dict[str, Resource]:
        return self._resources.setdefault(cls.kind, {})
