"""Quick connects: predefined transfer and dial destinations shown in the agent's CCP.

USER sends the contact to an agent through a transfer-to-agent flow, QUEUE to a queue through a
transfer-to-queue flow, PHONE_NUMBER dials an outside number, FLOW runs a flow.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from opencontact.domain.base import Resource


class QuickConnectType(enum.StrEnum):
    USER = "USER"
    QUEUE = "QUEUE"
    PHONE_NUMBER = "PHONE_NUMBER"
    FLOW = "FLOW"


@dataclass(frozen=True, kw_only=True)
class QuickConnect(Resource):
    kind: ClassVar[str] = "quick-connect"
    label: ClassVar[str] = "quick connect"
    arn_segment: ClassVar[str] = "transfer-destination"

    name: str
    description: str | None = None
    quick_connect_type: QuickConnectType
    user_id: str | None = None
    queue_id: str | None = None
    phone_number: str | None = None
    contact_flow_id: str | None = None

    @property
    def unique_name(self) -> str:
        return self.name

    def references(self) -> Iterable[tuple[str, str]]:
        if self.user_id:
            yield ("user", self.user_id)
        if self.queue_id:
            yield ("queue", self.queue_id)
        if self.contact_flow_id:
            yield ("contact-flow", self.contact_flow_id)
