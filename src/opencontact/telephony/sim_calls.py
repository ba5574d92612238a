"""The simulated carrier's calls: legs, their states, what their parties heard, and how outside
numbers behave when the contact center dials them.

A leg's life is one small state machine (`TRANSITIONS`): it rings, is connected, may be put on
hold and connected again, and ends. Nothing leaves `ended`; a leg that rings is never rung
again. The carrier (`telephony.simulated`) moves legs through these states; this module only
says which moves are legal, so a wrong one fails loudly instead of corrupting a call.

Errors the simulated parties (the `/sim` API) can meet form a small tree::

    SimulationError
     ├── UnknownCall          no call has that id (never had, or ended long ago)   -> 404
     ├── CallStateConflict    the call is not in a state that allows it            -> 409
     └── InvalidInput         a malformed number, key or behaviour (a ValueError)  -> 400
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from opencontact.clock import Timer

ENDED_RETENTION_SECONDS = 3600.0
"""How long an ended call stays readable before the carrier forgets it (memory stays bounded
on a server that runs for months)."""


class SimulationError(Exception):
    """Something a simulated party asked for cannot be done."""


class UnknownCall(SimulationError, LookupError):
    def __init__(self, call_id: str) -> None:
        super().__init__(
            f"There is no call '{call_id}'. Calls are forgotten an hour after they end, and "
            "when the server restarts."
        )


class CallStateConflict(SimulationError):
    pass


class InvalidInput(SimulationError, ValueError):
    pass


class LegState(enum.StrEnum):
    RINGING = "ringing"
    CONNECTED = "connected"
    ON_HOLD = "on_hold"
    ENDED = "ended"

    @property
    def words(self) -> str:
        """How a message names the state ("on hold", not "on_hold")."""
        return self.value.replace("_", " ")


TRANSITIONS: Mapping[LegState, frozenset[LegState]] = {
    LegState.RINGING: frozenset({LegState.CONNECTED, LegState.ENDED}),
    LegState.CONNECTED: frozenset({LegState.ON_HOLD, LegState.ENDED}),
    LegState.ON_HOLD: frozenset({LegState.CONNECTED, LegState.ENDED}),
    LegState.ENDED: frozenset(),
}


class LegKind(enum.StrEnum):
    INBOUND = "inbound"
    """A customer dialled one of the contact center's numbers."""
    OUTBOUND = "outbound"
    """The contact center dialled an outside number (desk phone, transfer, outbound call)."""
    SOFTPHONE = "softphone"
    """An agent's softphone in the browser."""


class AnswerMode(enum.StrEnum):
    MANUAL = "manual"
    """Rings until someone answers or rejects it through the /sim API."""
    AUTO = "auto"
    """Answers by itself after `after_seconds`."""
    BUSY = "busy"
    NO_ANSWER = "no-answer"


@dataclass(frozen=True)
class NumberBehaviour:
    """How an outside number treats calls from the contact center."""

    answer: AnswerMode = AnswerMode.MANUAL
    after_seconds: float = 0.0

    def __post_init__(self) -> None:
        if not math.isfinite(self.after_seconds) or self.after_seconds < 0:
            raise InvalidInput("afterSeconds must be a number of seconds, 0 or more.")


@dataclass(frozen=True)
class Heard:
    text: str
    at: datetime


@dataclass(frozen=True)
class CallSnapshot:
    """A leg as a simulated party sees it at one moment."""

    call_id: str
    kind: LegKind
    from_number: str
    to_number: str
    state: LegState
    heard: tuple[Heard, ...]


class Conversation:
    """Legs that hear each other. Membership is all it holds; the carrier keeps it at six
    parties at most."""

    def __init__(self) -> None:
        self.members: set[str] = set()


@dataclass(eq=False)
class Leg:
    """One party's connection. For an outbound leg `from_number` is the contact center's
    number and `to_number` the outside one; for a softphone leg they are the agent's label and
    user id."""

    id: str
    kind: LegKind
    from_number: str
    to_number: str
    state: LegState
    heard: list[Heard] = field(default_factory=list)
    conversation: Conversation | None = None
    ring_timers: list[Timer] = field(default_factory=list)
    playback: Timer | None = None

    def move_to(self, state: LegState) -> None:
        if state not in TRANSITIONS[self.state]:
            raise CallStateConflict(
                f"Call {self.id} cannot go from {self.state.words} to {state.words}."
            )
        self.state = state

    def snapshot(self) -> CallSnapshot:
        return CallSnapshot(
            self.id, self.kind, self.from_number, self.to_number, self.state, tuple(self.heard)
        )


_SEPARATORS = str.maketrans("", "", " -.()")


def canonical_number(text: str) -> str:
    """The number in E.164 form: "+15555550100", "15555550100" and "+1 (555) 555-0100" are all
    "+15555550100". Digits without a "+" are read as international, country code first, so
    that a number typed either way finds the same claimed number or outside party."""
    compact = text.strip().translate(_SEPARATORS)
    digits = compact.removeprefix("+")
    if not (digits.isascii() and digits.isdigit() and 3 <= len(digits) <= 15):
        raise InvalidInput(
            f"'{text}' is not a phone number: write it in E.164 form, a + then the country code "
            "and number (3 to 15 digits), like +15555550100."
        )
    return f"+{digits}"


DTMF_KEYS = frozenset("0123456789*#")


def check_digits(digits: str) -> str:
    if not digits or not set(digits) <= DTMF_KEYS:
        raise InvalidInput(
            f"'{digits}' cannot be pressed: digits must be one or more of the keys 0-9, * and #."
        )
    return digits
