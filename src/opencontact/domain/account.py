"""The account: every instance of this installation, each with its directory.

Creating and deleting instances goes through the account's writer; everything inside an
instance goes through that instance's own writer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from opencontact.domain.base import Change, Put, Remove, Resource
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidRequest, ResourceNotFound
from opencontact.domain.instance import Instance
from opencontact.domain.phone_numbers import PhoneNumber


class Account:
    def __init__(self, account_id: str, directories: Sequence[Directory] = ()) -> None:
        self.account_id = account_id
        self.directories: dict[str, Directory] = {d.instance.id: d for d in directories}

    def instances(self) -> list[Instance]:
        return [d.instance for d in self.directories.values()]

    def directory(self, instance_id: str, region: str | None = None) -> Directory:
        """The instance's directory. An instance lives in one region: asked for from another
        region, it does not exist, as in Amazon Connect."""
        reference = (
            instance_id.rsplit("/", 1)[-1] if instance_id.startswith("arn:") else instance_id
        )
        directory = self.directories.get(reference)
        if directory is None or (region is not None and directory.instance.region != region):
            where = f" in region {region}" if region else ""
            raise ResourceNotFound(f"Instance '{instance_id}' was not found{where}.")
        return directory

    def by_alias(self, alias: str) -> Directory | None:
        for directory in self.directories.values():
            if directory.instance.alias == alias:
                return directory
        return None

    def phone_numbers(self) -> Iterator[tuple[Directory, PhoneNumber]]:
        for directory in self.directories.values():
            for number in directory.all(PhoneNumber):
                yield directory, number

    def find_phone_number(self, phone_number_id: str) -> tuple[Directory, PhoneNumber] | None:
        reference = phone_number_id.rsplit("/", 1)[-1]
        for directory, number in self.phone_numbers():
            if number.id == reference:
                return directory, number
        return None

    def owner_of_number(self, e164: str) -> tuple[Directory, PhoneNumber] | None:
        for directory, number in self.phone_numbers():
            if number.phone_number == e164:
                return directory, number
        return None

    def apply(self, changes: Sequence[Change]) -> None:
        """Instance creation (the instance and its default resources) and deletion."""
        current: Directory | None = None
        for change in changes:
            entity = change.entity
            if isinstance(entity, Instance):
                if isinstance(change, Remove):
                    self.directories.pop(entity.id, None)
                    current = None
                else:
                    current = self.directories.setdefault(entity.id, Directory(entity))
                    current.instance = entity
            elif isinstance(entity, Resource) and current is not None:
                current.apply([change])
            else:
                raise InvalidRequest("Resources change through their instance's writer.")

    def inverse(self, changes: Sequence[Change]) -> list[Change]:
        """What puts the account back as it was before `changes` (a failed commit)."""
        groups: list[list[Change]] = []
        for change in changes:
            entity = change.entity
            if not isinstance(entity, Instance):
                continue
            existing = self.directories.get(entity.id)
            if existing is None:
                groups.append([Remove(entity)])
            elif isinstance(change, Remove):
                groups.append([Put(existing.instance), *(Put(r) for r in existing)])
            else:
                groups.append([Put(existing.instance)])
        return [change for group in reversed(groups) for change in group]

    def __contains__(self, instance_id: object) -> bool:
        return instance_id in self.directories


def instance_of(changes: Sequence[Change]) -> Instance:
    """The instance a batch of account changes is about: the first entity in it."""
    first = changes[0].entity
    if not isinstance(first, Instance):
        raise InvalidRequest("An account change must start with its instance.")
    return first
