"""What parties hear on the simulated carrier: prompts played to a leg (once, or looped as time
passes), conversations of up to six legs, and holds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opencontact.clock import VirtualClock
from opencontact.telephony.sim_calls import LegState
from opencontact.telephony.simulated import LOOP_SECONDS, MAX_PARTIES, SimulatedCarrier

CUSTOMER = "+15555550100"
CENTER = "+18005550199"


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def carrier(clock: VirtualClock) -> SimulatedCarrier:
    return SimulatedCarrier(clock)


def customer_call(carrier: SimulatedCarrier) -> str:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call)
    return call


def heard(carrier: SimulatedCarrier, leg_id: str, clock: VirtualClock) -> list[tuple[float, str]]:
    """What the party heard, as (seconds before now, text)."""
    now = clock.now()
    return [((now - h.at) / timedelta(seconds=1), h.text) for h in carrier.call(leg_id).heard]


def texts(carrier: SimulatedCarrier, leg_id: str) -> list[str]:
    return [h.text for h in carrier.call(leg_id).heard]


# -- prompts -----------------------------------------------------------------------------------


def test_prompts_are_heard_at_once_in_order(carrier: SimulatedCarrier, clock: VirtualClock) -> None:
    call = customer_call(carrier)
    carrier.play(call, ["Welcome.", "Press 1 for sales."])
    clock.advance(3)
    carrier.play(call, ["Goodbye."])
    assert heard(carrier, call, clock) == [
        (3, "Welcome."),
        (3, "Press 1 for sales."),
        (0, "Goodbye."),
    ]


def test_looped_prompts_come_round_again_as_time_passes(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    call = customer_call(carrier)
    carrier.play(call, ["Please hold.", "Music."], loop=True)
    assert texts(carrier, call) == ["Please hold."]
    clock.advance(LOOP_SECONDS * 3)
    assert heard(carrier, call, clock) == [
        (30, "Please hold."),
        (20, "Music."),
        (10, "Please hold."),
        (0, "Music."),
    ]


@pytest.mark.parametrize("stop", ["stop_playing", "play", "connect", "hangup"])
def test_a_loop_plays_until_something_stops_it(
    carrier: SimulatedCarrier, clock: VirtualClock, stop: str
) -> None:
    call = customer_call(carrier)
    carrier.play(call, ["Music."], loop=True)
    clock.advance(LOOP_SECONDS)
    if stop == "stop_playing":
        carrier.stop_playing(call)
    elif stop == "play":
        carrier.play(call, ["An agent will be with you shortly."])
    elif stop == "connect":
        carrier.connect([call, carrier.agent_leg("user-1", "agent1")])
    else:
        carrier.hangup(call)
    clock.advance(LOOP_SECONDS * 5)
    assert texts(carrier, call).count("Music.") == 2


def test_a_new_loop_replaces_the_old_one(carrier: SimulatedCarrier, clock: VirtualClock) -> None:
    call = customer_call(carrier)
    carrier.play(call, ["Jazz."], loop=True)
    clock.advance(5)
    carrier.play(call, ["Rock."], loop=True)
    clock.advance(LOOP_SECONDS * 2)
    assert heard(carrier, call, clock) == [
        (25, "Jazz."),
        (20, "Rock."),
        (10, "Rock."),
        (0, "Rock."),
    ]


def test_an_empty_loop_is_silence(carrier: SimulatedCarrier, clock: VirtualClock) -> None:
    call = customer_call(carrier)
    carrier.play(call, ["Music."], loop=True)
    carrier.play(call, [], loop=True)
    clock.advance(LOOP_SECONDS * 3)
    assert texts(carrier, call) == ["Music."]


def test_nobody_hears_prompts_played_to_a_call_still_ringing(carrier: SimulatedCarrier) -> None:
    call = carrier.place_call(CUSTOMER, CENTER)
    carrier.play(call, ["Welcome."])
    assert texts(carrier, call) == []


def test_a_held_party_hears_what_is_then_played_to_it(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    call = customer_call(carrier)
    carrier.hold(call)
    carrier.play(call, ["Hold music."], loop=True)
    clock.advance(LOOP_SECONDS)
    assert texts(carrier, call) == ["Hold music.", "Hold music."]


# -- conversations and holds -------------------------------------------------------------------


def test_connected_legs_hear_each_other_and_stop_hearing_prompts(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    call = customer_call(carrier)
    agent = carrier.agent_leg("user-1", "agent1")
    carrier.play(call, ["Music."], loop=True)
    carrier.connect([call, agent])
    assert carrier.talking_with(call) == {agent}
    assert carrier.talking_with(agent) == {call}
    clock.advance(LOOP_SECONDS * 2)
    assert texts(carrier, call) == ["Music."]


def test_connecting_legs_takes_them_out_of_their_old_conversation(
    carrier: SimulatedCarrier,
) -> None:
    call = customer_call(carrier)
    first_agent = carrier.agent_leg("user-1", "agent1")
    second_agent = carrier.agent_leg("user-2", "agent2")
    carrier.connect([call, first_agent, second_agent])
    assert carrier.talking_with(first_agent) == {call, second_agent}
    carrier.connect([call, second_agent])  # the first agent leaves the conference
    assert carrier.talking_with(call) == {second_agent}
    assert carrier.talking_with(first_agent) == frozenset()


def test_a_single_leg_connected_is_left_alone(carrier: SimulatedCarrier) -> None:
    call = customer_call(carrier)
    agent = carrier.agent_leg("user-1", "agent1")
    carrier.connect([call, agent])
    carrier.connect([agent])
    assert carrier.talking_with(agent) == frozenset()
    assert carrier.talking_with(call) == frozenset()
    assert carrier.call(agent).state == "connected"


def test_a_conference_holds_six_parties_at_most(carrier: SimulatedCarrier) -> None:
    legs = [carrier.agent_leg(f"user-{n}", f"agent{n}") for n in range(MAX_PARTIES + 1)]
    carrier.connect(legs[:2])
    with pytest.raises(ValueError, match="at most 6 parties, not 7"):
        carrier.connect(legs)
    assert carrier.talking_with(legs[0]) == {legs[1]}  # nothing half-done
    carrier.connect([*legs[:MAX_PARTIES], legs[0]])  # the same leg twice counts once
    assert carrier.talking_with(legs[0]) == set(legs[1:MAX_PARTIES])


def test_a_leg_still_ringing_cannot_be_connected(carrier: SimulatedCarrier) -> None:
    ringing = carrier.dial(CENTER, "+12065550142", ring_seconds=20)
    agent = carrier.agent_leg("user-1", "agent1")
    with pytest.raises(ValueError, match="still ringing"):
        carrier.connect([agent, ringing])


def test_hold_takes_a_leg_out_of_its_conversation_and_connecting_brings_it_back(
    carrier: SimulatedCarrier,
) -> None:
    call = customer_call(carrier)
    agent = carrier.agent_leg("user-1", "agent1")
    third = carrier.dial(CENTER, "+12065550142", ring_seconds=20)
    carrier.party_answers(third)
    carrier.connect([call, agent, third])
    carrier.hold(call)
    assert carrier.call(call).state == "on_hold"
    assert carrier.talking_with(call) == frozenset()
    assert carrier.talking_with(agent) == {third}
    carrier.hold(call)  # holding twice changes nothing
    carrier.connect([call, agent, third])
    assert carrier.call(call).state == "connected"
    assert carrier.talking_with(call) == {agent, third}


def test_a_leg_still_ringing_cannot_be_held(carrier: SimulatedCarrier) -> None:
    ringing = carrier.place_call(CUSTOMER, CENTER)
    with pytest.raises(ValueError, match="still ringing"):
        carrier.hold(ringing)


def test_the_engine_cannot_answer_a_call_ringing_at_an_outside_number(
    carrier: SimulatedCarrier,
) -> None:
    leg = carrier.dial(CENTER, "+12065550142", ring_seconds=20)
    with pytest.raises(ValueError, match="only its party answers"):
        carrier.answer(leg)


def test_a_party_hanging_up_leaves_the_others_talking(carrier: SimulatedCarrier) -> None:
    call = customer_call(carrier)
    agent = carrier.agent_leg("user-1", "agent1")
    third = carrier.agent_leg("user-2", "agent2")
    carrier.connect([call, agent, third])
    carrier.party_hangs_up(agent)
    assert carrier.talking_with(call) == {third}
    carrier.hangup(third)
    assert carrier.talking_with(call) == frozenset()


def test_commands_for_legs_that_ended_or_never_existed_change_nothing(
    carrier: SimulatedCarrier, clock: VirtualClock
) -> None:
    # The customer may hang up while the engine is about to act on the call; after a restart
    # the engine ends contacts whose legs the network no longer knows.
    call = customer_call(carrier)
    agent = carrier.agent_leg("user-1", "agent1")
    carrier.party_hangs_up(call)
    for leg in (call, "from-before-a-restart"):
        carrier.answer(leg)
        carrier.play(leg, ["Hello?"], loop=True)
        carrier.stop_playing(leg)
        carrier.hold(leg)
        carrier.hangup(leg)
    carrier.connect([call, agent, "from-before-a-restart"])
    clock.advance(LOOP_SECONDS)
    assert carrier.call(call).state == LegState.ENDED
    assert texts(carrier, call) == []
    assert carrier.talking_with(agent) == frozenset()
