"""An Amazon Connect instance: identity management, calling switches and attributes."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar

from opencontact.domain.base import Entity
from opencontact.domain.errors import InvalidParameter, InvalidRequest


class IdentityManagementType(enum.StrEnum):
    CONNECT_MANAGED = "CONNECT_MANAGED"
    SAML = "SAML"
    EXISTING_DIRECTORY = "EXISTING_DIRECTORY"


class InstanceAttributeType(enum.StrEnum):
    INBOUND_CALLS = "INBOUND_CALLS"
    OUTBOUND_CALLS = "OUTBOUND_CALLS"
    CONTACTFLOW_LOGS = "CONTACTFLOW_LOGS"
    CONTACT_LENS = "CONTACT_LENS"
    AUTO_RESOLVE_BEST_VOICES = "AUTO_RESOLVE_BEST_VOICES"
    USE_CUSTOM_TTS_VOICES = "USE_CUSTOM_TTS_VOICES"
    EARLY_MEDIA = "EARLY_MEDIA"
    MULTI_PARTY_CONFERENCE = "MULTI_PARTY_CONFERENCE"
    AUTO_MUTE_AGENT_ON_HOLD = "AUTO_MUTE_AGENT_ON_HOLD"
    HIGH_VOLUME_OUTBOUND = "HIGH_VOLUME_OUTBOUND"
    ENHANCED_CONTACT_MONITORING = "ENHANCED_CONTACT_MONITORING"
    ENHANCED_CHAT_MONITORING = "ENHANCED_CHAT_MONITORING"
    MULTI_PARTY_CHAT_CONFERENCE = "MULTI_PARTY_CHAT_CONFERENCE"
    MESSAGE_STREAMING = "MESSAGE_STREAMING"


# What a new instance has before anyone changes it (INBOUND_CALLS / OUTBOUND_CALLS come from
# the CreateInstance request).
DEFAULT_ATTRIBUTES: Mapping[InstanceAttributeType, str] = {
    # Connect starts with flow logs off; OpenContact keeps them, since reading what a flow did
    # is most of what flow developers come for.
    InstanceAttributeType.CONTACTFLOW_LOGS: "true",
    InstanceAttributeType.CONTACT_LENS: "true",
    InstanceAttributeType.AUTO_RESOLVE_BEST_VOICES: "true",
    InstanceAttributeType.USE_CUSTOM_TTS_VOICES: "false",
    InstanceAttributeType.EARLY_MEDIA: "true",
    InstanceAttributeType.MULTI_PARTY_CONFERENCE: "false",
    InstanceAttributeType.AUTO_MUTE_AGENT_ON_HOLD: "false",
    InstanceAttributeType.HIGH_VOLUME_OUTBOUND: "false",
    InstanceAttributeType.ENHANCED_CONTACT_MONITORING: "false",
    InstanceAttributeType.ENHANCED_CHAT_MONITORING: "false",
    InstanceAttributeType.MULTI_PARTY_CHAT_CONFERENCE: "false",
    InstanceAttributeType.MESSAGE_STREAMING: "false",
}

_ALIAS = re.compile(r"^(?!d-)[0-9A-Za-z]+(-*[0-9A-Za-z])*$")
_BOOLEAN_ATTRIBUTE_VALUES = ("true", "false")


@dataclass(frozen=True, kw_only=True)
class Instance(Entity):
    kind: ClassVar[str] = "instance"

    account_id: str
    region: str
    alias: str | None
    identity_management_type: IdentityManagementType
    directory_id: str | None = None
    created_time: datetime
    attributes: Mapping[str, str] = field(default_factory=dict)
    # The ClientToken of the CreateInstance request, so that a retried request is idempotent.
    client_token: str | None = None
    # Seconds an agent has to accept an offered contact before it counts as missed.
    offer_timeout_seconds: int = 20

    @property
    def inbound_calls_enabled(self) -> bool:
        return self.attributes.get(InstanceAttributeType.INBOUND_CALLS) == "true"

    @property
    def outbound_calls_enabled(self) -> bool:
        return self.attributes.get(InstanceAttributeType.OUTBOUND_CALLS) == "true"

    @property
    def keeps_flow_logs(self) -> bool:
        """The instance's "Enable flow logs" setting (on by default): without it, Set logging
        behavior has nowhere to write."""
        return self.attributes.get(InstanceAttributeType.CONTACTFLOW_LOGS) == "true"

    @property
    def keeps_passwords(self) -> bool:
        """Only instances that manage their own users store passwords."""
        return self.identity_management_type is IdentityManagementType.CONNECT_MANAGED

    def with_attribute(self, attribute: InstanceAttributeType, value: str) -> Instance:
        if value not in _BOOLEAN_ATTRIBUTE_VALUES:
            raise InvalidParameter(
                f"The value of {attribute.value} must be 'true' or 'false', not '{value}'."
            )
        attributes = dict(self.attributes)
        attributes[attribute] = value
        return replace(self, attributes=attributes)


def check_alias(alias: str) -> None:
    if not 1 <= len(alias) <= 45 or not _ALIAS.match(alias):
        raise InvalidParameter(
            f"Instance alias '{alias}' is not valid: use 1 to 45 letters, digits and hyphens, "
            "starting and ending with a letter or digit (and not starting with 'd-')."
        )


def check_identity_settings(
    identity: IdentityManagementType, alias: str | None, directory_id: str | None
) -> None:
    """The combination rules of CreateInstance."""
    if identity is IdentityManagementType.EXISTING_DIRECTORY:
        if not directory_id:
            raise InvalidRequest("An EXISTING_DIRECTORY instance needs a DirectoryId.")
    else:
        if directory_id:
            raise InvalidRequest(
                f"DirectoryId is only used with EXISTING_DIRECTORY, not with {identity.value}."
            )
        if not alias:
            raise InvalidRequest(f"A {identity.value} instance needs an InstanceAlias.")
    if alias is not None:
        check_alias(alias)
