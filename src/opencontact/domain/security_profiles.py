"""Security profiles: named sets of permissions given to users.

The permission names are Amazon Connect's API names (ListSecurityProfilePermissions). The agent
pages check them on the server: an agent whose profiles lack a permission is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from opencontact.domain.base import Resource


@dataclass(frozen=True, kw_only=True)
class SecurityProfile(Resource):
    kind: ClassVar[str] = "security-profile"
    label: ClassVar[str] = "security profile"
    arn_segment: ClassVar[str] = "security-profile"

    name: str
    description: str | None = None
    permissions: frozenset[str] = frozenset()
    allowed_access_control_tags: Mapping[str, str] = field(default_factory=dict)
    tag_restricted_resources: tuple[str, ...] = ()
    hierarchy_restricted_resources: tuple[str, ...] = ()
    allowed_access_control_hierarchy_group_id: str | None = None

    @property
    def unique_name(self) -> str:
        return self.name


def permissions_of(profiles: Iterable[SecurityProfile]) -> frozenset[str]:
    """A user has every permission any of their profiles grants."""
    granted: set[str] = set()
    for profile in profiles:
        granted |= profile.permissions
    return frozenset(granted)
