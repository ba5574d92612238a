"""Users: who may be created, how their phone and channel settings combine, their agent queue,
and what their security profiles allow."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from opencontact.domain.base import Channel, Env, Put
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidParameter,
    InvalidRequest,
    ResourceInUse,
    ResourceNotFound,
)
from opencontact.domain.instance import IdentityManagementType
from opencontact.domain.permissions import BASIC_AGENT_ACCESS, DEFAULT_PROFILES
from opencontact.domain.queues import Queue, QueueType
from opencontact.domain.quick_connects import QuickConnect, QuickConnectType
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile, create_security_profile
from opencontact.domain.user_settings import (
    AfterContactWorkSetting,
    AutoAcceptSetting,
    ChannelSettings,
    PersistentConnectionSetting,
    PhoneConfig,
    PhoneNumberSetting,
    PhoneType,
    VoiceEnhancementMode,
    VoiceEnhancementSetting,
)
from opencontact.domain.users import (
    IdentityInfo,
    User,
    check_password_for,
    check_password_policy,
    create_user,
    delete_user,
    update_user_config,
    update_user_identity_info,
    update_user_phone_config,
    update_user_routing_profile,
    update_user_security_profiles,
    user_permissions,
)
from tests.support.domain import NOW, fixed_env, new_directory, run

JANE = IdentityInfo(first_name="Jane", last_name="Doe")


def _profile(directory: Directory, name: str) -> SecurityProfile:
    profile = directory.find_by_name(SecurityProfile, name)
    assert profile is not None
    return profile


def _routing(directory: Directory) -> RoutingProfile:
    profile = directory.find_by_name(RoutingProfile, "Basic Routing Profile")
    assert profile is not None
    return profile


def _create(directory: Directory, env: Env | None = None, **overrides: Any) -> User:
    arguments: dict[str, Any] = {
        "username": "jane",
        "security_profile_ids": [_profile(directory, "Agent").id],
        "routing_profile_id": _routing(directory).id,
        "password_hash": "argon2-hash"
        if directory.instance.identity_management_type is IdentityManagementType.CONNECT_MANAGED
        else None,
        "identity_info": JANE,
    }
    arguments.update(overrides)
    return run(directory, create_user(directory, env or fixed_env(prefix="u"), **arguments))


# -- passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Sh0rt", "8 to 64 characters"),
        ("A1" + "a" * 63, "8 to 64 characters"),
        ("alllower123", "upper-case"),
        ("ALLUPPER123", "lower-case"),
        ("NoDigitsHere", "digit"),
        ("Has Space1x", "no spaces"),
    ],
)
def test_weak_passwords_are_refused_without_repeating_them(password: str, problem: str) -> None:
    with pytest.raises(InvalidParameter, match=problem) as refused:
        check_password_policy(password)
    assert password not in refused.value.message


def test_a_password_with_lower_upper_digit_and_symbols_is_accepted() -> None:
    check_password_policy("Secr3t!pass")
    check_password_policy("Aa1" + "x" * 61)


def test_connect_managed_instances_require_a_password_others_refuse_one() -> None:
    managed = new_directory().instance
    with pytest.raises(InvalidParameter, match="Password is required"):
        check_password_for(managed, None)
    check_password_for(managed, "Secr3tpass")
    for identity in (IdentityManagementType.SAML, IdentityManagementType.EXISTING_DIRECTORY):
        other = new_directory(identity=identity).instance
        check_password_for(other, None)
        with pytest.raises(InvalidRequest, match=identity.value):
            check_password_for(other, "Secr3tpass")


def test_the_create_command_keeps_the_same_password_rules() -> None:
    directory = new_directory()
    with pytest.raises(InvalidParameter, match="Password is required"):
        _create(directory, password_hash=None)
    saml = new_directory(identity=IdentityManagementType.SAML)
    with pytest.raises(InvalidRequest, match="no password"):
        _create(saml, password_hash="hash")


# -- creating -----------------------------------------------------------------------------------


def test_a_new_user_gets_an_agent_queue_of_their_own() -> None:
    directory = new_directory()
    user = _create(directory)
    assert user.arn == f"{directory.instance.arn}/agent/{user.id}"
    assert user.password_hash == "argon2-hash"
    assert user.directory_user_id is not None
    assert user.last_modified_time == NOW
    queue = directory.get(Queue, user.id)
    assert queue is not None
    assert queue.queue_type is QueueType.AGENT
    assert queue.arn == f"{directory.instance.arn}/queue/agent/{user.id}"
    assert queue.name == "jane"
    assert queue.user_id == user.id
    assert queue.hours_of_operation_id is None


def test_usernames_are_unique_regardless_of_case() -> None:
    directory = new_directory()
    _create(directory)
    with pytest.raises(DuplicateResource, match="JANE") as refused:
        _create(directory, username="JANE")
    assert directory.instance.id in refused.value.message


@pytest.mark.parametrize(
    ("identity", "username", "problem"),
    [
        (IdentityManagementType.CONNECT_MANAGED, "a" * 21, "at most 20"),
        (IdentityManagementType.SAML, "a" * 65, "at most 64"),
        (IdentityManagementType.CONNECT_MANAGED, "jane doe", "only letters"),
        (IdentityManagementType.CONNECT_MANAGED, "jane@example", "email address"),
    ],
)
def test_usernames_follow_connects_rules(
    identity: IdentityManagementType, username: str, problem: str
) -> None:
    directory = new_directory(identity=identity)
    with pytest.raises(InvalidParameter, match=problem):
        _create(directory, username=username)


def test_long_email_usernames_are_fine_with_saml() -> None:
    directory = new_directory(identity=IdentityManagementType.SAML)
    user = _create(directory, username="jane.doe.the.agent@example.com")
    assert user.username == "jane.doe.the.agent@example.com"


def test_first_and_last_names_are_required_except_with_an_existing_directory() -> None:
    with pytest.raises(InvalidParameter, match="FirstName is required"):
        _create(new_directory(), identity_info=IdentityInfo(last_name="Doe"))
    with pytest.raises(InvalidParameter, match="LastName is required"):
        _create(new_directory(), identity_info=IdentityInfo(first_name="Jane"))
    directory = new_directory(identity=IdentityManagementType.EXISTING_DIRECTORY)
    assert _create(directory, identity_info=None).identity_info == IdentityInfo()


@pytest.mark.parametrize(
    ("info", "problem"),
    [
        (replace(JANE, email="not-an-email"), "Email 'not-an-email'"),
        (replace(JANE, secondary_email="x@y"), "SecondaryEmail"),
        (replace(JANE, mobile="555-0100"), "Mobile"),
        (replace(JANE, first_name="Jose\u0301"), "NFC"),
    ],
)
def test_identity_details_must_be_well_formed(info: IdentityInfo, problem: str) -> None:
    with pytest.raises(InvalidParameter, match=problem):
        _create(new_directory(), identity_info=info)


def test_references_must_exist_and_an_arn_may_name_them() -> None:
    directory = new_directory()
    with pytest.raises(ResourceNotFound, match="no-such-profile"):
        _create(directory, security_profile_ids=["no-such-profile"])
    with pytest.raises(ResourceNotFound, match="no-such-routing"):
        _create(directory, routing_profile_id="no-such-routing")
    with pytest.raises(ResourceNotFound, match="hierarchy group"):
        _create(directory, hierarchy_group_id="group-1")
    with pytest.raises(InvalidParameter, match="at least one security profile"):
        _create(directory, security_profile_ids=[])
    agent = _profile(directory, "Agent")
    user = _create(
        directory,
        security_profile_ids=[agent.arn, agent.id],
        routing_profile_id=_routing(directory).arn,
    )
    assert user.security_profile_ids == (agent.id,)
    assert user.routing_profile_id == _routing(directory).id


def test_saml_users_cannot_be_given_a_directory_user_id() -> None:
    with pytest.raises(InvalidRequest, match="DirectoryUserId"):
        _create(new_directory(identity=IdentityManagementType.SAML), directory_user_id="d-1")


def test_a_refused_create_changes_nothing() -> None:
    directory = new_directory()
    before = list(directory)
    with pytest.raises(InvalidParameter):
        create_user(
            directory,
            fixed_env(),
            username="jane",
            security_profile_ids=[_profile(directory, "Agent").id],
            routing_profile_id=_routing(directory).id,
            password_hash="hash",
            identity_info=JANE,
            phone_config=PhoneConfig(phone_type=PhoneType.DESK_PHONE),
        )
    assert list(directory) == before


# -- phone and channel settings ---------------------------------------------------------------


def test_the_older_phone_config_sets_voice_auto_accept_and_every_channels_work_limit() -> None:
    directory = new_directory()
    user = _create(
        directory,
        phone_config=PhoneConfig(
            phone_type=PhoneType.DESK_PHONE,
            auto_accept=True,
            after_contact_work_time_limit=30,
            desk_phone_number="+12065550100",
            persistent_connection=True,
        ),
    )
    assert user.phone_type is PhoneType.DESK_PHONE
    assert user.desk_phone_number == "+12065550100"
    assert user.persistent_connection
    assert user.channel_config(Channel.VOICE).auto_accept
    assert not user.channel_config(Channel.CHAT).auto_accept
    assert {user.channel_config(c).after_contact_work_time_limit for c in Channel} == {30}


def test_per_channel_settings_change_only_the_channels_they_name() -> None:
    directory = new_directory()
    user = _create(directory)
    updated = run(
        directory,
        update_user_config(
            directory,
            fixed_env(),
            user.id,
            ChannelSettings(
                auto_accept=[AutoAcceptSetting(Channel.CHAT, True)],
                after_contact_work=[
                    AfterContactWorkSetting(Channel.VOICE, 60, agent_first_callback_time_limit=5)
                ],
                phone_numbers=[
                    PhoneNumberSetting(Channel.VOICE, PhoneType.DESK_PHONE, "+12065550123")
                ],
                persistent_connection=[PersistentConnectionSetting(Channel.VOICE, True)],
                voice_enhancement=[
                    VoiceEnhancementSetting(Channel.VOICE, VoiceEnhancementMode.NOISE_SUPPRESSION)
                ],
            ),
        ),
    )
    assert updated.channel_config(Channel.CHAT).auto_accept
    assert not updated.channel_config(Channel.VOICE).auto_accept
    assert updated.channel_config(Channel.VOICE).after_contact_work_time_limit == 60
    voice = updated.channel_config(Channel.VOICE)
    assert voice.agent_first_callback_after_contact_work_time_limit == 5
    assert updated.channel_config(Channel.TASK).after_contact_work_time_limit == 0
    assert updated.phone_type is PhoneType.DESK_PHONE
    assert updated.desk_phone_number == "+12065550123"
    assert updated.persistent_connection
    assert updated.voice_enhancement_mode is VoiceEnhancementMode.NOISE_SUPPRESSION
    assert directory.get(User, user.id) == updated


def test_update_phone_config_keeps_what_is_not_given() -> None:
    directory = new_directory()
    user = _create(
        directory,
        phone_config=PhoneConfig(phone_type=PhoneType.DESK_PHONE, desk_phone_number="+12065550100"),
    )
    updated = run(
        directory,
        update_user_phone_config(directory, fixed_env(), user.id, PhoneConfig(auto_accept=True)),
    )
    assert updated.phone_type is PhoneType.DESK_PHONE
    assert updated.desk_phone_number == "+12065550100"
    assert updated.channel_config(Channel.VOICE).auto_accept
    soft = run(
        directory,
        update_user_phone_config(
            directory, fixed_env(), user.id, PhoneConfig(phone_type=PhoneType.SOFT_PHONE)
        ),
    )
    assert soft.phone_type is PhoneType.SOFT_PHONE
    assert soft.desk_phone_number is None


@pytest.mark.parametrize(
    ("phone", "problem"),
    [
        (PhoneConfig(phone_type=PhoneType.DESK_PHONE), "needs a phone number"),
        (
            PhoneConfig(phone_type=PhoneType.DESK_PHONE, desk_phone_number="2065550100"),
            "not an E.164",
        ),
        (PhoneConfig(phone_type=PhoneType.DESK_PHONE, desk_phone_number="+1911"), "emergency"),
        (
            PhoneConfig(phone_type=PhoneType.DESK_PHONE, desk_phone_number="+33142685300"),
            "not allowed",
        ),
        (PhoneConfig(after_contact_work_time_limit=2_000_001), "between 0"),
    ],
)
def test_bad_phone_settings_are_refused_and_change_nothing(
    phone: PhoneConfig, problem: str
) -> None:
    directory = new_directory()
    user = _create(directory)
    with pytest.raises(InvalidParameter, match=problem):
        update_user_phone_config(directory, fixed_env(), user.id, phone)
    assert directory.get(User, user.id) == user


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        (
            ChannelSettings(
                auto_accept=[
                    AutoAcceptSetting(Channel.CHAT, True),
                    AutoAcceptSetting(Channel.CHAT, False),
                ]
            ),
            "more than once",
        ),
        (
            ChannelSettings(phone_numbers=[PhoneNumberSetting(Channel.CHAT, PhoneType.SOFT_PHONE)]),
            "only the VOICE channel",
        ),
        (
            ChannelSettings(auto_accept=[AutoAcceptSetting(Channel.TASK, True, True)]),
            "AgentFirstCallbackAutoAccept",
        ),
        (
            ChannelSettings(after_contact_work=[AfterContactWorkSetting(Channel.CHAT, -1)]),
            "between 0",
        ),
    ],
)
def test_bad_channel_settings_are_refused(settings: ChannelSettings, problem: str) -> None:
    directory = new_directory()
    user = _create(directory)
    with pytest.raises(InvalidParameter, match=problem):
        update_user_config(directory, fixed_env(), user.id, settings)


def test_a_setting_given_both_ways_at_once_is_refused() -> None:
    with pytest.raises(InvalidParameter, match=r"PhoneConfig\.AutoAccept or AutoAcceptConfigs"):
        _create(
            new_directory(),
            phone_config=PhoneConfig(auto_accept=True),
            channel_settings=ChannelSettings(auto_accept=[AutoAcceptSetting(Channel.VOICE, True)]),
        )


# -- other updates ------------------------------------------------------------------------------


def test_identity_updates_keep_what_is_left_out_and_empty_values_clear() -> None:
    directory = new_directory()
    user = _create(directory, identity_info=replace(JANE, email="jane@example.com"))
    updated = run(
        directory,
        update_user_identity_info(
            directory, fixed_env(), user.id, IdentityInfo(email="", mobile="+12065550100")
        ),
    )
    assert updated.identity_info == IdentityInfo(
        first_name="Jane", last_name="Doe", mobile="+12065550100"
    )
    with pytest.raises(InvalidParameter, match="FirstName is required"):
        update_user_identity_info(directory, fixed_env(), user.id, IdentityInfo(first_name=""))


def test_an_existing_directory_owns_names_and_email() -> None:
    directory = new_directory(identity=IdentityManagementType.EXISTING_DIRECTORY)
    user = _create(directory, identity_info=None)
    with pytest.raises(InvalidRequest, match="FirstName, Email"):
        update_user_identity_info(
            directory, fixed_env(), user.id, IdentityInfo(first_name="J", email="j@example.com")
        )
    updated = run(
        directory,
        update_user_identity_info(
            directory, fixed_env(), user.id, IdentityInfo(mobile="+12065550100")
        ),
    )
    assert updated.identity_info.mobile == "+12065550100"


def test_security_and_routing_profiles_can_be_replaced() -> None:
    directory = new_directory()
    user = _create(directory)
    admin, manager = _profile(directory, "Admin"), _profile(directory, "CallCenterManager")
    updated = run(
        directory,
        update_user_security_profiles(directory, fixed_env(), user.id, [admin.id, manager.arn]),
    )
    assert updated.security_profile_ids == (admin.id, manager.id)
    with pytest.raises(InvalidParameter, match="at least one"):
        update_user_security_profiles(directory, fixed_env(), user.id, [])
    with pytest.raises(ResourceNotFound, match="nope"):
        update_user_routing_profile(directory, fixed_env(), user.id, "nope")
    same = run(
        directory,
        update_user_routing_profile(directory, fixed_env(), user.id, _routing(directory).arn),
    )
    assert same.routing_profile_id == _routing(directory).id


def test_permissions_are_the_union_of_the_users_profiles() -> None:
    directory = new_directory()
    custom = run(
        directory,
        create_security_profile(
            directory, fixed_env(prefix="sp"), name="Listeners", permissions=["ManagerListenIn"]
        ),
    )
    user = _create(directory, security_profile_ids=[_profile(directory, "Agent").id, custom.id])
    granted = user_permissions(directory, user)
    assert granted == DEFAULT_PROFILES["Agent"][1] | {"ManagerListenIn"}
    assert BASIC_AGENT_ACCESS in granted


# -- deleting -----------------------------------------------------------------------------------


def test_deleting_a_user_deletes_their_agent_queue() -> None:
    directory = new_directory()
    user = _create(directory)
    run(directory, delete_user(directory, user.arn))
    assert directory.get(User, user.id) is None
    assert directory.get(Queue, user.id) is None
    with pytest.raises(ResourceNotFound, match=user.id):
        delete_user(directory, user.id)


def test_a_user_that_a_quick_connect_targets_cannot_be_deleted() -> None:
    directory = new_directory()
    user = _create(directory)
    quick = QuickConnect(
        id="qc-1",
        arn=directory.arn_for(QuickConnect, "qc-1"),
        name="Jane direct",
        quick_connect_type=QuickConnectType.USER,
        user_id=user.id,
        last_modified_time=NOW,
        last_modified_region="us-east-1",
    )
    directory.apply([Put(quick)])
    with pytest.raises(ResourceInUse, match="Jane direct"):
        delete_user(directory, user.id)
    assert directory.get(User, user.id) == user
    assert directory.get(Queue, user.id) is not None
