"""Flow logs: what each action of a flow did on a contact, kept with the contact record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from opencontact.domain.base import Entity


@dataclass(frozen=True, kw_only=True)
class FlowLogRecord(Entity):
    kind: ClassVar[str] = "flow-log"

    contact_id: str
    # The entry's place among the contact's flow logs (0, 1, 2, ...): their order.
    sequence: int = 0
    at: datetime
    flow_id: str
    flow_name: str | None = None
    action_id: str
    action_type: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    result: str
    detail: str | None = None
