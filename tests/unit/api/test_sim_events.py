"""The `/sim` live feeds, as the `/phone` page follows them: a call's own feed (a snapshot, then
the call after each change: answered, prompts heard, hung up) and an outside number's feed (the
calls ringing at or connected to it). Everything runs in-process on the test's event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from opencontact.api.sim import sim_api
from opencontact.clock import VirtualClock
from opencontact.telephony.simulated import LOOP_SECONDS, SimulatedCarrier
from tests.support.asgi_websocket import Closed, WebSocketSession
from tests.support.telephony import CENTER, CUSTOMER, DESK_PHONE, RecordingListener

SUPERVISOR = "+15555550123"


@dataclass
class Engine(RecordingListener):
    """Stands in for the engine: records events and knows which contact each leg is on."""

    contacts: dict[str, str] = field(default_factory=dict)


@dataclass
class Sim:
    carrier: SimulatedCarrier
    clock: VirtualClock
    engine: Engine
    app: Starlette
    http: httpx.AsyncClient

    def socket(self, path: str) -> WebSocketSession:
        return WebSocketSession(self.app, f"/sim{path}")

    async def get(self, path: str) -> Any:
        response = await self.http.get(f"/sim{path}")
        assert response.status_code == 200, response.text
        return response.json()

    async def place_call(self) -> str:
        response = await self.http.post("/sim/calls", json={"from": CUSTOMER, "to": CENTER})
        assert response.status_code == 201, response.text
        call_id: str = response.json()["callId"]
        return call_id

    def dial(self, number: str, contact_id: str = "contact-1") -> str:
        """The contact center calls an outside number, as the engine does (the leg's contact is
        registered right after the carrier creates it)."""
        leg_id = self.carrier.dial(CENTER, number, ring_seconds=30)
        self.engine.contacts[leg_id] = contact_id
        return leg_id


@pytest.fixture
async def sim() -> AsyncIterator[Sim]:
    clock = VirtualClock()
    engine = Engine()
    carrier = SimulatedCarrier(clock)
    carrier.set_listener(engine)
    app = Starlette(routes=[Mount("/sim", app=sim_api(carrier, engine.contacts.get))])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://opencontact.test") as http:
        yield Sim(carrier, clock, engine, app, http)


# -- a call's feed -----------------------------------------------------------------------------


async def test_a_call_feed_starts_with_the_call_then_sends_each_change(sim: Sim) -> None:
    call_id = await sim.place_call()
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        snapshot = await socket.receive_json()
        assert snapshot == {"type": "snapshot", "call": await sim.get(f"/calls/{call_id}")}
        assert snapshot["call"]["state"] == "ringing"

        sim.engine.contacts[call_id] = "contact-1"
        sim.carrier.answer(call_id)
        update = await socket.receive_json()
        assert update["type"] == "call"
        assert update["call"]["state"] == "connected"
        assert update["call"]["contactId"] == "contact-1"
        assert update["call"] == await sim.get(f"/calls/{call_id}")


async def test_each_prompt_arrives_as_it_is_heard(sim: Sim) -> None:
    call_id = await sim.place_call()
    sim.carrier.answer(call_id)
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        assert (await socket.receive_json())["call"]["heard"] == []

        sim.carrier.play(call_id, ["Thank you for calling."])
        heard = (await socket.receive_json())["call"]["heard"]
        assert [prompt["text"] for prompt in heard] == ["Thank you for calling."]

        sim.carrier.play(call_id, ["(music)"], loop=True)
        heard = (await socket.receive_json())["call"]["heard"]
        assert [prompt["text"] for prompt in heard] == ["Thank you for calling.", "(music)"]
        sim.clock.advance(LOOP_SECONDS)
        heard = (await socket.receive_json())["call"]["heard"]
        assert [prompt["text"] for prompt in heard][-2:] == ["(music)", "(music)"]
        assert heard[-1]["at"] == "2026-01-05T09:00:10.000Z"


async def test_hanging_up_shows_the_call_ended(sim: Sim) -> None:
    call_id = await sim.place_call()
    sim.carrier.answer(call_id)
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        await socket.receive_json()
        response = await sim.http.delete(f"/sim/calls/{call_id}")
        assert response.status_code == 200
        update = await socket.receive_json()
        assert update["call"]["state"] == "ended"


async def test_changes_to_other_calls_send_nothing(sim: Sim) -> None:
    mine, other = await sim.place_call(), await sim.place_call()
    sim.carrier.answer(other)
    async with sim.socket(f"/calls/{mine}/events") as socket:
        await socket.receive_json()
        sim.carrier.play(other, ["Not for you."])
        sim.dial(DESK_PHONE)
        sim.carrier.answer(mine)
        # The next message is about this call's own change: nothing came before it.
        update = await socket.receive_json()
        assert update == {"type": "call", "call": await sim.get(f"/calls/{mine}")}


async def test_changes_in_one_moment_arrive_as_one_message(sim: Sim) -> None:
    call_id = await sim.place_call()
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        await socket.receive_json()
        sim.carrier.answer(call_id)
        sim.carrier.play(call_id, ["Welcome.", "Press 1 for sales."])
        sim.carrier.hangup(call_id)
        update = await socket.receive_json()
        assert update["call"]["state"] == "ended"
        assert [prompt["text"] for prompt in update["call"]["heard"]] == [
            "Welcome.",
            "Press 1 for sales.",
        ]


async def test_a_reconnect_starts_with_a_fresh_snapshot(sim: Sim) -> None:
    call_id = await sim.place_call()
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        await socket.receive_json()
    sim.carrier.answer(call_id)
    sim.carrier.play(call_id, ["Welcome."])
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        snapshot = await socket.receive_json()
        assert snapshot["type"] == "snapshot"
        assert snapshot["call"]["state"] == "connected"
        assert [prompt["text"] for prompt in snapshot["call"]["heard"]] == ["Welcome."]


async def test_what_the_client_sends_is_ignored(sim: Sim) -> None:
    call_id = await sim.place_call()
    async with sim.socket(f"/calls/{call_id}/events") as socket:
        await socket.receive_json()
        await socket.send_json({"type": "ping"})
        sim.carrier.answer(call_id)
        assert (await socket.receive_json())["call"]["state"] == "connected"


async def test_an_unknown_call_is_refused_with_4404(sim: Sim) -> None:
    async with sim.socket("/calls/no-such-call/events") as socket:
        with pytest.raises(Closed) as closed:
            await socket.receive_json()
    assert closed.value.code == 4404
    assert closed.value.reason == (
        "There is no call 'no-such-call'; calls are forgotten an hour after they end."
    )


# -- an outside number's feed ------------------------------------------------------------------


async def test_a_number_feed_shows_calls_ringing_then_connected_then_gone(sim: Sim) -> None:
    async with sim.socket(f"/numbers/{SUPERVISOR}/events") as socket:
        assert await socket.receive_json() == {"type": "snapshot", "calls": []}

        leg_id = sim.dial(SUPERVISOR)
        ringing = await socket.receive_json()
        assert ringing == {"type": "calls", **await sim.get(f"/numbers/{SUPERVISOR}/calls")}
        [call] = ringing["calls"]
        assert (call["callId"], call["from"], call["to"]) == (leg_id, CENTER, SUPERVISOR)
        assert call["state"] == "ringing"
        # The contact the engine gave the leg right after dialling is already there.
        assert call["contactId"] == "contact-1"

        response = await sim.http.post(f"/sim/calls/{leg_id}/answer")
        assert response.status_code == 200
        [call] = (await socket.receive_json())["calls"]
        assert call["state"] == "connected"

        response = await sim.http.delete(f"/sim/calls/{leg_id}")
        assert response.status_code == 200
        assert await socket.receive_json() == {"type": "calls", "calls": []}


async def test_a_declined_call_leaves_the_number_feed(sim: Sim) -> None:
    leg_id = sim.dial(SUPERVISOR)
    async with sim.socket(f"/numbers/{SUPERVISOR}/events") as socket:
        [call] = (await socket.receive_json())["calls"]
        assert call["state"] == "ringing"
        assert (await sim.http.post(f"/sim/calls/{leg_id}/reject")).status_code == 200
        assert await socket.receive_json() == {"type": "calls", "calls": []}
    assert sim.engine.events[-1] == ("failed", leg_id, "rejected")


async def test_a_number_feed_ignores_other_numbers_and_prompts(sim: Sim) -> None:
    first = sim.dial(SUPERVISOR)
    sim.carrier.party_answers(first)
    async with sim.socket("/numbers/1 (555) 555-0123/events") as socket:
        [call] = (await socket.receive_json())["calls"]
        assert call["callId"] == first
        sim.dial(DESK_PHONE)
        customer = await sim.place_call()
        sim.carrier.answer(customer)
        second = sim.dial(SUPERVISOR, "contact-2")
        update = await socket.receive_json()
        assert [(c["callId"], c["state"]) for c in update["calls"]] == [
            (first, "connected"),
            (second, "ringing"),
        ]


async def test_a_number_feed_for_a_number_that_is_not_one_is_refused_with_4400(
    sim: Sim,
) -> None:
    async with sim.socket("/numbers/call-me/events") as socket:
        with pytest.raises(Closed) as closed:
            await socket.receive_json()
    assert closed.value.code == 4400
    assert "'call-me' is not a phone number" in closed.value.reason
