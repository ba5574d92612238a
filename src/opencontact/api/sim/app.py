"""The `/sim` HTTP API: the simulated parties' side of the simulated carrier.

Customers dial, listen, press keys and hang up; outside numbers are told how to behave and
answer or decline what rings at them (the "Simulated carrier API" contract). Every
answer is JSON; every error is `{"message": ...}` with 400 (malformed input), 404 (no such
call or endpoint), 409 (the call's state does not allow it) or 500 (a bug; details in the log).

Two WebSockets follow calls live (`api.sim.events`): `/calls/{callId}/events` and
`/numbers/{e164}/events`.

When the carrier runs on a `VirtualClock` (a simulation, or a test of a live server), `POST
/sim/clock/advance` moves time forward on the server's own event loop; on the system clock it
answers 409.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute

from opencontact.api.sim.events import SimFeeds
from opencontact.clock import VirtualClock
from opencontact.telephony.sim_calls import (
    AnswerMode,
    CallSnapshot,
    CallStateConflict,
    InvalidInput,
    NumberBehaviour,
    SimulationError,
    UnknownCall,
    canonical_number,
)
from opencontact.telephony.simulated import SimulatedCarrier

ContactLookup = Callable[[str], str | None]
"""Leg id -> the id of the contact the leg belongs to, if any."""


def _no_contact(_leg_id: str) -> str | None:
    return None


def sim_api(carrier: SimulatedCarrier, contact_of: ContactLookup = _no_contact) -> Starlette:
    """The API as an application to mount at `/sim`."""
    api = _SimApi(carrier, contact_of)
    feeds = SimFeeds(carrier, api.view)
    routes = [
        Route("/calls", api.place_call, methods=["POST"]),
        Route("/calls/{call_id}", api.call, methods=["GET", "DELETE"]),
        Route("/calls/{call_id}/dtmf", api.press_digits, methods=["POST"]),
        Route("/calls/{call_id}/answer", api.answer, methods=["POST"]),
        Route("/calls/{call_id}/reject", api.reject, methods=["POST"]),
        Route("/numbers/{number}", api.number, methods=["GET", "PUT"]),
        Route("/numbers/{number}/calls", api.calls_at_number, methods=["GET"]),
        Route("/clock", api.describe_clock, methods=["GET"]),
        Route("/clock/advance", api.advance_clock, methods=["POST"]),
        WebSocketRoute("/calls/{call_id}/events", feeds.call_events),
        WebSocketRoute("/numbers/{number}/events", feeds.number_events),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            SimulationError: _simulation_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
    )


class _SimApi:
    def __init__(self, carrier: SimulatedCarrier, contact_of: ContactLookup) -> None:
        self._carrier = carrier
        self._contact_of = contact_of

    # -- calls -------------------------------------------------------------------------------

    async def place_call(self, request: Request) -> Response:
        body = await _json_object(request)
        from_number = _text(body, "from", "+15555550100")
        to_number = _text(body, "to", "+18005550199")
        call_id = self._carrier.place_call(from_number, to_number)
        return JSONResponse({"callId": call_id}, status_code=201)

    async def call(self, request: Request) -> Response:
        if request.method == "DELETE":  # the party hangs up
            self._carrier.party_hangs_up(request.path_params["call_id"])
        return self._call(request)

    async def press_digits(self, request: Request) -> Response:
        body = await _json_object(request)
        digits = _text(body, "digits", '"1#"')
        self._carrier.press_digits(request.path_params["call_id"], digits)
        return self._call(request)

    async def answer(self, request: Request) -> Response:
        self._carrier.party_answers(request.path_params["call_id"])
        return self._call(request)

    async def reject(self, request: Request) -> Response:
        self._carrier.party_rejects(request.path_params["call_id"])
        return self._call(request)

    # -- outside numbers ---------------------------------------------------------------------

    async def number(self, request: Request) -> Response:
        number = canonical_number(request.path_params["number"])
        if request.method == "PUT":
            body = await _json_object(request)
            behaviour = NumberBehaviour(_answer_mode(body), _seconds(body, "afterSeconds", 0.0))
            self._carrier.configure_number(number, behaviour)
        return _number(number, self._carrier.number_behaviour(number))

    async def calls_at_number(self, request: Request) -> Response:
        calls = self._carrier.calls_at(request.path_params["number"])
        return JSONResponse({"calls": [self.view(call) for call in calls]})

    # -- time --------------------------------------------------------------------------------

    async def describe_clock(self, _request: Request) -> Response:
        clock = self._carrier.clock
        return JSONResponse({"now": _iso(clock.now()), "virtual": isinstance(clock, VirtualClock)})

    async def advance_clock(self, request: Request) -> Response:
        clock = self._carrier.clock
        if not isinstance(clock, VirtualClock):
            raise CallStateConflict(
                "The server runs on the real clock; only a simulation's virtual clock can be "
                "moved forward."
            )
        body = await _json_object(request)
        if "seconds" not in body:
            raise InvalidInput('"seconds" is required: how far to move time forward, like 30.')
        clock.advance(_seconds(body, "seconds", 0.0))
        return JSONResponse({"now": _iso(clock.now()), "virtual": True})

    # -- rendering ---------------------------------------------------------------------------

    def _call(self, request: Request) -> Response:
        return JSONResponse(self.view(self._carrier.call(request.path_params["call_id"])))

    def view(self, call: CallSnapshot) -> dict[str, Any]:
        return {
            "callId": call.call_id,
            "from": call.from_number,
            "to": call.to_number,
            "state": call.state.value,
            "heard": [{"text": heard.text, "at": _iso(heard.at)} for heard in call.heard],
            "contactId": self._contact_of(call.call_id),
        }


def _number(number: str, behaviour: NumberBehaviour) -> Response:
    seconds = behaviour.after_seconds
    return JSONResponse(
        {
            "number": number,
            "answer": behaviour.answer.value,
            "afterSeconds": int(seconds) if seconds.is_integer() else seconds,
        }
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# -- reading bodies ----------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


async def _json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        body = json.loads(raw, parse_constant=_refuse_constant) if raw.strip() else {}
    except ValueError:
        raise InvalidInput("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise InvalidInput("The request body must be a JSON object.")
    return body


def _text(body: dict[str, Any], name: str, example: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise InvalidInput(f'"{name}" is required and must be a string, like {example}.')
    return value


def _seconds(body: dict[str, Any], name: str, default: float) -> float:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f'"{name}" must be a number of seconds, like 5.')
    if value < 0:
        raise InvalidInput(f'"{name}" must be 0 or more.')
    return float(value)


def _answer_mode(body: dict[str, Any]) -> AnswerMode:
    modes = ", ".join(f'"{mode.value}"' for mode in AnswerMode)
    value = body.get("answer")
    if not isinstance(value, str) or value not in {mode.value for mode in AnswerMode}:
        raise InvalidInput(f'"answer" is required and must be one of {modes}.')
    return AnswerMode(value)


# -- errors ------------------------------------------------------------------------------------


async def _simulation_error(_request: Request, error: Exception) -> Response:
    status = 400
    if isinstance(error, UnknownCall):
        status = 404
    elif isinstance(error, CallStateConflict):
        status = 409
    return JSONResponse({"message": str(error)}, status_code=status)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    path = request.url.path
    if error.status_code == 404:
        message = f"Nothing answers {request.method} {path}; see the simulated carrier API."
    elif error.status_code == 405:
        allowed = (error.headers or {}).get("Allow", "other methods")
        message = f"{path} does not answer {request.method}; it answers {allowed}."
    else:
        message = error.detail
    return JSONResponse({"message": message}, status_code=error.status_code, headers=error.headers)


async def _internal_error(_request: Request, _error: Exception) -> Response:
    # Starlette raises the exception again after this answer, so the server logs its traceback;
    # the client only learns that it happened.
    return JSONResponse(
        {"message": "The simulated carrier hit an internal error; the server log has the details."},
        status_code=500,
    )
