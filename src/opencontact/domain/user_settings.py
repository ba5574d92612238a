"""How a user's calls reach them and what happens around each contact, per channel.

Connect has two ways of writing these settings: the older `PhoneConfig` (one auto-accept flag
for calls, one after-contact-work limit for every channel, the phone type and desk number) and
the per-channel lists (`AutoAcceptConfigs`, `AfterContactWorkConfigs`, `PhoneNumberConfigs`,
...). Both write the same stored settings, so either view read back agrees with the other.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from opencontact.domain.base import Channel
from opencontact.domain.dialing import check_dialable, dial_plan
from opencontact.domain.errors import DestinationNotAllowed, InvalidParameter
from opencontact.domain.instance import Instance

if TYPE_CHECKING:
    from opencontact.domain.users import User

# Connect's ceiling for any after-contact-work limit: 24 days, in seconds.
MAX_AFTER_CONTACT_WORK = 2_000_000


class PhoneType(enum.StrEnum):
    SOFT_PHONE = "SOFT_PHONE"
    DESK_PHONE = "DESK_PHONE"


class VoiceEnhancementMode(enum.StrEnum):
    VOICE_ISOLATION = "VOICE_ISOLATION"
    NOISE_SUPPRESSION = "NOISE_SUPPRESSION"
    NONE = "NONE"


@dataclass(frozen=True)
class ChannelConfig:
    auto_accept: bool = False
    # Seconds of after-contact work before it ends by itself; 0 = until the agent closes it.
    after_contact_work_time_limit: int = 0
    # Agent-first callbacks (voice only) may be set apart; None = as for other contacts.
    agent_first_callback_auto_accept: bool | None = None
    agent_first_callback_after_contact_work_time_limit: int | None = None


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


def check_no_conflict(phone: PhoneConfig, settings: ChannelSettings) -> None:
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


def configured(
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
