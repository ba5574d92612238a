"""Watching the simulated carrier: each change a party could notice on a leg (it rings, is
answered, hears a prompt, is held, joins a conversation, ends) is told to every watcher, until
it stops watching; a watcher that fails breaks neither the call nor the other watchers."""

from __future__ import annotations

import logging

import pytest

from opencontact.clock import VirtualClock
from opencontact.telephony.sim_calls import CallSnapshot
from opencontact.telephony.simulated import SimulatedCarrier
from tests.support.telephony import CENTER, CUSTOMER, DESK_PHONE, RecordingListener


@pytest.fixture
def carrier() -> SimulatedCarrier:
    carrier = SimulatedCarrier(VirtualClock())
    carrier.set_listener(RecordingListener())
    return carrier


def seen(changes: list[CallSnapshot]) -> list[tuple[str, int]]:
    return [(call.state.value, len(call.heard)) for call in changes]


def test_a_watcher_sees_a_call_ring_connect_hear_hold_and_end(carrier: SimulatedCarrier) -> None:
    changes: list[CallSnapshot] = []
    carrier.watch(changes.append)
    call_id = carrier.place_call(CUSTOMER, CENTER)
    carrier.answer(call_id)
    carrier.play(call_id, ["Welcome.", "Press 1."])
    carrier.hold(call_id)
    carrier.party_hangs_up(call_id)
    assert {call.call_id for call in changes} == {call_id}
    assert seen(changes) == [
        ("ringing", 0),
        ("connected", 0),
        ("connected", 1),
        ("connected", 2),
        ("on_hold", 2),
        ("ended", 2),
    ]


def test_a_watcher_sees_outside_calls_and_conversations(carrier: SimulatedCarrier) -> None:
    changes: list[CallSnapshot] = []
    carrier.watch(changes.append)
    leg_id = carrier.dial(CENTER, DESK_PHONE, ring_seconds=30)
    carrier.party_answers(leg_id)
    carrier.connect([leg_id])
    assert [(call.call_id, call.to_number) for call in changes] == [(leg_id, DESK_PHONE)] * 3
    assert seen(changes) == [("ringing", 0), ("connected", 0), ("connected", 0)]


def test_a_watcher_that_stopped_hears_nothing_more(carrier: SimulatedCarrier) -> None:
    changes: list[CallSnapshot] = []
    stop = carrier.watch(changes.append)
    call_id = carrier.place_call(CUSTOMER, CENTER)
    stop()
    stop()  # stopping twice is harmless
    carrier.answer(call_id)
    assert seen(changes) == [("ringing", 0)]


def test_a_failing_watcher_is_logged_and_the_others_still_hear(
    carrier: SimulatedCarrier, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_call: CallSnapshot) -> None:
        raise RuntimeError("boom")

    changes: list[CallSnapshot] = []
    carrier.watch(broken)
    carrier.watch(changes.append)
    with caplog.at_level(logging.ERROR):
        call_id = carrier.place_call(CUSTOMER, CENTER)
    assert seen(changes) == [("ringing", 0)]
    assert carrier.call(call_id).state.value == "ringing"
    assert "a watcher of the simulated carrier failed" in caplog.text
