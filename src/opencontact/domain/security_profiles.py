"""Security profiles: named sets of permissions given to users.

The permission names are Amazon Connect's API names (ListSecurityProfilePermissions). The agent
pages check them on the server: an agent whose profiles lack a permission is refused, so a
misspelt name would silently grant nothing; unknown names are therefore refused when a profile
is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from opencontact.domain.base import Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.directory import Directory
from opencontact.domain.errors import InvalidParameter, ResourceNotFound
from opencontact.domain.permissions import ALL_PERMISSIONS

_NAME = re.compile(r"^[ a-zA-Z0-9_@-]+$")
# The only kind of resource Connect restricts by agent hierarchy.
HIERARCHY_RESTRICTABLE = frozenset({"User"})


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

    @property
    def sorted_permissions(self) -> list[str]:
        return sorted(self.permissions)


def permissions_of(profiles: Iterable[SecurityProfile]) -> frozenset[str]:
    """A user has every permission any of their profiles grants."""
    granted: set[str] = set()
    for profile in profiles:
        granted |= profile.permissions
    return frozenset(granted)


def check_permissions(names: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(names)
    unknown = sorted(wanted - ALL_PERMISSIONS)
    if unknown:
        noun = "permission" if len(unknown) == 1 else "permissions"
        raise InvalidParameter(
            f"Unknown security profile {noun}: {', '.join(unknown)}. Use the API names listed "
            "by ListSecurityProfilePermissions for the Admin profile."
        )
    return wanted


def check_profile_name(name: str) -> None:
    if not _NAME.match(name):
        raise InvalidParameter(
            f"SecurityProfileName '{name}' may contain only letters, digits, spaces and the "
            "characters _ @ -"
        )


def _check_restrictions(
    directory: Directory,
    hierarchy_restricted_resources: Sequence[str] | None,
    hierarchy_group_id: str | None,
) -> None:
    for resource in hierarchy_restricted_resources or ():
        if resource not in HIERARCHY_RESTRICTABLE:
            raise InvalidParameter(
                f"HierarchyRestrictedResources may name only "
                f"{', '.join(sorted(HIERARCHY_RESTRICTABLE))}, not '{resource}'."
            )
    if hierarchy_group_id is not None:
        raise ResourceNotFound(
            f"AllowedAccessControlHierarchyGroupId '{hierarchy_group_id}' does not name a "
            f"hierarchy group in instance {directory.instance.id} (OpenContact has no agent "
            "hierarchies yet)."
        )


def create_security_profile(
    directory: Directory,
    env: Env,
    *,
    name: str,
    description: str | None = None,
    permissions: Iterable[str] = (),
    tags: Tags | None = None,
    allowed_access_control_tags: Mapping[str, str] | None = None,
    tag_restricted_resources: Sequence[str] | None = None,
    hierarchy_restricted_resources: Sequence[str] | None = None,
    allowed_access_control_hierarchy_group_id: str | None = None,
) -> Outcome[SecurityProfile]:
    check_profile_name(name)
    directory.check_name_free(SecurityProfile, name)
    granted = check_permissions(permissions)
    _check_restrictions(
        directory, hierarchy_restricted_resources, allowed_access_control_hierarchy_group_id
    )
    check_tags(tags or {})
    profile_id = env.new_id()
    profile = SecurityProfile(
        id=profile_id,
        arn=directory.arn_for(SecurityProfile, profile_id),
        name=name,
        description=description,
        permissions=granted,
        allowed_access_control_tags=dict(allowed_access_control_tags or {}),
        tag_restricted_resources=tuple(tag_restricted_resources or ()),
        hierarchy_restricted_resources=tuple(hierarchy_restricted_resources or ()),
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(profile, [Put(profile)])


def update_security_profile(
    directory: Directory,
    env: Env,
    profile_id: str,
    *,
    description: str | None = None,
    permissions: Iterable[str] | None = None,
    allowed_access_control_tags: Mapping[str, str] | None = None,
    tag_restricted_resources: Sequence[str] | None = None,
    hierarchy_restricted_resources: Sequence[str] | None = None,
    allowed_access_control_hierarchy_group_id: str | None = None,
) -> Outcome[SecurityProfile]:
    """Members given replace the profile's; members left out keep their value. The name of a
    profile cannot change (Connect's UpdateSecurityProfile has no name)."""
    profile = directory.require(SecurityProfile, profile_id)
    granted = profile.permissions if permissions is None else check_permissions(permissions)
    _check_restrictions(
        directory, hierarchy_restricted_resources, allowed_access_control_hierarchy_group_id
    )
    updated = replace(
        profile,
        description=profile.description if description is None else description,
        permissions=granted,
        allowed_access_control_tags=profile.allowed_access_control_tags
        if allowed_access_control_tags is None
        else dict(allowed_access_control_tags),
        tag_restricted_resources=profile.tag_restricted_resources
        if tag_restricted_resources is None
        else tuple(tag_restricted_resources),
        hierarchy_restricted_resources=profile.hierarchy_restricted_resources
        if hierarchy_restricted_resources is None
        else tuple(hierarchy_restricted_resources),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(updated, [Put(updated)])


def delete_security_profile(directory: Directory, profile_id: str) -> Outcome[None]:
    """Refused while any user has the profile: a user must keep at least one."""
    profile = directory.require(SecurityProfile, profile_id)
    directory.check_not_in_use(profile)
    return Outcome(None, [Remove(profile)])
