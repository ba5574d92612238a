"""Flows (contact flows): their type, status and content in the Amazon Connect Flow language.

Content is kept exactly as given. A PUBLISHED flow must be valid (see opencontact.flows); a
SAVED one is a draft and only has to be JSON.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar

from opencontact.domain.base import Resource


class ContactFlowType(enum.StrEnum):
    CONTACT_FLOW = "CONTACT_FLOW"
    CUSTOMER_QUEUE = "CUSTOMER_QUEUE"
    CUSTOMER_HOLD = "CUSTOMER_HOLD"
    CUSTOMER_WHISPER = "CUSTOMER_WHISPER"
    AGENT_HOLD = "AGENT_HOLD"
    AGENT_WHISPER = "AGENT_WHISPER"
    OUTBOUND_WHISPER = "OUTBOUND_WHISPER"
    AGENT_TRANSFER = "AGENT_TRANSFER"
    QUEUE_TRANSFER = "QUEUE_TRANSFER"
    CAMPAIGN = "CAMPAIGN"


class ContactFlowState(enum.StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class ContactFlowStatus(enum.StrEnum):
    PUBLISHED = "PUBLISHED"
    SAVED = "SAVED"


@dataclass(frozen=True, kw_only=True)
class ContactFlow(Resource):
    kind: ClassVar[str] = "contact-flow"
    label: ClassVar[str] = "flow"
    arn_segment: ClassVar[str] = "contact-flow"

    name: str
    description: str | None = None
    flow_type: ContactFlowType
    state: ContactFlowState = ContactFlowState.ACTIVE
    status: ContactFlowStatus = ContactFlowStatus.PUBLISHED
    content: str
    version: int = 1
    # Created with the instance (Default agent transfer, ...): editable, never deletable.
    is_default: bool = False

    @property
    def unique_name(self) -> str:
        return self.name
