"""Building blocks for unit tests of the pure domain: a fresh instance's directory, an Env
with a fixed time and predictable ids, and a way to run a command the way the writer does."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import TypeVar

from opencontact.domain.account import Account
from opencontact.domain.base import Env, Outcome
from opencontact.domain.directory import Directory
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.provisioning import InstanceSpec, create_instance
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile
from opencontact.domain.users import IdentityInfo, User, create_user

T = TypeVar("T")

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def fixed_env(region: str = "us-east-1", now: datetime = NOW, prefix: str = "id") -> Env:
    counter = itertools.count(1)
    return Env(now=now, region=region, new_id=lambda: f"{prefix}-{next(counter):04d}")


def new_directory(
    region: str = "us-east-1",
    identity: IdentityManagementType = IdentityManagementType.CONNECT_MANAGED,
) -> Directory:
    """The directory of a brand-new instance, as CreateInstance leaves it."""
    account = Account("123456789012")
    outcome = create_instance(
        account,
        fixed_env(region),
        InstanceSpec(
            identity_management_type=identity,
            inbound_calls_enabled=True,
            outbound_calls_enabled=True,
            alias="unit",
            directory_id="d-123" if identity is IdentityManagementType.EXISTING_DIRECTORY else None,
        ),
    )
    account.apply(outcome.changes)
    return account.directory(outcome.value.id)


def run(directory: Directory, outcome: Outcome[T]) -> T:
    """Apply a command's changes as the writer would after committing them."""
    directory.apply(outcome.changes)
    return outcome.value


def add_agent(
    directory: Directory, username: str = "maria", routing_profile_id: str | None = None
) -> User:
    """A user with the Agent security profile (and their agent queue), made by CreateUser's own
    command, on the Basic Routing Profile unless another is given."""
    agent = directory.find_by_name(SecurityProfile, "Agent")
    routing = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert agent is not None
    assert routing is not None
    return run(
        directory,
        create_user(
            directory,
            fixed_env(prefix=f"user-{username}"),
            username=username,
            security_profile_ids=[agent.id],
            routing_profile_id=routing_profile_id or routing.id,
            password_hash="not-a-real-hash",
            identity_info=IdentityInfo(first_name=username.title(), last_name="Agent"),
        ),
    )
