"""Users: the agents, supervisors and admins of an instance.

Per-channel settings follow Amazon Connect: whether offered contacts are accepted without a
click (auto-accept) and how long after-contact work may last (0 = until the agent closes the
contact). Voice also has the phone type: the browser softphone, or a desk phone number that the
carrier rings for every call.

The settings themselves, and the two ways Connect has of writing them, are in user_settings.py.

Every user also gets an AGENT queue of their own (id = user id), which is how a contact is
transferred to one particular agent; it lives and dies with the user.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from opencontact.domain.base import Channel, Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.dialing import check_e164
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DuplicateResource,
    InvalidParameter,
    InvalidRequest,
    ResourceNotFound,
)
from opencontact.domain.instance import IdentityManagementType, Instance
from opencontact.domain.queues import Queue, QueueType
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile, permissions_of
from opencontact.domain.user_settings import (
    ChannelConfig,
    ChannelSettings,
    PhoneConfig,
    PhoneType,
    VoiceEnhancementMode,
    check_no_conflict,
    configured,
)

MAX_SECURITY_PROFILES = 10
_USERNAME_LIMITS = {IdentityManagementType.SAML: 64}
_DEFAULT_USERNAME_LIMIT = 20
_USERNAME_CHARS = re.compile(r"^[A-Za-z0-9_.@-]+$")
_EMAIL = re.compile(r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$")
_PASSWORD_MIN, _PASSWORD_MAX = 8, 64


@dataclass(frozen=True)
class IdentityInfo:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    secondary_email: str | None = None
    mobile: str | None = None


@dataclass(frozen=True, kw_only=True)
class User(Resource):
    kind: ClassVar[str] = "user"
    label: ClassVar[str] = "user"
    arn_segment: ClassVar[str] = "agent"

    username: str
    identity_info: IdentityInfo = IdentityInfo()
    # A salted one-way hash, only for instances that manage their own users.
    password_hash: str | None = field(default=None, repr=False)
    directory_user_id: str | None = None
    security_profile_ids: tuple[str, ...]
    routing_profile_id: str
    hierarchy_group_id: str | None = None
    phone_type: PhoneType = PhoneType.SOFT_PHONE
    desk_phone_number: str | None = None
    persistent_connection: bool = False
    voice_enhancement_mode: VoiceEnhancementMode | None = None
    channel_configs: Mapping[Channel, ChannelConfig] = field(default_factory=dict)

    @property
    def unique_name(self) -> str:
        return self.username

    def channel_config(self, channel: Channel) -> ChannelConfig:
        return self.channel_configs.get(channel, ChannelConfig())

    def references(self) -> Iterable[tuple[str, str]]:
        yield ("routing-profile", self.routing_profile_id)
        for profile_id in self.security_profile_ids:
            yield ("security-profile", profile_id)


# -- rules --------------------------------------------------------------------------------------


def check_password_policy(password: str) -> None:
    """Connect's policy: 8 to 64 characters, no spaces, at least one lower-case letter, one
    upper-case letter and one digit. The message never repeats the password."""
    problems = []
    if not _PASSWORD_MIN <= len(password) <= _PASSWORD_MAX:
        problems.append(f"be {_PASSWORD_MIN} to {_PASSWORD_MAX} characters long")
    if any(c.isspace() for c in password):
        problems.append("contain no spaces")
    if not re.search(r"[a-z]", password):
        problems.append("contain a lower-case letter")
    if not re.search(r"[A-Z]", password):
        problems.append("contain an upper-case letter")
    if not re.search(r"\d", password):
        problems.append("contain a digit")
    if problems:
        raise InvalidParameter("The password must " + ", ".join(problems) + ".")


def check_password_for(instance: Instance, password: str | None) -> None:
    """Only instances that manage their own users keep passwords, and there one is required."""
    if instance.keeps_passwords:
        if password is None:
            raise InvalidParameter(
                "A Password is required: instance "
                f"{instance.id} manages its own users (CONNECT_MANAGED)."
            )
        check_password_policy(password)
    elif password is not None:
        raise InvalidRequest(
            f"Instance {instance.id} uses {instance.identity_management_type.value} identity "
            "management, so its users have no password here; leave Password out."
        )


def check_username(username: str, identity: IdentityManagementType) -> None:
    limit = _USERNAME_LIMITS.get(identity, _DEFAULT_USERNAME_LIMIT)
    if len(username) > limit:
        raise InvalidParameter(
            f"Username '{username}' is {len(username)} characters long; users of a "
            f"{identity.value} instance may have at most {limit}."
        )
    if not _USERNAME_CHARS.match(username):
        raise InvalidParameter(
            f"Username '{username}' may contain only letters, digits and the characters _ - . @"
        )
    if "@" in username and not _EMAIL.match(username):
        raise InvalidParameter(
            f"Username '{username}' may contain @ only as an email address, "
            "such as testuser@example.com."
        )


def check_identity_info(info: IdentityInfo, identity: IdentityManagementType) -> None:
    names_required = identity is not IdentityManagementType.EXISTING_DIRECTORY
    for label, value, managed_limit in (
        ("FirstName", info.first_name, 255),
        ("LastName", info.last_name, 256),
    ):
        if names_required and not value:
            raise InvalidParameter(
                f"IdentityInfo.{label} is required for users of a {identity.value} instance."
            )
        if value and not unicodedata.is_normalized("NFC", value):
            raise InvalidParameter(
                f"IdentityInfo.{label} '{value}' must be in Unicode normalization form C (NFC)."
            )
        if (
            value
            and identity is IdentityManagementType.CONNECT_MANAGED
            and len(value) > managed_limit
        ):
            raise InvalidParameter(
                f"IdentityInfo.{label} may have at most {managed_limit} characters."
            )
    for label, address in (("Email", info.email), ("SecondaryEmail", info.secondary_email)):
        if address and not _EMAIL.match(address):
            raise InvalidParameter(f"IdentityInfo.{label} '{address}' is not an email address.")
    if info.mobile:
        check_e164(info.mobile, "IdentityInfo.Mobile")


# -- finding ------------------------------------------------------------------------------------


def agent_queue_of(directory: Directory, user: User) -> Queue | None:
    return directory.get(Queue, user.id)


def user_permissions(directory: Directory, user: User) -> frozenset[str]:
    """Everything any of the user's security profiles allows."""
    profiles = (directory.get(SecurityProfile, i) for i in user.security_profile_ids)
    return permissions_of(p for p in profiles if p is not None)


def _security_profile_ids(directory: Directory, references: Sequence[str]) -> tuple[str, ...]:
    if not references:
        raise InvalidParameter("A user needs at least one security profile in SecurityProfileIds.")
    ids: list[str] = []
    for reference in references:
        profile = directory.require_reference(SecurityProfile, reference, "SecurityProfileIds")
        if profile.id not in ids:
            ids.append(profile.id)
    if len(ids) > MAX_SECURITY_PROFILES:
        raise InvalidParameter(
            f"A user can have at most {MAX_SECURITY_PROFILES} security profiles, not {len(ids)}."
        )
    return tuple(ids)


def _check_hierarchy_group(directory: Directory, group_id: str | None) -> None:
    if group_id is not None:
        raise ResourceNotFound(
            f"HierarchyGroupId '{group_id}' does not name a hierarchy group in instance "
            f"{directory.instance.id} (OpenContact has no agent hierarchies yet)."
        )


def _check_username_free(directory: Directory, username: str) -> None:
    """Usernames are what people log in with, so they are unique regardless of case."""
    wanted = username.casefold()
    for existing in directory.all(User):
        if existing.username.casefold() == wanted:
            raise DuplicateResource(
                f"The user {username} is already associated with the instance "
                f"{directory.instance.id}."
            )


# -- commands -----------------------------------------------------------------------------------


def create_user(
    directory: Directory,
    env: Env,
    *,
    username: str,
    security_profile_ids: Sequence[str],
    routing_profile_id: str,
    password_hash: str | None = None,
    identity_info: IdentityInfo | None = None,
    phone_config: PhoneConfig | None = None,
    channel_settings: ChannelSettings | None = None,
    directory_user_id: str | None = None,
    hierarchy_group_id: str | None = None,
    tags: Tags | None = None,
) -> Outcome[User]:
    """A new user and their agent queue. The caller hashes the password (after
    `check_password_for`); only the hash is kept."""
    instance = directory.instance
    identity = instance.identity_management_type
    check_username(username, identity)
    _check_username_free(directory, username)
    if instance.keeps_passwords and password_hash is None:
        raise InvalidParameter(
            f"A Password is required: instance {instance.id} manages its own users."
        )
    if not instance.keeps_passwords and password_hash is not None:
        raise InvalidRequest(f"Users of a {identity.value} instance have no password here.")
    if directory_user_id is not None and identity is IdentityManagementType.SAML:
        raise InvalidRequest("DirectoryUserId cannot be given for users of a SAML instance.")
    info = identity_info or IdentityInfo()
    check_identity_info(info, identity)
    profile_ids = _security_profile_ids(directory, security_profile_ids)
    routing = directory.require_reference(RoutingProfile, routing_profile_id, "RoutingProfileId")
    _check_hierarchy_group(directory, hierarchy_group_id)
    check_tags(tags or {})
    phone = phone_config or PhoneConfig()
    settings = channel_settings or ChannelSettings()
    check_no_conflict(phone, settings)
    user_id = env.new_id()
    user = User(
        id=user_id,
        arn=directory.arn_for(User, user_id),
        username=username,
        identity_info=info,
        password_hash=password_hash,
        directory_user_id=directory_user_id or env.new_id(),
        security_profile_ids=profile_ids,
        routing_profile_id=routing.id,
        tags=dict(tags or {}),
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    user = configured(user, phone, settings, instance)
    queue = Queue(
        id=user.id,
        arn=f"{instance.arn}/{Queue.arn_segment}/agent/{user.id}",
        name=username,
        queue_type=QueueType.AGENT,
        user_id=user.id,
        hours_of_operation_id=None,
        last_modified_time=env.now,
        last_modified_region=env.region,
    )
    return Outcome(user, [Put(user), Put(queue)])


def _touched(user: User, env: Env) -> User:
    return replace(user, last_modified_time=env.now, last_modified_region=env.region)


def update_user_identity_info(
    directory: Directory, env: Env, user_id: str, identity_info: IdentityInfo
) -> Outcome[User]:
    """Members left out keep their value; an empty Email, SecondaryEmail or Mobile clears it.
    A directory-backed instance takes names and email from the directory."""
    user = directory.require(User, user_id)
    identity = directory.instance.identity_management_type
    given = identity_info
    if identity is IdentityManagementType.EXISTING_DIRECTORY:
        managed = [
            label
            for label, value in (
                ("FirstName", given.first_name),
                ("LastName", given.last_name),
                ("Email", given.email),
            )
            if value is not None
        ]
        if managed:
            raise InvalidRequest(
                f"{', '.join(managed)} of users of an EXISTING_DIRECTORY instance come from the "
                "directory and cannot be changed here."
            )
    current = user.identity_info

    def merged(new: str | None, old: str | None) -> str | None:
        return old if new is None else (new or None)

    info = IdentityInfo(
        first_name=current.first_name if given.first_name is None else given.first_name,
        last_name=current.last_name if given.last_name is None else given.last_name,
        email=merged(given.email, current.email),
        secondary_email=merged(given.secondary_email, current.secondary_email),
        mobile=merged(given.mobile, current.mobile),
    )
    check_identity_info(info, identity)
    updated = _touched(replace(user, identity_info=info), env)
    return Outcome(updated, [Put(updated)])


def update_user_phone_config(
    directory: Directory, env: Env, user_id: str, phone_config: PhoneConfig
) -> Outcome[User]:
    """The older settings: members left out keep their value."""
    user = directory.require(User, user_id)
    updated = configured(user, phone_config, ChannelSettings(), directory.instance)
    updated = _touched(updated, env)
    return Outcome(updated, [Put(updated)])


def update_user_config(
    directory: Directory, env: Env, user_id: str, settings: ChannelSettings
) -> Outcome[User]:
    """Per-channel settings: channels left out keep theirs."""
    user = directory.require(User, user_id)
    updated = _touched(configured(user, PhoneConfig(), settings, directory.instance), env)
    return Outcome(updated, [Put(updated)])


def update_user_security_profiles(
    directory: Directory, env: Env, user_id: str, security_profile_ids: Sequence[str]
) -> Outcome[User]:
    user = directory.require(User, user_id)
    profile_ids = _security_profile_ids(directory, security_profile_ids)
    updated = _touched(replace(user, security_profile_ids=profile_ids), env)
    return Outcome(updated, [Put(updated)])


def update_user_routing_profile(
    directory: Directory, env: Env, user_id: str, routing_profile_id: str
) -> Outcome[User]:
    user = directory.require(User, user_id)
    routing = directory.require_reference(RoutingProfile, routing_profile_id, "RoutingProfileId")
    updated = _touched(replace(user, routing_profile_id=routing.id), env)
    return Outcome(updated, [Put(updated)])


def delete_user(directory: Directory, user_id: str) -> Outcome[None]:
    """Refused while a quick connect (or anything else) still points at the user or their
    agent queue, so that no transfer option leads nowhere."""
    user = directory.require(User, user_id)
    directory.check_not_in_use(user)
    changes: list[Put | Remove] = [Remove(user)]
    queue = agent_queue_of(directory, user)
    if queue is not None:
        directory.check_not_in_use(queue)
        changes.append(Remove(queue))
    return Outcome(None, changes)


def set_password_hash(
    directory: Directory, env: Env, user_id: str, password_hash: str
) -> Outcome[User]:
    """A new password (already checked against the policy and hashed by the caller)."""
    user = directory.require(User, user_id)
    if not directory.instance.keeps_passwords:
        raise InvalidRequest(
            f"Users of a {directory.instance.identity_management_type.value} instance have no "
            "password here."
        )
    updated = _touched(replace(user, password_hash=password_hash), env)
    return Outcome(updated, [Put(updated)])
