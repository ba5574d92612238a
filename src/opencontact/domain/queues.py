"""Queues: where contacts wait for an agent.

STANDARD queues are configured by admins. Every user also has an AGENT queue of their own, which
is how a contact is transferred to one particular agent.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from opencontact.domain.base import Resource


class QueueType(enum.StrEnum):
    STANDARD = "STANDARD"
    AGENT = "AGENT"


class QueueStatus(enum.StrEnum):
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"


@dataclass(frozen=True)
class OutboundCallerConfig:
    caller_id_name: str | None = None
    caller_id_number_id: str | None = None
    outbound_flow_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Queue(Resource):
    kind: ClassVar[str] = "queue"
    label: ClassVar[str] = "queue"
    arn_segment: ClassVar[str] = "queue"

    name: str
    description: str | None = None
    queue_type: QueueType = QueueType.STANDARD
    hours_of_operation_id: str | None = None
    # None = no limit.
    max_contacts: int | None = None
    status: QueueStatus = QueueStatus.ENABLED
    outbound_caller_config: OutboundCallerConfig = OutboundCallerConfig()
    quick_connect_ids: tuple[str, ...] = ()
    # The user an AGENT queue belongs to.
    user_id: str | None = None

    @property
    def unique_name(self) -> str | None:
        return self.name if self.queue_type is QueueType.STANDARD else None

    def references(self) -> Iterable[tuple[str, str]]:
        if self.hours_of_operation_id:
            yield ("hours-of-operation", self.hours_of_operation_id)
        if self.outbound_caller_config.outbound_flow_id:
            yield ("contact-flow", self.outbound_caller_config.outbound_flow_id)
