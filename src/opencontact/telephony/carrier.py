"""The carrier port: what the contact center needs from a telephone network.

A *leg* is one party's connection: a customer's call in, a call out to an outside number (a
desk phone, a transfer or outbound destination), or an agent's softphone in the browser. The
engine answers, plays messages to, holds, bridges and hangs up legs; the carrier tells the engine
when something happens on them (a call arrives, digits are pressed, a dialled number answers or
fails, a party hangs up) through `CarrierListener`.

The simulated carrier (`telephony.simulated`) implements this port inside the server; a real
media server (SIP trunk, WebRTC) can implement it later. Nothing above this port may assume
the network is simulated.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol


class FailureReason(enum.StrEnum):
    BUSY = "busy"
    NO_ANSWER = "no-answer"
    REJECTED = "rejected"
    UNREACHABLE = "unreachable"


class CarrierListener(Protocol):
    """Implemented by the engine; the carrier calls it from the event loop."""

    def incoming_call(self, leg_id: str, from_number: str, to_number: str) -> None:
        """Someone dialled a number; `to_number` says which of the contact center's."""

    def digits_pressed(self, leg_id: str, digits: str) -> None: ...

    def answered(self, leg_id: str) -> None:
        """A leg the engine dialled was answered."""

    def failed(self, leg_id: str, reason: FailureReason) -> None:
        """A leg the engine dialled did not connect."""

    def hung_up(self, leg_id: str) -> None:
        """The party at the far end of a leg hung up (the engine's own hangups are not
        reported)."""


class Carrier(Protocol):
    def set_listener(self, listener: CarrierListener) -> None:
        """Where to report events (one listener; the engine routes them to instances)."""

    def answer(self, leg_id: str) -> None:
        """Answer an incoming call (the caller's state becomes connected)."""

    def dial(self, from_number: str, to_number: str, ring_seconds: float) -> str:
        """Call an outside number; returns the new leg's id. `answered` or `failed` follows
        (`failed` with NO_ANSWER once `ring_seconds` have passed without an answer)."""

    def agent_leg(self, user_id: str, label: str) -> str:
        """A leg to an agent's softphone in the browser (connected at once)."""

    def play(self, leg_id: str, texts: Sequence[str], loop: bool = False) -> None:
        """Say `texts` to the party on the leg, in order. A new `play` replaces a loop that is
        playing; `loop` repeats the texts until `stop_playing`, another `play`, `connect` or
        `hangup`."""

    def stop_playing(self, leg_id: str) -> None: ...

    def connect(self, leg_ids: Sequence[str]) -> None:
        """Put these legs in one conversation (at most six); each leaves any other
        conversation and stops playing. A single leg is left alone with nobody."""

    def hold(self, leg_id: str) -> None:
        """Take the leg out of its conversation (it hears what is then played to it)."""

    def hangup(self, leg_id: str) -> None:
        """End the leg; its party hears the call end."""
