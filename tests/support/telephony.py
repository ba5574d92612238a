"""What tests of the simulated carrier share: its numbers, and a listener that stands in for the
engine and writes down what the carrier reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from opencontact.telephony.carrier import FailureReason

CUSTOMER = "+15555550100"
CENTER = "+18005550199"
DESK_PHONE = "+12065550142"

Event = tuple[str, ...]


@dataclass
class RecordingListener:
    """Stands in for the engine: writes down what the carrier reports."""

    events: list[Event] = field(default_factory=list)

    def incoming_call(self, leg_id: str, from_number: str, to_number: str) -> None:
        self.events.append(("incoming_call", leg_id, from_number, to_number))

    def digits_pressed(self, leg_id: str, digits: str) -> None:
        self.events.append(("digits_pressed", leg_id, digits))

    def answered(self, leg_id: str) -> None:
        self.events.append(("answered", leg_id))

    def failed(self, leg_id: str, reason: FailureReason) -> None:
        self.events.append(("failed", leg_id, reason.value))

    def hung_up(self, leg_id: str) -> None:
        self.events.append(("hung_up", leg_id))
