"""The admin website's operation table: every instance-level operation OpenContact implements
needs a named Amazon Connect permission (or is the console's), nothing is allowed by default,
and no Contact Control Panel permission opens an administration operation."""

from __future__ import annotations

from opencontact.api.admin.operation_routes import instance_level
from opencontact.api.admin.permissions import (
    CCP_PERMISSIONS,
    CONSOLE_ONLY,
    OPERATION_PERMISSIONS,
    REAL_TIME_METRICS,
    holds,
    opens_admin_website,
    required_permission,
)
from opencontact.api.connect.operations import handlers
from opencontact.domain.permissions import ALL_PERMISSIONS, DEFAULT_PROFILES


def test_every_implemented_instance_level_operation_has_a_permission_or_is_the_consoles() -> None:
    missing = [
        name
        for name in handlers()
        if instance_level(name) and name not in CONSOLE_ONLY and name not in OPERATION_PERMISSIONS
    ]
    assert missing == []


def test_the_table_names_only_implemented_instance_level_operations() -> None:
    implemented = handlers()
    for name in OPERATION_PERMISSIONS:
        assert name in implemented, name
        assert instance_level(name), name
        assert name not in CONSOLE_ONLY, name


def test_account_level_operations_are_not_offered() -> None:
    for name in ("CreateInstance", "DeleteInstance", "ListInstances", "DescribePhoneNumber"):
        assert required_permission(name) is None


def test_every_permission_is_a_connect_permission_and_none_is_a_ccp_one() -> None:
    for name, permission in OPERATION_PERMISSIONS.items():
        assert permission in ALL_PERMISSIONS, name
        assert permission not in CCP_PERMISSIONS, name


def test_the_admin_website_is_for_profiles_beyond_the_ccp() -> None:
    permissions = {name: profile[1] for name, profile in DEFAULT_PROFILES.items()}
    assert not opens_admin_website(permissions["Agent"])
    assert opens_admin_website(permissions["Admin"])
    assert opens_admin_website(permissions["CallCenterManager"])
    assert not opens_admin_website(set())


def test_real_time_metrics_are_held_under_any_of_their_names() -> None:
    assert holds({"AccessMetrics"}, REAL_TIME_METRICS)
    assert holds({"AccessMetrics.RealTimeMetrics.Access"}, REAL_TIME_METRICS)
    assert not holds({"HistoricalMetrics.Access"}, REAL_TIME_METRICS)
    assert holds({"Users.View"}, "Users.View")
    assert not holds({"Users.View"}, "Users.Edit")
