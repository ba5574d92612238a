"""The simulated carrier: a virtual phone network inside the server.

Customers (through the `/sim` API and the `/phone` page) dial the contact center's numbers,
hear its prompts as text, press keys and hang up; outside numbers the contact center dials
ring and answer, decline, are busy or never answer as configured per number. It is how a
newcomer tries OpenContact alone and how flow developers test, so it behaves like a network,
not like a mock: it reports only what a real carrier could (see `CarrierListener`).

Rules worth knowing:

- Everything runs on the event loop and all timing goes through the injected `Clock` (ring
  timeouts, answering after N seconds, looped prompts), so a `VirtualClock` runs a day of calls
  in moments. No threads, no locks.
- Calls live in memory only. After a restart the engine's legs are gone from the network; the
  engine ends their contacts. Leg ids are random UUIDs so an old id never names a new call.
- Ended calls stay readable for `ENDED_RETENTION_SECONDS`, then are forgotten.
- The engine's commands tolerate legs that ended meanwhile (a customer may hang up while the
  engine is about to play them a prompt) and ids it no longer knows: those are no-ops. Asking
  for the impossible on a live leg (answering a call the contact center placed, holding a leg
  still ringing, a conversation of more than six) raises `ValueError`.
- A failure that happens "at once" (a busy or malformed number) and an answer after 0 seconds
  are reported from the clock right after `dial` returns, never from inside it, so the engine
  always knows the leg id before it hears about the leg.
- Besides the engine's one listener, any number of *watchers* (`watch`) hear that a leg changed
  as a simulated party would notice it (it rang, changed state, heard a prompt, joined a
  conversation): that is how the `/sim` live feeds follow calls without polling.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence

from opencontact.clock import Clock
from opencontact.telephony.carrier import CarrierListener, FailureReason
from opencontact.telephony.sim_calls import (
    ENDED_RETENTION_SECONDS,
    AnswerMode,
    CallSnapshot,
    CallStateConflict,
    Conversation,
    Heard,
    InvalidInput,
    Leg,
    LegKind,
    LegState,
    NumberBehaviour,
    UnknownCall,
    canonical_number,
    check_digits,
)

log = logging.getLogger(__name__)

LOOP_SECONDS = 10.0
"""A looped prompt list says its next text this long after the previous one."""

MAX_PARTIES = 6
"""The most legs one conversation may hold, as in Amazon Connect's conferences."""

CallWatcher = Callable[[CallSnapshot], None]
"""Told a leg's new snapshot after each change on it (see `SimulatedCarrier.watch`)."""


class _NobodyListening:
    """Until the engine sets its listener, events go nowhere."""

    def incoming_call(self, leg_id: str, from_number: str, to_number: str) -> None:
        pass

    def digits_pressed(self, leg_id: str, digits: str) -> None:
        pass

    def answered(self, leg_id: str) -> None:
        pass

    def failed(self, leg_id: str, reason: FailureReason) -> None:
        pass

    def hung_up(self, leg_id: str) -> None:
        pass


class SimulatedCarrier:
    """Implements `telephony.carrier.Carrier`, plus the simulated parties' side of each call
    (the `place_call` ... `party_hangs_up` methods the `/sim` API uses)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._listener: CarrierListener = _NobodyListening()
        self._legs: dict[str, Leg] = {}
        self._numbers: dict[str, NumberBehaviour] = {}
        self._watchers: list[CallWatcher] = []

    # -- the Carrier port: what the engine does ----------------------------------------------

    def set_listener(self, listener: CarrierListener) -> None:
        self._listener = listener

    def answer(self, leg_id: str) -> None:
        leg = self._live(leg_id)
        if leg is None or leg.state is not LegState.RINGING:
            return
        if leg.kind is not LegKind.INBOUND:
            raise ValueError(f"Leg {leg_id} rings at an outside number; only its party answers.")
        self._move(leg, LegState.CONNECTED)

    def dial(self, from_number: str, to_number: str, ring_seconds: float) -> str:
        leg = self._new_leg(LegKind.OUTBOUND, _tidy(from_number), _tidy(to_number))
        try:
            number = canonical_number(to_number)
        except InvalidInput:
            self._fail_soon(leg, FailureReason.UNREACHABLE)
            return leg.id
        behaviour = self.number_behaviour(number)
        if behaviour.answer is AnswerMode.BUSY:
            self._fail_soon(leg, FailureReason.BUSY)
            return leg.id
        if behaviour.answer is AnswerMode.AUTO:
            # Scheduled before the ring timeout, so an answer exactly at the limit still counts.
            leg.ring_timers.append(
                self.clock.call_later(behaviour.after_seconds, lambda: self._picks_up(leg))
            )
        leg.ring_timers.append(self.clock.call_later(ring_seconds, lambda: self._rings_out(leg)))
        return leg.id

    def agent_leg(self, user_id: str, label: str) -> str:
        leg = self._new_leg(LegKind.SOFTPHONE, label, user_id)
        self._move(leg, LegState.CONNECTED)
        return leg.id

    def play(self, leg_id: str, texts: Sequence[str], loop: bool = False) -> None:
        """Ignored on a leg still ringing: nobody has picked up to hear it."""
        leg = self._live(leg_id)
        if leg is None or leg.state is LegState.RINGING:
            return
        self._stop(leg)
        if not loop:
            for text in texts:
                self._hear(leg, text)
        elif texts:
            self._loop(leg, tuple(texts), 0)

    def stop_playing(self, leg_id: str) -> None:
        leg = self._live(leg_id)
        if leg is not None:
            self._stop(leg)

    def connect(self, leg_ids: Sequence[str]) -> None:
        ids = list(dict.fromkeys(leg_ids))
        if len(ids) > MAX_PARTIES:
            raise ValueError(f"A conversation holds at most {MAX_PARTIES} parties, not {len(ids)}.")
        legs = [leg for leg in map(self._live, ids) if leg is not None]
        ringing = [leg.id for leg in legs if leg.state is LegState.RINGING]
        if ringing:
            raise ValueError(f"Legs still ringing cannot be connected: {', '.join(ringing)}.")
        conversation = Conversation()
        for leg in legs:
            self._leave_conversation(leg)
            self._stop(leg)
            if leg.state is LegState.ON_HOLD:
                self._move(leg, LegState.CONNECTED)
            conversation.members.add(leg.id)
            leg.conversation = conversation
            # Who a party hears is not in its snapshot, but the engine connects legs when they
            # change hands (a transfer moves the customer to a new contact), so watchers re-read.
            self._changed(leg)

    def hold(self, leg_id: str) -> None:
        leg = self._live(leg_id)
        if leg is None or leg.state is LegState.ON_HOLD:
            return
        if leg.state is LegState.RINGING:
            raise ValueError(f"Leg {leg_id} is still ringing; only a connected leg can be held.")
        self._move(leg, LegState.ON_HOLD)

    def hangup(self, leg_id: str) -> None:
        leg = self._live(leg_id)
        if leg is not None:
            self._move(leg, LegState.ENDED)

    # -- the simulated parties: what the /sim API does ---------------------------------------

    def place_call(self, from_number: str, to_number: str) -> str:
        """A customer at `from_number` dials `to_number`; the engine hears of it at once."""
        leg = self._new_leg(
            LegKind.INBOUND, canonical_number(from_number), canonical_number(to_number)
        )
        self._report(
            lambda listener: listener.incoming_call(leg.id, leg.from_number, leg.to_number)
        )
        return leg.id

    def press_digits(self, leg_id: str, digits: str) -> None:
        check_digits(digits)
        leg = self._known(leg_id)
        if leg.state is not LegState.CONNECTED:
            raise CallStateConflict(
                f"Call {leg_id} is {leg.state.words}: keys can only be pressed on a connected call."
            )
        self._report(lambda listener: listener.digits_pressed(leg.id, digits))

    def party_answers(self, leg_id: str) -> None:
        """The outside party picks up a call ringing at its number."""
        leg = self._ringing_outside(leg_id, "answered")
        self._picks_up(leg)

    def party_rejects(self, leg_id: str) -> None:
        """The outside party declines a call ringing at its number."""
        leg = self._ringing_outside(leg_id, "rejected")
        self._move(leg, LegState.ENDED)
        self._report(lambda listener: listener.failed(leg.id, FailureReason.REJECTED))

    def party_hangs_up(self, leg_id: str) -> None:
        """The party on the leg hangs up. Ending a call still ringing at an outside number is
        declining it, and is reported as a rejection."""
        leg = self._known(leg_id)
        if leg.state is LegState.ENDED:
            raise CallStateConflict(f"Call {leg_id} has already ended.")
        if leg.kind is LegKind.OUTBOUND and leg.state is LegState.RINGING:
            self.party_rejects(leg_id)
            return
        self._move(leg, LegState.ENDED)
        self._report(lambda listener: listener.hung_up(leg.id))

    def configure_number(self, number: str, behaviour: NumberBehaviour) -> str:
        """How `number` treats the calls the contact center places to it from now on (calls
        already ringing keep the behaviour they met). Returns the number in E.164 form."""
        canonical = canonical_number(number)
        self._numbers[canonical] = behaviour
        return canonical

    def number_behaviour(self, number: str) -> NumberBehaviour:
        return self._numbers.get(canonical_number(number), NumberBehaviour())

    # -- reading -----------------------------------------------------------------------------

    def call(self, leg_id: str) -> CallSnapshot:
        return self._known(leg_id).snapshot()

    def calls_at(self, number: str) -> list[CallSnapshot]:
        """Calls the contact center placed to `number` that are ringing there, connected or on
        hold, oldest first."""
        canonical = canonical_number(number)
        return [
            leg.snapshot()
            for leg in self._legs.values()
            if leg.kind is LegKind.OUTBOUND
            and leg.to_number == canonical
            and leg.state is not LegState.ENDED
        ]

    def watch(self, watcher: CallWatcher) -> Callable[[], None]:
        """Tell `watcher` each leg's snapshot after every change on it: a new leg ringing, a
        state change, a prompt heard, a new conversation. It is called synchronously on the
        event loop, so it must be quick (note the change, send later). Returns what stops it."""
        self._watchers.append(watcher)

        def stop() -> None:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

        return stop

    def talking_with(self, leg_id: str) -> frozenset[str]:
        """The other legs this leg's party hears now (none when alone, on hold or ended)."""
        leg = self._known(leg_id)
        if leg.conversation is None:
            return frozenset()
        return frozenset(leg.conversation.members - {leg.id})

    # -- inside ------------------------------------------------------------------------------

    def _new_leg(self, kind: LegKind, from_number: str, to_number: str) -> Leg:
        leg = Leg(str(uuid.uuid4()), kind, from_number, to_number, LegState.RINGING)
        self._legs[leg.id] = leg
        self._changed(leg)
        return leg

    def _known(self, leg_id: str) -> Leg:
        leg = self._legs.get(leg_id)
        if leg is None:
            raise UnknownCall(leg_id)
        return leg

    def _live(self, leg_id: str) -> Leg | None:
        leg = self._legs.get(leg_id)
        if leg is None or leg.state is LegState.ENDED:
            log.debug("ignoring a command for leg %s: it has ended or is unknown", leg_id)
            return None
        return leg

    def _ringing_outside(self, leg_id: str, verb: str) -> Leg:
        leg = self._known(leg_id)
        if leg.kind is not LegKind.OUTBOUND:
            raise CallStateConflict(
                f"Call {leg_id} is not ringing at an outside number, so it cannot be {verb} "
                "there: only calls the contact center places ring at outside numbers."
            )
        if leg.state is not LegState.RINGING:
            raise CallStateConflict(
                f"Call {leg_id} is {leg.state.words}, not ringing, so it cannot be {verb}."
            )
        return leg

    def _move(self, leg: Leg, state: LegState) -> None:
        """The one place a leg changes state, with what each change brings along."""
        leg.move_to(state)
        if state is not LegState.RINGING:
            for timer in leg.ring_timers:
                timer.cancel()
            leg.ring_timers.clear()
        if state in (LegState.ON_HOLD, LegState.ENDED):
            self._leave_conversation(leg)
        if state is LegState.ENDED:
            self._stop(leg)
            self.clock.call_later(ENDED_RETENTION_SECONDS, lambda: self._forget(leg))
        self._changed(leg)

    def _forget(self, leg: Leg) -> None:
        if self._legs.get(leg.id) is leg:
            del self._legs[leg.id]

    def _picks_up(self, leg: Leg) -> None:
        if leg.state is LegState.RINGING:
            self._move(leg, LegState.CONNECTED)
            self._report(lambda listener: listener.answered(leg.id))

    def _rings_out(self, leg: Leg) -> None:
        if leg.state is LegState.RINGING:
            self._move(leg, LegState.ENDED)
            self._report(lambda listener: listener.failed(leg.id, FailureReason.NO_ANSWER))

    def _fail_soon(self, leg: Leg, reason: FailureReason) -> None:
        self._move(leg, LegState.ENDED)
        self.clock.call_later(0, lambda: self._report(lambda lst: lst.failed(leg.id, reason)))

    def _leave_conversation(self, leg: Leg) -> None:
        if leg.conversation is not None:
            leg.conversation.members.discard(leg.id)
            leg.conversation = None

    def _hear(self, leg: Leg, text: str) -> None:
        leg.heard.append(Heard(text, self.clock.now()))
        self._changed(leg)

    def _loop(self, leg: Leg, texts: tuple[str, ...], index: int) -> None:
        self._hear(leg, texts[index])
        following = (index + 1) % len(texts)
        leg.playback = self.clock.call_later(
            LOOP_SECONDS, lambda: self._loop(leg, texts, following)
        )

    def _stop(self, leg: Leg) -> None:
        if leg.playback is not None:
            leg.playback.cancel()
            leg.playback = None

    def _changed(self, leg: Leg) -> None:
        if not self._watchers:
            return
        snapshot = leg.snapshot()
        # A copy: a watcher may stop watching while it is told.
        for watcher in tuple(self._watchers):
            try:
                watcher(snapshot)
            except Exception:  # a watcher's failure must not break the call or the others
                log.exception("a watcher of the simulated carrier failed on a change")

    def _report(self, event: Callable[[CarrierListener], None]) -> None:
        # The network has already changed; an engine that fails on hearing of it must not
        # undo that or break the caller (an HTTP request, a timer), so it is logged instead.
        try:
            event(self._listener)
        except Exception:
            log.exception("the carrier's listener failed on an event")


def _tidy(number: str) -> str:
    """A number in E.164 form when it is one, else as given (it is still shown)."""
    try:
        return canonical_number(number)
    except InvalidInput:
        return number
