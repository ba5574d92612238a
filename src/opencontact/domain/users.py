"""Users: the agents, supervisors and admins of an instance.

Per-channel settings follow Amazon Connect: whether offered contacts are accepted without a
click (auto-accept) and how long after-contact work may last (0 = until the agent closes the
contact). Voice also has the phone type: the browser softphone, or a desk phone number that the
carrier rings for every call.

Connect has two ways of writing those settings: the older `PhoneConfig` (one auto-accept flag
for calls, one after-contact-work limit for every channel) and the per-channel lists. Both
write the same stored settings, so either view read back agrees with the other.

Every user also gets an AGENT queue of their own (id = user id), which is how a contact is
transferred to one particular agent; it lives and dies with the user.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar

from opencontact.domain.base import Channel, Env, Outcome, Put, Remove, Resource, Tags, check_tags
from opencontact.domain.dialing import check_dialable, check_e164, dial_plan
from opencontact.domain.directory import Directory
from opencontact.domain.errors import (
    DestinationNotAllowed,
    DuplicateResource,
    InvalidParameter,
    InvalidRequest,
    ResourceNotFound,
)
from opencontact.domain.instance import IdentityManagementType, Instance
from opencontact.domain.queues import Queue, QueueType
from opencontact.domain.routing_profiles import RoutingProfile
from opencontact.domain.security_profiles import SecurityProfile, permissions_of

MAX_SECURITY_PROFILES = 10
# Connect's ceiling for any after-contact-work limit: 24 days, in seconds.
MAX_AFTER_CONTACT_WORK = 2_000_000
_USERNAME_LIMITS = {IdentityManagementType.SAML: 64}
_DEFAULT_USERNAME_LIMIT = 20
_USERNAME_CHARS = re.compile(r"^[A-Za-z0-9_.@-]+$")
_EMAIL = re.compile(r"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$")
_PASSWORD_MIN, _PASSWORD_MAX = 8, 64


class PhoneType(enum.StrEnum):
    SOFT_PHONE = "SOFT_PHONE"
    DESK_PHONE = "DESK_PHONE"


class VoiceEnhancementMode(enum.StrEnum):
    VOICE_ISOLATION = "VOICE_ISOLATION"
    NOISE_SUPPRESSION = "NOISE_SUPPRESSION"
    NONE = "NONE"


@dataclass(frozen=True)
class IdentityInfo:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    secondary_email: str | None = None
    mobile: str | None = None


@dataclass(frozen=True)
class ChannelConfig:
    auto_accept: bool = False
    # Seconds of after-contact work before it ends by itself; 0 = until the agent closes it.
    after_contact_work_time_limit: int = 0
    # Agent-first callbacks (voice only) may be set apart; None = as for other contacts.
    agent_first_callback_auto_accept: bool | None = None
    agent_first_callback_after_contact_work_time_limit: int | None = None


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


# -- the two ways of giving phone and channel settings ----------------------------------------


@dataclass(frozen=True)
class PhoneConfig:
    """The older, voice-centred settings (`PhoneConfig`); None = not given."""

    phone_type: PhoneType | None = None
    auto_accept: bool | None = None
    after_contact_work_time_limit: int | None = None
    desk_phone_number: str | None = None
    persistent_connection: bool | None = None


@dataclass(frozen=True)
class AutoAcceptSetting:
    channel: Channel
    auto_accept: bool
    agent_first_callback: bool | None = None


@dataclass(frozen=True)
class AfterContactWorkSetting:
    channel: Channel
    time_limit: int
    agent_first_callback_time_limit: int | None = None


@dataclass(frozen=True)
class PhoneNumberSetting:
    channel: Channel
    phone_type: PhoneType
    phone_number: str | None = None


@dataclass(frozen=True)
class PersistentConnectionSetting:
    channel: Channel
    enabled: bool


@dataclass(frozen=True)
class VoiceEnhancementSetting:
    channel: Channel
    mode: VoiceEnhancementMode


@dataclass(frozen=True)
class ChannelSettings:
    """The per-channel lists (`AutoAcceptConfigs`, ...); each names only the channels it
    changes."""

    auto_accept: Sequence[AutoAcceptSetting] = ()
    after_contact_work: Sequence[AfterContactWorkSetting] = ()
    phone_numbers: Sequence[PhoneNumberSetting] = ()
    persistent_connection: Sequence[PersistentConnectionSetting] = ()
    voice_enhancement: Sequence[VoiceEnhancementSetting] = ()


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


def _check_desk_phone(number: str, instance: Instance, field_name: str) -> str:
    """A desk phone is rung like any outbound call, so the region's dial plan applies."""
    try:
        return check_dialable(number, dial_plan(instance.region), field_name)
    except DestinationNotAllowed as refused:
        raise InvalidParameter(f"{field_name}: {refused.message}") from None


def _check_time_limit(seconds: int, field_name: str) -> None:
    if not 0 <= seconds <= MAX_AFTER_CONTACT_WORK:
        raise InvalidParameter(
            f"{field_name} must be between 0 (until the agent closes the contact) and "
            f"{MAX_AFTER_CONTACT_WORK} seconds, not {seconds}."
        )


def _check_channels(settings: ChannelSettings) -> None:
    lists = (
        ("AutoAcceptConfigs", [s.channel for s in settings.auto_accept], False),
        ("AfterContactWorkConfigs", [s.channel for s in settings.after_contact_work], False),
        ("PhoneNumberConfigs", [s.channel for s in settings.phone_numbers], True),
        ("PersistentConnectionConfigs", [s.channel for s in settings.persistent_connection], True),
        ("VoiceEnhancementConfigs", [s.channel for s in settings.voice_enhancement], True),
    )
    for label, channels, voice_only in lists:
        for position, channel in enumerate(channels):
            if channel in channels[:position]:
                raise InvalidParameter(f"{label} names channel {channel.value} more than once.")
            if voice_only and channel is not Channel.VOICE:
                raise InvalidParameter(
                    f"{label} supports only the VOICE channel, not {channel.value}."
                )
    for auto in settings.auto_accept:
        if auto.agent_first_callback is not None and auto.channel is not Channel.VOICE:
            raise InvalidParameter(
                "AgentFirstCallbackAutoAccept applies only to the VOICE channel, "
                f"not {auto.channel.value}."
            )
    for work in settings.after_contact_work:
        _check_time_limit(work.time_limit, f"AfterContactWorkTimeLimit for {work.channel.value}")
        if work.agent_first_callback_time_limit is not None:
            if work.channel is not Channel.VOICE:
                raise InvalidParameter(
                    "AgentFirstCallbackAfterContactWorkConfig applies only to the VOICE "
                    f"channel, not {work.channel.value}."
                )
            _check_time_limit(
                work.agent_first_callback_time_limit,
                "AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit",
            )


def _check_no_conflict(phone: PhoneConfig, settings: ChannelSettings) -> None:
    """Connect refuses a setting given both ways in one request."""
    pairs = (
        ("PhoneConfig.AutoAccept", phone.auto_accept, "AutoAcceptConfigs", settings.auto_accept),
        (
            "PhoneConfig.AfterContactWorkTimeLimit",
            phone.after_contact_work_time_limit,
            "AfterContactWorkConfigs",
            settings.after_contact_work,
        ),
        ("PhoneConfig.PhoneType", phone.phone_type, "PhoneNumberConfigs", settings.phone_numbers),
        (
            "PhoneConfig.DeskPhoneNumber",
            phone.desk_phone_number,
            "PhoneNumberConfigs",
            settings.phone_numbers,
        ),
        (
            "PhoneConfig.PersistentConnection",
            phone.persistent_connection,
            "PersistentConnectionConfigs",
            settings.persistent_connection,
        ),
    )
    for old, old_value, new, new_value in pairs:
        if old_value is not None and new_value:
            raise InvalidParameter(f"Give either {old} or {new}, not both.")


def _set_phone(
    user: User,
    phone_type: PhoneType | None,
    number: str | None,
    field_name: str,
    instance: Instance,
) -> User:
    """The phone type and desk number travel together: giving a type without a number clears
    the number, and a desk phone needs one."""
    if phone_type is None and number is None:
        return user
    new_type = user.phone_type if phone_type is None else phone_type
    new_number = user.desk_phone_number if phone_type is None else number
    if number is not None:
        new_number = _check_desk_phone(number, instance, field_name)
    if new_type is PhoneType.DESK_PHONE and not new_number:
        raise InvalidParameter(f"A DESK_PHONE user needs a phone number in {field_name}.")
    return replace(user, phone_type=new_type, desk_phone_number=new_number)


def _configured(
    user: User, phone: PhoneConfig, settings: ChannelSettings, instance: Instance
) -> User:
    """`user` with both kinds of settings applied (already checked for conflicts)."""
    _check_channels(settings)
    configs = {channel: user.channel_config(channel) for channel in Channel}
    if phone.auto_accept is not None:
        configs[Channel.VOICE] = replace(configs[Channel.VOICE], auto_accept=phone.auto_accept)
    if phone.after_contact_work_time_limit is not None:
        _check_time_limit(phone.after_contact_work_time_limit, "AfterContactWorkTimeLimit")
        # The older API has one limit, which Connect applies to every channel.
        for channel in Channel:
            configs[channel] = replace(
                configs[channel], after_contact_work_time_limit=phone.after_contact_work_time_limit
            )
    for auto in settings.auto_accept:
        configs[auto.channel] = replace(
            configs[auto.channel],
            auto_accept=auto.auto_accept,
            agent_first_callback_auto_accept=auto.agent_first_callback,
        )
    for work in settings.after_contact_work:
        configs[work.channel] = replace(
            configs[work.channel],
            after_contact_work_time_limit=work.time_limit,
            agent_first_callback_after_contact_work_time_limit=work.agent_first_callback_time_limit,
        )
    updated = replace(user, channel_configs=configs)
    updated = _set_phone(
        updated, phone.phone_type, phone.desk_phone_number, "DeskPhoneNumber", instance
    )
    for number in settings.phone_numbers:
        updated = _set_phone(
            updated, number.phone_type, number.phone_number, "PhoneNumberConfigs", instance
        )
    if phone.persistent_connection is not None:
        updated = replace(updated, persistent_connection=phone.persistent_connection)
    for persistent in settings.persistent_connection:
        updated = replace(updated, persistent_connection=persistent.enabled)
    for voice in settings.voice_enhancement:
        updated = replace(updated, voice_enhancement_mode=voice.mode)
    return updated


# -- finding ------------------------------------------------------------------------------------


def find_user(directory: Directory, reference: str) -> User:
    """A user by id or ARN."""
    found = directory.find_by_arn_or_id(User, reference)
    if found is None:
        raise ResourceNotFound(
            f"No user with id '{reference}' exists in instance {directory.instance.id}."
        )
    return found


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
    _check_no_conflict(phone, settings)
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
    user = _configured(user, phone, settings, instance)
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
    user = find_user(directory, user_id)
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
    user = find_user(directory, user_id)
    updated = _configured(user, phone_config, ChannelSettings(), directory.instance)
    updated = _touched(updated, env)
    return Outcome(updated, [Put(updated)])


def update_user_config(
    directory: Directory, env: Env, user_id: str, settings: ChannelSettings
) -> Outcome[User]:
    """Per-channel settings: channels left out keep theirs."""
    user = find_user(directory, user_id)
    updated = _touched(_configured(user, PhoneConfig(), settings, directory.instance), env)
    return Outcome(updated, [Put(updated)])


def update_user_security_profiles(
    directory: Directory, env: Env, user_id: str, security_profile_ids: Sequence[str]
) -> Outcome[User]:
    user = find_user(directory, user_id)
    profile_ids = _security_profile_ids(directory, security_profile_ids)
    updated = _touched(replace(user, security_profile_ids=profile_ids), env)
    return Outcome(updated, [Put(updated)])


def update_user_routing_profile(
    directory: Directory, env: Env, user_id: str, routing_profile_id: str
) -> Outcome[User]:
    user = find_user(directory, user_id)
    routing = directory.require_reference(RoutingProfile, routing_profile_id, "RoutingProfileId")
    updated = _touched(replace(user, routing_profile_id=routing.id), env)
    return Outcome(updated, [Put(updated)])


def delete_user(directory: Directory, user_id: str) -> Outcome[None]:
    """Refused while a quick connect (or anything else) still points at the user or their
    agent queue, so that no transfer option leads nowhere."""
    user = find_user(directory, user_id)
    directory.check_not_in_use(user)
    changes: list[Put | Remove] = [Remove(user)]
    queue = agent_queue_of(directory, user)
    if queue is not None:
        directory.check_not_in_use(queue)
        changes.append(Remove(queue))
    return Outcome(None, changes)
