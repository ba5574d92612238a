"""The simulated carrier's calls: customers dialling in, the contact center dialling out to
outside numbers that answer, decline, are busy or never answer, and either side hanging up."""

from __future__ import annotations

import logging

import pytest

from opencontact.clock import VirtualClock
from opencontact.telephony.carrier import Carrier, CarrierListener
from opencontact.telephony.sim_calls import (
    ENDED_RETENTION_SECONDS,
    AnswerMode,
    CallStateConflict,
    InvalidInput,
    LegState,
    NumberBehaviour,
    UnknownCall,
)
from opencontact.telephony.simulated import SimulatedCarrier
from tests.support.telephony import CENTER, CUSTOMER, DESK_PHONE, RecordingListener


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def listener() -> RecordingListener:
    return RecordingListener()


@pytest.fixture
def carrier(clock: VirtualClock, listener: RecordingListener) -> SimulatedCarrier:
    carrier = SimulatedCarrier(clock)
    carrier.set_listener(listener)
    return carrier


def state(carrier: SimulatedCarrier, leg_id: str) -> LegState:
    return carrier.call(leg_id).state


def test_the_simulated_carrier_implements_the_carrier_port(clock: VirtualClock) -> None:
    # mypy checks both assignments against the port's protocols.
    port: Carrier = SimulatedCarrier(clock)
    engine: CarrierListener = RecordingListener()
    port.set_listener(engine)
    assert isinstance(port, SimulatedCarrier)


# -- customers calling in ----------------------------------------------------------------------


def test_a_customer_call_rings_and_the_engine_hears_of_it_at_once(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    assert state(carrier, call) == "ringing"
    assert listener.events == [("incoming_call", call, CUSTOMER, CENTER)]
    snapshot = carrier.call(call)
    assert (snapshot.from_number, snapshot.to_number) == (CUSTOMER, CENTER)


def test_numbers_typed_without_plus_or_with_separators_are_read_as_e164(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call("15555550100", "+1 (800) 555-0199")
    assert listener.events == [("incoming_call", call, CUSTOMER, CENTER)]


@pytest.mark.parametrize("number", ["", "+", "12", "+1555abc0100", "+1234567890123456", "１２３"])
def test_a_malformed_number_cannot_place_a_call(carrier: SimulatedCarrier, number: str) -> None:
    with pytest.raises(InvalidInput, match=r"E\.164"):
        carrier.place_call(number, CENTER)


def test_the_engine_answering_connects_the_customer_without_an_event(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call)
    assert state(carrier, call) == "connected"
    carrier.answer(call)  # answering twice changes nothing
    assert state(carrier, call) == "connected"
    assert [event[0] for event in listener.events] == ["incoming_call"]


def test_the_engine_hanging_up_ends_the_call_without_reporting_it(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call)
    carrier.hangup(call)
    assert state(carrier, call) == "ended"
    assert [event[0] for event in listener.events] == ["incoming_call"]


@pytest.mark.parametrize("answered", [False, True])
def test_a_customer_hanging_up_is_reported(
    carrier: SimulatedCarrier, listener: RecordingListener, answered: bool
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    if answered:
        carrier.answer(call)
    carrier.party_hangs_up(call)
    assert state(carrier, call) == "ended"
    assert listener.events[-1] == ("hung_up", call)


def test_a_call_cannot_be_hung_up_twice(carrier: SimulatedCarrier) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.party_hangs_up(call)
    with pytest.raises(CallStateConflict, match="already ended"):
        carrier.party_hangs_up(call)


def test_keys_pressed_on_a_connected_call_are_reported(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call)
    carrier.press_digits(call, "1#")
    carrier.press_digits(call, "*0")
    assert listener.events[1:] == [("digits_pressed", call, "1#"), ("digits_pressed", call, "*0")]


def test_keys_cannot_be_pressed_unless_the_call_is_connected(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    with pytest.raises(CallStateConflict, match="is ringing"):
        carrier.press_digits(call, "1")
    carrier.answer(call)
    carrier.hold(call)
    with pytest.raises(CallStateConflict, match="is on hold"):
        carrier.press_digits(call, "1")
    carrier.hangup(call)
    with pytest.raises(CallStateConflict, match="is ended"):
        carrier.press_digits(call, "1")
    assert [event[0] for event in listener.events] == ["incoming_call"]


@pytest.mark.parametrize("digits", ["", "12a", "1 2", "١"])
def test_only_phone_keys_can_be_pressed(carrier: SimulatedCarrier, digits: str) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call)
    with pytest.raises(InvalidInput, match="0-9, \\* and #"):
        carrier.press_digits(call, digits)


def test_an_unknown_call_is_named_in_the_error(carrier: SimulatedCarrier) -> None:
    with pytest.raises(UnknownCall, match="no call 'nope'"):
        carrier.call("nope")
    with pytest.raises(UnknownCall):
        carrier.press_digits("nope", "1")
    with pytest.raises(UnknownCall):
        carrier.party_hangs_up("nope")
    with pytest.raises(UnknownCall):
        carrier.party_answers("nope")


# -- the contact center dialling out ----------------------------------------------------------


def test_a_dialled_number_rings_until_its_party_answers(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=30)
    assert state(carrier, leg) == "ringing"
    snapshot = carrier.call(leg)
    assert (snapshot.from_number, snapshot.to_number) == (CENTER, DESK_PHONE)
    clock.advance(29)
    assert listener.events == []
    carrier.party_answers(leg)
    assert state(carrier, leg) == "connected"
    assert listener.events == [("answered", leg)]
    clock.advance(60)  # the ring timeout no longer applies
    assert listener.events == [("answered", leg)]


def test_a_dialled_number_that_nobody_answers_fails_when_the_ring_time_is_up(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(19.9)
    assert state(carrier, leg) == "ringing"
    clock.advance(0.1)
    assert state(carrier, leg) == "ended"
    assert listener.events == [("failed", leg, "no-answer")]


def test_the_party_rejecting_a_call_fails_it(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_rejects(leg)
    assert state(carrier, leg) == "ended"
    clock.advance(60)
    assert listener.events == [("failed", leg, "rejected")]


def test_hanging_up_a_call_ringing_at_an_outside_number_declines_it(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_hangs_up(leg)
    assert listener.events == [("failed", leg, "rejected")]


def test_an_outside_party_hanging_up_after_answering_is_reported(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_answers(leg)
    carrier.party_hangs_up(leg)
    assert listener.events == [("answered", leg), ("hung_up", leg)]


def test_only_a_call_ringing_at_an_outside_number_can_be_answered_or_rejected_there(
    carrier: SimulatedCarrier,
) -> None:
    customer = carrier.place_call(CUSTOMER, CENTER)
    with pytest.raises(CallStateConflict, match="not ringing at an outside number"):
        carrier.party_answers(customer)
    agent = carrier.agent_leg("user-1", "agent1")
    with pytest.raises(CallStateConflict, match="not ringing at an outside number"):
        carrier.party_rejects(agent)
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_answers(leg)
    with pytest.raises(CallStateConflict, match="is connected, not ringing"):
        carrier.party_answers(leg)
    with pytest.raises(CallStateConflict, match="is connected, not ringing"):
        carrier.party_rejects(leg)


def test_the_engine_hanging_up_a_ringing_call_stops_it_without_a_report(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.hangup(leg)
    clock.advance(60)
    assert state(carrier, leg) == "ended"
    assert listener.events == []


def test_a_number_set_to_answer_by_itself_answers_after_its_delay(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.AUTO, after_seconds=5))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(4.9)
    assert state(carrier, leg) == "ringing"
    clock.advance(0.1)
    assert state(carrier, leg) == "connected"
    assert listener.events == [("answered", leg)]


def test_an_immediate_answer_is_reported_after_dial_returns_never_inside_it(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.AUTO))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    assert listener.events == []
    clock.advance(0)
    assert listener.events == [("answered", leg)]


def test_an_answer_slower_than_the_ring_time_comes_too_late(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.AUTO, after_seconds=25))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(30)
    assert listener.events == [("failed", leg, "no-answer")]


def test_an_answer_exactly_at_the_ring_time_still_counts(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.AUTO, after_seconds=20))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(20)
    assert listener.events == [("answered", leg)]


def test_a_busy_number_fails_at_once(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.BUSY))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    assert state(carrier, leg) == "ended"
    assert carrier.calls_at(DESK_PHONE) == []
    assert listener.events == []  # not from inside dial
    clock.advance(0)
    assert listener.events == [("failed", leg, "busy")]


def test_a_number_that_never_answers_rings_out(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.NO_ANSWER, after_seconds=1))
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=45)
    clock.advance(44)
    assert state(carrier, leg) == "ringing"
    clock.advance(1)
    assert listener.events == [("failed", leg, "no-answer")]


def test_dialling_something_that_is_not_a_number_is_unreachable(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    leg = carrier.dial(CENTER, "not a number", ring_seconds=20)
    assert carrier.call(leg).to_number == "not a number"
    clock.advance(0)
    assert listener.events == [("failed", leg, "unreachable")]


def test_a_number_is_configured_whichever_way_it_is_written(carrier: SimulatedCarrier) -> None:
    assert carrier.number_behaviour(DESK_PHONE) == NumberBehaviour(AnswerMode.MANUAL, 0)
    written = carrier.configure_number("1 206 555 0142", NumberBehaviour(AnswerMode.BUSY))
    assert written == DESK_PHONE
    assert carrier.number_behaviour(DESK_PHONE).answer == "busy"


def test_a_new_behaviour_applies_to_calls_placed_after_it(
    carrier: SimulatedCarrier, listener: RecordingListener, clock: VirtualClock
) -> None:
    first = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.configure_number(DESK_PHONE, NumberBehaviour(AnswerMode.AUTO, after_seconds=1))
    second = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(2)
    assert (state(carrier, first), state(carrier, second)) == ("ringing", "connected")


def test_a_negative_answer_delay_is_refused() -> None:
    with pytest.raises(InvalidInput, match="afterSeconds"):
        NumberBehaviour(AnswerMode.AUTO, after_seconds=-1)
    with pytest.raises(InvalidInput, match="afterSeconds"):
        NumberBehaviour(AnswerMode.AUTO, after_seconds=float("nan"))


def test_the_calls_at_a_number_are_those_ringing_connected_or_held_there(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    ringing = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    connected = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_answers(connected)
    held = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_answers(held)
    carrier.hold(held)
    rejected = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    carrier.party_rejects(rejected)
    carrier.dial(CENTER, "+12065550143", ring_seconds=20)  # another number
    carrier.place_call(DESK_PHONE, CENTER)  # a call *from* the number
    calls = carrier.calls_at("12065550142")
    assert [(c.call_id, c.state.value) for c in calls] == [
        (ringing, "ringing"),
        (connected, "connected"),
        (held, "on_hold"),
    ]


# -- agents, forgetting, and a failing engine -------------------------------------------------


def test_an_agent_softphone_leg_is_connected_at_once(
    carrier: SimulatedCarrier, listener: RecordingListener
) -> None:
    leg = carrier.agent_leg("user-1", "agent1 softphone")
    snapshot = carrier.call(leg)
    assert snapshot.state == "connected"
    assert (snapshot.from_number, snapshot.to_number) == ("agent1 softphone", "user-1")
    assert listener.events == []


def test_ended_calls_are_forgotten_after_an_hour(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.party_hangs_up(call)
    clock.advance(ENDED_RETENTION_SECONDS - 1)
    assert state(carrier, call) == "ended"
    clock.advance(1)
    with pytest.raises(UnknownCall):
        carrier.call(call)


def test_every_leg_gets_a_new_id(carrier: SimulatedCarrier) -> None:
    legs = {carrier.place_call(CUSTOMER, CENTER) for _ in range(50)}
    legs |= {carrier.dial(CENTER, DESK_PHONE, 20) for _ in range(50)}
    assert len(legs) == 100


def test_events_before_the_engine_listens_go_nowhere(clock: VirtualClock) -> None:
    carrier = SimulatedCarrier(clock)
    call = carrier.place_call(CUSTOMER, CENTER)
    assert state(carrier, call) == "ringing"


def test_a_listener_that_fails_is_logged_and_the_call_still_changes(
    clock: VirtualClock, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(RecordingListener):
        def hung_up(self, leg_id: str) -> None:
            raise RuntimeError("engine bug")

    carrier = SimulatedCarrier(clock)
    carrier.set_listener(Broken())
    call = carrier.place_call(CUSTOMER, CENTER)
    with caplog.at_level(logging.ERROR):
        carrier.party_hangs_up(call)
    assert state(carrier, call) == "ended"
    assert "listener failed" in caplog.text
