"""A hypothesis walk through the simulated carrier's leg state machine: whatever the engine and
the simulated parties do, in any order and at any time, legs only make legal moves, nobody in a
conversation is ringing, held or gone, no conversation passes six, and an ended leg hears
nothing more."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from opencontact.clock import VirtualClock
from opencontact.telephony.carrier import FailureReason
from opencontact.telephony.sim_calls import (
    TRANSITIONS,
    AnswerMode,
    CallStateConflict,
    LegKind,
    LegState,
    NumberBehaviour,
)
from opencontact.telephony.simulated import MAX_PARTIES, SimulatedCarrier

NUMBERS = ["+12065550101", "+12065550102", "+12065550103", "+12065550104"]
BEHAVIOURS = {
    "+12065550101": NumberBehaviour(AnswerMode.MANUAL),
    "+12065550102": NumberBehaviour(AnswerMode.AUTO, after_seconds=7),
    "+12065550103": NumberBehaviour(AnswerMode.BUSY),
    "+12065550104": NumberBehaviour(AnswerMode.NO_ANSWER),
}


class Outcomes:
    """The engine's side: how each dialled leg turned out, and which legs were hung up."""

    def __init__(self) -> None:
        self.outcome: dict[str, str] = {}
        self.hangups: list[str] = []

    def incoming_call(self, leg_id: str, from_number: str, to_number: str) -> None:
        pass

    def digits_pressed(self, leg_id: str, digits: str) -> None:
        pass

    def answered(self, leg_id: str) -> None:
        assert leg_id not in self.outcome, "a dialled leg is answered or fails once"
        self.outcome[leg_id] = "answered"

    def failed(self, leg_id: str, reason: FailureReason) -> None:
        assert leg_id not in self.outcome, "a dialled leg is answered or fails once"
        self.outcome[leg_id] = reason.value

    def hung_up(self, leg_id: str) -> None:
        self.hangups.append(leg_id)


class CarrierWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = VirtualClock()
        self.carrier = SimulatedCarrier(self.clock)
        self.engine = Outcomes()
        self.carrier.set_listener(self.engine)
        for number, behaviour in BEHAVIOURS.items():
            self.carrier.configure_number(number, behaviour)
        self.legs: list[str] = []
        self.last_state: dict[str, LegState] = {}
        self.heard_when_ended: dict[str, int] = {}

    def leg(self, index: int) -> str:
        return self.legs[index % len(self.legs)]

    # -- what happens ----------------------------------------------------------------------------

    @rule(answered=st.booleans())
    def a_customer_calls(self, answered: bool) -> None:
        leg = self.carrier.place_call("+15555550100", "+18005550199")
        if answered:
            self.carrier.answer(leg)
        self.legs.append(leg)

    @rule(number=st.sampled_from(NUMBERS), ring=st.integers(0, 40))
    def the_engine_dials(self, number: str, ring: int) -> None:
        self.legs.append(self.carrier.dial("+18005550199", number, ring_seconds=ring))

    @rule()
    def an_agent_joins(self) -> None:
        self.legs.append(self.carrier.agent_leg("user-1", "agent1"))

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99))
    def the_engine_answers(self, index: int) -> None:
        leg = self.leg(index)
        call = self.carrier.call(leg)
        if call.kind is LegKind.OUTBOUND and call.state is LegState.RINGING:
            return  # illegal by design (tested elsewhere)
        self.carrier.answer(leg)

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99), answer=st.booleans())
    def the_outside_party_decides(self, index: int, answer: bool) -> None:
        leg = self.leg(index)
        call = self.carrier.call(leg)
        try:
            if answer:
                self.carrier.party_answers(leg)
            else:
                self.carrier.party_rejects(leg)
        except CallStateConflict:
            assert call.kind is not LegKind.OUTBOUND or call.state is not LegState.RINGING

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99))
    def a_party_hangs_up(self, index: int) -> None:
        leg = self.leg(index)
        try:
            self.carrier.party_hangs_up(leg)
        except CallStateConflict:
            assert self.last_state[leg] is LegState.ENDED

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99))
    def the_engine_hangs_up(self, index: int) -> None:
        self.carrier.hangup(self.leg(index))

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99))
    def the_engine_holds(self, index: int) -> None:
        leg = self.leg(index)
        if self.carrier.call(leg).state is not LegState.RINGING:
            self.carrier.hold(leg)

    @precondition(lambda self: self.legs)
    @rule(indexes=st.lists(st.integers(0, 99), min_size=1, max_size=MAX_PARTIES))
    def the_engine_connects(self, indexes: list[int]) -> None:
        legs = [self.leg(i) for i in indexes]
        self.carrier.connect([leg for leg in legs if self.carrier.call(leg).state != "ringing"])

    @precondition(lambda self: self.legs)
    @rule(index=st.integers(0, 99), loop=st.booleans())
    def the_engine_plays(self, index: int, loop: bool) -> None:
        self.carrier.play(self.leg(index), ["Prompt."], loop=loop)

    @rule(seconds=st.integers(0, 40))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    # -- what always holds -----------------------------------------------------------------------

    @invariant()
    def legs_only_make_legal_moves(self) -> None:
        for leg in self.legs:
            now = self.carrier.call(leg).state
            before = self.last_state.get(leg)
            assert before is None or now is before or now in TRANSITIONS[before]
            self.last_state[leg] = now

    @invariant()
    def conversations_hold_only_connected_legs_and_six_at_most(self) -> None:
        for leg in self.legs:
            others = self.carrier.talking_with(leg)
            assert len(others) < MAX_PARTIES
            if others:
                assert self.carrier.call(leg).state is LegState.CONNECTED
            for other in others:
                assert leg in self.carrier.talking_with(other)

    @invariant()
    def an_ended_leg_hears_nothing_more(self) -> None:
        for leg in self.legs:
            call = self.carrier.call(leg)
            if call.state is LegState.ENDED:
                count = self.heard_when_ended.setdefault(leg, len(call.heard))
                assert len(call.heard) == count

    @invariant()
    def a_leg_whose_party_hung_up_has_ended(self) -> None:
        for leg in self.engine.hangups:
            assert self.carrier.call(leg).state is LegState.ENDED

    @invariant()
    def a_dialled_leg_that_failed_has_ended(self) -> None:
        for leg, outcome in self.engine.outcome.items():
            if outcome != "answered":
                assert self.carrier.call(leg).state is LegState.ENDED
            else:
                assert self.carrier.call(leg).state is not LegState.RINGING


CarrierWalk.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_the_carrier_state_machine = CarrierWalk.TestCase
