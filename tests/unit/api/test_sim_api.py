"""The `/sim` HTTP API, as the `/phone` page and a tutorial's script use it: customers dial,
listen, press keys and hang up; outside numbers are configured, and answer or decline.

Requests go through httpx's in-process ASGI transport on the test's own event loop (Starlette's
TestClient would run the app on a second thread, and warns that its httpx support is going)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from opencontact.api.sim import ContactLookup, sim_api
from opencontact.clock import SystemClock, VirtualClock
from opencontact.telephony.simulated import LOOP_SECONDS, SimulatedCarrier
from tests.support.telephony import CENTER, CUSTOMER, DESK_PHONE, RecordingListener


@dataclass
class Engine(RecordingListener):
    """Stands in for the engine: records events and knows which contact each leg is on."""

    contacts: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def engine() -> Engine:
    return Engine()


@pytest.fixture
def carrier(clock: VirtualClock, engine: Engine) -> SimulatedCarrier:
    carrier = SimulatedCarrier(clock)
    carrier.set_listener(engine)
    return carrier


def serve(carrier: SimulatedCarrier, contact_of: ContactLookup | None = None) -> httpx.AsyncClient:
    sim = sim_api(carrier, contact_of) if contact_of else sim_api(carrier)
    app = Starlette(routes=[Mount("/sim", app=sim)])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://opencontact.test")


@pytest.fixture
async def client(carrier: SimulatedCarrier, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    async with serve(carrier, engine.contacts.get) as client:
        yield client


async def place_call(client: httpx.AsyncClient, **body: Any) -> str:
    response = await client.post("/sim/calls", json={"from": CUSTOMER, "to": CENTER, **body})
    assert response.status_code == 201, response.text
    call_id: str = response.json()["callId"]
    return call_id


def message(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message"}
    text: str = body["message"]
    return text


# -- a customer's call -------------------------------------------------------------------------


async def test_a_customer_dials_and_the_call_rings(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    call_id = await place_call(client)
    assert engine.events == [("incoming_call", call_id, CUSTOMER, CENTER)]
    assert (await client.get(f"/sim/calls/{call_id}")).json() == {
        "callId": call_id,
        "from": CUSTOMER,
        "to": CENTER,
        "state": "ringing",
        "heard": [],
        "contactId": None,
    }


async def test_a_call_shows_its_prompts_in_order_with_their_times_and_its_contact(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine, clock: VirtualClock
) -> None:
    call_id = await place_call(client)
    carrier.answer(call_id)
    engine.contacts[call_id] = "contact-1"
    carrier.play(call_id, ["Welcome.", "Press 1 for sales."])
    clock.advance(2.5)
    carrier.play(call_id, ["Music."], loop=True)
    clock.advance(LOOP_SECONDS)
    call = (await client.get(f"/sim/calls/{call_id}")).json()
    assert call["state"] == "connected"
    assert call["contactId"] == "contact-1"
    assert call["heard"] == [
        {"text": "Welcome.", "at": "2026-01-05T09:00:00.000Z"},
        {"text": "Press 1 for sales.", "at": "2026-01-05T09:00:00.000Z"},
        {"text": "Music.", "at": "2026-01-05T09:00:02.500Z"},
        {"text": "Music.", "at": "2026-01-05T09:00:12.500Z"},
    ]


async def test_numbers_without_plus_are_accepted(client: httpx.AsyncClient, engine: Engine) -> None:
    call_id = await place_call(client, **{"from": "15555550100", "to": "18005550199"})
    assert engine.events == [("incoming_call", call_id, CUSTOMER, CENTER)]


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({"to": CENTER}, '"from" is required'),
        ({"from": CUSTOMER}, '"to" is required'),
        ({"from": 15555550100, "to": CENTER}, '"from" is required and must be a string'),
        ({"from": "call me", "to": CENTER}, "'call me' is not a phone number"),
        ({"from": CUSTOMER, "to": "+1800CALLNOW"}, "E.164"),
    ],
)
async def test_a_call_needs_two_phone_numbers(
    client: httpx.AsyncClient, engine: Engine, body: dict[str, Any], complaint: str
) -> None:
    assert complaint in message(await client.post("/sim/calls", json=body), 400)
    assert engine.events == []


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (b"{not json", "not valid JSON"),
        (b'["+15555550100"]', "must be a JSON object"),
        (b'{"from": NaN}', "not valid JSON"),
        (b"", '"from" is required'),
    ],
)
async def test_a_body_must_be_a_json_object(
    client: httpx.AsyncClient, content: bytes, complaint: str
) -> None:
    assert complaint in message(await client.post("/sim/calls", content=content), 400)


async def test_an_unknown_call_is_not_found(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/sim/calls/nope"),
        await client.delete("/sim/calls/nope"),
        await client.post("/sim/calls/nope/dtmf", json={"digits": "1"}),
        await client.post("/sim/calls/nope/answer"),
        await client.post("/sim/calls/nope/reject"),
    ):
        assert "There is no call 'nope'" in message(response, 404)


async def test_the_customer_presses_keys_on_a_connected_call(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine
) -> None:
    call_id = await place_call(client)
    carrier.answer(call_id)
    response = await client.post(f"/sim/calls/{call_id}/dtmf", json={"digits": "1#"})
    assert response.status_code == 200
    assert response.json()["state"] == "connected"
    assert engine.events[-1] == ("digits_pressed", call_id, "1#")


async def test_keys_pressed_before_the_call_is_answered_are_refused(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    call_id = await place_call(client)
    response = await client.post(f"/sim/calls/{call_id}/dtmf", json={"digits": "1"})
    assert "keys can only be pressed on a connected call" in message(response, 409)
    assert [event[0] for event in engine.events] == ["incoming_call"]


@pytest.mark.parametrize(
    ("body", "complaint"),
    [({}, '"digits" is required'), ({"digits": 1}, "must be a string"), ({"digits": "1x"}, "0-9")],
)
async def test_only_phone_keys_can_be_pressed(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, body: dict[str, Any], complaint: str
) -> None:
    call_id = await place_call(client)
    carrier.answer(call_id)
    assert complaint in message(await client.post(f"/sim/calls/{call_id}/dtmf", json=body), 400)


async def test_the_customer_hangs_up(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine
) -> None:
    call_id = await place_call(client)
    carrier.answer(call_id)
    response = await client.delete(f"/sim/calls/{call_id}")
    assert response.status_code == 200
    assert response.json()["state"] == "ended"
    assert engine.events[-1] == ("hung_up", call_id)
    assert "already ended" in message(await client.delete(f"/sim/calls/{call_id}"), 409)
    assert (await client.get(f"/sim/calls/{call_id}")).json()["state"] == "ended"


# -- outside numbers ---------------------------------------------------------------------------


async def test_a_desk_phone_sees_the_call_ringing_and_answers_it(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine
) -> None:
    assert (await client.get(f"/sim/numbers/{DESK_PHONE}/calls")).json() == {"calls": []}
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    calls = (await client.get(f"/sim/numbers/{DESK_PHONE}/calls")).json()["calls"]
    assert calls == [
        {
            "callId": leg,
            "from": CENTER,
            "to": DESK_PHONE,
            "state": "ringing",
            "heard": [],
            "contactId": None,
        }
    ]
    response = await client.post(f"/sim/calls/{leg}/answer")
    assert response.status_code == 200
    assert response.json()["state"] == "connected"
    assert engine.events == [("answered", leg)]
    assert "is connected, not ringing" in message(
        await client.post(f"/sim/calls/{leg}/answer"), 409
    )
    listed = (await client.get("/sim/numbers/%2B12065550142/calls")).json()["calls"]
    assert [call["state"] for call in listed] == ["connected"]


async def test_a_desk_phone_declines_the_call(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine
) -> None:
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    response = await client.post(f"/sim/calls/{leg}/reject")
    assert response.status_code == 200
    assert response.json()["state"] == "ended"
    assert engine.events == [("failed", leg, "rejected")]
    assert (await client.get(f"/sim/numbers/{DESK_PHONE}/calls")).json() == {"calls": []}
    assert "is ended, not ringing" in message(await client.post(f"/sim/calls/{leg}/reject"), 409)


async def test_a_customer_call_cannot_be_answered_through_the_outside_party_endpoints(
    client: httpx.AsyncClient,
) -> None:
    call_id = await place_call(client)
    for action in ("answer", "reject"):
        response = await client.post(f"/sim/calls/{call_id}/{action}")
        assert "not ringing at an outside number" in message(response, 409)


async def test_a_number_answers_by_itself_after_the_configured_delay(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine, clock: VirtualClock
) -> None:
    response = await client.put(
        f"/sim/numbers/{DESK_PHONE}", json={"answer": "auto", "afterSeconds": 4}
    )
    assert response.status_code == 200
    assert response.json() == {"number": DESK_PHONE, "answer": "auto", "afterSeconds": 4}
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(3)
    assert (await client.get(f"/sim/calls/{leg}")).json()["state"] == "ringing"
    clock.advance(1)
    assert (await client.get(f"/sim/calls/{leg}")).json()["state"] == "connected"
    assert engine.events == [("answered", leg)]


@pytest.mark.parametrize(("answer", "reason"), [("busy", "busy"), ("no-answer", "no-answer")])
async def test_a_busy_or_unanswered_number_fails_the_call(
    client: httpx.AsyncClient,
    carrier: SimulatedCarrier,
    engine: Engine,
    clock: VirtualClock,
    answer: str,
    reason: str,
) -> None:
    assert (
        await client.put(f"/sim/numbers/{DESK_PHONE}", json={"answer": answer})
    ).status_code == 200
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    clock.advance(20)
    assert engine.events == [("failed", leg, reason)]


async def test_a_number_reads_back_its_behaviour_in_e164(client: httpx.AsyncClient) -> None:
    assert (await client.get("/sim/numbers/12065550142")).json() == {
        "number": DESK_PHONE,
        "answer": "manual",
        "afterSeconds": 0,
    }
    await client.put("/sim/numbers/12065550142", json={"answer": "auto", "afterSeconds": 1.5})
    assert (await client.get(f"/sim/numbers/{DESK_PHONE}")).json()["afterSeconds"] == 1.5


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({}, '"answer" is required and must be one of "manual", "auto", "busy", "no-answer"'),
        ({"answer": "sometimes"}, '"answer" is required'),
        ({"answer": ["auto"]}, '"answer" is required'),
        ({"answer": "auto", "afterSeconds": -1}, '"afterSeconds" must be 0 or more'),
        ({"answer": "auto", "afterSeconds": "5"}, '"afterSeconds" must be a number'),
        ({"answer": "auto", "afterSeconds": True}, '"afterSeconds" must be a number'),
    ],
)
async def test_a_number_behaviour_must_make_sense(
    client: httpx.AsyncClient, body: dict[str, Any], complaint: str
) -> None:
    assert complaint in message(await client.put(f"/sim/numbers/{DESK_PHONE}", json=body), 400)
    assert (await client.get(f"/sim/numbers/{DESK_PHONE}")).json()["answer"] == "manual"


async def test_a_malformed_number_in_the_path_is_refused(client: httpx.AsyncClient) -> None:
    assert "E.164" in message(await client.get("/sim/numbers/desk/calls"), 400)
    assert "E.164" in message(await client.get("/sim/numbers/desk"), 400)
    assert "E.164" in message(await client.put("/sim/numbers/desk", json={"answer": "busy"}), 400)


# -- time, unknown paths, failures -------------------------------------------------------------


async def test_a_simulation_moves_time_forward_through_the_api(
    client: httpx.AsyncClient, carrier: SimulatedCarrier, engine: Engine
) -> None:
    assert (await client.get("/sim/clock")).json() == {
        "now": "2026-01-05T09:00:00.000Z",
        "virtual": True,
    }
    leg = carrier.dial(CENTER, DESK_PHONE, ring_seconds=20)
    response = await client.post("/sim/clock/advance", json={"seconds": 20})
    assert response.json() == {"now": "2026-01-05T09:00:20.000Z", "virtual": True}
    assert engine.events == [("failed", leg, "no-answer")]


@pytest.mark.parametrize(
    ("body", "complaint"),
    [({}, '"seconds" is required'), ({"seconds": -5}, "0 or more"), ({"seconds": "x"}, "number")],
)
async def test_time_moves_forward_only_by_a_number_of_seconds(
    client: httpx.AsyncClient, body: dict[str, Any], complaint: str
) -> None:
    assert complaint in message(await client.post("/sim/clock/advance", json=body), 400)


async def test_the_real_clock_cannot_be_moved(engine: Engine) -> None:
    async with serve(SimulatedCarrier(SystemClock())) as client:
        assert (await client.get("/sim/clock")).json()["virtual"] is False
        response = await client.post("/sim/clock/advance", json={"seconds": 1})
        assert "real clock" in message(response, 409)


async def test_an_unknown_path_or_method_answers_with_a_message(client: httpx.AsyncClient) -> None:
    assert "Nothing answers GET /sim/phones" in message(await client.get("/sim/phones"), 404)
    response = await client.patch("/sim/calls")
    assert "/sim/calls does not answer PATCH; it answers POST" in message(response, 405)
    response = await client.post("/sim/calls/some-call")
    allowed = message(response, 405).partition("it answers ")[2]
    assert {"GET", "DELETE"} <= set(allowed.rstrip(".").split(", "))


async def test_an_internal_error_answers_500_without_a_stack_trace(
    carrier: SimulatedCarrier,
) -> None:
    def broken_lookup(_leg_id: str) -> str | None:
        raise RuntimeError("secret internals")

    async with serve(carrier, broken_lookup) as client:
        call_id = await place_call(client)
        response = await client.get(f"/sim/calls/{call_id}")
    text = message(response, 500)
    assert "internal error" in text
    assert "secret internals" not in response.text
