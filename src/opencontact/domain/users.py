"""Users: the agents, supervisors and admins of an instance.

Per-channel settings follow Amazon Connect: whether offered contacts are accepted without a
click (auto-accept) and how long after-contact work may last (0 = until the agent closes the
contact). Voice also has the phone type: the browser softphone, or a desk phone number that the
carrier rings for every call.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from opencontact.domain.base import Channel, Resource


class PhoneType(enum.StrEnum):
    SOFT_PHONE = "SOFT_PHONE"
    DESK_PHONE = "DESK_PHONE"


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
