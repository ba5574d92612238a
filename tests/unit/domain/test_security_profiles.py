"""Security profiles: only real permission names, unique names, and no deleting a profile that
users still have."""

from __future__ import annotations

from typing import Any

import pytest

from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidParameter,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.permissions import ALL_PERMISSIONS, DEFAULT_PROFILES
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import (
    SecurityProfile,
    create_security_profile,
    delete_security_profile,
    permissions_of,
    update_security_profile,
)
from opencontact.domain.users import IdentityInfo, create_user
from tests.support.domain import NOW, fixed_env, new_directory, run


def _create(directory: Directory, name: str = "Supervisors", **kwargs: Any) -> SecurityProfile:
    return run(
        directory,
        create_security_profile(directory, fixed_env(prefix="sp"), name=name, **kwargs),
    )


def test_a_new_instance_has_the_four_default_profiles() -> None:
    directory = new_directory()
    names = [p.name for p in directory.all(SecurityProfile)]
    assert names == ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"]
    admin = directory.find_by_name(SecurityProfile, "Admin")
    assert admin is not None
    assert admin.permissions == ALL_PERMISSIONS


def test_a_profile_keeps_its_permissions_sorted_for_listing() -> None:
    directory = new_directory()
    profile = _create(
        directory,
        description="Floor supervisors",
        permissions=["Users.View", "ManagerListenIn", "AccessMetrics", "Users.View"],
        tags={"team": "floor"},
        allowed_access_control_tags={"site": "paris"},
        tag_restricted_resources=["User"],
        hierarchy_restricted_resources=["User"],
    )
    assert profile.arn == f"{directory.instance.arn}/security-profile/{profile.id}"
    assert profile.sorted_permissions == ["AccessMetrics", "ManagerListenIn", "Users.View"]
    assert profile.description == "Floor supervisors"
    assert profile.allowed_access_control_tags == {"site": "paris"}
    assert profile.last_modified_time == NOW
    assert directory.require(SecurityProfile, profile.arn) == profile


def test_unknown_permissions_are_refused_all_named_at_once() -> None:
    directory = new_directory()
    with pytest.raises(InvalidParameter, match=r"Queues\.Fly, Users\.Teleport") as refused:
        _create(directory, permissions=["Users.View", "Users.Teleport", "Queues.Fly"])
    assert "Users.View" not in refused.value.message
    assert directory.find_by_name(SecurityProfile, "Supervisors") is None


@pytest.mark.parametrize(
    ("name", "error", "problem"),
    [
        ("Admin", DuplicateResource, "Admin"),
        ("Night/shift", InvalidParameter, "Night/shift"),
    ],
)
def test_names_must_be_free_and_well_formed(
    name: str, error: type[Exception], problem: str
) -> None:
    with pytest.raises(error, match=problem):
        _create(new_directory(), name=name)


def test_hierarchy_restrictions_need_real_resources_and_groups() -> None:
    directory = new_directory()
    with pytest.raises(InvalidParameter, match="Queue"):
        _create(directory, hierarchy_restricted_resources=["Queue"])
    with pytest.raises(ResourceNotFound, match="group-1"):
        _create(directory, allowed_access_control_hierarchy_group_id="group-1")


def test_update_replaces_what_is_given_and_keeps_the_rest() -> None:
    directory = new_directory()
    profile = _create(directory, description="Before", permissions=["Users.View"])
    updated = run(
        directory,
        update_security_profile(
            directory, fixed_env(), profile.id, permissions=["Queues.View", "Queues.Edit"]
        ),
    )
    assert updated.description == "Before"
    assert updated.permissions == {"Queues.View", "Queues.Edit"}
    with pytest.raises(InvalidParameter, match="Nonsense"):
        update_security_profile(directory, fixed_env(), profile.id, permissions=["Nonsense"])
    assert directory.get(SecurityProfile, profile.id) == updated
    cleared = run(
        directory, update_security_profile(directory, fixed_env(), profile.id, permissions=[])
    )
    assert cleared.permissions == frozenset()
    with pytest.raises(ResourceNotFound, match="missing"):
        update_security_profile(directory, fixed_env(), "missing", description="x")


def test_a_profile_that_users_have_cannot_be_deleted() -> None:
    directory = new_directory()
    profile = _create(directory)
    routing = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert routing is not None
    user = run(
        directory,
        create_user(
            directory,
            fixed_env(prefix="u"),
            username="sam",
            security_profile_ids=[profile.id],
            routing_profile_id=routing.id,
            password_hash="hash",
            identity_info=IdentityInfo(first_name="Sam", last_name="Lee"),
        ),
    )
    with pytest.raises(ResourceInUse, match="sam") as refused:
        delete_security_profile(directory, profile.id)
    assert refused.value.resource_type == "user"
    assert refused.value.resource_id == user.id
    assert directory.get(SecurityProfile, profile.id) == profile


def test_an_unused_profile_is_deleted() -> None:
    directory = new_directory()
    profile = _create(directory)
    run(directory, delete_security_profile(directory, profile.id))
    assert directory.get(SecurityProfile, profile.id) is None
    with pytest.raises(ResourceNotFound, match=profile.id):
        delete_security_profile(directory, profile.id)


def test_permissions_of_several_profiles_is_their_union() -> None:
    directory = new_directory()
    agent = directory.find_by_name(SecurityProfile, "Agent")
    analyst = directory.find_by_name(SecurityProfile, "QualityAnalyst")
    assert agent is not None
    assert analyst is not None
    assert permissions_of([agent, analyst]) == (
        DEFAULT_PROFILES["Agent"][1] | DEFAULT_PROFILES["QualityAnalyst"][1]
    )
    assert permissions_of([]) == frozenset()
